/**
 * A PowerShell literal string: single quotes, inside which nothing expands (`$()`, backticks, `;`, `#` are plain
 * characters). The only special character is the quote itself, which is doubled; PowerShell also reads the
 * typographic quotes ‘ ’ ‚ ‛ as single quotes, so they are doubled as plain `'` too. Control characters and line
 * separators become spaces, so one command always stays on one line.
 */
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove them.
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function psText(text: string, maxLength: number): string {
  const flat = text.replace(LINE_BREAKING, ' ').replace(/ {2,}/g, ' ').trim();
  // Cut by code points before quoting, so a doubled quote is never split.
  return [...flat].slice(0, maxLength).join('').trimEnd();
}

export const psQuote = (text: string, maxLength = 1024): string =>
  `'${psText(text, maxLength).replace(PS_SINGLE_QUOTES, "''")}'`;

/** `@('a', 'b')`: a string array, each element a literal string. */
export const psArray = (items: readonly string[]): string => `@(${items.map((i) => psQuote(i)).join(', ')})`;
