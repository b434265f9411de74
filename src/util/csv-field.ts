/**
 * One CSV cell, safe to open in a spreadsheet (shared by the matrix CSV and the policy export).
 *
 * Formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets run a cell that starts with
 * `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `-2+3+cmd|' /C calc'!A0`), also after a tab or a carriage
 * return, and Excel folds the fullwidth `＝＋－＠` into the same characters. Such a cell gets a leading `'` and
 * is always quoted: the spreadsheet shows the text with its quote, never a result.
 *
 * A plain signed number (`-1`, `+33`, `-0.5`) is left as it is: a spreadsheet reads it as that number, there is
 * no formula in it to run, and `'-1` would turn a readable value into text with a stray quote. Anything more
 * (`-1+1`, `-1)`, `+33 1 23`) is neutralised. Port ranges (`50000-59999`) do not start with a sign.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** True when a spreadsheet would read `value` as a formula. */
export const isFormulaLike = (value: string): boolean => FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);

/**
 * RFC 4180 field: quoted when it holds a separator, a quote or a line break, quotes doubled; a formula-like
 * value prefixed with `'` and quoted (see above). `neutralise: false` only for machine consumers that want the
 * raw text (tests compare the quoting with csv-stringify). Hand-written because csv-stringify took ~120 ms for
 * 10k rows.
 */
export function csvField(value: string, neutralise = true): string {
  if (neutralise && isFormulaLike(value)) return `"'${value.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Reading our own CSV back: the `'` we put before a formula-like value is not part of the value. */
export const unneutralise = (cell: string): string =>
  cell.startsWith("'") && isFormulaLike(cell.slice(1)) ? cell.slice(1) : cell;
