import type { Text } from './text.js';

/**
 * The French of the messages our schemas give zod. zod keeps one message, the English one; src/catalog/zod-issues.ts
 * finds the French of a refinement in its `params` (`refinement(…)`), and of a pattern by the pattern itself, which
 * the issue carries (`pattern(…)`). Both are written beside the schema, in both languages.
 */
const PATTERNS = new Map<string, Text>();

/** `z.string().regex(...pattern(/^…$/, text(fr, en)))`: the pattern, with its words in both languages. */
export function pattern(re: RegExp, says: Text): [RegExp, string] {
  // One pattern, one French: two schemas sharing a pattern (dates) say the same thing.
  if (!PATTERNS.has(re.toString())) PATTERNS.set(re.toString(), says);
  return [re, says.en];
}

/** The words of the pattern a zod `invalid_format` issue names (its `pattern`, as `RegExp.toString()` gives it). */
export const patternWords = (re: string | undefined): Text | undefined =>
  re === undefined ? undefined : PATTERNS.get(re);

/** `.refine(check, refinement(text(fr, en)))`: zod's message in English, the French in the params. */
export const refinement = (says: Text, path?: PropertyKey[]) => ({
  message: says.en,
  params: { fr: says.fr },
  ...(path === undefined ? {} : { path }),
});

/** The French a refinement carried (see `refinement`). */
export const refinementFrench = (params: Record<string, unknown> | undefined): string | undefined =>
  typeof params?.fr === 'string' ? params.fr : undefined;
