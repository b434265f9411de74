import type { Resolver } from 'node:dns/promises';
import { Resolver as SystemResolver } from 'node:dns/promises';
import type { Text } from '../../model/text.js';
import { ev, resultOf, since } from '../result.js';
import type { Evidence, ProbeSpec } from '../types.js';
import { namedResolver } from './addresses.js';
import type { ProbeRunner } from './runner.js';

/**
 * A name asked of a named resolver (`options.resolver`, else the run's `--resolver`, else the system's servers),
 * for one record type or `A+AAAA`. The answer code is told apart: NXDOMAIN (no such name), NODATA (the name exists
 * without that record), SERVFAIL, REFUSED and connection refused (ICMP unreachable) are each a FAIL with their own
 * words; a resolver that stays silent is INCONCLUSIVE (UDP silence proves nothing: see PROBE_STATUSES); answers are
 * PASS.
 */
export const RECORD_TYPES = ['A', 'AAAA', 'A+AAAA', 'CNAME', 'SRV', 'MX', 'TXT', 'NS'] as const;
type RecordType = (typeof RECORD_TYPES)[number];

/** c-ares error codes as a network engineer names them. */
const RCODES: Readonly<Record<string, Text>> = {
  ENOTFOUND: { fr: 'NXDOMAIN (nom inconnu)', en: 'NXDOMAIN (no such name)' },
  ENODATA: {
    fr: 'NODATA (le nom existe, sans cet enregistrement)',
    en: 'NODATA (the name exists without this record)',
  },
  ESERVFAIL: { fr: 'SERVFAIL (le résolveur n’a pas pu répondre)', en: 'SERVFAIL (the resolver could not answer)' },
  EREFUSED: { fr: 'REFUSED (le résolveur refuse la requête)', en: 'REFUSED (the resolver refuses the query)' },
  ECONNREFUSED: {
    fr: 'connexion refusée (rien n’écoute : ICMP injoignable)',
    en: 'connection refused (nothing listens: ICMP unreachable)',
  },
  ETIMEOUT: { fr: 'pas de réponse dans le temps imparti', en: 'no answer in time' },
  EFORMERR: {
    fr: 'FORMERR (requête mal formée selon le serveur)',
    en: 'FORMERR (the server finds the query malformed)',
  },
  ENOTIMP: { fr: 'NOTIMP (type non géré par le serveur)', en: 'NOTIMP (the server does not implement it)' },
  EBADRESP: { fr: 'réponse mal formée', en: 'malformed answer' },
};

/** A resolver that never answered: silence over UDP, INCONCLUSIVE like every other (see PROBE_STATUSES). */
const SILENT = new Set(['ETIMEOUT', 'ECANCELLED']);

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? String(e);

async function query(r: Resolver, name: string, type: Exclude<RecordType, 'A+AAAA'>): Promise<string[]> {
  switch (type) {
    case 'A':
      return r.resolve4(name);
    case 'AAAA':
      return r.resolve6(name);
    case 'CNAME':
      return r.resolveCname(name);
    case 'NS':
      return r.resolveNs(name);
    case 'TXT':
      return (await r.resolveTxt(name)).map((parts) => parts.join(''));
    case 'MX':
      return (await r.resolveMx(name)).map((m) => `${m.priority} ${m.exchange}`);
    case 'SRV':
      return (await r.resolveSrv(name)).map((s) => `${s.priority} ${s.weight} ${s.port} ${s.name}`);
  }
}

export const dnsRunner: ProbeRunner = async (spec: ProbeSpec, ctx) => {
  const now = ctx.now ?? (() => new Date());
  const started = now();
  const type = String(spec.options?.type ?? 'A+AAAA') as RecordType;
  const server = (spec.options?.resolver as string | undefined) ?? ctx.resolver;
  const timeout = ctx.limits.timeoutMs;
  if (!RECORD_TYPES.includes(type))
    return resultOf(spec, started, {
      status: 'UNTESTABLE',
      summary: { fr: `type d’enregistrement inconnu : ${type}`, en: `unknown record type: ${type}` },
    });
  const resolver = server ? namedResolver(server, timeout) : new SystemResolver({ timeout, tries: 1 });
  const evidence: Evidence[] = [
    ev('resolver', server ?? `system (${resolver.getServers().join(', ') || 'none'})`),
    ev('query', `${spec.target} ${type}`),
  ];
  const types = type === 'A+AAAA' ? (['A', 'AAAA'] as const) : [type];
  const t0 = performance.now();
  const answers = await Promise.allSettled(types.map((t) => query(resolver, spec.target, t)));
  const ms = since(t0);
  const found: string[] = [];
  const codes: string[] = [];
  answers.forEach((a, i) => {
    const t = types[i] as string;
    if (a.status === 'fulfilled') {
      evidence.push(ev(t, a.value.join(', ') || '—'));
      found.push(...a.value);
    } else {
      const code = codeOf(a.reason);
      codes.push(code);
      evidence.push(ev(t, `${code} — ${RCODES[code]?.en ?? 'error'}`));
    }
  });
  evidence.push(ev('time', `${ms} ms`));
  if (found.length > 0)
    return resultOf(
      spec,
      started,
      {
        status: 'PASS',
        summary: {
          fr: `${spec.target} résolu : ${found.slice(0, 4).join(', ')}${found.length > 4 ? '…' : ''}`,
          en: `${spec.target} resolves to ${found.slice(0, 4).join(', ')}${found.length > 4 ? '…' : ''}`,
        },
        evidence,
        timings: { resolve: ms },
      },
      now,
    );
  // The most telling code: a name that does not exist says more than a family without records.
  const order = ['ENOTFOUND', 'ESERVFAIL', 'EREFUSED', 'ECONNREFUSED', 'ETIMEOUT', 'ENODATA'];
  const code = order.find((c) => codes.includes(c)) ?? codes[0] ?? 'ENODATA';
  const words = RCODES[code] ?? { fr: code, en: code };
  return resultOf(
    spec,
    started,
    {
      status: SILENT.has(code) ? 'INCONCLUSIVE' : 'FAIL',
      summary: { fr: `${spec.target} : ${words.fr}`, en: `${spec.target}: ${words.en}` },
      evidence,
      timings: { resolve: ms },
      error: code,
    },
    now,
  );
};
