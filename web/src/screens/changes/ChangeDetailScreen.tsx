import { type FormEvent, useState } from 'react';
import type { Site } from '../../../../src/server/api-types.ts';
import { href } from '../../router.ts';
import { ApiError, apiPath, apiSend } from '../common/api.ts';
import { useApi, useSessionUser } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { ChangeDetail, ChangeState, RunSummary } from '../common/types.ts';
import { colon } from '../common/typography.ts';
import { ErrorNote, Field, Loading, StateBadge } from '../common/ui.tsx';
import { TextDiffView } from '../history/TextDiffView.tsx';
import { RunView } from '../verify/VerifyScreen.tsx';
import { changeStrings, LIFECYCLE } from './strings.ts';

/** Order of the buttons: forward first, rejection and going back last. */
const MOVE_ORDER: readonly ChangeState[] = ['submitted', 'approved', 'implemented', 'verified', 'rejected', 'draft'];
const RUN_ROLES = new Set(['implementer', 'admin']);

/** One change request: its lifecycle and the moves the caller may make, comments, evidence, the proposed text. */
export function ChangeDetailScreen({ changeId }: { changeId: string }) {
  const s = useStrings(changeStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const user = useSessionUser();
  const change = useApi<ChangeDetail>(apiPath('changes', changeId));
  const [said, setSaid] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Each failed move asks the site's version again (a 409 means it moved since the page loaded).
  const [failures, setFailures] = useState(0);
  const ch = change.data;

  const act = async (what: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      setSaid(message);
      change.reload();
    } catch (err) {
      setError(err);
      setFailures((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  if (!ch) {
    return (
      <section className="fm-screen">
        <h1 tabIndex={-1}>{s.title}</h1>
        <ErrorNote error={change.error} onRetry={change.reload} />
        {change.loading ? <Loading /> : null}
      </section>
    );
  }
  const moves = MOVE_ORDER.filter((st) => ch.allowed.includes(st));
  const own = user?.username === ch.requester;
  return (
    <section className="fm-screen fm-change" aria-labelledby="change-title" data-state={ch.state}>
      <p>
        <a href={href('/changes')}>← {s.title}</a>
      </p>
      <h1 tabIndex={-1} id="change-title" className="fm-wrap">
        {s.id} {ch.id} — {ch.title}
      </h1>
      <p>
        <StateBadge state={ch.state} /> · {s.site}
        {colon(lang)} <a href={href(`/sites/${ch.siteId}`)}>{ch.siteName}</a> · {s.requester}
        {colon(lang)} {ch.requester} · {formatWhen(ch.createdAt, lang)}
      </p>
      <h2>{s.lifecycle}</h2>
      <ol className="fm-steps" aria-label={s.lifecycle}>
        {[...LIFECYCLE, ...(ch.state === 'rejected' ? (['rejected'] as const) : [])].map((st) => (
          <li key={st} {...(st === ch.state ? { 'aria-current': 'step' as const } : {})}>
            {st === ch.state ? '▶ ' : ''}
            {c.state[st]}
          </li>
        ))}
      </ol>
      {ch.description ? <p className="fm-wrap">{ch.description}</p> : null}
      <fieldset className="toolbar fm-moves">
        <legend className="sr-only">{s.lifecycle}</legend>
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'approved' || to === 'verified' ? 'primary' : undefined}
            disabled={busy}
            onClick={() =>
              act(() => apiSend('POST', apiPath('changes', changeId, 'transition'), { to }), s.moved(c.state[to]))
            }
          >
            {s.move[to]}
          </button>
        ))}
      </fieldset>
      {moves.length === 0 ? <p>{s.noMove}</p> : null}
      {own && ch.state === 'submitted' ? <p>{s.ownRequest}</p> : null}
      <p role="status" className="fm-live">
        {said}
      </p>
      {ch.state !== 'implemented' && ch.state !== 'verified' && ch.state !== 'rejected' ? (
        <Stale key={failures} siteId={ch.siteId} baseVersion={ch.baseVersion} />
      ) : null}
      {error instanceof ApiError && error.code === 'version-conflict' ? null : <ErrorNote error={error} />}

      <h2>{s.history}</h2>
      {ch.transitions.length === 0 ? <p>{s.noTransition}</p> : null}
      <ul>
        {ch.transitions.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: transitions are positional
          <li key={i}>
            {s.transition(c.state[t.from] ?? t.from, c.state[t.to] ?? t.to, t.by, formatWhen(t.at, lang))}
          </li>
        ))}
      </ul>

      <Evidence change={ch} canAttach={RUN_ROLES.has(user?.role ?? '')} onAttached={change.reload} />
      <Comments change={ch} onAdded={change.reload} />
      <Proposed change={ch} />
    </section>
  );
}

