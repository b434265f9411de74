import type { Text } from '../model/text.js';
import type { Evidence, ProbeResult, ProbeSpec, ProbeStatus } from './types.js';

/** Builds results the same way in every runner: the spec's identity, a status, why, and the evidence. */
export interface Outcome {
  readonly status: ProbeStatus;
  readonly summary: Text;
  readonly evidence?: readonly Evidence[];
  readonly timings?: Readonly<Record<string, number>>;
  readonly error?: string;
}

export function resultOf(
  spec: ProbeSpec,
  started: Date,
  outcome: Outcome,
  now: () => Date = () => new Date(),
): ProbeResult {
  return {
    id: spec.id,
    kind: spec.kind,
    target: spec.target,
    ...(spec.port !== undefined ? { port: spec.port } : {}),
    status: outcome.status,
    summary: outcome.summary,
    evidence: outcome.evidence ?? [],
    timings: outcome.timings ?? {},
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    startedAt: started.toISOString(),
    durationMs: Math.max(0, now().getTime() - started.getTime()),
  };
}

export const ev = (label: string, value: string | number): Evidence => ({ label, value: String(value) });

/** Milliseconds since `t0` (from performance.now()), to a tenth. */
export const since = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

/** `host:port`, IPv6 in brackets. */
export const hostPort = (host: string, port: number | undefined): string =>
  port === undefined ? host : host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
