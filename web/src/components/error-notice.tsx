import { ApiError } from '../api.ts';
import { messages } from '../i18n.ts';

const useT = messages({
  en: { error: 'Error', hint: 'Hint', unknown: 'Something went wrong' },
  fr: { error: 'Erreur', hint: 'Conseil', unknown: 'Une erreur est survenue' },
});

/** An error as the server explains it: message, hint, and each issue at its position. Announced to screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const message = api?.message ?? (error instanceof Error ? error.message : t('unknown'));
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t('error')} :</strong> {message}
      </p>
      {api?.hint && (
        <p>
          <strong>{t('hint')} :</strong> {api.hint}
        </p>
      )}
      {api && api.issues.length > 0 && (
        <ul>
          {api.issues.map((i) => (
            <li key={`${i.line}:${i.col}:${i.message}`}>
              {i.line}:{i.col} — {i.message}
              {i.hint ? ` — ${i.hint}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" aria-live="polite">
      …
    </p>
  );
}
