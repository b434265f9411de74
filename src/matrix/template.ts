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
