import type { Text } from '../model/text.js';

/**
 * Live opening checks, run from the host that must open a flow. A probe is a plain value (what to check, how);
 * running it (src/probe/run/, Node edge) gives a result with its evidence. Probe kinds stay data so that the same
 * plan can be printed (`--plan`), run here, or emitted as a PowerShell or bash script for hosts without Node, whose
 * JSON output reads back into the same results.
 */

/** PASS worked; FAIL the network or service refused; WARN worked with a concern (interception, near expiry);
 * INCONCLUSIVE no answer that proves either (UDP silence); UNTESTABLE our own client cannot test it (TLS 1.0 off);
 * SKIPPED a dependency failed (no DNS answer: nothing to connect to).
 *
 * The same facts get the same status in every runner and in the bash and PowerShell scripts:
 * - Silence over UDP is INCONCLUSIVE, whoever is silent: a resolver (the dns and discovery timeouts), an NTP server,
 *   a STUN or SIP peer, a bare UDP port. A dropped datagram and a slow or unwilling server look the same; only an
 *   answer (PASS) or an ICMP unreachable / connection refused (FAIL) proves something.
 * - Silence over TCP is FAIL (filtered): the handshake itself is the proof, and no SYN-ACK means no path.
 * - A certificate that does not verify (chain not trusted, name not covered, expired) is FAIL in every protocol
 *   (tls, proxy, smtp, ldap, sip; the scripts too), never a softer WARN. A service signed by a private CA says so
 *   with the spec option `caFile` (its CA in PEM), added to the system's roots; the chain is then verified against
 *   it like any other. A legacy version negotiated (TLS 1.0/1.1) is FAIL too; a near expiry is WARN. */
export const PROBE_STATUSES = ['PASS', 'FAIL', 'WARN', 'INCONCLUSIVE', 'UNTESTABLE', 'SKIPPED'] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];

export const PROBE_KINDS = [
  'dns',
  'ntp',
  'tcp',
  'udp',
  'tls',
  'http',
  'proxy',
  'smtp',
  'ldap',
  'revocation',
  'stun',
  'sip',
  'discovery',
  'manual',
] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** One check to run. `target` is a host name or address (or URL for http), `port` where it has one. */
export interface ProbeSpec {
  /** Stable id: `row key` + kind + target + port, or the catalog check id. */
  readonly id: string;
  readonly kind: ProbeKind;
  readonly target: string;
  readonly port?: number;
  /** Why this probe exists: the matrix row (key, catalog/flow, ref) or the catalog check it runs. */
  readonly origin: { readonly row?: string; readonly flow?: string; readonly ref?: string; readonly check?: string };
  readonly title: Text;
  /** Probes that must PASS first (a dns probe before the tcp probe to the name); otherwise SKIPPED. */
  readonly dependsOn?: readonly string[];
  /** Kind-specific settings (a resolver, a record type, an expected status, a proxy URL, thresholds…). */
  readonly options?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

/** One piece of evidence: a phase's timing, an address tried, a certificate, a banner… as label → value. */
export interface Evidence {
  readonly label: string;
  readonly value: string;
}

export interface ProbeResult {
  readonly id: string;
  readonly kind: ProbeKind;
  readonly target: string;
  readonly port?: number;
  readonly status: ProbeStatus;
  /** One line a network engineer reads first, in both languages. */
  readonly summary: Text;
  /** Everything that supports the status, in the order it was learned. */
  readonly evidence: readonly Evidence[];
  /** Per-phase timings in milliseconds (`resolve`, `connect`, `tls`, `first-byte`…). */
  readonly timings: Readonly<Record<string, number>>;
  /** The raw error (`ECONNREFUSED`, `ETIMEDOUT`, a TLS alert) when there was one. */
  readonly error?: string;
  readonly startedAt: string;
  readonly durationMs: number;
}

/** Limits every run respects: time per probe, concurrency overall and per destination host. */
export interface ProbeLimits {
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly perHost: number;
}

export const DEFAULT_LIMITS: ProbeLimits = { timeoutMs: 5000, concurrency: 16, perHost: 4 };
