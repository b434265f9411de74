import type { ParameterValue } from './settings.js';

const TEMPLATE = /\$\{([A-Za-z0-9_.-]+)\}/g;

export const templateNames = (text: string): string[] => [...text.matchAll(TEMPLATE)].map((m) => m[1] as string);

export const hasTemplate = (text: string): boolean => text.includes('${');

/**
 * Fills `${name}` placeholders. A list-valued parameter yields one string per element (the product of all
 * list parameters used). Returns the names that have no value instead of guessing one.
 */
export function expandTemplate(
  text: string,
  values: Readonly<Record<string, ParameterValue | undefined>>,
): { ok: true; values: string[] } | { ok: false; missing: string[] } {
  if (!hasTemplate(text)) return { ok: true, values: [text] };
  const names = templateNames(text);
  if (names.length === 0) return { ok: true, values: [text] };
  const missing = names.filter((n) => values[n] === undefined || values[n] === '');
  if (missing.length > 0) return { ok: false, missing: [...new Set(missing)] };
  let results = [text];
  for (const name of new Set(names)) {
    const v = values[name] as ParameterValue;
    const options = Array.isArray(v) ? v.map(String) : [String(v)];
    const token = `\${${name}}`;
    results = results.flatMap((r) => options.map((o) => r.split(token).join(o)));
  }
  return { ok: true, values: results };
}

/**
 * Fills `${name}` placeholders in prose (purposes, notes, scenario labels) for a reader: a list parameter is
 * written as its elements joined by ", "; a name without a value stays as written rather than being guessed.
 */
export function fillProse(text: string, values: Readonly<Record<string, ParameterValue | undefined>>): string {
  if (!hasTemplate(text)) return text;
  return text.replace(TEMPLATE, (token, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') return token;
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}

/** `fillProse` on both languages of a text; the same object back when nothing is templated. */
export function fillText<T extends { readonly fr: string; readonly en: string }>(
  text: T,
  values: Readonly<Record<string, ParameterValue | undefined>>,
): T {
  if (!hasTemplate(text.fr) && !hasTemplate(text.en)) return text;
  return { ...text, fr: fillProse(text.fr, values), en: fillProse(text.en, values) };
}
