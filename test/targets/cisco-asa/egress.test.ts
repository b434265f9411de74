/**
 * An ASA access-list filters on the interface a packet enters by; routing picks where it leaves. The printer keeps a
 * rule's destination to its egress zone and binds an ACL on every interface of the firewall: read back by the ASA
 * reader, a `wan → dmz` row to `any` on a three-zone firewall opens wan → dmz and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { ciscoAsa } from '../../../src/targets/cisco-asa/index.js';
import { printAsa } from '../../../src/targets/cisco-asa/print.js';
import { firewallRuleset } from '../../../src/targets/generate/rules.js';
import type { TargetOutput } from '../../../src/targets/generate/target.js';
import { configFormats } from '../../../src/verify/config-formats.js';
import { firewall, matrix } from '../../fixtures/targets/build.js';
import { asaSite, flow, NAMEIF, ZONES, type Zone } from '../support/asa-zones.js';
import { checkedRules, generated } from '../support/examples.js';

function readBack(out: TargetOutput): Ruleset {
  const asa = configFormats().find((f) => f.id === 'asa');
  const rs = asa?.parse(out.artifacts.map((a) => ({ path: a.path, text: a.content })));
  if (!rs?.ok) throw new Error('the ASA reader refused the output');
  return rs.value;
}

/** What the read-back configuration does to a new TCP/443 connection from `src` to `dst` crossing `in` → `out`. */
function decide(rs: Ruleset, src: string, dst: string, from: Zone, to: Zone): string {
  const host = (a: string) => (a.includes(':') ? `[${a}]` : a);
  const text = `tcp ${host(src)}:40000 -> ${host(dst)}:443 in ${NAMEIF[from]} out ${NAMEIF[to]} state new`;
  const packet = parsePacket(text);
  if (!packet.ok) throw new Error(packet.message);
  // The reader names an ASA side by its nameif, as a zone.
  const d = evaluate(rs, { ...packet.value, fromZone: NAMEIF[from], toZone: NAMEIF[to] });
  return d.kind === 'decided' ? d.action : d.kind;
}

