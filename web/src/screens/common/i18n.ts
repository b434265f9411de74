import { spacedFrench, useLocale } from '../../i18n.ts';
import type { Lang } from './types.ts';

/** The shell's language (the session's, or `?lang=`). */
export const useLang = (): Lang => useLocale();

/**
 * A screen's strings, beside it. Unlike the shell's flat `messages()`, values may be functions (counts, names in
 * the middle of a sentence) or nested tables (severities, states); the English ones fix the shape, French must match.
 */
export const defineStrings = <T extends Record<string, unknown>>(en: T, fr: T): Record<Lang, T> => ({
  en,
  // French typed with plain spaces before `:` `;` gets its no-break ones once, here.
  fr: spacedFrench(fr),
});

export function useStrings<T>(strings: Record<Lang, T>): T {
  return strings[useLang()];
}

/** Dates and times in the user's language. */
export const formatWhen = (iso: string | undefined | null, lang: Lang): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};
