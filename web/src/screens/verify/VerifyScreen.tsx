import { type FormEvent, useState } from 'react';
import { apiPath, apiSend } from '../common/api.ts';
import { useApi } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { ProbeReport, RulesEntry, Run, RunSummary, VerifyFormat, VerifyReport } from '../common/types.ts';
import { ErrorNote, Field, Loading, Tabs } from '../common/ui.tsx';
import { isProbeReport, ProbeReportView } from './ProbeReportView.tsx';
import { verifyStrings } from './strings.ts';
import { VerifyReportView } from './VerifyReportView.tsx';

/** What a verify or probe call answers: the report with its run id beside it (verify), or inside (`report`). */
type Stored<R> = (R & { runId?: number }) | { runId?: number; report: R };

function unwrap<R>(answer: Stored<R>): { report: R; runId?: string } {
  const runId = answer.runId === undefined ? {} : { runId: String(answer.runId) };
  if ('report' in answer && answer.report && typeof answer.report === 'object')
    return { report: answer.report as R, ...runId };
  return { report: answer as R, ...runId };
}

/** A run's report is a probe report when it says so; otherwise it is verify's (a JSON text is read first). */
export function runReport(run: Run): { verify?: VerifyReport; probe?: ProbeReport } {
  const report: unknown = typeof run.report === 'string' ? JSON.parse(run.report) : run.report;
  if (report === null || typeof report !== 'object') return {};
  return isProbeReport(report) ? { probe: report } : { verify: report as VerifyReport };
}

export function VerifyScreen({ siteId }: { siteId: string }) {
  const s = useStrings(verifyStrings);
  const [tab, setTab] = useState('verify');
  const tabs = [
    { id: 'verify', label: s.tabVerify },
    { id: 'probe', label: s.tabProbe },
    { id: 'runs', label: s.tabRuns },
  ];
  return (
    <section className="fm-screen fm-verify" aria-labelledby="verify-title">
      <h1 tabIndex={-1} id="verify-title">
        {s.title}
      </h1>
      <Tabs tabs={tabs} current={tab} onChange={setTab} label={s.tabs} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="fm-panel">
        {tab === 'verify' ? <VerifyPanel siteId={siteId} /> : null}
        {tab === 'probe' ? <ProbePanel siteId={siteId} /> : null}
        {tab === 'runs' ? <RunsPanel siteId={siteId} /> : null}
      </div>
    </section>
  );
}

