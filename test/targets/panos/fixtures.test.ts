import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Decision, evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Rule, Ruleset } from '../../../src/ruleset/types.js';
import {
  type PanosDocument,
  parsePanosSet,
  parsePanosXml,
  readPanosSet,
  readPanosXml,
} from '../../../src/targets/panos/parse/index.js';
import { pickFormat } from '../../../src/verify/config-formats.js';
import { fixturesDir, missing, requirements } from '../../support/system.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string; line?: number }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return r.value;
};

const skip = missing(requirements.fixtures);
const DIR = join(fixturesDir(), 'firewalls', 'panos');
const file = (name: string) => ({ path: name, text: readFileSync(join(DIR, name), 'utf8') });
const isXml = (name: string) => name.endsWith('.xml');
const doc = (name: string): PanosDocument => must(isXml(name) ? readPanosXml(file(name)) : readPanosSet(file(name)));
const ruleset = (name: string) => {
  const r = isXml(name) ? parsePanosXml(file(name)) : parsePanosSet(file(name));
  return { ruleset: must(r), warnings: r.ok ? r.warnings : [] };
};
const decide = (rs: Ruleset, text: string): Decision => {
  const packet = parsePacket(text);
  if (!packet.ok) throw new Error(packet.message);
  return evaluate(rs, packet.value);
};
const rulesAt = (rs: Ruleset, line: number): Rule[] =>
  rs.chains.security?.rules.filter((r) => r.provenance.line === line) ?? [];
const field = (d: PanosDocument, value: string, key: string) =>
  d.rules.filter((r) => r.fields.get(key)?.[0] === value).length;

