import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PortSet } from '../../../src/net/port-set.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { fortios } from '../../../src/targets/fortios/index.js';
import { PREDEFINED_SERVICES, parseFortiosConfig, readFortios } from '../../../src/targets/fortios/parse/index.js';
import { generateWith } from '../../../src/targets/generate/generate.js';
import { mergePieces, type ServicePiece } from '../../../src/targets/kit/zone-policy.js';
import { pickFormat } from '../../../src/verify/config-formats.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { fixturesDir, missing, requirements } from '../../support/system.js';
import { EXAMPLES, exampleMatrix, generated, repoRoot } from '../support/examples.js';
import { caught, comparableRows, expectClean, must, opaqueRules } from '../support/verify-round-trip.js';

const parse = (text: string, path = 'fw.conf') => must(parseFortiosConfig({ path, text }));
const fortiText = (matrix: ReturnType<typeof exampleMatrix>, fw: string) =>
  generated(fortios, matrix, fw).artifacts.find((a) => a.path.endsWith('.fortios.conf'))?.content ?? '';

describe('our own FortiOS output reads back clean', () => {
  let rows = 0;
  for (const name of EXAMPLES) {
    const matrix = exampleMatrix(name);
    for (const fw of matrix.firewalls) {
      it(`${name} ${fw.name}: every comparable row permitted, nothing beyond the matrix`, () => {
        const out = generateWith(fortios, matrix, { firewall: fw.name });
        // A site FortiOS cannot take (an interface written as a prefix) is refused by the target, not read here.
        if (!out.ok) return expect(out.issues[0]?.message).toMatch(/not a valid FortiOS interface/);
        const text = out.value.artifacts.find((a) => a.path.endsWith('.fortios.conf'))?.content ?? '';
        rows += comparableRows(expectClean(matrix, fw.name, parse(text, `${fw.name}.fortios.conf`))).length;
      });
    }
  }
  it('the example sites gave rows to compare', () => expect(rows).toBeGreaterThan(50));

  const goldenDir = join(repoRoot, 'test/targets/fortios/golden');
  const goldens = readdirSync(goldenDir).filter((f) => f.endsWith('.fortios.conf'));
  it.each(goldens)('golden %s', (file) => {
    const [site, fw] = file.replace('.fortios.conf', '').split('.') as [string, string?];
    const matrix = site === 'realistic' ? realisticMatrix() : exampleMatrix(site);
    const rs = parse(readFileSync(join(goldenDir, file), 'utf8'), file);
    expectClean(matrix, fw ?? 'fw', rs);
  });
});

/** Policies of the `config firewall policy` section as text blocks (`edit` … `next`). */
function policyBlocks(text: string): { before: string; blocks: string[]; after: string } {
  const start = text.indexOf('config firewall policy\n') + 'config firewall policy\n'.length;
  const end = text.indexOf('\nend', start);
  const blocks = text
    .slice(start, end)
    .split(/(?<=\n {4}next)\n/)
    .filter((b) => b.trim() !== '');
  return { before: text.slice(0, start), blocks, after: text.slice(end) };
}
const join3 = (p: { before: string; blocks: string[]; after: string }) => p.before + p.blocks.join('\n') + p.after;

