/** Outcome of parsing one value: the value, or a message and an optional hint for `file:line:col: message — hint`. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });

export const rejected = <T = never>(message: string, hint?: string): ParseResult<T> =>
  hint === undefined ? { ok: false, message } : { ok: false, message, hint };

/** Spaces the source documents put where none belong: ordinary, no-break (U+00A0), narrow no-break (U+202F), thin. */
export const LOOSE_SPACES = /[\s\u00A0\u2007\u2009\u202F]+/g;

export const stripSpaces = (text: string): string => text.replace(LOOSE_SPACES, '');
