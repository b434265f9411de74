import { z } from 'zod';
import { frenchSpaces, type Lang, type Text as Words2 } from './lang.js';

export {
  both,
  colon,
  counted,
  FR_SPACE,
  frenchSpaces,
  LANGS,
  type Lang,
  semicolon,
  text,
} from './lang.js';
/** A text with both languages: what the code itself writes (findings, reports, labels). */
export type Text = Words2;

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
