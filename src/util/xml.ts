/** XML text, written as strings (SpreadsheetML parts, JUnit reports). */

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
