import { seg } from '../api.ts';
import type { CatalogSummary, Text } from '../api-types.ts';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { messages, pick, useLocale } from '../i18n.ts';
import { href, useQueryState } from '../router.ts';
import { useApi } from '../use-api.ts';
import { SequenceDiagram } from './sequence.tsx';

const useT = messages({
  en: {
    title: 'Catalogs',
    flows: 'Flows',
    version: 'Version',
    catalog: 'Catalog {id}',
    sections: 'Sections of the catalog',
    roles: 'Roles',
    services: 'Services',
    features: 'Features',
    parameters: 'Parameters',
    checks: 'Checks',
    scenarios: 'Scenarios',
    id: 'Id',
    name: 'Title',
    detail: 'Detail',
    source: 'Source row',
    history: 'History of this catalog (versions and their differences)',
  },
  fr: {
    title: 'Catalogues',
    flows: 'Flux',
    version: 'Version',
    catalog: 'Catalogue {id}',
    sections: 'Sections du catalogue',
    roles: 'Rôles',
    services: 'Services',
    features: 'Fonctionnalités',
    parameters: 'Paramètres',
    checks: 'Contrôles',
    scenarios: 'Scénarios',
    id: 'Identifiant',
    name: 'Titre',
    detail: 'Détail',
    source: 'Ligne source',
    history: 'Historique de ce catalogue (versions et leurs différences)',
  },
});

export function CatalogsScreen() {
  const t = useT();
  const locale = useLocale();
  const list = useApi<CatalogSummary[]>('/api/catalogs');
  return (
    <>
      <h1 tabIndex={-1}>{t('title')}</h1>
      <ErrorNotice error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('flows')}</th>
              <th scope="col">{t('version')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={href(`/catalogs/${encodeURIComponent(c.id)}`)}>{pick(c.title, locale)}</a>
                </th>
                <td>{c.flowCount}</td>
                <td>{c.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type Rec = Record<string, unknown>;
const SECTIONS = ['flows', 'roles', 'services', 'features', 'parameters', 'checks', 'scenarios'] as const;

/** One value as text: a `{fr,en}` text in the current language, lists joined, objects as compact JSON. */
function show(v: unknown, locale: 'fr' | 'en'): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v) && ('fr' in (v as Rec) || 'en' in (v as Rec)))
    return pick(v as Text, locale);
  if (Array.isArray(v)) return v.map((x) => show(x, locale)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function CatalogScreen({ catalogId }: { catalogId: string }) {
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useQueryState();
  const tab = (SECTIONS as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as string) : 'flows';
  const cat = useApi<Rec>(`/api/catalogs/${seg(catalogId)}`);
  if (cat.error) return <ErrorNotice error={cat.error} />;
  if (!cat.data) return <Loading />;
  const raw = cat.data[tab];
  const entries: [string, Rec][] = Array.isArray(raw)
    ? (raw as Rec[]).map((r, i) => [String(r.id ?? r.name ?? i + 1), r])
    : Object.entries((raw ?? {}) as Record<string, Rec>);
  return (
    <>
      <h1 tabIndex={-1}>{t('catalog', { id: show(cat.data.title, locale) || catalogId })}</h1>
      <p>
        <a href={href(`/catalogs/${encodeURIComponent(catalogId)}/history`)}>{t('history')}</a>
      </p>
      <nav aria-label={t('sections')}>
        <ul className="tabs">
          {SECTIONS.map((s) => (
            <li key={s}>
              <a
                href={href(`/catalogs/${encodeURIComponent(catalogId)}`, { tab: s })}
                aria-current={s === tab ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setQuery((q) => q.set('tab', s), false);
                }}
              >
                {t(s)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <table className="data">
        <caption>{t(tab as (typeof SECTIONS)[number])}</caption>
        <thead>
          <tr>
            <th scope="col">{t('id')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('detail')}</th>
            {tab === 'flows' && <th scope="col">{t('source')}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map(([id, e]) => (
            <tr key={id}>
              <th scope="row">{id}</th>
              <td>{show(e.title ?? e.label ?? e.purpose, locale)}</td>
              <td>
                {tab === 'scenarios' && Array.isArray(e.steps) ? (
                  <SequenceDiagram
                    steps={e.steps as Parameters<typeof SequenceDiagram>[0]['steps']}
                    title={show(e.title, locale)}
                  />
                ) : (
                  show(
                    Object.fromEntries(
                      Object.entries(e).filter(([k]) => !['id', 'title', 'label', 'purpose', 'row'].includes(k)),
                    ),
                    locale,
                  )
                )}
              </td>
              {tab === 'flows' && <td>{show(e.ref, locale)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
