import { Resolver } from 'node:dns/promises';
import type { ProbeSpec } from '../types.js';
import { errorCode, guarded, optNumber, optString, type Recorder, rawError } from './app-result.js';
import type { ProbeRunner, RunContext } from './runner.js';

/**
 * Service discovery check: the names clients look up before they connect (Exchange autodiscover, Lync/Skype
 * lyncdiscover, SIP and federation SRV records), asked of a named resolver. A name starting with `_` is an SRV
 * lookup (targets and ports reported, each target resolved); any other is A/AAAA, with its CNAME reported.
 * Options: `resolver` (`host:port`, else the run's, else the system's), `expectPort` (an SRV record must point there).
 */

export interface DiscoveryName {
  readonly name: string;
  readonly record: 'A' | 'SRV';
  /** The port an SRV record is expected to give (Lync: 443 for `_sip._tls`, 5061 for federation). */
  readonly expectPort?: number;
}

/** The discovery names of a mail/UC domain, in the order clients try them. */
export const discoveryNames = (domain: string): DiscoveryName[] => [
  { name: `autodiscover.${domain}`, record: 'A' },
  { name: `lyncdiscover.${domain}`, record: 'A' },
  { name: `_sip._tls.${domain}`, record: 'SRV', expectPort: 443 },
  { name: `_sipfederationtls._tcp.${domain}`, record: 'SRV', expectPort: 5061 },
];

/** How a resolver error reads: NXDOMAIN, NODATA, SERVFAIL, REFUSED and timeouts told apart. */
export function rcodeOf(err: unknown): string {
  switch (errorCode(err)) {
    case 'ENOTFOUND':
      return 'NXDOMAIN';
    case 'ENODATA':
      return 'NODATA';
    case 'ESERVFAIL':
      return 'SERVFAIL';
    case 'EREFUSED':
      return 'REFUSED';
    case 'ETIMEOUT':
    case 'ECANCELLED':
      return 'TIMEOUT';
    case 'ECONNREFUSED':
      return 'RESOLVER UNREACHABLE';
    default:
      return errorCode(err) ?? 'ERROR';
  }
}

function resolverFor(spec: ProbeSpec, ctx: RunContext, rec: Recorder): Resolver {
  // c-ares doubles its timeout on each try: t + 2t stays within three quarters of the budget.
  const timeout = Math.max(100, Math.floor(rec.remaining() / 4));
  const resolver = new Resolver({ timeout, tries: 2 });
  const server = optString(spec, 'resolver') ?? ctx.resolver;
  if (server) resolver.setServers([server]);
  rec.note('resolver', resolver.getServers().join(', '));
  return resolver;
}

const settle = <T>(p: Promise<T>): Promise<{ ok: T } | { err: unknown }> =>
  p.then(
    (ok) => ({ ok }),
    (err) => ({ err }),
  );

/** Stops every pending query once the probe's time is up, whatever c-ares would still retry. */
function bounded(resolver: Resolver, rec: Recorder): void {
  const timer = setTimeout(() => resolver.cancel(), rec.remaining());
  timer.unref();
}

async function addressRecords(
  resolver: Resolver,
  name: string,
  rec: Recorder,
  label: string,
): Promise<{ addresses: string[]; rcode?: string; raw?: unknown }> {
  const [v4, v6] = await Promise.all([settle(resolver.resolve4(name)), settle(resolver.resolve6(name))]);
  const addresses: string[] = [];
  for (const [family, answer] of [
    ['A', v4],
    ['AAAA', v6],
  ] as const) {
    if ('ok' in answer) {
      rec.note(`${label} ${family}`, answer.ok.join(', ') || '(none)');
      addresses.push(...answer.ok);
    } else rec.note(`${label} ${family}`, rcodeOf(answer.err));
  }
  if (addresses.length > 0) return { addresses };
  // Prefer the most telling failure: NXDOMAIN over NODATA, a real error over a missing family.
  const errors = [v4, v6].flatMap((a) => ('err' in a ? [a.err] : []));
  const order = ['NXDOMAIN', 'SERVFAIL', 'REFUSED', 'RESOLVER UNREACHABLE', 'TIMEOUT', 'NODATA'];
  const ranked = errors
    .map((e) => ({ e, rcode: rcodeOf(e) }))
    .sort((a, b) => order.indexOf(a.rcode) - order.indexOf(b.rcode));
  return { addresses, rcode: ranked[0]?.rcode ?? 'NODATA', raw: ranked[0]?.e };
}

const unanswered = (rec: Recorder, name: string, rcode: string, raw: unknown) => {
  const silent = rcode === 'TIMEOUT';
  return rec.finish(
    silent ? 'INCONCLUSIVE' : 'FAIL',
    `${name}: ${rcode}`,
    `${name} : ${rcode}`,
    raw === undefined ? rcode : rawError(raw),
  );
};

export const runDiscovery: ProbeRunner = (spec: ProbeSpec, ctx: RunContext) =>
  guarded(spec, ctx, async (rec) => {
    const name = spec.target.replace(/\.$/, '');
    const resolver = resolverFor(spec, ctx, rec);
    bounded(resolver, rec);
    if (!name.startsWith('_')) {
      const [cname, { addresses, rcode, raw }] = await rec.phase('resolve', () =>
        Promise.all([settle(resolver.resolveCname(name)), addressRecords(resolver, name, rec, name)]),
      );
      if ('ok' in cname) rec.note('CNAME', cname.ok.join(', '));
      if (rcode) return unanswered(rec, name, rcode, raw);
      const via = 'ok' in cname && cname.ok[0] ? ` via CNAME ${cname.ok[0]}` : '';
      return rec.finish(
        'PASS',
        `${name} resolves${via}: ${addresses.join(', ')}`,
        `${name} se résout${via.replace('via', 'par')} : ${addresses.join(', ')}`,
      );
    }

    const srv = await rec.phase('srv', () => settle(resolver.resolveSrv(name)));
    if ('err' in srv) return unanswered(rec, name, rcodeOf(srv.err), srv.err);
    const records = [...srv.ok].sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    if (records.length === 0) return unanswered(rec, name, 'NODATA', undefined);
    const expectPort = optNumber(spec, 'expectPort') ?? spec.port;
    const concerns: string[] = [];
    for (const r of records.slice(0, 8)) {
      rec.note('SRV', `${r.priority} ${r.weight} ${r.port} ${r.name}`);
      if (expectPort !== undefined && r.port !== expectPort)
        concerns.push(`${r.name} on port ${r.port}, expected ${expectPort}`);
      const { addresses, rcode } = await rec.phase(`resolve ${r.name}`, () =>
        addressRecords(resolver, r.name, rec, r.name),
      );
      if (addresses.length === 0) concerns.push(`target ${r.name} does not resolve (${rcode})`);
    }
    const targets = records.map((r) => `${r.name}:${r.port}`).join(', ');
    if (concerns.length > 0) {
      rec.note('concerns', concerns.join('; '));
      return rec.finish(
        'WARN',
        `${name} → ${targets}, but: ${concerns.join('; ')}`,
        `${name} → ${targets}, mais : ${concerns.join(' ; ')}`,
      );
    }
    return rec.finish('PASS', `${name} → ${targets}`, `${name} → ${targets}`);
  });
