import { type Lang, type Text, text } from '../../model/text.js';
import { PROBE_STATUSES, type ProbeResult, type ProbeSpec, type ProbeStatus } from '../types.js';

/**
 * A probe run as one value: what was probed (the specs, for titles and origins), from where, and each result.
 * The json format writes exactly this; `probe --import` reads it back (from a run here or from a script).
 */
export interface ProbeReport {
  readonly tool: 'flowmatrix';
  readonly version: 1;
  readonly site: string;
  /** The source the run stands for: `role web`, `host hamilton-web`, `this machine (10.0.0.5, …)`. */
  readonly source: string;
  readonly startedAt: string;
  readonly probes: readonly ProbeSpec[];
  readonly results: readonly ProbeResult[];
}

export type StatusCounts = Record<ProbeStatus, number>;

export function countStatuses(results: readonly ProbeResult[]): StatusCounts {
  const counts = Object.fromEntries(PROBE_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of results) counts[r.status]++;
  return counts;
}

export const STATUS_TEXT: Readonly<Record<ProbeStatus, Text>> = {
  PASS: text('réussi', 'passed'),
  FAIL: text('échoué', 'failed'),
  WARN: text('avertissement', 'warning'),
  INCONCLUSIVE: text('indécidable', 'inconclusive'),
  UNTESTABLE: text('non testable', 'untestable'),
  SKIPPED: text('non exécuté', 'skipped'),
};

/** Counts as `3 PASS, 1 FAIL` in the order of the statuses, zeros left out. */
export const countLine = (counts: StatusCounts): string =>
  PROBE_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ') || '0';

/** The spec of each result, by id (a result imported without its spec gets a title from its target). */
export function titled(report: ProbeReport, lang: Lang): { result: ProbeResult; title: string; spec?: ProbeSpec }[] {
  const specs = new Map(report.probes.map((p) => [p.id, p]));
  return report.results.map((result) => {
    const spec = specs.get(result.id);
    return { result, title: spec ? spec.title[lang] : `${result.kind} ${result.target}`, ...(spec ? { spec } : {}) };
  });
}

/** Where a probe comes from, for a reader: `hamilton.dns (§1)` or `check hamilton.web-dns (§10 item 1)`. */
export function originText(spec: ProbeSpec | undefined): string {
  if (!spec) return '';
  const o = spec.origin;
  const what = o.check ? `check ${o.check}` : (o.flow ?? '');
  return o.ref ? `${what} (${o.ref})` : what;
}

/** `kind target:port`, IPv6 bracketed. */
export function probeTarget(r: Pick<ProbeResult, 'kind' | 'target' | 'port'>): string {
  const host = r.target.includes(':') && !r.target.includes('/') && r.port !== undefined ? `[${r.target}]` : r.target;
  return `${r.kind} ${host}${r.port !== undefined ? `:${r.port}` : ''}`;
}

/** The process exit the run deserves: 1 on a FAIL, 2 when nothing could run, else 0. */
export function exitOf(results: readonly ProbeResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'FAIL')) return 1;
  const ran = results.some((r) => r.status === 'PASS' || r.status === 'WARN' || r.status === 'INCONCLUSIVE');
  return ran ? 0 : 2;
}
