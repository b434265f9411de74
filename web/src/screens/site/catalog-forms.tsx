import { seg } from '../../api.ts';
import type { Text } from '../../api-types.ts';
import { messages, pick, useLocale } from '../../i18n.ts';
import { useApi } from '../../use-api.ts';
import { CheckField, CommitInput } from './fields.tsx';
import { joinList, type SiteView, setOrDelete, splitList } from './site-doc.ts';
import type { Edit } from './types.ts';

const useT = messages({
  en: {
    heading: 'Catalog {id}: features and parameters',
    features: 'Features',
    parameters: 'Parameters',
    byDefault: 'default: {value}',
    on: 'on',
    off: 'off',
  },
  fr: {
    heading: 'Catalogue {id} : fonctionnalités et paramètres',
    features: 'Fonctionnalités',
    parameters: 'Paramètres',
    byDefault: 'par défaut : {value}',
    on: 'activée',
    off: 'désactivée',
  },
});

interface CatalogDefs {
  features?: Record<string, { title: Text; default?: boolean }>;
  parameters?: Record<string, { title: Text; type: string; default?: unknown }>;
}

/** For each catalog the site uses: a checkbox per feature and a field per parameter, read from the catalog. */
export function CatalogForms({ view, edit }: { view: SiteView; edit: Edit }) {
  return (
    <>
      {view.catalogs.map((use, i) =>
        use?.catalog ? <CatalogUseForm key={use.catalog} index={i} use={use} edit={edit} /> : null,
      )}
    </>
  );
}

function CatalogUseForm({ index, use, edit }: { index: number; use: SiteView['catalogs'][number]; edit: Edit }) {
  const t = useT();
  const locale = useLocale();
  const id = use.catalog as string;
  const catalog = useApi<CatalogDefs>(`/api/catalogs/${seg(id)}`);
  const features = Object.entries(catalog.data?.features ?? {});
  const parameters = Object.entries(catalog.data?.parameters ?? {});
  return (
    <section>
      <h2>{t('heading', { id })}</h2>
      <fieldset className="entry">
        <legend>{t('features')}</legend>
        {features.map(([fid, f]) => {
          const set = use.features?.[fid];
          const on = set ?? f.default === true;
          return (
            <CheckField
              key={fid}
              label={
                <>
                  {pick(f.title, locale)} <code>{fid}</code>
                  {set === undefined && (
                    <span className="muted"> ({t('byDefault', { value: f.default ? t('on') : t('off') })})</span>
                  )}
                </>
              }
              checked={on}
              onChange={(c) => edit((d) => d.setIn(['catalogs', index, 'features', fid], c))}
            />
          );
        })}
      </fieldset>
      {parameters.length > 0 && (
        <fieldset className="entry">
          <legend>{t('parameters')}</legend>
          {parameters.map(([pid, p]) => {
            const isList = p.type.endsWith('-list');
            const numeric = p.type === 'port' || p.type === 'integer';
            return (
              <CommitInput
                key={pid}
                label={`${pick(p.title, locale)} (${pid})`}
                value={joinList(use.parameters?.[pid] ?? '') || String(use.parameters?.[pid] ?? '')}
                placeholder={p.default === undefined ? '' : joinList(p.default) || String(p.default)}
                onCommit={(v) => {
                  const value =
                    v.trim() === '' ? undefined : isList ? splitList(v) : numeric && /^\d+$/.test(v) ? Number(v) : v;
                  edit((d) => setOrDelete(d, ['catalogs', index, 'parameters', pid], value));
                }}
              />
            );
          })}
        </fieldset>
      )}
    </section>
  );
}
