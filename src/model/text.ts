import { z } from 'zod';

/** The two languages every user-facing text carries. Protocol names, ids and config keywords are never translated. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const Words = z.string().min(1);

/**
 * A text in French and English. The seeds are French; English is our translation. A team's own catalog or site
 * may give one language only: documents then show the other one's text marked as missing (see `pick`). Built-in
 * catalogs carry both (test/catalog/authoring-text.test.ts).
 */
export const Text = z.union([
  z.strictObject({ fr: Words, en: Words.optional() }),
  z.strictObject({ fr: Words.optional(), en: Words }),
]);
/** A text as a catalog or site wrote it: one language may be missing. Read it with `pick`. */
export type WrittenText = z.infer<typeof Text>;
/** A text with both languages: what the code itself writes (findings, reports, labels). */
export type Text = { fr: string; en: string };

export const text = (fr: string, en: string): Text => ({ fr, en });

/** How a document says that a text lacks its language: in the document's language. */
const MISSING: Record<Lang, string> = { fr: '[fr manquant]', en: '[en missing]' };

/**
 * The one reader of a Text: its words in `lang`, or, when only the other language was written, those words
 * marked as missing (`[en missing] …`), so a one-language catalog still renders and nobody mistakes the text
 * for a translation.
 */
export function pick(t: WrittenText | undefined, lang: Lang): string {
  if (t === undefined) return '';
  const own = t[lang];
  if (own !== undefined) return lang === 'fr' ? frenchSpaces(own) : own;
  const other = lang === 'fr' ? t.en : t.fr;
  return other === undefined ? '' : `${MISSING[lang]} ${other}`;
}

/** Whether a text carries both languages (built-in catalogs must). */
export const isComplete = (t: WrittenText): t is Text => t.fr !== undefined && t.en !== undefined;

/** The text with both languages filled the way documents show them (the missing one marked). */
export const completed = (t: WrittenText): Text => ({ fr: pick(t, 'fr'), en: pick(t, 'en') });

/**
 * The space French puts before `:` `;` `!` `?`: no-break, so the sign never starts a line. U+00A0 rather than
 * the narrow U+202F: documents already use it, and naive parsers and fonts handle it (see DESIGN §5).
 */
export const FR_SPACE = '\u00a0';
const TYPED_SPACE = / [:;!?]/;

/**
 * French text with a no-break space where a plain one was typed before `:` `;` `!` `?` (`Note : x` → `Note\u00a0: x`).
 * Only a sign followed by a space or the end: URLs, IPv6 addresses and times (`12:30`) have no space before it.
 */
export function frenchSpaces(s: string): string {
  // Tested first: documents read every cell through here, and most have no sign to space.
  return TYPED_SPACE.test(s) ? s.replace(/ (?=[:;!?](?:\s|$))/g, FR_SPACE) : s;
}

/** `:` as `lang` writes it after a word (`Site :` / `Site:`). */
export const colon = (lang: Lang): string => (lang === 'fr' ? `${FR_SPACE}:` : ':');
/** `;` as `lang` writes it between clauses. */
export const semicolon = (lang: Lang): string => (lang === 'fr' ? `${FR_SPACE};` : ';');

/**
 * `n` followed by the word in the form the count needs: French keeps the singular for 0 and 1, English for 1
 * only (`0 critique`, `0 critical findings`).
 */
export function counted(n: number, one: string, many: string, lang: Lang): string {
  const single = lang === 'fr' ? n < 2 : n === 1;
  return `${n} ${single ? one : many}`;
}

/** A text written once per language by the same function, for words assembled from parts (`both((l) => …)`). */
export const both = (write: (lang: Lang) => string): Text => ({ fr: write('fr'), en: write('en') });
