import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { readAsa } from '../../../src/targets/cisco-asa/parse/index.js';
import { pickFormat } from '../../../src/verify/config-formats.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';

/**
 * The real ASA configurations of `shared/fixtures/firewalls/cisco_asa` (read there, never copied): each is read, or
 * refused where its README says it is not a configuration, and the counts the README gives match.
 */
const skip = missing(fixturesRequirement);
const dir = `${fixturesDir()}/firewalls/cisco_asa`;

/** From the fixtures README: entries (remarks excluded), objects, object-groups, NAT lines, name aliases. */
const EXPECTED: Record<string, { aces: number; objects?: number; groups?: number; nat?: number; names?: number }> = {
  'azure_asa_9.1_show_running-config.txt': { aces: 1, objects: 3, groups: 2, nat: 3 },
  'fwbuilder_asa8.3-acl.cfg': { aces: 77 },
  'fwbuilder_asa8.3-objects-and-groups.cfg': { aces: 1, objects: 62, groups: 23 },
  'fwbuilder_pix7-nat.cfg': { aces: 21, nat: 77, names: 3 },
  'batfish_asa_acl.cfg': { aces: 23 },
  'batfish_asa-filters.cfg': { aces: 4 },
};
/** Undefined names the README lists as quirks (and the ICMP service objects that file names without defining). */
const UNDEFINED: Record<string, RegExp> = {
  'batfish_asa_acl.cfg': /object-group drawbridge_hosts|object icmp-[a-z-]+|object ospf/,
  'batfish_asa-filters.cfg': /access-list FILTER_UNDEF/,
  'fwbuilder_asa8.3-objects-and-groups.cfg': /my-range-ob/,
};

const read = (file: string) => readAsa(file, readFileSync(`${dir}/${file}`, 'utf8'));

describe.skipIf(skip)('real ASA configurations', () => {
  it('covers every file of the folder', () => {
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(EXPECTED), 'azure_asa_8.3.cfg'].sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file}: read, with the README's counts`, () => {
      const r = read(file);
      if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
      const { config, aces } = r.value;
      expect(aces.length).toBe(want.aces);
      if (want.objects !== undefined) expect(config.counts.objects).toBe(want.objects);
      if (want.groups !== undefined) expect(config.counts.objectGroups).toBe(want.groups);
      if (want.nat !== undefined) expect(config.nat.length).toBe(want.nat);
      if (want.names !== undefined) expect(config.counts.names).toBe(want.names);
      const undefinedNames = r.warnings.filter((w) => /not defined/.test(w.message));
      for (const w of undefinedNames) expect(w.message, formatIssue(w)).toMatch(UNDEFINED[file] ?? /^$/);
      expect(pickFormat('auto', [{ path: file, text: readFileSync(`${dir}/${file}`, 'utf8') }]).ok).toBe(true);
    });
  }

  it('azure_asa_8.3.cfg (an XSLT template, README) is refused at its first line', () => {
    const r = read('azure_asa_8.3.cfg');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issues[0] as never)).toMatch(/^azure_asa_8\.3\.cfg:1:1: this is an XML document/);
  });

  it('batfish_asa_acl.cfg: the entry with an undefined group and the interface address is uninterpreted, with both reasons', () => {
    const r = read('batfish_asa_acl.cfg');
    if (!r.ok) throw new Error('read');
    const entry = r.value.aces.find((a) => a.text.includes('drawbridge_hosts'));
    expect(entry?.rules[0]?.opaque?.join('; ')).toMatch(/drawbridge_hosts is not defined.*interface outside/);
    const any4 = r.value.aces.find((a) => a.text.includes('any4'));
    expect(any4?.rules[0]?.source?.toCidrs()).toEqual(['0.0.0.0/0']);
    expect(any4?.rules[0]?.destinationPorts?.toRanges()).toEqual([{ from: 69, to: 69 }]);
  });

  it('batfish_asa-filters.cfg: inbound then outbound lists, security levels where none is bound', () => {
    const r = read('batfish_asa-filters.cfg');
    if (!r.ok) throw new Error('read');
    const decide = (p: string) => {
      const packet = parsePacket(p);
      if (!packet.ok) throw new Error(packet.message);
      const d = evaluate(r.value.ruleset, packet.value);
      return d.kind === 'decided' ? d.action : 'indeterminate';
    };
    // name3 (50, no inbound list) → name5 (0, outbound tcp/123 only).
    expect(decide('tcp 192.168.3.9:40000 -> 192.168.5.9:123 from-zone name3 to-zone name5')).toBe('accept');
    expect(decide('tcp 192.168.3.9:40000 -> 192.168.5.9:80 from-zone name3 to-zone name5')).toBe('drop');
    // name2 (0, no inbound list) → name3 (50): lower to higher, dropped; same level without same-security-traffic too.
    expect(decide('tcp 192.168.2.9:40000 -> 192.168.3.9:123 from-zone name2 to-zone name3')).toBe('drop');
    expect(decide('tcp 192.168.4.9:40000 -> 192.168.5.9:80 from-zone name5 to-zone name4')).toBe('drop');
    // name4 (inbound tcp/123) → name1 (outbound tcp/123): both lists pass it; udp stops at the inbound one.
    expect(decide('tcp 192.168.4.9:40000 -> 192.168.1.9:123 from-zone name4 to-zone name1')).toBe('accept');
    expect(decide('udp 192.168.4.9:40000 -> 192.168.1.9:123 from-zone name4 to-zone name1')).toBe('drop');
    // name1 → name2, whose outbound list is not defined: left undecided, not guessed.
    expect(decide('tcp 192.168.1.9:40000 -> 192.168.2.9:123 from-zone name1 to-zone name2')).toBe('indeterminate');
    // An interface the configuration does not name.
    expect(decide('tcp 10.0.0.1:40000 -> 192.168.2.9:123 from-zone dmz to-zone name2')).toBe('indeterminate');
    // Answers of a connection pass whatever the lists say.
    expect(decide('udp 192.168.2.9:123 -> 192.168.3.9:40000 from-zone name2 to-zone name3 state established')).toBe(
      'accept',
    );
  });

  it('fwbuilder_pix7-nat.cfg: translated addresses make verdicts on them indeterminate, others stay decided', () => {
    const r = read('fwbuilder_pix7-nat.cfg');
    if (!r.ok) throw new Error('read');
    const decide = (p: string) => {
      const packet = parsePacket(p);
      if (!packet.ok) throw new Error(packet.message);
      const d = evaluate(r.value.ruleset, packet.value);
      return d.kind === 'decided' ? d.action : 'indeterminate';
    };
    // 10.1.1.16 has a static (inside,outside) to 10.5.80.16: before 8.3 the lists name the mapped side.
    expect(decide('tcp 10.1.1.16:40000 -> 8.8.8.8:80 from-zone inside to-zone outside')).toBe('indeterminate');
    expect(decide('tcp 198.51.100.1:40000 -> 10.5.80.20:80 from-zone outside to-zone inside')).toBe('indeterminate');
    // 10.1.1.77 is translated by no static: inside_in lets 10.1.1.0/24 out.
    expect(decide('tcp 10.1.1.77:40000 -> 8.8.8.8:80 from-zone inside to-zone dmz20')).toBe('accept');
  });
});
