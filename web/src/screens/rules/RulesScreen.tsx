import { useQueryState } from '../../router.ts';
import { apiPath } from '../common/api.ts';
import { CodeView } from '../common/CodeView.tsx';
import { useApi } from '../common/hooks.ts';
import { useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { RulesEntry, RulesText } from '../common/types.ts';
import { textOf } from '../common/types.ts';
import { CopyButton, ErrorNote, Field, Loading, SeverityBadge } from '../common/ui.tsx';
import { rulesStrings } from './strings.ts';

/** The API lists each firewall with its own platform first (`platform: true`), then the other targets. */
type Entry = RulesEntry;

/** The rules generated for each firewall of a site, in its platform's own syntax (or another target's), and what
 * the target could not express. */
export function RulesScreen({ siteId }: { siteId: string }) {
  const s = useStrings(rulesStrings);
  const list = useApi<Entry[]>(apiPath('sites', siteId, 'rules'));
  const [query, setQuery] = useQueryState();
  const entries = list.data ?? [];
  const firewalls = [...new Set(entries.map((e) => e.firewall))];
  const firewall = firewalls.includes(query.get('firewall') ?? '') ? (query.get('firewall') as string) : firewalls[0];
  const own = entries.filter((e) => e.firewall === firewall);
  const native = own.find((e) => e.platform) ?? own[0];
  const target = own.some((e) => e.target === query.get('target')) ? (query.get('target') as string) : native?.target;

  return (
    <section className="fm-screen fm-rules" aria-labelledby="rules-title">
      <h1 tabIndex={-1} id="rules-title">
        {s.title}
      </h1>
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && firewalls.length === 0 ? <p>{s.empty}</p> : null}
      {firewall && target ? (
        <div className="fm-split">
          <nav aria-label={s.list}>
            <ul className="fm-list">
              {firewalls.map((f) => (
                <li key={f}>
                  <button
                    type="button"
                    aria-pressed={f === firewall}
                    onClick={() =>
                      setQuery((q) => {
                        q.set('firewall', f);
                        q.delete('target');
                      }, true)
                    }
                  >
                    {f} ({entries.find((e) => e.firewall === f && e.platform)?.target ?? s.proxyKind})
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div>
            <Field label={s.target}>
              {(id) => (
                <select id={id} value={target} onChange={(e) => setQuery((q) => q.set('target', e.target.value), true)}>
                  {own.map((e) => (
                    <option key={e.target} value={e.target}>
                      {e.target}
                      {e.platform ? ` — ${s.platform}` : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <RulesOf siteId={siteId} entry={{ firewall, target, proxy: own.some((e) => e.proxy) }} />
          </div>
        </div>
      ) : null}
    </section>
  );
}

function RulesOf({ siteId, entry }: { siteId: string; entry: Pick<RulesEntry, 'firewall' | 'target' | 'proxy'> }) {
  const s = useStrings(rulesStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const path = apiPath('sites', siteId, 'rules', entry.firewall, entry.target);
  const rules = useApi<RulesText>(`${path}?lang=${lang}`);
  const data = rules.data;
  return (
    <div className="fm-rules-view">
      <h2>
        {entry.proxy ? s.proxy : s.firewall} {entry.firewall} · {s.target} {entry.target}
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