function VerifyPanel({ siteId }: { siteId: string }) {
  const s = useStrings(verifyStrings);
  const targets = useApi<RulesEntry[]>(apiPath('sites', siteId, 'rules'));
  const formats = useApi<VerifyFormat[]>(apiPath('verify', 'formats'));
  // Firewalls only (a proxy's entries are never `platform`: verify confronts firewall configurations).
  const firewalls = [
    ...new Set((targets.data ?? []).filter((t) => (t as { platform?: boolean }).platform).map((t) => t.firewall)),
  ];
  const [firewall, setFirewall] = useState('');
  const [format, setFormat] = useState('auto');
  const [files, setFiles] = useState<File[]>([]);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ report: VerifyReport; runId?: string } | null>(null);
  const chosen = firewall || firewalls[0] || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    if (pasted.trim()) texts.push({ name: s.pastedName, text: pasted });
    if (texts.length === 0) return setError(new Error(s.noFile));
    setBusy(true);
    try {
      const answer = await apiSend<Stored<VerifyReport>>('POST', apiPath('sites', siteId, 'verify'), {
        firewall: chosen,
        format,
        files: texts,
      });
      setResult(unwrap(answer));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (targets.loading && !targets.data) return <Loading />;
  if (targets.data && firewalls.length === 0) return <p>{s.noFirewall}</p>;
  return (
    <>
      <ErrorNote error={targets.error} onRetry={targets.reload} />
      <form onSubmit={submit} className="form">
        <Field label={s.firewall}>
          {(id) => (
            <select id={id} value={chosen} onChange={(e) => setFirewall(e.target.value)}>
              {firewalls.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.format}>
          {(id) => (
            <select id={id} value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="auto">auto — {s.formatAuto}</option>
              {(formats.data ?? []).map((f) => (
                <option key={f.id} value={f.id} title={f.title}>
                  {f.id}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.files}>
          {(id) => <input id={id} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />}
        </Field>
        <Field label={s.orPaste}>
          {(id) => (
            <textarea id={id} rows={6} className="fm-mono" value={pasted} onChange={(e) => setPasted(e.target.value)} />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? s.running : s.run}
        </button>
      </form>
      <ErrorNote error={error} />
      {result ? (
        <>
          {result.runId ? <p role="status">{s.stored(result.runId)}</p> : null}
          <VerifyReportView report={result.report} />
        </>
      ) : null}
    </>
  );
}

function ProbePanel({ siteId }: { siteId: string }) {
  const s = useStrings(verifyStrings);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ report: ProbeReport; runId?: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) return setError(new Error(s.noFile));
    let report: unknown;
    try {
      report = JSON.parse(await file.text());
    } catch {
      return setError(new Error(s.badProbe));
    }
    // A probe report or a script's results file: the server reads either, and says exactly what is wrong.
    if (!report || typeof report !== 'object' || !Array.isArray((report as { results?: unknown }).results))
      return setError(new Error(s.badProbe));
    setBusy(true);
    try {
      const answer = await apiSend<Stored<ProbeReport>>('POST', apiPath('sites', siteId, 'probe-reports'), { report });
      const got = unwrap(answer);
      // The server answers with the report as it read it (a script's results become a report).
      if (isProbeReport(got.report)) setResult({ report: got.report, ...(got.runId ? { runId: got.runId } : {}) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form onSubmit={submit} className="form">
        <Field label={s.probeFile}>
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".json,application/json"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {s.importProbe}
        </button>
      </form>
      <ErrorNote error={error} />
      {result ? (
        <>
          {result.runId ? <p role="status">{s.stored(result.runId)}</p> : null}
          <ProbeReportView report={result.report} />
        </>
      ) : null}
    </>
  );
}

function RunsPanel({ siteId }: { siteId: string }) {
  const s = useStrings(verifyStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const runs = useApi<RunSummary[]>(apiPath('sites', siteId, 'runs'));
  const [open, setOpen] = useState<string | null>(null);
  if (runs.loading && !runs.data) return <Loading />;
  return (
    <>
      <ErrorNote error={runs.error} onRetry={runs.reload} />
      {runs.data && runs.data.length === 0 ? <p>{s.runsEmpty}</p> : null}
      {runs.data && runs.data.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{s.runKind}</th>
              <th scope="col">{s.firewall}</th>
              <th scope="col">{s.runAt}</th>
              <th scope="col">{s.runBy}</th>
              <th scope="col">{s.siteVersion}</th>
              <th scope="col">
                <span className="sr-only">{s.open}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((r) => (
              <tr key={String(r.id)}>
                <td>{String(r.id)}</td>
                <td>{c.runKind[r.kind] ?? r.kind}</td>
                <td>{r.firewall ?? ''}</td>
                <td>{formatWhen(r.at, lang)}</td>
                <td>{r.by ?? ''}</td>
                <td>{r.siteVersion}</td>
                <td>
                  <button type="button" aria-expanded={open === String(r.id)} onClick={() => setOpen(String(r.id))}>
                    {s.open} <span className="sr-only">{s.runTitle(String(r.id))}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? <RunView runId={open} /> : null}
    </>
  );
}

/** One stored run, fetched and shown with the view of its kind (also used for a change request's evidence). */
export function RunView({ runId }: { runId: string }) {
  const s = useStrings(verifyStrings);
  const run = useApi<Run>(apiPath('runs', runId));
  if (run.loading && !run.data) return <Loading />;
  const { verify, probe } = run.data ? runReport(run.data) : {};
  return (
    <section aria-label={s.runTitle(runId)} className="fm-run">
      <h2>{s.runTitle(runId)}</h2>
      <ErrorNote error={run.error} onRetry={run.reload} />
      {verify ? <VerifyReportView report={verify} /> : null}
      {probe ? <ProbeReportView report={probe} /> : null}
    </section>
  );
}
