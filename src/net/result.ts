/**
 * Outcome of parsing one value: the value, or a message and an optional hint for `file:line:col: message — hint`,
 * in English, and in French beside them when the parser says it (addresses and ports do; see `rejected`).
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; hint?: string; fr?: { message: string; hint?: string } };

/** Words in both languages (the shape of model/text's `Text`: net depends on nothing above it). */
export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** A refusal: in English (strings), or in both languages (`{ fr, en }` words). */
export function rejected<T = never>(message: Bilingual, hint?: Bilingual): ParseResult<T>;
export function rejected<T = never>(message: string, hint?: string): ParseResult<T>;
export function rejected<T = never>(message: string | Bilingual, hint?: string | Bilingual): ParseResult<T> {
  if (typeof message === 'string' || typeof hint === 'string')
    return hint === undefined
      ? { ok: false, message: en(message) }
      : { ok: false, message: en(message), hint: en(hint) };
  return hint === undefined
    ? { ok: false, message: message.en, fr: { message: message.fr } }
    : { ok: false, message: message.en, hint: hint.en, fr: { message: message.fr, hint: hint.fr } };
}

const en = (t: string | Bilingual): string => (typeof t === 'string' ? t : t.en);

/** `{ fr, en }` words, for the refusals of the parsers below. */
export const words = (fr: string, en: string): Bilingual => ({ fr, en });

/** `did you mean "x"?` in both languages. */
export const didYouMeanWords = (c: string): Bilingual => words(`vouliez-vous dire "${c}" ?`, `did you mean "${c}"?`);

/** Spaces the source documents put where none belong: ordinary, no-break (U+00A0), narrow no-break (U+202F), thin. */
export const LOOSE_SPACES = /[\s\u00A0\u2007\u2009\u202F]+/g;

export const stripSpaces = (text: string): string => text.replace(LOOSE_SPACES, '');
