import type { ProbeKind, ProbeLimits, ProbeSpec } from '../types.js';
import { DEFAULT_LIMITS } from '../types.js';

/**
 * What the bash and PowerShell emitters share: the results format, the order specs run in (dependencies first), the
 * kinds each shell can check, and the spec fields both need, resolved once so that the scripts stay dumb.
 */

export const RESULTS_FORMAT = 'flowmatrix-probe-results/1';

export interface EmitOptions {
  readonly limits?: ProbeLimits;
  /** The site's proxy for `proxy` probes and `http` probes that say `viaProxy`; credentials are never written. */
  readonly proxy?: string;
  /** `host:port` of the DNS server to ask when a spec names none. */
  readonly resolver?: string;
  /** Who the script is for (`host hamilton-web`), written in its header and in its output. */
  readonly source?: string;
  /** The site id, written in the script's output so that `--import` renders it as a run here. */
  readonly site?: string;
}

/** The proxy URL without user information: the script reads credentials from FLOWMATRIX_PROXY_USER at run time. */
export function proxyWithoutCredentials(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/** `host:port`, `[v6]:port` or a bare host → host and port (53 by default). */
export function splitServer(server: string | undefined): { host: string; port: number } | undefined {
  if (!server) return undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (v6) return { host: v6[1] as string, port: Number(v6[2] ?? 53) };
  if ((server.match(/:/g) ?? []).length > 1) return { host: server, port: 53 };
  const [host, port] = server.split(':');
  return { host: host as string, port: Number(port ?? 53) };
}

/**
 * Specs in an order where every dependency comes first (stable otherwise). A spec caught in a cycle, or depending on
 * an id that is not in the list, keeps its place: the script then finds its dependency not run and SKIPs it.
 */
export function dependencyOrder(specs: readonly ProbeSpec[]): ProbeSpec[] {
  const ids = new Set(specs.map((s) => s.id));
  const placed = new Set<string>();
  const out: ProbeSpec[] = [];
  let pending = [...specs];
  for (let round = 0; pending.length > 0 && round <= specs.length; round++) {
    const next: ProbeSpec[] = [];
    for (const spec of pending) {
      const ready = (spec.dependsOn ?? []).every((d) => placed.has(d) || !ids.has(d));
      if (ready) {
        out.push(spec);
        placed.add(spec.id);
      } else next.push(spec);
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  return [...out, ...pending];
}

export const timeoutSeconds = (limits: ProbeLimits = DEFAULT_LIMITS): number =>
  Math.max(1, Math.ceil(limits.timeoutMs / 1000));

export const str = (spec: ProbeSpec, key: string): string => {
  const v = spec.options?.[key];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
};

export const list = (spec: ProbeSpec, key: string): string => {
  const v = spec.options?.[key];
  return Array.isArray(v) ? v.join(',') : str(spec, key);
};

/** Why a kind cannot be checked from a script, in both languages (the result is UNTESTABLE with this text). */
export function untestableReason(kind: ProbeKind, shell: 'bash' | 'powershell'): { fr: string; en: string } {
  const tool = shell === 'bash' ? 'bash' : 'PowerShell';
  const what: Partial<Record<ProbeKind, { fr: string; en: string }>> = {
    ntp: { fr: 'un échange SNTP', en: 'an SNTP exchange' },
    udp: { fr: 'une réponse UDP', en: 'a UDP answer' },
    stun: { fr: 'une requête STUN', en: 'a STUN request' },
    sip: { fr: 'une requête SIP OPTIONS', en: 'a SIP OPTIONS request' },
    revocation: { fr: 'la vérification CRL/OCSP', en: 'the CRL/OCSP check' },
    ldap: { fr: 'la lecture LDAP', en: 'the LDAP read' },
    manual: { fr: 'une vérification manuelle', en: 'a manual check' },
  };
  const w = what[kind] ?? { fr: `la sonde ${kind}`, en: `the ${kind} probe` };
  return {
    fr: `le script ${tool} ne sait pas faire ${w.fr} : lancer flowmatrix probe depuis un hôte avec Node`,
    en: `the ${tool} script cannot do ${w.en}: run flowmatrix probe from a host with Node`,
  };
}

/** The JSON head every result of a spec starts with (id, kind, target, port), written at emit time. */
export const resultHead = (spec: ProbeSpec): string =>
  JSON.stringify({
    id: spec.id,
    kind: spec.kind,
    target: spec.target,
    ...(spec.port !== undefined ? { port: spec.port } : {}),
  }).slice(0, -1);

/** An IPv4 or IPv6 literal (no SNI for those); pure, so that emitters also run in the browser. */
export const isAddress = (host: string): boolean =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/.test(host);
