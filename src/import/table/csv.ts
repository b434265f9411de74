import { unneutralise } from '../../util/csv-field.js';
import type { Grid } from './grid.js';

/**
 * RFC 4180 text as a grid: quoted fields with doubled quotes and line breaks, CRLF or LF, a byte-order mark
 * skipped. The separator is the one of `,`, `;` or tab the header line holds most of outside quotes (French Excel
 * writes `;`). Row numbers are record numbers, as a spreadsheet opening the file shows them. The `'` Flowmatrix puts
 * before a formula-like value is taken off again. An unclosed quote is an error, never a silent end of file.
 */
export function readCsv(
  text: string,
  sheet: string,
): { grid: Grid } | { error: { row: number; message: string; hint: string } } {
  const body = text.replace(/^\uFEFF/, '');
  const sep = separatorOf(body);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStart = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteStart = rows.length + 1;
    } else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted)
    return {
      error: {
        row: quoteStart,
        message: 'a quoted field is never closed',
        hint: 'close the quote ("…"); a quote inside a quoted field is written twice ("")',
      },
    };
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return { grid: { sheet, rows: rows.map((r) => r.map(unneutralise)) } };
}

function separatorOf(body: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}
