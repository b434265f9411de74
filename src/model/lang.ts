/**
 * Words in two languages, without the catalog schema (`text.ts` adds it): what start-up, issues and reports need,
 * loaded without zod.
 */

/** The two languages every user-facing text carries. Protocol names, ids and config keywords are never translated. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text with both languages: what the code itself writes (findings, reports, labels). */
export type Text = { fr: string; en: string };

export const text = (fr: string, en: string): Text => ({ fr, en });

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