describe.skipIf(skip)('real PAN-OS configurations', () => {
  it('reads every file of the fixtures folder, each detected as its syntax', () => {
    const names = readdirSync(DIR);
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      const f = file(name);
      expect(must(pickFormat('auto', [f])).id, name).toBe(isXml(name) ? 'panos-xml' : 'panos-set');
      must(isXml(name) ? parsePanosXml(f) : parsePanosSet(f));
    }
  });

  it('pan-os-php stage00: 58 security rules (55 allow, 3 deny, 12 disabled), 14 NAT, 10 zones and its objects', () => {
    const d = doc('panos_php_appid_stage00.xml');
    expect(d.rules).toHaveLength(58);
    expect(field(d, 'allow', 'action')).toBe(55);
    expect(field(d, 'deny', 'action')).toBe(3);
    expect(field(d, 'yes', 'disabled')).toBe(12);
    // The README says 10 rules negate an address; the file has 16 `<negate-destination>yes` (all in security
    // rules) and no negated source: the count here is the file's.
    expect(d.rules.filter((r) => r.fields.get('negate-destination')?.[0] === 'yes')).toHaveLength(16);
    expect(d.nat).toHaveLength(14);
    expect(d.zones.size).toBe(10);
    const vsys = d.scopes.get('vsys1');
    expect(vsys?.addresses.size).toBe(68);
    expect(vsys?.addressGroups.size).toBe(4);
    expect(vsys?.services.size).toBe(20);
    // BGP policies and profile rules hold `rules` elements too: only the security rulebase is read.
    expect(d.rules.every((r) => r.fields.has('action'))).toBe(true);

    const { ruleset: rs, warnings } = ruleset('panos_php_appid_stage00.xml');
    expect(warnings.filter((w) => /^security rule .* is disabled: not applied$/.test(w.message))).toHaveLength(12);
    // 14 NAT rules, 6 of them disabled: the 8 others are the destination stage, in rulebase order.
    expect(warnings.filter((w) => /^NAT rule .* is disabled: not applied$/.test(w.message))).toHaveLength(6);
    expect(rs.nat).toEqual({ destination: ['nat'], filterMatches: 'original' });
    expect(rs.chains.nat?.rules.map((r) => r.provenance.line)).toEqual([
      5013, 5035, 5056, 5100, 5145, 5166, 5188, 5234,
    ]);
    // SIP from sipgate to the address tukhcsaw.noip.me resolves to: translated or not depends on that name.
    const sipIn = decide(rs, 'udp 212.9.44.5:5060 -> 203.0.113.9:5060 from-zone untrust to-zone untrust');
    expect(sipIn.kind === 'indeterminate' && sipIn.reason.en).toMatch(/stage00\.xml:5100 \(address fqdn_tukhcsaw/);
    // application ntp on application-default is udp/123, definite.
    const [ntp] = rulesAt(rs, 2732);
    expect(ntp?.destinationPorts?.toRanges()).toEqual([{ from: 123, to: 123 }]);
    expect(ntp?.opaque).toBeUndefined();
    const free = decide(rs, 'tcp 192.168.30.5:40000 -> 1.1.1.1:443 from-zone tv to-zone untrust');
    expect(free.kind === 'decided' && free.action === 'accept' && free.decidedBy?.rule.provenance.line).toBe(2691);
    const sip = decide(rs, 'udp 192.168.10.5:5060 -> 192.168.20.5:5060 from-zone DMZ to-zone vpn_ipsec');
    expect(sip.kind === 'decided' && sip.action === 'accept' && sip.decidedBy?.rule.provenance.line).toBe(3540);
    const outsider = decide(rs, 'udp 8.8.8.8:5060 -> 192.168.20.5:5060 from-zone DMZ to-zone vpn_ipsec');
    expect(outsider.kind === 'decided' && outsider.action === 'drop' && outsider.decidedBy?.rule.provenance.line).toBe(
      4944,
    );
  });

  it('iron-skillet: the XML has no security rule, the set file two; both override the two default rules alike', () => {
    const xml = doc('iron_skillet_panos_full.xml');
    const set = doc('iron_skillet_panos_full.set.conf');
    expect(xml.rules).toHaveLength(0);
    expect(set.rules.map((r) => r.name)).toEqual(['Outbound Block Rule', 'Inbound Block Rule']);
    for (const d of [xml, set]) {
      expect(d.defaults.intrazone?.action).toBe('allow');
      expect(d.defaults.interzone?.action).toBe('drop');
    }
    const { ruleset: rs } = ruleset('iron_skillet_panos_full.set.conf');
    const block = rs.chains.security?.rules.find((r) => r.provenance.comment?.startsWith('Outbound Block Rule'));
    expect(block?.verdict.kind).toBe('drop');
    expect(block?.opaque?.join(' ')).toContain('panw-highrisk-ip-list is an external dynamic list');
    // Every branch ends in a drop: the external lists do not matter to this packet.
    const d = decide(rs, 'tcp 10.0.0.1:40000 -> 192.0.2.1:443 from-zone a to-zone b');
    expect(d.kind === 'decided' && d.action).toBe('drop');
  });

  it('batfish application-override: 4 security rules, 6 override rules; the ssh rule is uninterpreted because of them', () => {
    const d = doc('batfish_application-override-shadowing.set.conf');
    expect(d.rules.map((r) => r.name)).toEqual(['PERMIT_SSH', 'PERMIT', 'PERMIT_OTHER', 'DENY']);
    expect(d.applicationOverride).toHaveLength(6);
    expect(d.zones.size).toBe(4);
    const { ruleset: rs } = ruleset('batfish_application-override-shadowing.set.conf');
    const ssh = rs.chains.security?.rules.find((r) => r.provenance.comment === 'PERMIT_SSH');
    expect(ssh?.destinationPorts?.toRanges()).toEqual([{ from: 22, to: 22 }]);
    expect(ssh?.opaque?.join(' ')).toContain('application-override rules');
    const p = decide(rs, 'tcp 10.0.1.5:40000 -> 10.0.2.5:22 from-zone z1 to-zone z2');
    expect(p.kind === 'indeterminate' && [...p.outcomes].sort()).toEqual(['accept', 'drop']);
  });

  it('batfish Panorama: device group DG1, pre-rule before post-rule, zones from the template', () => {
    const d = doc('batfish_panorama-rulebase-copy.set.conf');
    expect(d.rules.map((r) => [r.name, r.scope, r.rulebase])).toEqual([
      ['PRE_SEC', 'device-group DG1', 'pre'],
      ['POST_SEC', 'device-group DG1', 'post'],
    ]);
    expect(d.nat).toHaveLength(2);
    expect(d.applicationOverride).toHaveLength(2);
    expect([...d.zones.keys()]).toEqual(['z1', 'z2']);
    const { ruleset: rs } = ruleset('batfish_panorama-rulebase-copy.set.conf');
    const names = rs.chains.security?.rules.map((r) => r.provenance.comment);
    expect(names).toEqual([
      'answers of allowed sessions',
      'PRE_SEC',
      'POST_SEC',
      'intrazone-default',
      'intrazone-default',
      'interzone-default',
    ]);
    // The NAT rulebase in the same order (pre, then post): source translations that keep the destination.
    expect(rs.chains.nat?.rules.map((r) => [r.provenance.comment, r.translate])).toEqual([
      ['PRE_NAT', undefined],
      ['POST_NAT', undefined],
    ]);
    // application any on application-default: whatever each application's default port is, never guessed.
    const p = decide(rs, 'tcp 1.1.1.5:40000 -> 1.1.4.5:8080 from-zone z1 to-zone z2');
    expect(p.kind).toBe('indeterminate');
    const intra = decide(rs, 'tcp 1.1.1.5:40000 -> 1.1.1.6:8080 from-zone z1 to-zone z1');
    expect(intra.kind === 'decided' && intra.action).toBe('accept');
  });
});
