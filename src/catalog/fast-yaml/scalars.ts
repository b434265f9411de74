/**
 * Scalar typing and escapes for the fast YAML reader, copied from js-yaml 5's CORE schema (the reference the
 * rest of the code was built on): null, bool, int, float in that order, same patterns, same conversions.
 */

/** Thrown (one shared instance, no stack) when the text leaves the subset the fast reader handles. */
export const DECLINE: Error = Object.freeze(new Error('fast YAML reader declines this text'));

const INT_CORE = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$/;
const FLOAT_CORE =
  /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function resolveInt(s: string): number | undefined {
  if (!INT_CORE.test(s)) return undefined;
  let value = s;
  let sign = 1;
  if (value[0] === '-' || value[0] === '+') {
    if (value[0] === '-') sign = -1;
    value = value.slice(1);
  }
  let result: number;
  if (value.startsWith('0o')) result = sign * Number.parseInt(value.slice(2), 8);
  else if (value.startsWith('0x')) result = sign * Number.parseInt(value.slice(2), 16);
  else result = sign * Number.parseInt(value, 10);
  return Number.isFinite(result) ? result : undefined;
}

function resolveFloat(s: string): number | undefined {
  if (!FLOAT_CORE.test(s)) return undefined;
  let value = s.toLowerCase();
  const sign = value[0] === '-' ? -1 : 1;
  if (value[0] === '+' || value[0] === '-') value = value.slice(1);
  if (value === '.inf') return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (value === '.nan') return Number.NaN;
  const result = sign * Number.parseFloat(value);
  return Number.isFinite(result) || FLOAT_SPECIAL.test(s) ? result : undefined;
}

/** A plain (unquoted) scalar's value under the YAML 1.2 core schema, as js-yaml 5 types it. */
export function resolvePlain(s: string): string | number | boolean | null {
  const n = s.length;
  if (n === 0) return null;
  const c = s.charCodeAt(0);
  // Words (ids, keys, keywords): only null / true / false are not strings, no pattern to try.
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return n === 4 || n === 5 ? keyword(s) : s;
  if (c >= 0x30 && c <= 0x39) {
    // Small decimal integers (ports, counts): read here; anything else goes through the patterns.
    if (n <= 15) {
      let value = 0;
      let i = 0;
      for (; i < n; i++) {
        const d = s.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) break;
        value = value * 10 + d;
      }
      if (i === n) return value;
    }
  } else if (c === 0x7e)
    return n === 1 ? null : s; // ~
  else if (c !== 0x2d && c !== 0x2b && c !== 0x2e) return s; // - + .
  return resolveInt(s) ?? resolveFloat(s) ?? s;
}

function keyword(s: string): string | boolean | null {
  switch (s) {
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The escape starting after the backslash at `at` in a double-quoted scalar: its text and where it ends.
 * Anything unusual (escaped line break, bad hex, out-of-range code point) declines.
 */
export function readEscape(text: string, at: number): { value: string; end: number } {
  const letter = text[at];
  if (letter === undefined) throw DECLINE;
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { value: simple, end: at + 1 };
  const digits = HEX_DIGITS[letter];
  if (digits === undefined) throw DECLINE;
  const hex = text.slice(at + 1, at + 1 + digits);
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw DECLINE;
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff) throw DECLINE;
  // \u escapes may be surrogate halves that pair with the next escape: keep them as UTF-16 units.
  const value = digits === 8 ? String.fromCodePoint(code) : String.fromCharCode(code);
  return { value, end: at + 1 + digits };
}
