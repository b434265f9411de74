import { createSocket } from 'node:dgram';
import type { Text } from '../../model/text.js';
import { ev, hostPort, resultOf, since } from '../result.js';
import type { ProbeSpec, ProbeStatus } from './../types.js';
import { resolveTarget } from './addresses.js';
import type { ProbeRunner } from './runner.js';

/**
 * A datagram to every address of the target on a connected socket (so the kernel hands back ICMP errors): the
 * request in `options.payload` (hex; the plan sets the application's own for DNS, NTP, STUN), else an empty one.
 * A reply is PASS; ICMP port unreachable (ECONNREFUSED) or another ICMP error is FAIL; silence is INCONCLUSIVE —
 * a firewall that drops and a service that ignores the request look the same, so silence never passes.
 */
export type UdpState = 'reply' | 'refused' | 'unreachable' | 'silence' | 'error';

interface Exchange {
  readonly address: string;
  readonly family: 4 | 6;
  readonly state: UdpState;
  readonly ms: number;
  readonly bytes?: number;
  readonly error?: string;
}

const STATE_TEXT: Readonly<Record<UdpState, Text>> = {
  reply: { fr: 'réponse', en: 'reply' },
  refused: { fr: 'port injoignable (ICMP)', en: 'port unreachable (ICMP)' },
  unreachable: { fr: 'injoignable (ICMP)', en: 'unreachable (ICMP)' },
  silence: { fr: 'silence', en: 'silence' },
  error: { fr: 'erreur', en: 'error' },
};

/** Reply size cap: the probe reads the first datagram only and keeps its size, not its content. */
export function exchangeOnce(
  address: string,
  family: 4 | 6,
  port: number,
  payload: Buffer,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const socket = createSocket(family === 4 ? 'udp4' : 'udp6');
    let done = false;
    const end = (state: UdpState, extra: { bytes?: number; error?: string } = {}): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve({ address, family, state, ms: since(t0), ...extra });
    };
    const onAbort = (): void => end('error', { error: 'aborted' });
    const timer = setTimeout(() => end('silence'), Math.max(1, timeoutMs));
    signal?.addEventListener('abort', onAbort);
    socket.on('message', (m) => end('reply', { bytes: m.length }));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      if (code === 'ECONNREFUSED') end('refused', { error: code });
      else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EACCES' || code === 'EPERM')
        end('unreachable', { error: code });
      else end('error', { error: code });
    });
    socket.connect(port, address, () => socket.send(payload));
  });
}

function verdict(exchanges: readonly Exchange[]): ProbeStatus {
  const replies = exchanges.filter((x) => x.state === 'reply').length;
  const refusals = exchanges.filter((x) => x.state === 'refused' || x.state === 'unreachable').length;
  if (replies === exchanges.length) return 'PASS';
  if (replies > 0) return 'WARN';
  if (refusals > 0) return 'FAIL';
  return 'INCONCLUSIVE';
}

const familyName = (f: 4 | 6) => (f === 4 ? 'IPv4' : 'IPv6');

export const udpRunner: ProbeRunner = async (spec: ProbeSpec, ctx) => {
  const now = ctx.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  const port = spec.port;
  const hex = spec.options?.payload;
  if (port === undefined || (hex !== undefined && (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/i.test(hex))))
    return resultOf(spec, started, {
      status: 'UNTESTABLE',
      summary:
        port === undefined
          ? { fr: 'aucun port à sonder', en: 'no port to probe' }
          : { fr: 'charge utile hexadécimale invalide', en: 'invalid hex payload' },
    });
  const payload = Buffer.from(typeof hex === 'string' ? hex : '', 'hex');
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
        ...(resolved.error ? { error: resolved.error } : {}),
      },
      now,
    );
  const left = Math.max(1, timeout - (performance.now() - t0));
  const exchanges = await Promise.all(
    resolved.addresses.map((a) => exchangeOnce(a.address, a.family, port, payload, left, ctx.signal)),
  );
  const status = verdict(exchanges);
  const at = hostPort(spec.target, port);
  const states = (lang: 'fr' | 'en') =>
    exchanges.map((x) => `${familyName(x.family)} ${STATE_TEXT[x.state][lang]}`).join(', ');
  const sent = `${payload.length} bytes${spec.options?.payloadName ? ` (${spec.options.payloadName} request)` : ''}`;
  const timings: Record<string, number> = {};
  if (resolved.resolveMs !== undefined) timings.resolve = resolved.resolveMs;
  for (const x of exchanges) timings[`exchange ${hostPort(x.address, undefined)}`] = x.ms;
  const failed = exchanges.find((x) => x.error);
  return resultOf(
    spec,
    started,
    {
      status,
      summary: {
        fr: `${at} udp : ${states('fr')}${status === 'INCONCLUSIVE' ? ' (filtré ou service muet : indécidable)' : ''}`,
        en: `${at} udp: ${states('en')}${status === 'INCONCLUSIVE' ? ' (filtered or a silent service: cannot tell)' : ''}`,
      },
      evidence: [
        ...resolved.evidence,
        ev('sent', sent),
        ...exchanges.map((x) =>
          ev(
            `${familyName(x.family)} ${x.address}`,
            `${STATE_TEXT[x.state].en} after ${x.ms} ms${x.bytes !== undefined ? ` (${x.bytes} bytes)` : ''}${x.error ? ` (${x.error})` : ''}`,
          ),
        ),
      ],
      timings,
      ...(failed?.error ? { error: failed.error } : {}),
    },
    now,
  );
};
