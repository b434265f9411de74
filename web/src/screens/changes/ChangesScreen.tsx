import { type FormEvent, useEffect, useState } from 'react';
import type { Site, SiteSummary } from '../../../../src/server/api-types.ts';
import { href, navigate, useQueryState } from '../../router.ts';
import { apiGet, apiPath, apiSend } from '../common/api.ts';
import { useApi, useSessionUser } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { ChangeState, ChangeSummary } from '../common/types.ts';
import { CHANGE_STATES } from '../common/types.ts';
import { ErrorNote, Field, Loading, StateBadge } from '../common/ui.tsx';
import { changeStrings } from './strings.ts';

/** Roles that may file a change request (the server checks again). */
export const canFile = (role: string | undefined): boolean =>
  role === 'requester' || role === 'approver' || role === 'implementer' || role === 'admin';

/** The change requests, by state (`?state=` in the URL). */
export function ChangesScreen() {
  const s = useStrings(changeStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const user = useSessionUser();
  const [query, setQuery] = useQueryState();
  const state = query.get('state') ?? '';
  const list = useApi<ChangeSummary[]>(`/api/changes${state ? `?state=${encodeURIComponent(state)}` : ''}`);
  return (
    <section className="fm-screen fm-changes" aria-labelledby="changes-title">
      <h1 tabIndex={-1} id="changes-title">
        {s.title}
      </h1>
      <div className="toolbar">
        <Field label={s.stateFilter}>
          {(id) => (
            <select
              id={id}
              value={state}
              onChange={(e) =>
                setQuery((q) => (e.target.value ? q.set('state', e.target.value) : q.delete('state')), true)
              }
            >
              <option value="">{s.allStates}</option>
              {CHANGE_STATES.map((st) => (
                <option key={st} value={st}>
                  {c.state[st]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {canFile(user?.role) ? (
          <a className="button" href={href('/changes/new')}>
            {s.newChange}
          </a>
        ) : null}
      </div>
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{s.none}</p> : null}
      {list.data && list.data.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{s.id}</th>
              <th scope="col">{s.name}</th>
              <th scope="col">{s.site}</th>
              <th scope="col">{s.state}</th>
              <th scope="col">{s.requester}</th>
              <th scope="col">{s.updated}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((ch) => (
              <tr key={ch.id} data-state={ch.state}>
                <td>{ch.id}</td>
                <td className="fm-wrap">
                  <a href={href(`/changes/${ch.id}`)}>{ch.title}</a>
                </td>
                <td className="fm-wrap">{ch.siteName}</td>
                <td>
                  <StateBadge state={ch.state as ChangeState} />
                </td>
                <td>{ch.requester}</td>
                <td>{formatWhen(ch.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Files a change request: a site, a title, why, and the proposed site text (the current one to start from). */
export function NewChangeScreen() {
  const s = useStrings(changeStrings);
  const [query] = useQueryState();
  const sites = useApi<SiteSummary[]>('/api/sites');
  const [siteId, setSiteId] = useState(query.get('site') ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [yaml, setYaml] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Choosing a site fills in its current text, the starting point of the proposal.
  useEffect(() => {
    if (!siteId) return;
    let live = true;
    apiGet<Site>(apiPath('sites', siteId)).then(
      (site) => live && setYaml(site.yaml),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [siteId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!siteId || !title.trim() || !yaml.trim()) return setError(new Error(s.needTitle));
    setBusy(true);
    try {
      const created = await apiSend<{ id: number }>('POST', '/api/changes', {
        siteId: Number(siteId),
        title: title.trim(),
        description,
        yaml,
      });
      navigate(`/changes/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="fm-screen" aria-labelledby="new-change-title">
      <h1 tabIndex={-1} id="new-change-title">
        {s.createTitle}
      </h1>
      <ErrorNote error={sites.error} onRetry={sites.reload} />
      <form className="form" onSubmit={submit}>
        <Field label={s.site}>
          {(id) => (
            <select id={id} value={siteId} required onChange={(e) => setSiteId(e.target.value)}>
              <option value="">{s.pickSite}</option>
              {(sites.data ?? []).map((site) => (
                <option key={site.id} value={String(site.id)}>
                  {site.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.name}>
          {(id) => <input id={id} required value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={s.description}>
          {(id) => <textarea id={id} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label={s.yaml}>
          {(id) => (
            <>
              <p id={`${id}-hint`} className="muted">
                {s.yamlHint}
              </p>
              <textarea
                id={id}
                aria-describedby={`${id}-hint`}
                rows={16}
                className="fm-mono"
                spellCheck={false}
                value={yaml}
                onChange={(e) => setYaml(e.target.value)}
              />
            </>
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {s.create}
        </button>
      </form>
    </section>
  );
}
