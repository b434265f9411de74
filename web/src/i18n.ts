import { createContext, useContext } from 'react';
import type { Locale, Text } from './api-types.ts';
import { frenchStrings } from './screens/common/typography.ts';

/**
 * Texts live beside the screen that shows them: `const useT = messages({ en: {...}, fr: {...} })`; the French
 * dictionary must hold every English key (the type says so). `{name}` placeholders are filled from `vars`.
 */
export const LocaleContext = createContext<Locale>('en');
export const useLocale = (): Locale => useContext(LocaleContext);

export type Dictionary = Record<string, string>;
export function messages<E extends Dictionary>(dicts: { en: E; fr: { [K in keyof E]: string } }) {
  return function useT() {
    const locale = useLocale();
    // French texts are typed with a plain space before `:` `;` `!` `?`; shown, it must not break there.
    const dict: Dictionary = locale === 'fr' ? frenchStrings(dicts.fr) : dicts.en;
    return (key: keyof E & string, vars?: Record<string, string | number>): string => {
      const text = dict[key] ?? (dicts.en as Dictionary)[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
    };
  };
}

/** A catalog or site text `{fr, en}` (or a plain string) in the current language, falling back to the other. */
export function pick(text: Text | string | undefined, locale: Locale): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text[locale === 'fr' ? 'en' : 'fr'] ?? '';
}

export const numberFormat = (locale: Locale) => new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB');
