import { stripAccents } from '../kit/names.js';

const PRINTABLE = /^[ -~]*$/;

/**
 * A FortiOS CLI string: double quotes, `\` and `"` escaped with a backslash; control characters and non-ASCII
 * become spaces (a newline would end the command), accents are dropped.
 */
export function fortiString(text: string, maxLength = 1023): string {
  // Names and interfaces are printable ASCII already: no accent to strip, no character to replace.
  const ascii = PRINTABLE.test(text)
    ? text
    : [...stripAccents(text)].map((c) => (c >= ' ' && c <= '~' ? c : ' ')).join('');
  const body = ascii.replace(/ {2,}/g, ' ').trim().slice(0, maxLength);
  return `"${body.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
