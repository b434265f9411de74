import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import type { Matrix } from '../../../src/model/matrix.js';
import { readAsa } from '../../../src/targets/cisco-asa/parse/index.js';
import { describeBox, type Verification, verifyFirewall } from '../../../src/verify/index.js';
import { EXAMPLES, exampleMatrix, repoRoot } from '../support/examples.js';

/**
 * Our own ASA output, read back by the running-config reader and confronted with the matrix it came from: every row
 * permitted, nothing opened beyond the matrix. Each mutation of the text a reviewer fears is caught and named.
 */
function verifyText(matrix: Matrix, firewall: string, text: string): Verification {
  const read = readAsa(`${firewall}.asa.cfg`, text);
  if (!read.ok) throw new Error(read.issues.map(formatIssue).join('\n'));
  return verifyFirewall(matrix, firewall, read.value.ruleset);
}

/** Each example's golden ASA file (its cisco-asa firewall, else its first one), checked equal to generate elsewhere. */
const cases = EXAMPLES.map((name) => {
  const matrix = exampleMatrix(name);
  const firewall = (matrix.firewalls.find((f) => f.platform === 'cisco-asa') ?? matrix.firewalls[0])?.name ?? '';
  const text = readFileSync(`${repoRoot}test/targets/cisco-asa/golden/${name}.${firewall}.asa.cfg`, 'utf8');
  return { name, matrix, firewall, text };
});

/** Rows whose addresses are all literal: a name (FQDN) is resolved by the device and can only be indeterminate. */
const literalRows = (v: Verification) => v.rows.filter((r) => r.unverifiable.length === 0);

describe.each(cases.map((c) => [`${c.name} ${c.firewall}`, c] as const))('generated ASA config of %s', (_, c) => {
  it('reads without error and verifies clean: every row permitted, nothing beyond the matrix', () => {
    const read = readAsa('x.cfg', c.text);
    expect(read.ok && read.warnings.filter((w) => !/fqdn/.test(w.message)).map(formatIssue)).toEqual([]);
    const v = verifyText(c.matrix, c.firewall, c.text);
    expect(literalRows(v).length).toBeGreaterThan(0);
    for (const row of literalRows(v)) {
      expect(row.verdict, `${row.rule.id} ${row.reasons.map((r) => r.en).join('; ')}`).toBe('permitted');
      expect(row.returnTraffic, row.rule.id).toBe('permitted');
    }
    for (const rule of v.rules) {
      expect(
        rule.beyondMatrix?.map((b) => describeBox(b)),
        `${rule.hit.rule.provenance.text}`,
      ).toBeUndefined();
      // Two rows asking for the same traffic give two entries: the second is redundant, never in conflict.
      expect(rule.shadowed?.kind, `${rule.hit.rule.provenance.text}`).not.toBe('conflict');
    }
  });
});

const ACE = /^access-list (\S+) extended permit (object-group \S+) (\S+(?: \S+)?) (\S+(?: \S+)?)$/;

/** The first entry whose row is literal and needed alone: dropping it must leave its row not permitted. */
function victim(c: (typeof cases)[number]) {
  const lines = c.text.split('\n');
  const base = verifyText(c.matrix, c.firewall, c.text);
  for (let i = 0; i < lines.length; i++) {
    if (!ACE.test(lines[i] as string)) continue;
    const without = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    const v = verifyText(c.matrix, c.firewall, without);
    const lost = literalRows(v).filter((r) => r.verdict !== 'permitted');
    if (lost.length > 0 && lost.every((r) => base.rows.some((b) => b.rule.id === r.rule.id))) {
      return { lines, index: i, rowIds: lost.map((r) => r.rule.id), line: i + 1 };
    }
  }
  return undefined;
}

const mutate = (lines: readonly string[], index: number, line: string | string[]) =>
  [...lines.slice(0, index), ...(Array.isArray(line) ? line : [line]), ...lines.slice(index + 1)].join('\n');

describe('mutations of a generated ASA config are caught and named', () => {
  const c = cases.find((x) => x.name === 'hamilton-site') ?? cases[0];
  if (!c) throw new Error('an example with an ASA firewall');
  const v = victim(c);
  if (!v) throw new Error('an entry the matrix needs alone');
  const text = v.lines[v.index] as string;
  const [, acl, service, source = '', destination] = ACE.exec(text) as unknown as string[];
  const rowsOf = (x: Verification) => x.rows.filter((r) => v.rowIds.includes(r.rule.id));

  it('a dropped entry leaves its row denied', () => {
    const x = verifyText(c.matrix, c.firewall, mutate(v.lines, v.index, []));
    expect(rowsOf(x).some((r) => r.verdict === 'denied' || r.verdict === 'partial')).toBe(true);
    expect(rowsOf(x).flatMap((r) => r.deniedParts.map((p) => p.policyOf))).toContain(`in ${acl}`);
  });

  it('a widened port opens more than the matrix, at its line', () => {
    const x = verifyText(
      c.matrix,
      c.firewall,
      mutate(v.lines, v.index, `access-list ${acl} extended permit ip ${source} ${destination}`),
    );
    const rule = x.rules.find((r) => r.hit.rule.provenance.line === v.line);
    expect(rule?.beyondMatrix?.length).toBeGreaterThan(0);
  });

  it('swapped source and destination leave the row not permitted', () => {
    const x = verifyText(
      c.matrix,
      c.firewall,
      mutate(v.lines, v.index, `access-list ${acl} extended permit ${service} ${destination} ${source}`),
    );
    expect(rowsOf(x).some((r) => r.verdict !== 'permitted')).toBe(true);
  });

  it('an earlier deny denies the row by its line and shadows the permit (conflict)', () => {
    const deny = `access-list ${acl} extended deny ${service} ${source} ${destination}`;
    const x = verifyText(c.matrix, c.firewall, mutate(v.lines, v.index, [deny, text]));
    expect(rowsOf(x).some((r) => r.deniedParts.some((p) => p.by?.rule.provenance.line === v.line))).toBe(true);
    const shadow = x.rules.find((r) => r.hit.rule.provenance.line === v.line + 1)?.shadowed;
    expect(shadow?.kind).toBe('conflict');
    expect(shadow?.by.map((h) => h.rule.provenance.line)).toContain(v.line);
  });

  it('a changed object-group member makes the row partial or denied and names the missing part', () => {
    const group = source.startsWith('object-group ') ? source.slice('object-group '.length) : undefined;
    const objectName = source.startsWith('object ') ? source.slice('object '.length) : undefined;
    const lines = [...v.lines];
    const start = lines.findIndex((l) => l === `object-group network ${group}` || l === `object network ${objectName}`);
    expect(start, `definition of ${source}`).toBeGreaterThanOrEqual(0);
    const member = start + 1;
    const body = lines[member] as string;
    const replaced = body.startsWith(' network-object object ')
      ? ' network-object host 192.0.2.254'
      : ' host 192.0.2.254';
    const x = verifyText(c.matrix, c.firewall, mutate(lines, member, replaced));
    const hit = rowsOf(x).find((r) => r.verdict !== 'permitted');
    expect(hit?.verdict).toMatch(/partial|denied/);
    expect(hit?.deniedParts.length).toBeGreaterThan(0);
  });
});
