import type { ApiIssue, Locale } from '../api-types.ts';
import { frenchSpaces } from '../screens/common/typography.ts';

/**
 * What an issue says in the screen's language: the French the server sent beside the English (`fr`), else the
 * English (the checks not translated yet). The browser's side of `formatIssue(issue, lang)` (src/model/issues.ts),
 * which the bundle does not import.
 */
export function issueWords(
  i: Pick<ApiIssue, 'message' | 'hint' | 'fr'>,
  locale: Locale,
): { message: string; hint?: string } {
  if (locale === 'fr' && i.fr)
    return { message: frenchSpaces(i.fr.message), hint: i.fr.hint ? frenchSpaces(i.fr.hint) : undefined };
  return { message: i.message, hint: i.hint || undefined };
}

/** `message — hint`, as every problem is written. */
export function issueLine(i: Pick<ApiIssue, 'message' | 'hint' | 'fr'>, locale: Locale): string {
  const { message, hint } = issueWords(i, locale);
  return hint ? `${message} — ${hint}` : message;
}
