import { type Issue, issue } from '../../model/issues.js';

/**
 * One sheet as text cells, the way a person sees it: merged cells carry their value in every cell they cover, a
 * formula its last computed value. `rows[r][c]` is row r+1, column c+1; empty cells are ''.
 */
export interface Grid {
  readonly sheet: string;
  readonly rows: readonly (readonly string[])[];
}

/** `A`, `Z`, `AA` for 1-based column numbers. */
export function columnName(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `C` → 3; undefined when the text is not a column name. */
export function columnNumber(name: string): number | undefined {
  if (!/^[A-Z]{1,3}$/i.test(name)) return undefined;
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A problem with one cell: printed `FILE!Sheet!C12: what is wrong — how to fix`. */
export function cellIssue(
  file: string,
  sheet: string,
  row: number,
  column: number | undefined,
  message: string,
  hint: string,
): Issue {
  const where = `${file}!${sheet}!${column === undefined ? '' : columnName(column)}${row}`;
  return { ...issue('invalid-value', [], message, hint), file: where };
}
