import { type FormEvent, useId, useState } from 'react';
import { api } from '../api.ts';
import type { Site, SiteSummary } from '../api-types.ts';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { messages, useLocale } from '../i18n.ts';
import { href, navigate } from '../router.ts';
import { useMayEdit } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { formatWhen } from './common/i18n.ts';
import { type CatalogForStarter, starterYaml } from './site/starter.ts';

const useT = messages({
  en: {
    title: 'Sites',
    create: 'New site',
    readOnly:
      'You can read the sites; creating and editing them needs the requester, approver, implementer or admin role.',
    name: 'Name',
    version: 'Version',
    updated: 'Last change',
    none: 'No site yet.',
    newTitle: 'New site',
    id: 'Site id (lowercase letters, digits, . _ -)',
    catalog: 'Catalog',
    submit: 'Create the site',
  },
  fr: {
    title: 'Sites',
    create: 'Nouveau site',
    readOnly:
      'Vous pouvez lire les sites ; les créer et les modifier demande le rôle demandeur, approbateur, exécutant ou administrateur.',
    name: 'Nom',
    version: 'Version',
    updated: 'Dernière modification',
    none: "Aucun site pour l'instant.",
    newTitle: 'Nouveau site',
    id: 'Identifiant du site (minuscules, chiffres, . _ -)',
    catalog: 'Catalogue',
    submit: 'Créer le site',
  },
});

export function SitesScreen() {
  const t = useT();
  const locale = useLocale();
  const sites = useApi<SiteSummary[]>('/api/sites');
  const mayEdit = useMayEdit();
  return (
    <>
      <h1 tabIndex={-1}>{t('title')}</h1>
      <p>{mayEdit ? <a href={href('/sites/new')}>{t('create')}</a> : t('readOnly')}</p>
      <ErrorNotice error={sites.error} />
      {sites.loading && !sites.data ? <Loading /> : null}
      {sites.data && sites.data.length === 0 && <p>{t('none')}</p>}
      {sites.data && sites.data.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('updated')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.data.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={href(`/sites/${encodeURIComponent(s.id)}`)}>{s.name}</a>
                </th>
                <td>{s.version}</td>
                <td>
                  {formatWhen(s.updatedAt, locale)} — {s.updatedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function NewSiteScreen() {
  const t = useT();
  const catalogs = useApi<{ id: string }[]>('/api/catalogs');
  const [error, setError] = useState<unknown>();
  const nameId = useId();
  const catId = useId();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const catalog = String(form.get('catalog') ?? '');
    try {
      const defs = await api.get<CatalogForStarter>(`/api/catalogs/${encodeURIComponent(catalog)}`);
      const site = await api.post<Site>('/api/sites', { name, yaml: starterYaml(name, catalog, defs) });
      navigate(`/sites/${encodeURIComponent(site.id)}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('newTitle')}</h1>
      <form className="form" onSubmit={submit}>
        <label htmlFor={nameId}>{t('id')}</label>
        <input id={nameId} name="name" required pattern="[a-z0-9][a-z0-9._\-]*" />
        <label htmlFor={catId}>{t('catalog')}</label>
        <select id={catId} name="catalog" required>
          {catalogs.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id}
            </option>
          ))}
        </select>
        <ErrorNotice error={error ?? catalogs.error} />
        <button type="submit" className="primary">
          {t('submit')}
        </button>
      </form>
    </>
  );
}
