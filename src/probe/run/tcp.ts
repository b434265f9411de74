import { Socket } from 'node:net';
import type { Text } from '../../model/text.js';
import { ev, hostPort, resultOf, since } from '../result.js';
import type { Evidence, ProbeSpec, ProbeStatus } from '../types.js';
import { resolveTarget } from './addresses.js';
import type { ProbeRunner } from './runner.js';

/**
 * A TCP connection to every address of the target, IPv4 and IPv6 reported apart: the handshake completes (open),
 * a reset comes back (closed: ECONNREFUSED), an ICMP error comes back (unreachable), or nothing comes back before
 * the time is up (filtered: a firewall drops it). All open is PASS, none is FAIL, some is WARN (one family or
 * address broken, which a client may or may not fall back from).
 */
export type TcpState = 'open' | 'closed' | 'filtered' | 'unreachable' | 'error';

export interface Attempt {
  readonly address: string;
  readonly family: 4 | 6;
  readonly state: TcpState;
  readonly ms: number;
  readonly error?: string;
}

const STATE_TEXT: Readonly<Record<TcpState, Text>> = {
  open: { fr: 'ouvert', en: 'open' },
  closed: { fr: 'fermé (RST)', en: 'closed (RST)' },
  filtered: { fr: 'filtré (aucune réponse)', en: 'filtered (no answer)' },
  unreachable: { fr: 'injoignable (ICMP)', en: 'unreachable (ICMP)' },
  error: { fr: 'erreur', en: 'error' },
};

function stateOf(code: string | undefined): TcpState {
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'closed';
  if (code === 'ETIMEDOUT') return 'filtered';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EACCES' || code === 'EPERM') return 'unreachable';
  return 'error';
}

/** One connection attempt, never longer than `timeoutMs`, aborted with the signal. */
export function connectOnce(
  address: string,
  family: 4 | 6,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Attempt> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const socket = new Socket();
    let done = false;
    const end = (state: TcpState, error?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ address, family, state, ms: since(t0), ...(error ? { error } : {}) });
    };
    const onAbort = (): void => end('error', 'aborted');
    const timer = setTimeout(() => end('filtered', 'ETIMEDOUT'), Math.max(1, timeoutMs));
    signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => end('open'));
    socket.once('error', (e: NodeJS.ErrnoException) => end(stateOf(e.code), e.code ?? e.message));
    socket.connect({ host: address, port, family });
  });
}

const familyName = (f: 4 | 6) => (f === 4 ? 'IPv4' : 'IPv6');

export function attemptEvidence(a: Attempt): Evidence {
  return ev(
    `${familyName(a.family)} ${hostPort(a.address, undefined)}`,
    `${STATE_TEXT[a.state].en} in ${a.ms} ms${a.error && a.state !== 'open' ? ` (${a.error})` : ''}`,
  );
}

/** PASS when every address is open, FAIL when none is, WARN in between; with the words per family. */
export function verdictOf(
  attempts: readonly Attempt[],
  target: string,
  port: number,
): { status: ProbeStatus; summary: Text } {
  const open = attempts.filter((a) => a.state === 'open');
  const at = hostPort(target, port);
  if (open.length === attempts.length)
    return {
      status: 'PASS',
      summary: { fr: `${at} ouvert (${describe(attempts, 'fr')})`, en: `${at} open (${describe(attempts, 'en')})` },
    };
  const status: ProbeStatus = open.length === 0 ? 'FAIL' : 'WARN';
  return {
    status,
    summary: { fr: `${at} : ${describe(attempts, 'fr')}`, en: `${at}: ${describe(attempts, 'en')}` },
  };
}

/** `IPv4 open, IPv6 filtered` — each family's states, in order. */
function describe(attempts: readonly Attempt[], lang: 'fr' | 'en'): string {
  const parts: string[] = [];
  for (const f of [4, 6] as const) {
    const mine = attempts.filter((a) => a.family === f);
    if (mine.length === 0) continue;
    const states = [...new Set(mine.map((a) => STATE_TEXT[a.state][lang]))];
    parts.push(`${familyName(f)} ${states.join(' / ')}`);
  }
  return parts.join(', ');
}

export const tcpRunner: ProbeRunner = async (spec: ProbeSpec, ctx) => {
  const now = ctx.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  const port = spec.port;
  if (port === undefined)
    return resultOf(spec, started, {
      status: 'UNTESTABLE',
      summary: { fr: 'aucun port à sonder', en: 'no port to probe' },
    });
  const timeout = ctx.limits.timeoutMs;
  const resolver = (spec.options?.resolver as string | undefined) ?? ctx.resolver;
  const resolved = await resolveTarget(spec.target, resolver, timeout);
  if (resolved.addresses.length === 0)
    return resultOf(
      spec,
      started,
      {
        status: 'FAIL',
        summary: {
          fr: `${spec.target} ne se résout pas (${resolved.error})`,
          en: `${spec.target} does not resolve (${resolved.error})`,
        },
        evidence: resolved.evidence,
        timings: resolved.resolveMs !== undefined ? { resolve: resolved.resolveMs } : {},
        ...(resolved.error ? { error: resolved.error } : {}),
      },
      now,
    );
  const left = Math.max(1, timeout - (performance.now() - t0));
  const attempts = await Promise.all(
    resolved.addresses.map((a) => connectOnce(a.address, a.family, port, left, ctx.signal)),
  );
  const verdict = verdictOf(attempts, spec.target, port);
  const timings: Record<string, number> = {};
  if (resolved.resolveMs !== undefined) timings.resolve = resolved.resolveMs;
  for (const a of attempts) timings[`connect ${hostPort(a.address, undefined)}`] = a.ms;
  const failed = attempts.find((a) => a.state !== 'open');
  return resultOf(
    spec,
    started,
    {
      ...verdict,
      evidence: [...resolved.evidence, ...attempts.map(attemptEvidence)],
      timings,
      ...(failed?.error ? { error: failed.error } : {}),
    },
    now,
  );
};
