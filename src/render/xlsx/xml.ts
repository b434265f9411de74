/** XML text for SpreadsheetML parts, written as strings (the escaping itself is src/util/xml.ts). */

import { escapeXml } from '../../util/xml.js';

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
