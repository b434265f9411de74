import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { apiPath, apiSend } from '../common/api.ts';
import { useApi, useSessionUser } from '../common/hooks.ts';
import { useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { AuditFinding, Severity } from '../common/types.ts';
import { SEVERITIES, textOf } from '../common/types.ts';
import { colon } from '../common/typography.ts';
import { ErrorNote, Field, Loading, SeverityBadge } from '../common/ui.tsx';
import {
  type AuditFilter,
  applyFilter,
  dayAfter,
  distinct,
  flowOf,
  type GroupKey,
  groupFindings,
  NO_FILTER,
  zonesOf,
} from './filter.ts';
import { type RowZones, useRowZones } from './row-zones.ts';
import { auditStrings } from './strings.ts';

/** A site's audit: filter, group, and suppress a finding (written back into the site as a new version). */
export function AuditScreen({ siteId }: { siteId: string }) {
  const s = useStrings(auditStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  // Messages come in the screen's language.
  const audit = useApi<{ findings: AuditFinding[] }>(`${apiPath('sites', siteId, 'audit')}?lang=${lang}`);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [group, setGroup] = useState<GroupKey>('');
  const [suppressing, setSuppressing] = useState<AuditFinding | null>(null);
  const [saved, setSaved] = useState('');
  const findings = audit.data?.findings ?? [];
  const needZones = findings.some((f) => zonesOf(f).length === 0 && (f.row || f.key));
  const rowZones = useRowZones(siteId, needZones);
  const shown = useMemo(() => applyFilter(findings, filter, lang, rowZones), [findings, filter, lang, rowZones]);
  const rules = useMemo(() => distinct(findings.map((f) => f.rule)), [findings]);
  const zones = useMemo(() => distinct(findings.flatMap((f) => zonesOf(f, rowZones))), [findings, rowZones]);
  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="fm-screen fm-audit" aria-labelledby="audit-title">
      <h1 tabIndex={-1} id="audit-title">
        {s.title}
      </h1>
      <fieldset className="fm-filters">
        <legend>{s.filters}</legend>
        <Field label={s.severity}>
          {(id) => (
            <select id={id} value={filter.severity} onChange={(e) => set({ severity: e.target.value as Severity })}>
              <option value="">{s.any}</option>
              {SEVERITIES.map((v) => (
                <option key={v} value={v}>
                  {c.severity[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.rule}>
          {(id) => (
            <select id={id} value={filter.rule} onChange={(e) => set({ rule: e.target.value })}>
              <option value="">{s.any}</option>
              {rules.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.zone}>
          {(id) => (
            <select id={id} value={filter.zone} onChange={(e) => set({ zone: e.target.value })}>
              <option value="">{s.any}</option>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.text}>
          {(id) => <input id={id} type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />}
        </Field>
        <Field label={s.groupBy}>
          {(id) => (
            <select id={id} value={group} onChange={(e) => setGroup(e.target.value as GroupKey)}>
              <option value="">{s.groupNone}</option>
              <option value="rule">{s.rule}</option>
              <option value="severity">{s.severity}</option>
              <option value="flow">{s.flow}</option>
              <option value="zone">{s.zone}</option>
            </select>
          )}
        </Field>
        <label className="fm-check">
          <input
            type="checkbox"
            checked={filter.showSuppressed}
            onChange={(e) => set({ showSuppressed: e.target.checked })}
          />{' '}
          {s.showSuppressed}
        </label>
      </fieldset>
      <ErrorNote error={audit.error} onRetry={audit.reload} />
      <p role="status" className="fm-live">
        {saved}
      </p>
      {audit.loading && !audit.data ? <Loading /> : null}
      {audit.data ? (
        <>
          <p className="fm-count" aria-live="polite">
            {s.count(shown.length, findings.length)}
          </p>
          {shown.length === 0 ? <p>{s.noFindings}</p> : null}
          {groupFindings(shown, group, rowZones).map(([key, list]) => (
            <FindingTable
              key={key || 'all'}
              title={group ? `${key || s.siteWide} (${list.length})` : ''}
              findings={list}
              rowZones={rowZones}
              onSuppress={(f) => {
                setSaved('');
                setSuppressing(f);
              }}
            />
          ))}
        </>
      ) : null}
      {suppressing ? (
        <SuppressForm
          siteId={siteId}
          finding={suppressing}
          onDone={(version) => {
            setSuppressing(null);
            if (version !== undefined) {
              setSaved(s.saved(version));
              audit.reload();
            }
          }}
        />
      ) : null}
    </section>
  );
}

function FindingTable({
  title,
  findings,
  rowZones,
  onSuppress,
}: {
  title: string;
  findings: readonly AuditFinding[];
  rowZones: RowZones;
  onSuppress: (f: AuditFinding) => void;
}) {
  const s = useStrings(auditStrings);
  const lang = useLang();
  return (
    <div className="fm-group">
      {title ? <h2>{title}</h2> : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{s.severity}</th>
            <th scope="col">{s.rule}</th>
            <th scope="col">{s.flow}</th>
            <th scope="col">{s.zone}</th>
            <th scope="col">{s.message}</th>
            <th scope="col">{s.status}</th>
            <th scope="col">{s.actions}</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={f.id ?? i} data-finding={f.id}>
              <td>
                <SeverityBadge severity={f.severity} />
              </td>
              <td>
                <code>{f.rule}</code>
              </td>
              <td>
                {flowOf(f) || s.siteWide}
                {f.ref ? <span className="muted"> ({f.ref})</span> : null}
              </td>
              <td>{zonesOf(f, rowZones).join(' → ')}</td>
              <td className="fm-wrap">
                {textOf(f.message, lang)}
                {f.remediation ? (
                  <details>
                    <summary>{s.remediation}</summary>
                    {textOf(f.remediation, lang)}
                  </details>
                ) : null}
              </td>
              <td>
                {f.suppressed ? (
                  <span className="fm-suppressed">
                    {s.suppressedBy(f.suppressed.owner, f.suppressed.expires)}
                    {colon(lang)} {f.suppressed.justification}
                  </span>
                ) : (
                  s.active
                )}
              </td>
              <td>
                {f.suppressed ? null : (
                  <button
                    type="button"
                    onClick={() => onSuppress(f)}
                    aria-label={`${s.suppress} ${f.rule} ${flowOf(f)}`.trim()}
                  >
                    {s.suppress}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SuppressForm({
  siteId,
  finding,
  onDone,
}: {
  siteId: string;
  finding: AuditFinding;
  onDone: (version?: number) => void;
}) {
  const s = useStrings(auditStrings);
  const user = useSessionUser();
  const flow = flowOf(finding);
  const [scope, setScope] = useState<'flow' | 'rule'>(flow ? 'flow' : 'rule');
  const [justification, setJustification] = useState('');
  const [owner, setOwner] = useState('');
  const [expires, setExpires] = useState(dayAfter(90));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ownerValue = owner || user?.username || '';
  // The form opens on the user's request: focus goes where they type next.
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!justification.trim() || !ownerValue.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
      setError(new Error(s.required));
      return;
    }
    setBusy(true);
    try {
      const r = await apiSend<{ version: number }>('POST', apiPath('sites', siteId, 'suppressions'), {
        rule: finding.rule,
        ...(scope === 'flow' && flow ? { flow } : {}),
        justification: justification.trim(),
        owner: ownerValue.trim(),
        expires,
      });
      onDone(r.version);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="fm-dialog" aria-labelledby="suppress-title" onSubmit={submit}>
      <h2 id="suppress-title">{s.suppressTitle(finding.rule)}</h2>
      <fieldset>
        <legend>{s.scope}</legend>
        {flow ? (
          <label className="fm-check">
            <input type="radio" name="scope" checked={scope === 'flow'} onChange={() => setScope('flow')} />{' '}
            {s.scopeFlow(finding.rule, flow)}
          </label>
        ) : null}
        <label className="fm-check">
          <input type="radio" name="scope" checked={scope === 'rule'} onChange={() => setScope('rule')} />{' '}
          {s.scopeRule(finding.rule)}
        </label>
      </fieldset>
      <Field label={s.justification}>
        {(id) => (
          <textarea
            id={id}
            ref={first}
            required
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
        )}
      </Field>
      <Field label={s.owner}>
        {(id) => <input id={id} required value={ownerValue} onChange={(e) => setOwner(e.target.value)} />}
      </Field>
      <Field label={s.expires}>
        {(id) => <input id={id} type="date" required value={expires} onChange={(e) => setExpires(e.target.value)} />}
      </Field>
      <ErrorNote error={error} />
      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {s.save}
        </button>
        <button type="button" onClick={() => onDone()}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
