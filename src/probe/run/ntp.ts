import { createSocket } from 'node:dgram';
import { ev, hostPort, resultOf } from '../result.js';
import type { Evidence, ProbeSpec } from '../types.js';
import { resolveTarget } from './addresses.js';
import type { ProbeRunner } from './runner.js';

/**
 * One SNTP v4 exchange (RFC 4330) with the target: PASS when the server is synchronised (stratum 1–15, leap
 * indicator not 3 "alarm") and this host's clock is within `options.maxOffsetMs` (default 1000) of it; over the
 * threshold is WARN (the flow works, the host is not in step). Stratum 0 is a kiss-of-death (RATE, DENY, RSTR…):
 * FAIL with its code. ICMP unreachable is FAIL; silence is INCONCLUSIVE, as for any UDP exchange.
 */
const NTP_EPOCH_OFFSET = 2_208_988_800; // seconds from 1900-01-01 to 1970-01-01

const nowMs = (): number => performance.timeOrigin + performance.now();

/** NTP 64-bit timestamp at `offset` → Unix milliseconds. */
export function readTimestamp(b: Buffer, offset: number): number {
  const seconds = b.readUInt32BE(offset) - NTP_EPOCH_OFFSET;
  const fraction = b.readUInt32BE(offset + 4) / 2 ** 32;
  return (seconds + fraction) * 1000;
}

