import { useCallback, useMemo } from 'react';
import { seg } from '../api.ts';
import type { MatrixResponse as MatrixPage } from '../api-types.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { messages, numberFormat, useLocale } from '../i18n.ts';
import { useQueryState } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useSiteName } from '../use-site-name.ts';
import { MatrixGrid } from './matrix/grid.tsx';
import { apiQuery, type MatrixQuery, readQuery, viewQuery, writeQuery } from './matrix/query.ts';
import { MatrixToolbar } from './matrix/toolbar.tsx';
import { useMatrixRows } from './matrix/use-rows.ts';
import { ViewsAndExport } from './matrix/views.tsx';

const useT = messages({
  en: { title: 'Matrix of {site}', count: '{shown} rows', of: '{shown} of {total} rows' },
  fr: { title: 'Matrice de {site}', count: '{shown} lignes', of: '{shown} sur {total} lignes' },
});

export function MatrixScreen({ siteId }: { siteId: string }) {
  const t = useT();
  const siteName = useSiteName(siteId);
  const locale = useLocale();
  const [params, setParams] = useQueryState();
  const query = useMemo(() => readQuery(params), [params]);
  const apiParams = useMemo(() => apiQuery(query, locale), [query, locale]);
  const base = `/api/sites/${seg(siteId)}/matrix`;
  const rows = useMatrixRows(base, apiParams.toString());
  // Every column the matrix has (the grid's request names only the chosen ones), and the unfiltered count.
  const all = useApi<MatrixPage>(`${base}?limit=0&lang=${locale}`);
  const allColumns = all.data?.columns ?? rows.columns;
  const fmt = numberFormat(locale);

  const change = useCallback((next: MatrixQuery) => setParams((q) => writeQuery(q, next), true), [setParams]);
  const onSort = useCallback(
    (key: string) => {
      const dir = query.sort?.key === key && query.sort.dir === 'asc' ? 'desc' : 'asc';
      change({ ...query, sort: { key, dir } });
    },
    [query, change],
  );

  return (
    <>
      <h1 tabIndex={-1}>{t('title', { site: siteName })}</h1>
      <MatrixToolbar query={query} allColumns={allColumns} onChange={change} />
      <p aria-live="polite" data-testid="matrix-count" data-first-page-ms={rows.firstPageMs?.toFixed(1)}>
        {rows.total === undefined
          ? '…'
          : all.data && all.data.total !== rows.total
            ? t('of', { shown: fmt.format(rows.total), total: fmt.format(all.data.total) })
            : t('count', { shown: fmt.format(rows.total) })}
      </p>
      <ErrorNotice error={rows.error} />
      <MatrixGrid rows={rows} columns={rows.columns} query={query} onSort={onSort} />
      <ViewsAndExport
        siteId={siteId}
        viewQuery={viewQuery(query)}
        exportQuery={apiParams}
        onOpen={(saved) => {
          const next = readQuery(new URLSearchParams(saved));
          change(next);
        }}
      />
    </>
  );
}
