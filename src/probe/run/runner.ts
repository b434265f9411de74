import type { ProbeLimits, ProbeResult, ProbeSpec } from '../types.js';

/** What a probe runner may use besides its spec: limits, a proxy, a resolver, and an abort signal. */
export interface RunContext {
  readonly limits: ProbeLimits;
  /** `http://user:pass@proxy:3128` for the probes that go through the site's proxy (never printed with its password). */
  readonly proxy?: string;
  /** `host:port` of the DNS server to ask (default: the system's). */
  readonly resolver?: string;
  readonly signal?: AbortSignal;
  /** Clock, for tests that need fixed dates (certificate expiry). */
  readonly now?: () => Date;
}

/**
 * One file per probe kind under src/probe/run/ exports a runner. A runner never throws: every failure is a result
 * with its status, its evidence and the raw error; it never waits past `limits.timeoutMs`.
 */
export type ProbeRunner = (spec: ProbeSpec, ctx: RunContext) => Promise<ProbeResult>;
