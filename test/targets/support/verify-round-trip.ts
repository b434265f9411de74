/**
 * What a vendor reader's tests check on our own output: read back and confronted with the matrix, every row whose
 * addresses can be compared is permitted and no rule opens anything beyond the matrix; a mutated copy is caught.
 */
import { expect } from 'vitest';
import type { Result } from '../../../src/model/issues.js';
import type { Matrix } from '../../../src/model/matrix.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { type Verification, type VerifyOptions, verifyFirewall } from '../../../src/verify/index.js';

export const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.file}:${i.line}:${i.col}: ${i.message}`).join('\n'));
  return r.value;
};

export const opaqueRules = (rs: Ruleset) =>
  Object.values(rs.chains).flatMap((c) => c.rules.filter((r) => r.opaque && r.opaque.length > 0));

/** Rows whose addresses are all comparable (no names the firewall resolves). */
export const comparableRows = (v: Verification) => v.rows.filter((r) => r.unverifiable.length === 0);

export function expectClean(matrix: Matrix, firewall: string, rs: Ruleset, options?: VerifyOptions): Verification {
  const v = verifyFirewall(matrix, firewall, rs, options);
  for (const row of comparableRows(v))
    expect(row.verdict, `${row.rule.id} ${row.reasons.map((r) => r.en).join('; ')}`).toBe('permitted');
  for (const rule of v.rules)
    expect(rule.beyondMatrix, `${rule.hit.rule.provenance.text} opens more than the matrix`).toBeUndefined();
  return v;
}

/** Rows not permitted, and rules that open something beyond the matrix, as short lines. */
export function caught(
  matrix: Matrix,
  firewall: string,
  rs: Ruleset,
  options?: VerifyOptions,
): { rows: string[]; beyond: string[] } {
  const v = verifyFirewall(matrix, firewall, rs, options);
  return {
    rows: comparableRows(v)
      .filter((r) => r.verdict !== 'permitted')
      .map((r) => `${r.rule.id} ${r.verdict}`),
    beyond: v.rules.filter((r) => r.beyondMatrix).map((r) => r.hit.rule.provenance.text ?? ''),
  };
}
