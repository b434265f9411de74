import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import type { ProbeReport, ProbeStatus } from '../common/types.ts';
import { textOf } from '../common/types.ts';
import { ProbeBadge } from '../common/ui.tsx';
import { verifyStrings } from './strings.ts';

const STATUSES: readonly ProbeStatus[] = ['PASS', 'FAIL', 'WARN', 'INCONCLUSIVE', 'UNTESTABLE', 'SKIPPED'];

/** The shape check a browser can do before sending: the server validates the report again. */
export function isProbeReport(v: unknown): v is ProbeReport {
  const r = v as Partial<ProbeReport> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.tool === 'flowmatrix' &&
    Array.isArray(r.results) &&
    Array.isArray(r.probes)
  );
}

const targetText = (r: { target: string; port?: number }): string =>
  r.port === undefined ? r.target : r.target.includes(':') ? `[${r.target}]:${r.port}` : `${r.target}:${r.port}`;

/** A probe report: counts by status, then each check with its summary and evidence. */
export function ProbeReportView({ report }: { report: ProbeReport }) {
  const s = useStrings(verifyStrings);
  const lang = useLang();
  const titles = new Map(report.probes.map((p) => [p.id, textOf(p.title, lang)]));
  return (
    <div className="fm-report" data-report="probe">
      <p>{s.probeFrom(report.source, formatWhen(report.startedAt, lang))}</p>
      <ul className="fm-counts">
        {STATUSES.map((st) => (
          <li key={st}>
            <ProbeBadge status={st} />: <strong>{report.results.filter((r) => r.status === st).length}</strong>
          </li>
        ))}
      </ul>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{s.status}</th>
            <th scope="col">{s.check}</th>
            <th scope="col">{s.target}</th>
            <th scope="col">{s.summary}</th>
          </tr>
        </thead>
        <tbody>
          {report.results.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a report may probe one target twice
            <tr key={`${r.id}-${i}`} data-status={r.status}>
              <td>
                <ProbeBadge status={r.status} />
              </td>
              <td>{titles.get(r.id) ?? r.kind}</td>
              <td>
                <code>
                  {r.kind} {targetText(r)}
                </code>
              </td>
              <td className="fm-wrap">
                {textOf(r.summary, lang)}
                {r.evidence.length > 0 || r.error ? (
                  <details>
                    <summary>{s.evidence}</summary>
                    <dl>
                      {r.evidence.map((e, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: evidence is positional
                        <div key={j}>
                          <dt>{e.label}</dt>
                          <dd>{e.value}</dd>
                        </div>
                      ))}
                      {r.error ? (
                        <div>
                          <dt>error</dt>
                          <dd>{r.error}</dd>
                        </div>
                      ) : null}
                    </dl>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
