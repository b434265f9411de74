import { useState } from 'react';
import { apiPath } from '../common/api.ts';
import { CodeView } from '../common/CodeView.tsx';
import { useApi } from '../common/hooks.ts';
import { useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { RulesEntry, RulesText } from '../common/types.ts';
import { textOf } from '../common/types.ts';
import { CopyButton, ErrorNote, Loading, SeverityBadge } from '../common/ui.tsx';
import { rulesStrings } from './strings.ts';

const entryId = (e: RulesEntry): string => `${e.firewall}\u0000${e.target}`;

/** The rules generated for each firewall of a site, in its platform's own syntax, and what the target could not say. */
export function RulesScreen({ siteId }: { siteId: string }) {
  const s = useStrings(rulesStrings);
  const list = useApi<RulesEntry[]>(apiPath('sites', siteId, 'rules'));
  const [picked, setPicked] = useState<RulesEntry | null>(null);
  const current = picked ?? list.data?.[0] ?? null;

  return (
    <section className="fm-screen fm-rules" aria-labelledby="rules-title">
      <h1 tabIndex={-1} id="rules-title">
        {s.title}
      </h1>
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{s.empty}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="fm-split">
          <nav aria-label={s.list}>
            <ul className="fm-list">
              {list.data.map((e) => (
                <li key={entryId(e)}>
                  <button
                    type="button"
                    aria-pressed={current !== null && entryId(current) === entryId(e)}
                    onClick={() => setPicked(e)}
                  >
                    {e.firewall} <span className="muted">({e.target})</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {current ? <RulesOf siteId={siteId} entry={current} /> : <p>{s.pick}</p>}
        </div>
      ) : null}
    </section>
  );
}

function RulesOf({ siteId, entry }: { siteId: string; entry: RulesEntry }) {
  const s = useStrings(rulesStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const path = apiPath('sites', siteId, 'rules', entry.firewall, entry.target);
  const rules = useApi<RulesText>(`${path}?lang=${lang}`);
  const data = rules.data;
  return (
    <div className="fm-rules-view">
      <h2>
        {s.firewall} {entry.firewall} · {s.target} {entry.target}
      </h2>
      <ErrorNote error={rules.error} onRetry={rules.reload} />
      {rules.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <div className="toolbar">
            <span>
              <code>{data.filename}</code> · {s.lines(data.text.replace(/\n$/, '').split('\n').length)}
            </span>
            <CopyButton text={data.text} />
            <a className="fm-button" href={`${path}/download`} download={data.filename}>
              {c.download} <span className="sr-only">{data.filename}</span>
            </a>
          </div>
          <CodeView text={data.text} label={s.textOf(data.filename)} />
          <h3>{s.findings}</h3>
          {data.findings.length === 0 ? (
            <p>{s.noFindings}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{s.severity}</th>
                  <th scope="col">{s.rule}</th>
                  <th scope="col">{s.flow}</th>
                  <th scope="col">{s.message}</th>
                </tr>
              </thead>
              <tbody>
                {data.findings.map((f, i) => (
                  <tr key={f.id ?? i}>
                    <td>
                      <SeverityBadge severity={f.severity} />
                    </td>
                    <td>
                      <code>{f.rule}</code>
                    </td>
                    <td>{f.catalog && f.flow ? `${f.catalog}/${f.flow}` : (f.flow ?? '')}</td>
                    <td className="fm-wrap">{textOf(f.message, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </div>
  );
}