export function writeTimestamp(b: Buffer, offset: number, unixMs: number): void {
  const seconds = Math.floor(unixMs / 1000);
  b.writeUInt32BE((seconds + NTP_EPOCH_OFFSET) >>> 0, offset);
  b.writeUInt32BE(Math.floor(((unixMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0, offset + 4);
}

export interface SntpAnswer {
  readonly leap: number;
  readonly version: number;
  readonly mode: number;
  readonly stratum: number;
  /** Kiss code (stratum 0) or reference id: ASCII for stratum 0–1, an address above. */
  readonly refid: string;
  readonly offsetMs: number;
  readonly delayMs: number;
}

/** Reads a server's answer to a request sent at `t1` and received at `t4` (Unix ms). */
export function readAnswer(b: Buffer, t1: number, t4: number): SntpAnswer | undefined {
  if (b.length < 48) return undefined;
  const first = b.readUInt8(0);
  const stratum = b.readUInt8(1);
  const ref = b.subarray(12, 16);
  const refid = stratum <= 1 ? ref.toString('latin1').replace(/\0+$/, '') : [...ref].map((x) => String(x)).join('.');
  const t2 = readTimestamp(b, 32);
  const t3 = readTimestamp(b, 40);
  return {
    leap: first >> 6,
    version: (first >> 3) & 7,
    mode: first & 7,
    stratum,
    refid,
    offsetMs: Math.round(((t2 - t1 + (t3 - t4)) / 2) * 10) / 10,
    delayMs: Math.round((t4 - t1 - (t3 - t2)) * 10) / 10,
  };
}

export const ntpRunner: ProbeRunner = async (spec: ProbeSpec, ctx) => {
  const now = ctx.now ?? (() => new Date());
  const started = now();
  const port = spec.port ?? 123;
  const maxOffset = Number(spec.options?.maxOffsetMs ?? 1000);
  const resolver = (spec.options?.resolver as string | undefined) ?? ctx.resolver;
  const t0 = performance.now();
  const resolved = await resolveTarget(spec.target, resolver, ctx.limits.timeoutMs);
  const first = resolved.addresses[0];
  if (!first)
    return resultOf(spec, started, {
      status: 'FAIL',
      summary: { fr: `${spec.target} ne se résout pas`, en: `${spec.target} does not resolve` },
      evidence: resolved.evidence,
      ...(resolved.error ? { error: resolved.error } : {}),
    });
  const left = Math.max(1, ctx.limits.timeoutMs - (performance.now() - t0));
  const at = hostPort(first.address, port);
  const exchange = await sntp(first.address, first.family, port, left, ctx.signal);
  const evidence: Evidence[] = [...resolved.evidence, ev('server', at)];
  if (exchange.kind !== 'answer') {
    evidence.push(ev('answer', exchange.kind === 'silence' ? 'none' : exchange.error));
    const refused = exchange.kind === 'error' && exchange.error === 'ECONNREFUSED';
    return resultOf(
      spec,
      started,
      {
        status: refused ? 'FAIL' : exchange.kind === 'silence' ? 'INCONCLUSIVE' : 'FAIL',
        summary: refused
          ? { fr: `${at} : port NTP injoignable (ICMP)`, en: `${at}: NTP port unreachable (ICMP)` }
          : exchange.kind === 'silence'
            ? { fr: `${at} : aucune réponse NTP (filtré ou muet)`, en: `${at}: no NTP answer (filtered or silent)` }
            : { fr: `${at} : ${exchange.error}`, en: `${at}: ${exchange.error}` },
        evidence,
        ...(exchange.kind === 'error' ? { error: exchange.error } : {}),
      },
      now,
    );
  }
  const a = exchange.answer;
  evidence.push(
    ev('stratum', a.stratum),
    ev(a.stratum === 0 ? 'kiss code' : 'reference', a.refid || '—'),
    ev('leap indicator', a.leap),
    ev('version', a.version),
    ev('offset', `${a.offsetMs} ms`),
    ev('round trip', `${a.delayMs} ms`),
  );
  const timings = { exchange: exchange.ms };
  const outcome = (status: 'PASS' | 'WARN' | 'FAIL', fr: string, en: string) =>
    resultOf(spec, started, { status, summary: { fr: `${at} : ${fr}`, en: `${at}: ${en}` }, evidence, timings }, now);
  if (a.mode !== 4)
    return outcome('FAIL', `réponse en mode ${a.mode}, pas serveur`, `answer in mode ${a.mode}, not server`);
  if (a.stratum === 0)
    return outcome(
      'FAIL',
      `kiss-of-death ${a.refid || '?'} (le serveur refuse)`,
      `kiss-of-death ${a.refid || '?'} (the server refuses)`,
    );
  if (a.leap === 3 || a.stratum > 15)
    return outcome(
      'FAIL',
      `serveur non synchronisé (strate ${a.stratum}, leap ${a.leap})`,
      `server not synchronised (stratum ${a.stratum}, leap ${a.leap})`,
    );
  if (Math.abs(a.offsetMs) > maxOffset)
    return outcome(
      'WARN',
      `strate ${a.stratum}, mais l’horloge locale s’écarte de ${a.offsetMs} ms (seuil ${maxOffset} ms)`,
      `stratum ${a.stratum}, but this host's clock is off by ${a.offsetMs} ms (threshold ${maxOffset} ms)`,
    );
  return outcome(
    'PASS',
    `strate ${a.stratum}, décalage ${a.offsetMs} ms`,
    `stratum ${a.stratum}, offset ${a.offsetMs} ms`,
  );
};

type Exchange =
  | { kind: 'answer'; answer: SntpAnswer; ms: number }
  | { kind: 'silence' }
  | { kind: 'error'; error: string };

/** One request on a connected socket (ICMP errors come back); answers whose origin is not our request are ignored. */
function sntp(
  address: string,
  family: 4 | 6,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = createSocket(family === 4 ? 'udp4' : 'udp6');
    const request = Buffer.alloc(48);
    request.writeUInt8(0x23, 0); // LI 0, version 4, mode 3 (client)
    let t1 = 0;
    let done = false;
    const end = (x: Exchange): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      resolve(x);
    };
    const onAbort = (): void => end({ kind: 'error', error: 'aborted' });
    const timer = setTimeout(() => end({ kind: 'silence' }), timeoutMs);
    signal?.addEventListener('abort', onAbort);
    socket.on('message', (m) => {
      const t4 = nowMs();
      // Our transmit time comes back as the answer's origin time: anything else is not an answer to us.
      if (m.length < 48 || !m.subarray(24, 32).equals(request.subarray(40, 48))) return;
      const answer = readAnswer(m, t1, t4);
      if (answer) end({ kind: 'answer', answer, ms: Math.round((t4 - t1) * 10) / 10 });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => end({ kind: 'error', error: e.code ?? e.message }));
    socket.connect(port, address, () => {
      t1 = nowMs();
      writeTimestamp(request, 40, t1);
      socket.send(request);
    });
  });
}
