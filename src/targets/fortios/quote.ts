import { stripAccents } from '../core/names.js';

/**
 * A FortiOS CLI string: double quotes, `\` and `"` escaped with a backslash; control characters and non-ASCII
 * become spaces (a newline would end the command), accents are dropped.
 */
export function fortiString(text: string, maxLength = 1023): string {
  const ascii = [...stripAccents(text)].map((c) => (c >= ' ' && c <= '~' ? c : ' ')).join('');
  const body = ascii.replace(/ {2,}/g, ' ').trim().slice(0, maxLength);
  return `"${body.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
