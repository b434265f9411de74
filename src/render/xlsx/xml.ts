/** XML text for SpreadsheetML parts, written as strings. */

/** Characters XML 1.0 forbids (C0 controls but tab, CR, LF; lone surrogates; U+FFFE, U+FFFF): dropped. */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Anything the fast test below lets through is plain text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for element content and attribute values (double-quoted). */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(FORBIDDEN, '').replace(SPECIAL, (c) => ENTITY[c] as string);
}

/** Excel refuses cells over 32,767 characters: longer text is cut and says so. */
export const CELL_LIMIT = 32767;
const TRUNCATED = ' […]';

export function fitCell(text: string): string {
  if (text.length <= CELL_LIMIT) return text;
  let cut = CELL_LIMIT - TRUNCATED.length;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + TRUNCATED;
}

/** Column letter(s) for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * The part of an inline-string cell after its reference: ` s="6" t="inlineStr"><is><t>…</t></is></c>`.
 * Leading or trailing blanks are kept with `xml:space="preserve"`.
 */
export function textCellTail(text: string, style: number): string {
  const value = escapeXml(fitCell(text));
  const preserve = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${preserve}>${value}</t></is></c>`;
}

export function numberCellTail(value: number, style: number): string {
  return `${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
