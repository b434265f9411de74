import { type ReactNode, useId, useState } from 'react';
import { ErrorNotice } from '../../components/error-notice.tsx';
import './screens.css';
import { useStrings } from './i18n.ts';
import { commonStrings } from './strings.ts';
import type { ChangeState, ProbeStatus, RowVerdict, Severity } from './types.ts';

/** A mark beside each state's word, so that no state is told by colour alone (the word is always there too). */
const SEVERITY_MARK: Record<Severity, string> = { critical: '‼', high: '▲', medium: '◆', low: '▽', info: 'ℹ' };
const VERDICT_MARK: Record<RowVerdict, string> = { permitted: '✓', denied: '✗', partial: '◐', indeterminate: '?' };
const PROBE_MARK: Record<ProbeStatus, string> = {
  PASS: '✓',
  FAIL: '✗',
  WARN: '!',
  INCONCLUSIVE: '?',
  UNTESTABLE: '–',
  SKIPPED: '↷',
};

type Tone = 'ok' | 'warn' | 'bad' | 'info';
const SEVERITY_TONE: Record<Severity, Tone> = {
  critical: 'bad',
  high: 'bad',
  medium: 'warn',
  low: 'info',
  info: 'info',
};
const VERDICT_TONE: Record<RowVerdict, Tone> = {
  permitted: 'ok',
  denied: 'bad',
  partial: 'warn',
  indeterminate: 'info',
};
const PROBE_TONE: Record<ProbeStatus, Tone> = {
  PASS: 'ok',
  FAIL: 'bad',
  WARN: 'warn',
  INCONCLUSIVE: 'info',
  UNTESTABLE: 'info',
  SKIPPED: 'info',
};
const STATE_TONE: Record<ChangeState, Tone> = {
  draft: 'info',
  submitted: 'info',
  approved: 'ok',
  implemented: 'ok',
  verified: 'ok',
  rejected: 'bad',
};
const STATE_MARK: Record<ChangeState, string> = {
  draft: '✎',
  submitted: '→',
  approved: '✓',
  implemented: '⚙',
  verified: '✔',
  rejected: '✗',
};

/** The shell's badge look (colour by tone), with this screen's own mark and word. */
function Badge({
  tone,
  kind,
  value,
  mark,
  label,
}: {
  tone: Tone;
  kind: string;
  value: string;
  mark: string;
  label: string;
}) {
  return (
    <span className={`badge badge-${tone} fm-${kind}`} data-value={value}>
      <span aria-hidden="true" className="fm-mark">
        {mark}
      </span>{' '}
      {label}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const s = useStrings(commonStrings);
  return (
    <Badge
      tone={SEVERITY_TONE[severity]}
      kind="sev"
      value={severity}
      mark={SEVERITY_MARK[severity]}
      label={s.severity[severity]}
    />
  );
}

export function VerdictBadge({ verdict }: { verdict: RowVerdict }) {
  const s = useStrings(commonStrings);
  return (
    <Badge
      tone={VERDICT_TONE[verdict]}
      kind="verdict"
      value={verdict}
      mark={VERDICT_MARK[verdict]}
      label={s.verdict[verdict]}
    />
  );
}

export function ProbeBadge({ status }: { status: ProbeStatus }) {
  const s = useStrings(commonStrings);
  return (
    <Badge
      tone={PROBE_TONE[status]}
      kind="probe"
      value={status}
      mark={PROBE_MARK[status]}
      label={`${status} · ${s.probe[status]}`}
    />
  );
}

export function StateBadge({ state }: { state: ChangeState }) {
  const s = useStrings(commonStrings);
  return <Badge tone={STATE_TONE[state]} kind="state" value={state} mark={STATE_MARK[state]} label={s.state[state]} />;
}

/** An API or network error, as the shell shows it (message, hint, issues), with a retry when one helps. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const s = useStrings(commonStrings);
  if (!error) return null;
  return (
    <>
      <ErrorNotice error={error} />
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {s.retry}
        </button>
      ) : null}
    </>
  );
}

export function Loading() {
  const s = useStrings(commonStrings);
  return (
    <p role="status" className="loading">
      {s.loading}
    </p>
  );
}

/** Copies text, and says so in a live region (or says how to copy by hand when the clipboard is refused). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const s = useStrings(commonStrings);
  const [said, setSaid] = useState('');
  const copy = () => {
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip) return setSaid(s.copyFailed);
    clip.writeText(text).then(
      () => setSaid(s.copied),
      () => setSaid(s.copyFailed),
    );
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {label ?? s.copy}
      </button>
      <span role="status" className="fm-live">
        {said}
      </span>
    </>
  );
}

/** Saves a text as a file from the browser (no round trip when the text is already here). */
export function downloadText(filename: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A labelled field: the label is tied to its control, so screen readers and tests find it by name. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="fm-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export interface Tab {
  readonly id: string;
  readonly label: string;
}

/** Tabs as the WAI-ARIA pattern: arrows move between tabs, the panel follows. */
export function Tabs({
  tabs,
  current,
  onChange,
  label,
}: {
  tabs: readonly Tab[];
  current: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const move = (delta: number) => {
    const i = tabs.findIndex((t) => t.id === current);
    const next = tabs[(i + delta + tabs.length) % tabs.length];
    if (!next) return;
    onChange(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={t.id === current}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === current ? 0 : -1}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(1);
            else if (e.key === 'ArrowLeft') move(-1);
            else return;
            e.preventDefault();
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
