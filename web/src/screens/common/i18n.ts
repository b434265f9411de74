import { createContext, useContext } from 'react';
import type { Lang } from './types.js';

/** The language these screens render in; the shell provides it (the session's, or `?lang=`). */
export const LangContext = createContext<Lang>('en');

export const useLang = (): Lang => useContext(LangContext);

/** A screen's strings: the English ones fix the shape, the French ones must match it key for key. */
export const defineStrings = <T extends Record<string, unknown>>(en: T, fr: T): Record<Lang, T> => ({ en, fr });

export function useStrings<T>(strings: Record<Lang, T>): T {
  return strings[useLang()];
}

/** Dates and times in the user's language (no U+202F surprises in tests: only dates, never grouped numbers). */
export const formatWhen = (iso: string | undefined | null, lang: Lang): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};
