import { useState } from 'react';
import { useQueryState } from '../../router.ts';
import { apiPath } from '../common/api.ts';
import { useApi } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import type { DiffJson, VersionEntry } from '../common/types.ts';
import { ErrorNote, Loading, Tabs } from '../common/ui.tsx';
import { RowDiffView } from './RowDiffView.tsx';
import { historyStrings } from './strings.ts';
import { TextDiffView } from './TextDiffView.tsx';

export type Versioned = 'sites' | 'catalogs';

/**
 * The versions of a site (or catalog) and the diff of any two: the matrix rows added, removed and changed (the
 * product's diff) and the YAML text. The two versions are held in the URL (`?from=3&to=5`), so a diff is a link.
 */
export function HistoryScreen({ kind, id }: { kind: Versioned; id: string }) {
  const s = useStrings(historyStrings);
  const lang = useLang();
  const versions = useApi<VersionEntry[]>(apiPath(kind, id, 'versions'));
  // A site is named by its name (its id is a number); a catalog by its id.
  const named = useApi<{ name: string }>(kind === 'sites' ? apiPath('sites', id) : undefined);
  const [query, setQuery] = useQueryState();
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const latest = list[0]?.version;
  const from = Number(query.get('from') ?? list[1]?.version ?? Number.NaN);
  const to = Number(query.get('to') ?? latest ?? Number.NaN);
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const pick = (key: 'from' | 'to', v: number) => setQuery((q) => q.set(key, String(v)));
  const comparable = Number.isFinite(from) && Number.isFinite(to) && from !== to;
  const current = shown ?? (query.has('from') && query.has('to') && comparable ? { from, to } : null);

  return (
    <section className="fm-screen fm-history" aria-labelledby="history-title">
      <h1 tabIndex={-1} id="history-title">
        {s.title(named.data?.name ?? id)}
      </h1>
      <ErrorNote error={versions.error} onRetry={versions.reload} />
      {versions.loading && !versions.data ? <Loading /> : null}
      {versions.data ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (comparable) {
              setQuery((q) => {
                q.set('from', String(from));
                q.set('to', String(to));
              });
              setShown({ from, to });
            }
          }}
        >
          <table className="data">
            <caption>{s.versions}</caption>
            <thead>
              <tr>
                <th scope="col">{s.from}</th>
                <th scope="col">{s.to}</th>
                <th scope="col">{s.version}</th>
                <th scope="col">{s.at}</th>
                <th scope="col">{s.by}</th>
                <th scope="col">{s.message}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version}>
                  <td>
                    <input
                      type="radio"
                      name="from"
                      aria-label={s.fromVersion(v.version)}
                      checked={from === v.version}
                      onChange={() => pick('from', v.version)}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="to"
                      aria-label={s.toVersion(v.version)}
                      checked={to === v.version}
                      onChange={() => pick('to', v.version)}
                    />
                  </td>
                  <td>{v.version}</td>
                  <td>{formatWhen(v.at, lang)}</td>
                  <td>{v.by}</td>
                  <td className="fm-wrap">{v.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.length < 2 ? (
            <p>{s.oneVersion}</p>
          ) : (
            <div className="toolbar">
              <button type="submit" className="primary" disabled={!comparable}>
                {s.compare}
              </button>
              {!comparable ? <span>{s.pickTwo}</span> : null}
            </div>
          )}
        </form>
      ) : null}
      {current ? <VersionDiff kind={kind} id={id} from={current.from} to={current.to} /> : null}
    </section>
  );
}

function VersionDiff({ kind, id, from, to }: { kind: Versioned; id: string; from: number; to: number }) {
  const s = useStrings(historyStrings);
  const [tab, setTab] = useState('rows');
  const diff = useApi<DiffJson>(`${apiPath(kind, id, 'diff')}?from=${from}&to=${to}`);
  const before = useApi<{ yaml: string }>(tab === 'text' ? apiPath(kind, id, 'versions', from) : undefined);
  const after = useApi<{ yaml: string }>(tab === 'text' ? apiPath(kind, id, 'versions', to) : undefined);
  return (
    <section aria-labelledby="diff-title" className="fm-diff">
      <h2 id="diff-title">{s.diffTitle(from, to)}</h2>
      <Tabs
        tabs={[
          { id: 'rows', label: s.rowsTab },
          { id: 'text', label: s.textTab },
        ]}
        current={tab}
        onChange={setTab}
        label={s.views}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'rows' ? (
          <>
            <ErrorNote error={diff.error} onRetry={diff.reload} />
            {diff.loading && !diff.data ? <Loading /> : null}
            {diff.data ? <RowDiffView diff={diff.data} /> : null}
          </>
        ) : (
          <>
            <ErrorNote error={before.error ?? after.error} />
            {(before.loading && !before.data) || (after.loading && !after.data) ? <Loading /> : null}
            {before.data && after.data ? (
              <TextDiffView before={before.data.yaml} after={after.data.yaml} label={s.diffTitle(from, to)} />
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
