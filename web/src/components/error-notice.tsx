import { ApiError } from '../api.ts';
import type { ApiIssue } from '../api-types.ts';
import { messages, useLocale } from '../i18n.ts';
import { colon } from '../screens/common/typography.ts';
import { errorText } from './error-texts.ts';
import { issueLine } from './issue-words.ts';

const useT = messages({
  en: { error: 'Error', hint: 'Hint', unknown: 'Something went wrong' },
  fr: { error: 'Erreur', hint: 'Conseil', unknown: 'Une erreur est survenue' },
});

/** An error as the server explains it: message, hint, and each issue at its position. Announced to screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  const locale = useLocale();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  // An error of a known code in the screen's own words (a French screen said 'wrong user name or password').
  const own = api ? errorText(api.code, locale) : undefined;
  const message = own?.message ?? api?.message ?? (error instanceof Error ? error.message : t('unknown'));
  const hint = own ? own.hint : api?.hint;
  // Not the issues that only repeat the error (a format not told apart is also its file's one issue).
  const issues = ((api?.issues ?? []) as AnyIssue[]).filter((i) => i.message !== api?.message);
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>
          {t('error')}
          {colon(locale)}
        </strong>{' '}
        {message}
      </p>
      {hint && (
        <p>
          <strong>
            {t('hint')}
            {colon(locale)}
          </strong>{' '}
          {hint}
        </p>
      )}
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.file ?? ''}:${i.line}:${i.col}:${i.message}`}>
              {where(i)} — {issueLine({ message: i.message ?? '', hint: i.hint, fr: i.fr }, locale)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An issue as the API gives it: a configuration's names its file and line (no column), a site text's line:col. */
type AnyIssue = Partial<ApiIssue> & { file?: string };

/** An issue's place: `file:line` for a configuration, `line:col` in the site text. */
const where = (i: AnyIssue): string =>
  [i.file, i.line, i.col].filter((part) => part !== undefined && part !== '').join(':');

export function Loading() {
  return (
    <p className="loading" aria-live="polite">
      …
    </p>
  );
}
