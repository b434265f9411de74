import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { panos } from '../../../src/targets/panos/index.js';
import { parsePanosSet } from '../../../src/targets/panos/parse/index.js';
import { pickFormat } from '../../../src/verify/config-formats.js';
import { type Verification, verifyFirewall } from '../../../src/verify/index.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { checkedRules, EXAMPLES, exampleMatrix, generated } from '../support/examples.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string; line?: number }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return r.value;
};

const setText = (m: Matrix, fw: string): string => {
  const text = generated(panos, m, fw).artifacts.find((a) => a.path.endsWith('.panos.set'))?.content;
  if (text === undefined) throw new Error('no .panos.set artifact');
  return text;
};

const read = (text: string): Ruleset => must(parsePanosSet({ path: 'fw.panos.set', text }));
const configRule = (r: Verification['rules'][number]) => r.hit.rule.provenance.line !== undefined;
/** Rows checked on addresses (named endpoints are the firewall's to resolve). */
const checked = (v: Verification) => v.rows.filter((row) => row.unverifiable.length === 0);
const allPermitted = (v: Verification) => checked(v).every((row) => row.verdict === 'permitted');
const beyond = (v: Verification) => v.rules.filter((r) => configRule(r) && r.beyondMatrix !== undefined);

const CASES: { name: string; matrix: () => Matrix }[] = [
  ...EXAMPLES.map((name) => ({ name, matrix: () => exampleMatrix(name) })),
  { name: 'realistic', matrix: () => realisticMatrix() },
];

describe('our own PAN-OS output reads back and verifies clean', () => {
  for (const c of CASES) {
    const matrix = c.matrix();
    for (const fw of matrix.firewalls) {
      it(`${c.name} ${fw.name}: every row permitted, only FQDN objects opaque, nothing beyond the matrix`, () => {
        const text = setText(matrix, fw.name);
        // An empty output (every row reported) has nothing to detect the syntax by.
        if (text !== '') expect(must(pickFormat('auto', [{ path: 'x', text }])).id).toBe('panos-set');
        const rs = read(text);
        const opaque = rs.chains.security?.rules.flatMap((r) => r.opaque ?? []) ?? [];
        for (const reason of opaque) expect(reason).toMatch(/is the FQDN .*, which the firewall resolves$/);
        const v = verifyFirewall(matrix, fw.name, rs, { zones: 'zones' });
        // Rows the target reported instead of printing (ICMP on PAN-OS, wildcard names) are findings, not rules.
        const printed = new Set(checkedRules(panos as never, matrix, fw.name).map((r) => r.id));
        const rows = checked(v).filter((row) => printed.has(row.rule.id));
        expect(rows.length).toBe(
          checked(v).filter((row) => row.rule.services.every((s) => s.protocol === 'tcp' || s.protocol === 'udp'))
            .length,
        );
        for (const row of rows) {
          expect(row.verdict, `${row.rule.id} ${row.reasons.map((r) => r.en).join('; ')}`).toBe('permitted');
          expect(row.returnTraffic, row.rule.id).toBe('permitted');
        }
        for (const rule of v.rules.filter(configRule))
          expect(rule.beyondMatrix, rule.hit.rule.provenance.text).toBeUndefined();
      });
    }
  }
});

/** The first line of the file matching `pattern`, and the file with it replaced by `by` (lines, or nothing). */
function edit(text: string, pattern: RegExp, by: (line: string) => string[]): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => pattern.test(l));
  if (i < 0) throw new Error(`no line matches ${pattern}`);
  lines.splice(i, 1, ...by(lines[i] as string));
  return lines.join('\n');
}

describe('mutations of our own output are caught', () => {
  const matrix = exampleMatrix('exchange-2007-site');
  const fw = 'fw-internal';
  const text = setText(matrix, fw);
  const verify = (t: string) => verifyFirewall(matrix, fw, read(t), { zones: 'zones' });

  it('the unmutated file verifies clean (the baseline of every mutation)', () => {
    const v = verify(text);
    expect(allPermitted(v)).toBe(true);
    expect(beyond(v)).toEqual([]);
  });

  it('drop a rule: its row is denied, by interzone-default', () => {
    const v = verify(edit(text, /rules exchange-2007_hub-to-edge-smtp /, () => []));
    const row = v.rows.find((r) => r.rule.row.flow === 'hub-to-edge-smtp' && r.verdict === 'denied');
    expect(row).toBeDefined();
    expect(row?.deniedParts[0]?.by?.rule.provenance.comment).toBe('interzone-default');
  });

  it('widen a port: the rule lets through more than the matrix', () => {
    const v = verify(edit(text, /^set service smtp_tcp /, (l) => [l.replace(/port 25$/, 'port 1-1024')]));
    expect(allPermitted(v)).toBe(true);
    const wide = beyond(v);
    expect(wide.length).toBeGreaterThan(0);
    expect(wide.every((r) => r.hit.rule.provenance.text?.includes('service smtp_tcp'))).toBe(true);
  });

  it('swap source and destination: the row is denied and the rule opens the reverse', () => {
    const v = verify(
      edit(text, /rules exchange-2007_hub-to-edge-edgesync-ldaps /, (l) => [
        l.replace(
          'source hub-transport_hub-servers destination edge-transport_edge-1',
          'source edge-transport_edge-1 destination hub-transport_hub-servers',
        ),
      ]),
    );
    expect(v.rows.some((r) => r.rule.row.flow === 'hub-to-edge-edgesync-ldaps' && r.verdict !== 'permitted')).toBe(
      true,
    );
    expect(beyond(v).length).toBeGreaterThan(0);
  });

  it('insert an earlier deny: the rows behind it are denied by that line', () => {
    const v = verify(
      edit(text, /^set rulebase security rules /, (l) => [
        'set rulebase security rules block-smtp from lan to dmz source any destination any service smtp_tcp application any action deny',
        l,
      ]),
    );
    const denied = v.rows.filter((r) => r.verdict === 'denied');
    expect(denied.map((r) => r.rule.row.flow)).toContain('hub-to-edge-smtp');
    expect(denied[0]?.deniedParts[0]?.by?.rule.provenance.text).toContain('block-smtp');
  });

  it('change an address-group member: the row is partly denied and the other address opened', () => {
    const v = verify(
      edit(text, /^set address-group hub-transport_hub-servers /, (l) => [
        'set address host_10.30.1.99 ip-netmask 10.30.1.99/32',
        l.replace('host_10.30.1.22', 'host_10.30.1.99'),
      ]),
    );
    expect(v.rows.some((r) => r.verdict === 'partial')).toBe(true);
    expect(beyond(v).length).toBeGreaterThan(0);
  });
});
