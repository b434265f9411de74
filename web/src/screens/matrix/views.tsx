import { useId, useState } from 'react';
import { api, seg } from '../../api.ts';
import type { SavedView } from '../../api-types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { messages } from '../../i18n.ts';
import { useApi } from '../../use-api.ts';

const useT = messages({
  en: {
    views: 'Saved views',
    name: 'View name',
    save: 'Save this view',
    open: 'Open view {name}',
    remove: 'Delete view {name}',
    none: 'No saved view.',
    export: 'Export what is shown',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
  },
  fr: {
    views: 'Vues enregistrées',
    name: 'Nom de la vue',
    save: 'Enregistrer cette vue',
    open: 'Ouvrir la vue {name}',
    remove: 'Supprimer la vue {name}',
    none: 'Aucune vue enregistrée.',
    export: 'Exporter ce qui est affiché',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
  },
});

/** Saved views (a name and the matrix query) and the export links (the same query, so exactly what is shown). */
export function ViewsAndExport({
  siteId,
  viewQuery,
  exportQuery,
  onOpen,
}: {
  siteId: string;
  viewQuery: string;
  exportQuery: URLSearchParams;
  onOpen: (query: string) => void;
}) {
  const t = useT();
  const base = `/api/sites/${seg(siteId)}`;
  const views = useApi<SavedView[]>(`${base}/views`);
  const [error, setError] = useState<unknown>();
  const nameId = useId();
  const link = (format: string) => {
    const q = new URLSearchParams(exportQuery);
    q.set('format', format);
    return `${base}/matrix/export?${q}`;
  };

  return (
    <div className="toolbar">
      <section aria-labelledby={`${nameId}-h`}>
        <h2 id={`${nameId}-h`}>{t('views')}</h2>
        {views.data?.length === 0 && <p className="muted">{t('none')}</p>}
        <ul className="chips">
          {views.data?.map((v) => (
            <li key={v.id}>
              <button type="button" onClick={() => onOpen(v.query)} aria-label={t('open', { name: v.name })}>
                {v.name}
              </button>
              <button
                type="button"
                aria-label={t('remove', { name: v.name })}
                onClick={async () => {
                  try {
                    await api.del(`${base}/views/${seg(String(v.id))}`);
                    views.reload();
                  } catch (err) {
                    setError(err);
                  }
                }}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
        <form
          className="toolbar"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const name = String(new FormData(form).get('name') ?? '').trim();
            if (!name) return;
            try {
              await api.post(`${base}/views`, { name, query: viewQuery });
              form.reset();
              setError(undefined);
              views.reload();
            } catch (err) {
              setError(err);
            }
          }}
        >
          <label htmlFor={nameId}>
            {t('name')}
            <input id={nameId} name="name" required />
          </label>
          <button type="submit">{t('save')}</button>
        </form>
        <ErrorNotice error={error ?? views.error} />
      </section>
      <section aria-labelledby={`${nameId}-x`}>
        <h2 id={`${nameId}-x`}>{t('export')}</h2>
        <p className="toolbar">
          <a href={link('csv')} download>
            {t('csv')}
          </a>
          <a href={link('xlsx')} download>
            {t('xlsx')}
          </a>
        </p>
      </section>
    </div>
  );
}
