import { frenchSpaces, type Lang } from './text.js';

/** The structure words of a flow's reference as French writes them; section and table names stay as given. */
const FRENCH: readonly [RegExp, string][] = [
  [/\brows\b/g, 'lignes'],
  [/\brow\b/g, 'ligne'],
  [/\bitems\b/g, 'points'],
  [/\bitem\b/g, 'point'],
];

/**
 * A flow's `ref` (`§1 row 3`, `Mailbox table, rows 2, 3`) in `lang`. Built-in catalogs write the structure words in
 * English whatever the source's language; a French document reads `§1 ligne 3`, with the no-break spaces French
 * puts before `;` and `:` (a ref lists places: `Composants ; Flux…`).
 */
export function refIn(ref: string, lang: Lang): string {
  if (lang === 'en') return ref;
  let out = ref;
  for (const [word, fr] of FRENCH) out = out.replace(word, fr);
  return frenchSpaces(out);
}