describe('cisco-asa: a rule stays within its egress zone, every interface has an ACL', () => {
  const m = asaSite(
    [
      flow('web', 'wan', 'dmz', ['any']),
      flow('admin', 'wan', 'lan', ['10.1.0.7']),
      // To the default zone: the other zones' addresses denied first (shorter), then a later row to dmz.
      flow('out', 'lan', 'wan', ['any']),
      flow('pub', 'lan', 'dmz', ['192.0.2.10']),
    ],
    ZONES,
  );
  const out = generated(ciscoAsa, m, 'fw');
  const rs = readBack(out);

  it.each([
    ['wan → dmz host (IPv4)', '203.0.113.9', '192.0.2.10', 'wan', 'dmz', 'accept'],
    ['wan → dmz host (IPv6)', '2001:db8:ff::9', '2001:db8:2::10', 'wan', 'dmz', 'accept'],
    ['wan → lan host no row names (IPv4)', '203.0.113.9', '10.1.0.5', 'wan', 'lan', 'drop'],
    ['wan → lan host no row names (IPv6)', '2001:db8:ff::9', '2001:db8:1::5', 'wan', 'lan', 'drop'],
    // A later row of the same ACL is not hidden by the first one's limit (a deny line would have hidden it).
    ['wan → lan host of the admin row', '203.0.113.9', '10.1.0.7', 'wan', 'lan', 'accept'],
    ['lan → internet', '10.1.0.5', '203.0.113.9', 'lan', 'wan', 'accept'],
    ['lan → internet (IPv6)', '2001:db8:1::5', '2001:db8:ff::9', 'lan', 'wan', 'accept'],
    ['lan → dmz host no row names', '10.1.0.5', '192.0.2.11', 'lan', 'dmz', 'drop'],
    // The deny before the lan → wan permit is printed only when no later row reaches what it denies.
    ['lan → dmz host of the later pub row', '10.1.0.5', '192.0.2.10', 'lan', 'dmz', 'accept'],
    // No row enters by dmz: its ACL denies all instead of leaving higher-to-lower security to pass.
    ['dmz → wan', '192.0.2.10', '203.0.113.9', 'dmz', 'wan', 'drop'],
    ['dmz → lan', '192.0.2.10', '10.1.0.5', 'dmz', 'lan', 'drop'],
  ] as const)('%s: %s → %s (%s → %s) is %s', (_what, src, dst, from, to, want) => {
    expect(decide(rs, src, dst, from, to)).toBe(want);
  });

  it('says why a destination was kept to its zone and why an interface denies all', () => {
    const text = out.artifacts[0]?.content ?? '';
    expect(text).toContain('access-list outside_access_in remark destination kept to zone dmz');
    expect(text).toContain('access-list dmz_access_in extended deny ip any any');
    expect(text).toContain('access-group dmz_access_in in interface dmz');
    expect(out.findings.filter((f) => f.rule === 'target:cisco-asa:egress-zone')).toEqual([]);
  });

  it('withholds with a high finding a row to any in a zone whose addresses the site does not give', () => {
    const zones = { ...ZONES, dmz: { kind: 'perimeter' as const, cidrs: [], default: false } };
    const o = generated(ciscoAsa, asaSite([flow('web', 'wan', 'dmz', ['any'])], zones), 'fw');
    expect(o.findings.map((f) => [f.rule, f.severity, f.flow])).toEqual([
      ['target:cisco-asa:egress-zone', 'high', 'web'],
    ]);
    expect(o.artifacts[0]?.content).not.toContain('extended permit');
    expect(decide(readBack(o), '203.0.113.9', '10.1.0.5', 'wan', 'lan')).toBe('drop');
  });

  it('withholds with a high finding a row whose every destination lies in another zone', () => {
    const o = generated(ciscoAsa, asaSite([flow('web', 'wan', 'dmz', ['10.1.0.5'])], ZONES), 'fw');
    expect(o.findings.map((f) => [f.rule, f.severity])).toEqual([['target:cisco-asa:egress-zone', 'high']]);
    expect(o.artifacts[0]?.content).not.toContain('extended permit');
  });

  it('on two zones keeps any: what enters by one interface leaves by the other', () => {
    const two = {
      ...matrix([flow('web', 'wan', 'dmz', ['any'])], [firewall('fw', 'cisco-asa', { wan: 'outside', dmz: 'dmz' })]),
      zones: ZONES,
    };
    const text = generated(ciscoAsa, two, 'fw').artifacts[0]?.content ?? '';
    expect(text).toMatch(/extended permit object-group \S+ any any$/m);
  });

  it('a ruleset without zones (made before it carried them) binds the interfaces its rules name', () => {
    const rules = checkedRules(ciscoAsa as never, m, 'fw');
    const printed = printAsa(firewallRuleset(m.site, 'fw', rules));
    const text = printed.ok ? (printed.value.artifacts[0]?.content ?? '') : '';
    for (const nameif of Object.values(NAMEIF)) expect(text).toContain(`in interface ${nameif}\n`);
  });

  it('coexist: the deny-all ACLs are ours, cleared and reloaded; unbound: the header says what stays', () => {
    const coexist = generated(ciscoAsa, m, 'fw', { mode: 'coexist' }).artifacts[0]?.content ?? '';
    expect(coexist).toContain('clear configure access-list fm_dmz_access_in');
    expect(coexist).toContain('access-group fm_dmz_access_in in interface dmz');
    const unbound = generated(ciscoAsa, m, 'fw', { accessGroup: false }).artifacts[0]?.content ?? '';
    expect(unbound).not.toContain('access-group');
    expect(unbound).toContain('keeps the security-level behaviour');
  });
});
