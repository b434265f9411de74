import { useState } from 'react';
import { useQueryState } from '../../router.ts';
import { useApi } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import type { LogEntry } from '../common/types.ts';
import { ErrorNote, Field, Loading } from '../common/ui.tsx';
import { adminStrings } from './strings.ts';

const json = (v: unknown): string => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The append-only log: who changed what, with the value before and after; filters held in the URL. */
export function LogPanel() {
  const s = useStrings(adminStrings);
  const lang = useLang();
  const [query, setQuery] = useQueryState();
  const entity = query.get('entity') ?? '';
  const actor = query.get('actor') ?? '';
  const [draft, setDraft] = useState({ entity, actor });
  const params = new URLSearchParams();
  if (entity) params.set('entity', entity);
  if (actor) params.set('actor', actor);
  const log = useApi<LogEntry[]>(`/api/log${params.size ? `?${params}` : ''}`);
  return (
    <>
      <p>{s.appendOnly}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery((q) => {
            for (const k of ['entity', 'actor'] as const) {
              if (draft[k].trim()) q.set(k, draft[k].trim());
              else q.delete(k);
            }
          });
        }}
      >
        <Field label={s.entity}>
          {(id) => (
            // The store's entity names, offered in the user's words (a French user would not guess 'change').
            <select id={id} value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })}>
              <option value="">{s.anyEntity}</option>
              {Object.entries(s.entities).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.actor}>
          {(id) => (
            <input id={id} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
          )}
        </Field>
        <button type="submit">{s.filter}</button>
      </form>
      <ErrorNote error={log.error} onRetry={log.reload} />
      {log.loading && !log.data ? <Loading /> : null}
      {log.data && log.data.length === 0 ? <p>{s.noLog}</p> : null}
      {log.data && log.data.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{s.at}</th>
              <th scope="col">{s.actor}</th>
              <th scope="col">{s.action}</th>
              <th scope="col">{s.entity}</th>
              <th scope="col">{s.beforeAfter}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.id}>
                <td>{formatWhen(e.at, lang)}</td>
                <td className="fm-wrap">{e.actor}</td>
                <td>{s.actions[e.action] ?? e.action}</td>
                <td className="fm-wrap">
                  {s.entities[e.entity] ?? e.entity} {e.entityId}
                </td>
                <td>
                  <details>
                    <summary>{s.beforeAfter}</summary>
                    <div className="fm-split">
                      <div>
                        <h3>{s.before}</h3>
                        <pre className="fm-json">{json(e.before)}</pre>
                      </div>
                      <div>
                        <h3>{s.after}</h3>
                        <pre className="fm-json">{json(e.after)}</pre>
                      </div>
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
