import { type Text, text } from '../../../model/text.js';
import type { Evidence, ProbeResult, ProbeSpec, ProbeStatus } from '../../types.js';
import type { RunContext } from '../runner.js';

/** Worst first: the status a probe reports is the worst of its sub-checks. */
const SEVERITY: Record<ProbeStatus, number> = {
  FAIL: 6,
  WARN: 5,
  UNTESTABLE: 4,
  INCONCLUSIVE: 3,
  SKIPPED: 2,
  PASS: 1,
};

/** One verdict inside a probe (chain trusted, TLS 1.0 refused…), kept as evidence and folded into the status. */
export interface SubCheck {
  readonly name: string;
  readonly status: ProbeStatus;
  readonly detail: Text;
}

export const worst = (statuses: readonly ProbeStatus[]): ProbeStatus =>
  statuses.reduce<ProbeStatus>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'PASS');

/**
 * Collects a probe's evidence and timings in the order they are learned, then seals them into a result. Lives only
 * for one run; the result it returns is a plain value.
 */
export class Recorder {
  private readonly evidence: Evidence[] = [];
  private readonly timings: Record<string, number> = {};
  private readonly checks: SubCheck[] = [];
  private readonly t0 = performance.now();
  private readonly startedAt: string;

  constructor(
    private readonly spec: ProbeSpec,
    ctx: RunContext,
  ) {
    this.startedAt = (ctx.now?.() ?? new Date()).toISOString();
  }

  add(label: string, value: string | number | boolean): void {
    this.evidence.push({ label, value: String(value) });
  }

  /** Runs one phase and records how long it took, whether it succeeded or not. */
  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.timings[phase] = Math.round((performance.now() - start) * 10) / 10;
    }
  }

  check(name: string, status: ProbeStatus, detail: Text): SubCheck {
    const sub = { name, status, detail };
    this.checks.push(sub);
    this.add(`check ${name}`, `${status}: ${detail.en}`);
    return sub;
  }

  get subChecks(): readonly SubCheck[] {
    return this.checks;
  }

  /** Seals the result: the status is the worst sub-check unless one is given; the summary names what fell short. */
  finish(opts: { status?: ProbeStatus; summary?: Text; error?: string } = {}): ProbeResult {
    const status = opts.status ?? worst(this.checks.map((c) => c.status));
    const summary = opts.summary ?? summarize(this.checks, status);
    return {
      id: withoutCredentials(this.spec.id),
      kind: this.spec.kind,
      target: withoutCredentials(this.spec.target),
      ...(this.spec.port !== undefined ? { port: this.spec.port } : {}),
      status,
      summary,
      evidence: [...this.evidence],
      timings: { ...this.timings },
      ...(opts.error ? { error: opts.error } : {}),
      startedAt: this.startedAt,
      durationMs: Math.round(performance.now() - this.t0),
    };
  }
}

/** The sub-checks at the probe's status first (what a reader must see), then the others. */
function summarize(checks: readonly SubCheck[], status: ProbeStatus): Text {
  if (checks.length === 0) return text('aucune vérification', 'no check ran');
  const ordered = [...checks.filter((c) => c.status === status), ...checks.filter((c) => c.status !== status)];
  return text(ordered.map((c) => c.detail.fr).join(' ; '), ordered.map((c) => c.detail.en).join('; '));
}

/** The error's code and message, one line, for `error` and evidence. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = err.message.split('\n')[0]?.trim() ?? '';
    return code && !message.includes(code) ? `${code}: ${message}` : message;
  }
  return String(err);
}

export const errorCode = (err: unknown): string | undefined =>
  err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;

/** `scheme://user:password@host` → `scheme://***@host`: a result never carries a password, even one a spec held. */
export const withoutCredentials = (s: string): string => s.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