/**
 * Said when the site moved past the version the request was written on: implementing it would overwrite those
 * versions, so the server refuses it (409); the way on is a new request from the current text.
 */
function Stale({ siteId, baseVersion }: { siteId: number; baseVersion: number }) {
  const s = useStrings(changeStrings);
  const site = useApi<Site>(apiPath('sites', siteId));
  const now = site.data?.version;
  if (now === undefined || now === baseVersion) return null;
  return (
    <div className="notice notice-warn" role="alert" data-testid="stale-change">
      <p>{s.stale(baseVersion, now)}</p>
      <p>
        <a href={href('/changes/new', { site: String(siteId) })}>{s.newFromCurrent}</a>
      </p>
    </div>
  );
}

function Evidence({
  change,
  canAttach,
  onAttached,
}: {
  change: ChangeDetail;
  canAttach: boolean;
  onAttached: () => void;
}) {
  const s = useStrings(changeStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const [open, setOpen] = useState<number | null>(null);
  const runs = useApi<RunSummary[]>(canAttach ? apiPath('sites', change.siteId, 'runs') : undefined);
  const [runId, setRunId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const attached = new Set(change.evidence.map((e) => e.runId));
  const free = (runs.data ?? []).filter((r) => !attached.has(r.id));
  const chosen = runId || (free[0] ? String(free[0].id) : '');

  const attach = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setError(null);
    try {
      await apiSend('POST', apiPath('changes', change.id, 'evidence'), { runId: Number(chosen) });
      setRunId('');
      onAttached();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{s.evidence}</h2>
      {change.evidence.length === 0 ? <p>{s.noEvidence}</p> : null}
      <ul>
        {change.evidence.map((ev) => (
          <li key={ev.id} data-run={ev.runId}>
            {s.evidenceItem(ev.runId, c.runKind[ev.kind] ?? ev.kind, ev.by, formatWhen(ev.at, lang))}{' '}
            <button
              type="button"
              aria-expanded={open === ev.runId}
              onClick={() => setOpen(open === ev.runId ? null : ev.runId)}
            >
              {open === ev.runId ? s.hide : s.show} <span className="sr-only">{ev.runId}</span>
            </button>
            {open === ev.runId ? <RunView runId={String(ev.runId)} /> : null}
          </li>
        ))}
      </ul>
      {canAttach ? (
        runs.data && free.length === 0 ? (
          <p>{runs.data.length === 0 ? s.noRuns : s.allAttached}</p>
        ) : (
          <form className="toolbar" onSubmit={attach} aria-label={s.attach}>
            <Field label={s.attachRun}>
              {(id) => (
                <select id={id} value={chosen} onChange={(e) => setRunId(e.target.value)}>
                  {free.map((r) => (
                    <option key={r.id} value={String(r.id)}>
                      {s.runLabel(r.id, c.runKind[r.kind] ?? r.kind, r.firewall ?? '', formatWhen(r.at, lang))}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" disabled={!chosen}>
              {s.attachButton}
            </button>
            <ErrorNote error={error ?? runs.error} />
          </form>
        )
      ) : null}
    </section>
  );
}

function Comments({ change, onAdded }: { change: ChangeDetail; onAdded: () => void }) {
  const s = useStrings(changeStrings);
  const lang = useLang();
  const [textValue, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!textValue.trim()) return;
    setError(null);
    try {
      await apiSend('POST', apiPath('changes', change.id, 'comments'), { text: textValue.trim() });
      setText('');
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{s.comments}</h2>
      {change.comments.length === 0 ? <p>{s.noComments}</p> : null}
      <ul className="fm-comments">
        {change.comments.map((cm) => (
          <li key={cm.id}>
            <p className="fm-wrap">{cm.text}</p>
            <p className="muted">{s.by(cm.author, formatWhen(cm.at, lang))}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={send} className="form">
        <Field label={s.comment}>
          {(id) => <textarea id={id} rows={3} value={textValue} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <button type="submit">{s.send}</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}

function Proposed({ change }: { change: ChangeDetail }) {
  const s = useStrings(changeStrings);
  const base = useApi<Site>(apiPath('sites', change.siteId, 'versions', change.baseVersion));
  return (
    <section aria-labelledby="proposed-title">
      <h2 id="proposed-title">{s.proposed}</h2>
      <p>{s.baseVersion(change.baseVersion)}</p>
      <ErrorNote error={base.error} onRetry={base.reload} />
      {base.data ? <TextDiffView before={base.data.yaml} after={change.yaml} label={s.proposed} /> : null}
    </section>
  );
}
