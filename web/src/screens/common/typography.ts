import type { Lang } from './types.ts';

/** The no-break space French puts before `:` `;` `!` `?`, so the sign never starts a line (as documents do). */
const FR_SPACE = '\u00a0';

/** `:` after a word as `lang` writes it: French puts a no-break space before it (`Refusé : 2`), English none. */
export const colon = (lang: Lang): string => (lang === 'fr' ? `${FR_SPACE}:` : ':');

/**
 * French text with a no-break space where a plain one was typed before `:` `;` `!` `?` (the rule of
 * src/model/text.ts, which the bundle does not import: it pulls zod). Only a sign followed by a space or the end:
 * times (`12:30`), addresses and URLs keep theirs.
 */
export const frenchSpaces = (s: string): string => s.replace(/ (?=[:;!?](?:\s|$))/g, FR_SPACE);

const spaced = new WeakMap<object, unknown>();

/**
 * A screen's French strings with French spacing: texts respaced, functions' results respaced, nested tables
 * walked. Done once per table (kept by identity), so a screen's strings stay the same object between renders.
 */
export function frenchStrings<T>(value: T): T {
  if (typeof value === 'string') return frenchSpaces(value) as T;
  if (typeof value === 'function')
    return ((...args: unknown[]) => frenchStrings((value as (...a: unknown[]) => unknown)(...args))) as T;
  // Only the tables of texts: arrays, React elements and class instances are returned as they are.
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  if ('$$typeof' in value) return value;
  const known = spaced.get(value);
  if (known) return known as T;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, frenchStrings(v)])) as T;
  spaced.set(value, out);
  return out;
}