describe('mutations of our own output are caught', () => {
  const site = 'exchange-hybrid-web-mfa-site';
  const fw = 'fw-internal';
  const matrix = exampleMatrix(site);
  const text = fortiText(matrix, fw);
  const check = (mutated: string) => caught(matrix, fw, parse(mutated));
  // The web application proxies' policy (the first two policies are the same, for two rows).
  const wapPolicy = (blocks: readonly string[]) => blocks.findIndex((b) => b.includes('set srcaddr "wap_wap-farm"'));

  it('the unmutated text is clean (the baseline of each mutation)', () => {
    expect(check(text)).toEqual({ rows: [], beyond: [] });
  });

  it('drop a policy: its rows are denied', () => {
    const p = policyBlocks(text);
    p.blocks.splice(wapPolicy(p.blocks), 1);
    const c = check(join3(p));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.every((r) => r.endsWith('denied'))).toBe(true);
  });

  it('widen a port: the policy opens beyond the matrix', () => {
    const c = check(text.replace(/set tcp-portrange \S+/, 'set tcp-portrange 1-65535'));
    expect(c.beyond.length).toBeGreaterThan(0);
    expect(c.rows).toEqual([]);
  });

  it('swap source and destination: the row is denied and the reverse opened', () => {
    const p = policyBlocks(text);
    const at = wapPolicy(p.blocks);
    const block = p.blocks[at] as string;
    const src = /set srcaddr (.*)/.exec(block)?.[1] as string;
    const dst = /set dstaddr (.*)/.exec(block)?.[1] as string;
    p.blocks[at] = block
      .replace(`set srcaddr ${src}`, `set srcaddr ${dst}`)
      .replace(`set dstaddr ${dst}`, `set dstaddr ${src}`);
    const c = check(join3(p));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.beyond.length).toBeGreaterThan(0);
  });

  it('insert an earlier deny: every row it covers is denied', () => {
    const p = policyBlocks(text);
    p.blocks.unshift(
      '    edit 99\n        set srcintf "any"\n        set dstintf "any"\n        set srcaddr "all"\n        set dstaddr "all"\n        set srcaddr6 "all"\n        set dstaddr6 "all"\n        set service "ALL"\n        set action deny\n    next',
    );
    const c = check(join3(p));
    const v = c.rows;
    expect(v.length).toBeGreaterThan(3);
    expect(v.every((r) => r.endsWith('denied'))).toBe(true);
  });

  it('change a group member: part of a row is denied and another host opened', () => {
    const group = /config firewall addrgrp\n {4}edit "[^"]+"\n {8}set member "([^"]+)"/.exec(text);
    const member = group?.[1] as string;
    const other = /edit "(host_10\.40\.1\.60)"/.exec(text)?.[1] as string;
    expect(member).toBeDefined();
    expect(other).toBeDefined();
    const mutated = text.replace(`set member "${member}"`, `set member "${other}"`);
    const c = check(mutated);
    expect(c.rows.some((r) => r.endsWith('partial') || r.endsWith('denied'))).toBe(true);
    expect(c.beyond.length).toBeGreaterThan(0);
  });
});

const decide = (rs: Ruleset, packet: string) => {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(rs, p.value);
  if (d.kind !== 'decided') return 'indeterminate';
  const line = d.decidedBy?.rule.provenance.line;
  return line === undefined ? d.action : `${d.action}@${line}`;
};

const HEAD = `config system zone
    edit "inside"
        set interface "port2" "port3"
    next
end
config firewall address
    edit "lan"
        set subnet 10.1.0.0 255.255.0.0
    next
    edit "web \\"one\\""
        set subnet 192.0.2.10/32
    next
    edit "range"
        set type iprange
        set start-ip 192.0.2.20
        set end-ip 192.0.2.29
    next
    edit "google"
        set type fqdn
        set fqdn "google.com"
    next
    edit "aq"
        set type geography
        set country "AQ"
    next
    edit "wild"
        set type wildcard
        set wildcard 10.9.0.1 255.255.0.255
    next
end
config firewall addrgrp
    edit "servers"
        set member "web \\"one\\"" "range"
    next
    edit "nested"
        set member "servers" "lan"
        set exclude enable
        set exclude-member "range"
    next
end
config firewall service custom
    edit "web"
        set tcp-portrange 80 8080-8090:1024-65535
        set udp-portrange 53
    next
    edit "icmp-unreach"
        set protocol ICMP
        set icmptype 3
        set icmpcode 1
    next
    edit "gre"
        set protocol IP
        set protocol-number 47
    next
end
config firewall service group
    edit "g"
        set member "web" "HTTPS"
    next
end
`;

