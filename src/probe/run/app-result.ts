import { text } from '../../model/text.js';
import type { Evidence, ProbeResult, ProbeSpec, ProbeStatus } from '../types.js';
import type { RunContext } from './runner.js';

/**
 * What the application runners (smtp, ldap, stun, sip, discovery) share: one recorder per run that gathers evidence
 * and per-phase timings in the order they are learned, knows the run's deadline, and builds the result.
 */
export interface Recorder {
  note(label: string, value: string): void;
  /** Runs one phase and records how long it took, whether it succeeded or not. */
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Milliseconds left before `limits.timeoutMs` is reached (never negative). */
  remaining(): number;
  finish(status: ProbeStatus, en: string, fr: string, error?: string): ProbeResult;
}

export function recorder(spec: ProbeSpec, ctx: RunContext): Recorder {
  const startedAt = (ctx.now?.() ?? new Date()).toISOString();
  const start = performance.now();
  const deadline = start + ctx.limits.timeoutMs;
  const evidence: Evidence[] = [];
  const timings: Record<string, number> = {};
  return {
    note: (label, value) => evidence.push({ label, value }),
    async phase(name, work) {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        timings[name] = Math.round(performance.now() - t0);
      }
    },
    remaining: () => Math.max(0, Math.floor(deadline - performance.now())),
    finish: (status, en, fr, error) => ({
      id: spec.id,
      kind: spec.kind,
      target: spec.target,
      ...(spec.port !== undefined ? { port: spec.port } : {}),
      status,
      summary: text(fr, en),
      evidence,
      timings,
      ...(error !== undefined ? { error } : {}),
      startedAt,
      durationMs: Math.round(performance.now() - start),
    }),
  };
}

/** The raw error as a network engineer reads it: the system code first (ECONNREFUSED), then the message. */
export function rawError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

export const errorCode = (err: unknown): string | undefined =>
  err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;

/** A runner never throws: a bug or an unexpected error becomes an INCONCLUSIVE result carrying the raw error. */
export async function guarded(
  spec: ProbeSpec,
  ctx: RunContext,
  body: (rec: Recorder) => Promise<ProbeResult>,
): Promise<ProbeResult> {
  const rec = recorder(spec, ctx);
  try {
    return await body(rec);
  } catch (err) {
    return rec.finish(
      'INCONCLUSIVE',
      'the probe stopped on an unexpected error',
      "la sonde s'est arrêtée sur une erreur inattendue",
      rawError(err),
    );
  }
}

export const optString = (spec: ProbeSpec, key: string): string | undefined => {
  const v = spec.options?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const optNumber = (spec: ProbeSpec, key: string): number | undefined => {
  const v = spec.options?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export const optBoolean = (spec: ProbeSpec, key: string): boolean | undefined => {
  const v = spec.options?.[key];
  return typeof v === 'boolean' ? v : undefined;
};

/** A host name or address fit to be written into a protocol line (no space, control character or delimiter). */
export const isPlainHost = (host: string): boolean => /^[A-Za-z0-9._:[\]-]{1,253}$/.test(host);

/** A mailbox fit for `RCPT TO:<…>`: no space, control character or angle bracket that could end the command. */
export const isPlainMailbox = (address: string): boolean =>
  /^[^\s<>\p{Cc}]{1,254}@[A-Za-z0-9.-]{1,253}$/u.test(address);
