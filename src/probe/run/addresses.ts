import { lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ev, since } from '../result.js';
import type { Evidence } from '../types.js';

export interface Resolved {
  readonly addresses: readonly { readonly address: string; readonly family: 4 | 6 }[];
  readonly evidence: readonly Evidence[];
  readonly resolveMs?: number;
  /** Set when the name gave no address: the resolver's code (ENOTFOUND, ENODATA, ETIMEOUT…). */
  readonly error?: string;
}

/** A resolver asking only `server` (`host` or `host:port`), one try, bounded in time. */
export function namedResolver(server: string, timeoutMs: number): Resolver {
  const r = new Resolver({ timeout: Math.max(1, timeoutMs), tries: 1 });
  r.setServers([server]);
  return r;
}

/**
 * Every address of a target, IPv4 and IPv6 apart: a literal address as is; a name through `resolver` (the
 * resolver the run names) or the system's resolver.
 */
export async function resolveTarget(
  target: string,
  resolver: string | undefined,
  timeoutMs: number,
): Promise<Resolved> {
  const literal = isIP(target);
  if (literal) return { addresses: [{ address: target, family: literal as 4 | 6 }], evidence: [] };
  if (!resolver) return systemLookup(target, timeoutMs);
  const t0 = performance.now();
  const evidence: Evidence[] = [ev('resolver', resolver)];
  const r = namedResolver(resolver, timeoutMs);
  const [v4, v6] = await Promise.allSettled([r.resolve4(target), r.resolve6(target)]);
  const addresses = [
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
  ];
  const code = (s: PromiseSettledResult<string[]>) =>
    s.status === 'rejected' ? ((s.reason as NodeJS.ErrnoException).code ?? String(s.reason)) : undefined;
  evidence.push(ev('A', v4.status === 'fulfilled' ? v4.value.join(', ') || '—' : (code(v4) as string)));
  evidence.push(ev('AAAA', v6.status === 'fulfilled' ? v6.value.join(', ') || '—' : (code(v6) as string)));
  const resolveMs = since(t0);
  if (addresses.length > 0) return { addresses, evidence, resolveMs };
  return { addresses, evidence, resolveMs, error: code(v4) ?? code(v6) ?? 'ENODATA' };
}

/** The system's own resolution (hosts file, then DNS), as the host's applications see it; bounded in time. */
async function systemLookup(target: string, timeoutMs: number): Promise<Resolved> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs);
  });
  try {
    const found = await Promise.race([lookup(target, { all: true }), timeout]);
    const addresses = found.map((a) => ({ address: a.address, family: (a.family === 6 ? 6 : 4) as 4 | 6 }));
    return {
      addresses,
      evidence: [ev('resolver', 'system (getaddrinfo)'), ev('addresses', addresses.map((a) => a.address).join(', '))],
      resolveMs: since(t0),
    };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return {
      addresses: [],
      evidence: [ev('resolver', 'system (getaddrinfo)'), ev('error', code)],
      resolveMs: since(t0),
      error: code,
    };
  } finally {
    clearTimeout(timer);
  }
}