describe('FortiOS constructs', () => {
  it('reads addresses, groups with exclude, quoted names with escapes, wildcard masks', () => {
    const doc = must(readFortios({ path: 'f', text: HEAD }));
    expect(doc.addresses.get('web "one"')?.set.toCidrs()).toEqual(['192.0.2.10/32']);
    expect(doc.addresses.get('range')?.set.toCidrs()).toEqual(['192.0.2.20/30', '192.0.2.24/30', '192.0.2.28/31']);
    expect(doc.addresses.get('wild')?.set.toCidrs()).toHaveLength(256);
    expect(doc.addresses.get('wild')?.set.contains('10.9.77.1')).toBe(true);
    expect(doc.addresses.get('wild')?.set.contains('10.9.77.2')).toBe(false);
    expect(doc.addresses.get('google')?.opaque).toMatch(/FQDN/);
    expect(doc.addresses.get('aq')?.opaque).toMatch(/country/);
  });

  it('policy order is the order in the file, not the edit number; the implicit deny closes', () => {
    const rs = parse(`${HEAD}config firewall policy
    edit 9
        set srcintf "port1"
        set dstintf "inside"
        set srcaddr "all"
        set dstaddr "servers"
        set service "HTTPS"
        set action deny
    next
    edit 1
        set srcintf "port1"
        set dstintf "inside"
        set srcaddr "all"
        set dstaddr "nested"
        set service "g"
        set action accept
        set schedule "always"
    next
end
`);
    const at = 'in port1 out port2 from-zone port1 to-zone port2';
    expect(decide(rs, `tcp 10.0.0.1:1000 -> 192.0.2.10:443 ${at}`)).toMatch(/^drop@/);
    expect(decide(rs, `tcp 10.0.0.1:1000 -> 192.0.2.10:80 ${at}`)).toMatch(/^accept@/);
    // The zone stands for its member interfaces, and for its own name.
    expect(decide(rs, 'tcp 10.0.0.1:1000 -> 192.0.2.10:80 from-zone port1 to-zone inside')).toMatch(/^accept@/);
    expect(decide(rs, 'tcp 10.0.0.1:1000 -> 192.0.2.10:80 from-zone port1 to-zone port9')).toBe('drop');
    // 8080-8090 only from source ports 1024-65535; udp/53 too; the excluded range is not in "nested".
    expect(decide(rs, `tcp 10.0.0.1:2000 -> 10.1.2.3:8085 ${at}`)).toMatch(/^accept@/);
    expect(decide(rs, `tcp 10.0.0.1:999 -> 10.1.2.3:8085 ${at}`)).toBe('drop');
    expect(decide(rs, `udp 10.0.0.1:999 -> 10.1.2.3:53 ${at}`)).toMatch(/^accept@/);
    expect(decide(rs, `tcp 10.0.0.1:2000 -> 192.0.2.21:80 ${at}`)).toBe('drop');
    // Answers of sessions pass (stateful).
    expect(
      decide(
        rs,
        `tcp 192.0.2.10:80 -> 10.0.0.1:2000 in port2 out port1 from-zone port2 to-zone port1 state established`,
      ),
    ).toBe('accept');
  });

  it('names what it does not model: FQDN members, schedules, users, disabled policies, unknown names', () => {
    const text = `${HEAD}config firewall policy
    edit 1
        set srcintf "any"
        set dstintf "any"
        set srcaddr "lan"
        set dstaddr "google" "web \\"one\\""
        set service "HTTPS"
        set action deny
    next
    edit 2
        set srcintf "any"
        set dstintf "any"
        set srcaddr "lan"
        set dstaddr "all"
        set service "SSH"
        set action accept
        set schedule "office-hours"
    next
    edit 3
        set srcintf "any"
        set dstintf "any"
        set srcaddr "lan"
        set dstaddr "all"
        set service "NO-SUCH"
        set status disable
    next
    edit 4
        set srcintf "any"
        set dstintf "any"
        set srcaddr "lan"
        set dstaddr "vip-1"
        set service "ALL"
        set action accept
    next
end
`;
    const r = parseFortiosConfig({ path: 'f', text });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.message)).toEqual(['policy 3 is disabled: skipped']);
    const rs = r.value;
    // The known member decides; an address only the FQDN could be is indeterminate.
    expect(decide(rs, 'tcp 10.1.0.1:1000 -> 192.0.2.10:443')).toMatch(/^drop@/);
    expect(decide(rs, 'tcp 10.1.0.1:1000 -> 198.51.100.1:443')).toBe('indeterminate');
    expect(decide(rs, 'tcp 10.1.0.1:1000 -> 198.51.100.1:22')).toBe('indeterminate');
    expect(decide(rs, 'tcp 10.2.0.1:1000 -> 198.51.100.1:22')).toBe('drop');
    expect(opaqueRules(rs).flatMap((x) => x.opaque)).toEqual(
      expect.arrayContaining([
        'address "google" is an FQDN the FortiGate resolves',
        'schedule "office-hours"',
        expect.stringContaining('"vip-1" is not an address'),
      ]),
    );
  });

  it('negated addresses are complements; a negated service is opaque', () => {
    const rs = parse(`${HEAD}config firewall policy
    edit 1
        set srcintf "any"
        set dstintf "any"
        set srcaddr "lan"
        set srcaddr-negate enable
        set dstaddr "all"
        set service "ALL"
        set action accept
    next
    edit 2
        set srcintf "any"
        set dstintf "any"
        set srcaddr "lan"
        set dstaddr "all"
        set service "HTTP"
        set service-negate enable
        set action accept
    next
end
`);
    expect(decide(rs, 'udp 10.2.0.1:1 -> 192.0.2.1:9')).toMatch(/^accept@/);
    expect(decide(rs, 'udp 10.1.0.1:1 -> 192.0.2.1:9')).toBe('indeterminate');
  });

  it('reads ICMP type and code, IP protocol numbers, the port syntax and protocol resets (Batfish cases)', () => {
    const rs = parse(`${HEAD}config firewall policy
    edit 1
        set srcintf "any"
        set dstintf "any"
        set srcaddr "all"
        set dstaddr "all"
        set service "icmp-unreach" "gre" "PING"
        set action accept
    next
end
`);
    expect(decide(rs, 'icmp 10.0.0.1 -> 10.0.0.2 type 3 code 1')).toMatch(/^accept@/);
    expect(decide(rs, 'icmp 10.0.0.1 -> 10.0.0.2 type 3 code 2')).toBe('drop');
    expect(decide(rs, 'icmp 10.0.0.1 -> 10.0.0.2 type 8')).toMatch(/^accept@/);
    expect(decide(rs, 'proto 47 10.0.0.1 -> 10.0.0.2')).toMatch(/^accept@/);
    expect(decide(rs, 'proto 50 10.0.0.1 -> 10.0.0.2')).toBe('drop');
  });

  it('a zone with intrazone allow lets its interfaces talk to each other after the policies, not to themselves', () => {
    const rs = parse(`config system zone
    edit "core"
        set intrazone allow
        set interface "port6" "port7"
    next
    edit "edge"
        set interface "port8" "port9"
    next
end
config firewall policy
    edit 9
        set srcintf "core"
        set dstintf "core"
        set srcaddr "all"
        set dstaddr "all"
        set action deny
        set schedule "always"
        set service "TELNET"
    next
end
`);
    const from = (a: string, b: string, port: number) =>
      decide(rs, `tcp 10.6.0.1:40000 -> 10.7.0.1:${port} from-zone ${a} to-zone ${b}`);
    expect(from('port6', 'port7', 443)).toBe('accept@3');
    expect(from('port7', 'port6', 443)).toBe('accept@3');
    expect(from('core', 'core', 443)).toBe('accept@3');
    expect(from('port6', 'port7', 23)).toBe('drop@11');
    expect(from('port6', 'port6', 443)).toBe('drop');
    expect(from('port8', 'port9', 443)).toBe('drop');
  });

  it('reports every error at once, with its line and column', () => {
    const r = parseFortiosConfig({
      path: 'bad.conf',
      text: `config firewall address
    edit "a"
        set subnet 10.0.0.300 255.255.255.0
    next
end
config firewall service custom
    edit "s"
        set tcp-portrange 70000
    next
end
bogus line
config firewall policy
    edit 1
        set comments "never closed
`,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.line}:${i.col}`)).toEqual(['14:22', '11:1', '12:1', '3:1', '8:13']);
  });

  it('is picked by format detection', () => {
    expect(pickFormat('auto', [{ path: 'x', text: HEAD }])).toMatchObject({ ok: true, value: { id: 'fortios' } });
  });
});

const canonical = (pieces: readonly ServicePiece[]) =>
  mergePieces(pieces)
    .map((p) =>
      JSON.stringify([
        p.family,
        p.protocols?.toRanges(),
        p.sourcePorts?.toRanges(),
        p.destinationPorts?.toRanges(),
        p.icmp,
      ]),
    )
    .sort();

const FIREWALLS = join(fixturesDir(), 'firewalls', 'fortigate');
describe.skipIf(missing(requirements.fixtures))('real FortiGate configurations', () => {
  const read = (f: string) => must(readFortios({ path: f, text: readFileSync(join(FIREWALLS, f), 'utf8') }));

  it('reads every file of the fixtures folder, with the README policy counts', () => {
    const counts: Record<string, number> = {
      'azure_fg100d_5.04_show_full-configuration.conf': 3,
      'batfish_firewall_policy.conf': 5,
      'batfish_address.conf': 0,
      'batfish_service_custom.conf': 0,
    };
    for (const f of readdirSync(FIREWALLS)) expect(read(f).policies.length, f).toBe(counts[f]);
  });

  it('azure FG100D: 3 policies, LAN to WAN any, the two VPN policies on their networks', () => {
    const doc = read('azure_fg100d_5.04_show_full-configuration.conf');
    expect(doc.policies).toHaveLength(3);
    const rs = doc.ruleset;
    expect(opaqueRules(rs)).toEqual([]);
    expect(decide(rs, 'tcp 192.168.100.5:1000 -> 10.2.3.4:22 from-zone lan to-zone Site2Site')).toMatch(/^accept@8080/);
    expect(decide(rs, 'tcp 192.168.100.5:1000 -> 10.2.3.4:22 from-zone Site2Site to-zone lan')).toBe('drop');
    expect(decide(rs, 'tcp 10.2.3.4:1000 -> 192.168.100.5:22 from-zone Site2Site to-zone lan')).toMatch(/^accept@8132/);
    expect(decide(rs, 'udp 1.2.3.4:1000 -> 8.8.8.8:53 from-zone lan to-zone wan1')).toMatch(/^accept@8014/);
  });

  it('the predefined services table agrees with the FortiOS defaults the azure file prints', () => {
    const doc = read('azure_fg100d_5.04_show_full-configuration.conf');
    let compared = 0;
    for (const [name, pieces] of Object.entries(PREDEFINED_SERVICES)) {
      const inFile = doc.services.get(name);
      if (!inFile) continue;
      expect(canonical(inFile.pieces), name).toEqual(canonical(pieces));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('batfish address: the 13 address objects, the second edit of "wildcard" changing the first', () => {
    const doc = read('batfish_address.conf');
    expect(doc.addresses.size).toBe(13);
    expect(doc.policies).toHaveLength(0);
    expect(doc.addresses.get('ipmask')?.set.toCidrs()).toEqual(['1.1.1.0/24']);
    expect(doc.addresses.get('interface-subnet')?.set.toCidrs()).toEqual(['1.1.1.0/24']);
    expect(doc.addresses.get('iprange')?.set.toCidrs()).toEqual(['1.1.1.0/24']);
    // 2.2.2.2 255.0.0.255: 65,536 ranges, too many to expand: opaque, not guessed.
    expect(doc.addresses.get('wildcard')?.opaque).toMatch(/too many/);
    for (const n of ['fqdn', 'geography', 'dynamic', 'mac', 'undefined-refs'])
      expect(doc.addresses.get(n)?.opaque, n).toBeDefined();
  });

  it('batfish service custom: the 11 services, port syntax and protocol resets', () => {
    const doc = read('batfish_service_custom.conf');
    expect(doc.services.size).toBe(11);
    const pieces = (n: string) => canonical(doc.services.get(n)?.pieces ?? []);
    expect(pieces('explicit_tcp')).toEqual(
      canonical([
        { protocols: p(6), destinationPorts: r(1, 2), sourcePorts: r(3, 4) },
        { protocols: p(6), destinationPorts: r(10, 11) },
        { protocols: p(6), destinationPorts: r(13), sourcePorts: r(6, 7) },
        { protocols: p(17), destinationPorts: r(100) },
        { protocols: p(132), destinationPorts: r(200) },
        { protocols: p(132), destinationPorts: r(201), sourcePorts: r(300) },
      ]),
    );
    expect(pieces('change_protocol')).toEqual(canonical([{}]));
    expect(pieces('custom_ip')).toEqual(canonical([{ protocols: p(254) }]));
    expect(pieces('unset_icmp_1')).toEqual(canonical([{ family: 4, protocols: p(1), icmp: [{ type: 5 }] }]));
    expect(pieces('unset_icmp_2')).toEqual(canonical([{ family: 4, protocols: p(1), icmp: [{ type: 3 }] }]));
    expect(pieces('unset_icmp_3')).toEqual(canonical([{ family: 4, protocols: p(1) }]));
  });

  it('batfish firewall policy: 5 policies in file order, the disabled one skipped, no action = deny', () => {
    const r = readFortios({ path: 'p', text: readFileSync(join(FIREWALLS, 'batfish_firewall_policy.conf'), 'utf8') });
    const doc = must(r);
    expect(doc.policies.map((x) => x.id)).toEqual(['0', '4294967294', '1', '2', '3']);
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual(['policy 0 is disabled: skipped']);
    const rs = doc.ruleset;
    expect(decide(rs, 'tcp 10.0.1.5:11 -> 10.0.2.5:12 from-zone port1 to-zone port2')).toMatch(/^drop@75/);
    expect(decide(rs, 'tcp 10.0.1.5:1000 -> 10.0.2.5:11 from-zone port1 to-zone port2')).toMatch(/^accept@86/);
    // `append` added port2 → port1 to policy 1; policy 3's second `set dstintf` replaced the first.
    expect(decide(rs, 'tcp 10.0.2.5:1000 -> 10.0.1.5:11 from-zone port2 to-zone port1')).toMatch(/^accept@86/);
    expect(decide(rs, 'udp 1.1.1.1:1 -> 2.2.2.2:2 from-zone port4 to-zone port3')).toMatch(/^accept@101/);
  });
});

const p = (n: number) => PortSet.of(n);
const r = (a: number, b = a) => PortSet.fromRanges([{ from: a, to: b }]);
