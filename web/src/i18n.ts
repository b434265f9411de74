import { createContext, useContext } from 'react';
import type { Locale, Text } from './api-types.ts';

/**
 * Texts live beside the screen that shows them: `const useT = messages({ en: {...}, fr: {...} })`; the French
 * dictionary must hold every English key (the type says so). `{name}` placeholders are filled from `vars`.
 */
export const LocaleContext = createContext<Locale>('en');
export const useLocale = (): Locale => useContext(LocaleContext);

/**
 * French with a no-break space where a plain one was typed before `:` `;` `!` `?` (`Note : x` → `Note\u00a0: x`),
 * so the sign never starts a line: the rule of src/model/text.ts `frenchSpaces`, kept here so that the browser
 * bundle does not take in the model (and zod) for one expression.
 */
export const frenchSpaces = (s: string): string => s.replace(/ (?=[:;!?](?:\s|$))/g, '\u00a0');

/** Every string of a screen's French texts (in nested tables, and returned by functions) with French spacing. */
export function spacedFrench<T>(value: T): T {
  if (typeof value === 'string') return frenchSpaces(value) as T;
  if (typeof value === 'function')
    return ((...args: unknown[]) => spacedFrench((value as (...a: unknown[]) => unknown)(...args))) as T;
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spacedFrench(v)])) as T;
  if (Array.isArray(value)) return value.map((v) => spacedFrench(v)) as T;
  return value;
}

export type Dictionary = Record<string, string>;
export function messages<E extends Dictionary>(dicts: { en: E; fr: { [K in keyof E]: string } }) {
  const fr = spacedFrench(dicts.fr);
  return function useT() {
    const locale = useLocale();
    const dict: Dictionary = locale === 'fr' ? fr : dicts.en;
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
