import { useEffect, useId, useState } from 'react';
import type { MatrixColumn } from '../../api-types.ts';
import { messages } from '../../i18n.ts';
import type { MatrixQuery } from './query.ts';

const useT = messages({
  en: {
    search: 'Search all columns',
    filterColumn: 'Filter column',
    filterValue: 'contains',
    addFilter: 'Add filter',
    removeFilter: 'Remove filter {col} = {value}',
    filters: 'Active filters',
    columns: 'Columns',
    allColumns: 'All columns',
  },
  fr: {
    search: 'Rechercher dans toutes les colonnes',
    filterColumn: 'Colonne à filtrer',
    filterValue: 'contient',
    addFilter: 'Ajouter le filtre',
    removeFilter: 'Retirer le filtre {col} = {value}',
    filters: 'Filtres actifs',
    columns: 'Colonnes',
    allColumns: 'Toutes les colonnes',
  },
});

/** Search, filters and column choice; every change goes to the URL (the grid reads it from there). */
export function MatrixToolbar({
  query,
  allColumns,
  onChange,
}: {
  query: MatrixQuery;
  allColumns: MatrixColumn[];
  onChange: (next: MatrixQuery) => void;
}) {
  const t = useT();
  const ids = { q: useId(), col: useId(), value: useId() };
  const [text, setText] = useState(query.q);
  const [column, setColumn] = useState('');
  const [value, setValue] = useState('');
  // Typing is local; the URL (and the request) follows 150 ms after the last key.
  useEffect(() => setText(query.q), [query.q]);
  useEffect(() => {
    if (text === query.q) return;
    const timer = setTimeout(() => onChange({ ...query, q: text }), 150);
    return () => clearTimeout(timer);
  }, [text, query, onChange]);
  const label = (key: string) => allColumns.find((c) => c.key === key)?.label ?? key;
  const shown = query.columns ?? allColumns.map((c) => c.key);

  return (
    <div className="toolbar">
      <label htmlFor={ids.q}>
        {t('search')}
        <input id={ids.q} type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const key = column || allColumns[0]?.key;
          if (!key || !value) return;
          onChange({ ...query, filters: [...query.filters.filter(([k]) => k !== key), [key, value]] });
          setValue('');
        }}
      >
        <label htmlFor={ids.col}>
          {t('filterColumn')}
          <select id={ids.col} value={column} onChange={(e) => setColumn(e.target.value)}>
            {allColumns.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.value}>
          {t('filterValue')}
          <input id={ids.value} value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit">{t('addFilter')}</button>
      </form>
      {query.filters.length > 0 && (
        <ul className="chips" aria-label={t('filters')}>
          {query.filters.map(([k, v]) => (
            <li key={k}>
              <button
                type="button"
                aria-label={t('removeFilter', { col: label(k), value: v })}
                onClick={() => onChange({ ...query, filters: query.filters.filter(([f]) => f !== k) })}
              >
                {label(k)} = {v} <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="columns">
        <summary>{t('columns')}</summary>
        <fieldset>
          <legend className="sr-only">{t('columns')}</legend>
          {allColumns.map((c) => (
            <label key={c.key} className="check">
              <input
                type="checkbox"
                checked={shown.includes(c.key)}
                onChange={(e) => {
                  const next = e.target.checked
                    ? allColumns.map((a) => a.key).filter((k) => k === c.key || shown.includes(k))
                    : shown.filter((k) => k !== c.key);
                  onChange({ ...query, columns: next.length === allColumns.length ? undefined : next });
                }}
              />
              {c.label}
            </label>
          ))}
          <button type="button" onClick={() => onChange({ ...query, columns: undefined })}>
            {t('allColumns')}
          </button>
        </fieldset>
      </details>
    </div>
  );
}
