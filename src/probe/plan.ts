import { expandTemplate } from '../matrix/template.js';
import { type Check, whenHolds } from '../model/catalog.js';
import type { Address, CatalogState, Matrix, MatrixRow } from '../model/matrix.js';
import { completed, type Text, text } from '../model/text.js';
import { CidrSet } from '../net/index.js';
import { udpPayloadFor } from './payloads.js';
import { appProbeFor, appSpec } from './plan-apps.js';
import type { ProbeKind, ProbeSpec } from './types.js';

/**
 * What to probe from one source host, as data: every selected matrix row gets a reachability probe of its kind (a
 * dns probe first for a name, tcp on the first port of each range, udp with the application's own request where one
 * is known, a CONNECT through the site proxy for rows that go through it), then the application probe its port
 * calls for (plan-apps.ts: smtp, ldap, sip, stun, tls), and every check of the rows' catalogs maps to a probe. Pure: the caller says which rows are "ours" (`--from`, `--as`, or this machine's addresses).
 */
export type ProbeSource =
  | { readonly kind: 'role'; readonly role: string }
  /** A site host or group: its name as bound, and the addresses it holds. */
  | { readonly kind: 'host'; readonly name: string; readonly addresses: readonly string[] }
  /** This machine: the addresses of its interfaces. */
  | { readonly kind: 'addresses'; readonly addresses: readonly string[] };

export interface PlanOptions {
  readonly source: ProbeSource;
  /** Flow ids (`flow` or `catalog.flow`) to keep; empty keeps every row. */
  readonly only?: readonly string[];
  /** The site's private CA (a PEM path on the host that runs the probes): trusted by every TLS-speaking probe. */
  readonly caFile?: string;
}

export interface ProbePlan {
  readonly rows: readonly MatrixRow[];
  readonly specs: readonly ProbeSpec[];
}

/** The rows the source opens (its role, or its addresses inside the row's source), narrowed by `--only`. */
export function selectRows(matrix: Matrix, options: PlanOptions): MatrixRow[] {
  const { source } = options;
  const only = options.only ?? [];
  const mine = (row: MatrixRow): boolean => {
    if (source.kind === 'role') return row.source.role === source.role;
    if (source.kind === 'host' && row.source.bindings.includes(source.name)) return true;
    const set = CidrSet.fromAddresses(row.source.addresses.filter((a) => a.kind !== 'any'));
    return source.addresses.some((a) => set.contains(a));
  };
  const wanted = (row: MatrixRow): boolean =>
    only.length === 0 || only.includes(row.flow) || only.includes(`${row.catalog}.${row.flow}`);
  return matrix.rows.filter((r) => mine(r) && wanted(r));
}

export function planProbes(matrix: Matrix, options: PlanOptions): ProbePlan {
  const rows = selectRows(matrix, options);
  const specs = new Map<string, ProbeSpec>();
  const add = (s: ProbeSpec): string => {
    if (!specs.has(s.id)) specs.set(s.id, s);
    return s.id;
  };
  for (const row of rows) for (const s of rowProbes(matrix, row, options.source)) add(s);
  for (const catalog of matrix.catalogs) {
    const ours = rows.filter((r) => r.catalog === catalog.id);
    if (ours.length === 0) continue;
    for (const check of catalog.checks) {
      if (!checkApplies(catalog, check, ours)) continue;
      for (const s of checkProbes(matrix, catalog, check, ours)) add(s);
    }
  }
  const all = [...specs.values()];
  return { rows, specs: options.caFile ? all.map((s) => withCa(s, options.caFile as string)) : all };
}

/** A private CA for the probes that speak TLS and name none of their own (see PROBE_STATUSES: no softer verdict). */
function withCa(spec: ProbeSpec, caFile: string): ProbeSpec {
  const tls =
    ['tls', 'smtp', 'ldap'].includes(spec.kind) ||
    (spec.kind === 'sip' && spec.options?.transport === 'tls') ||
    (spec.kind === 'proxy' && spec.options?.tls === true) ||
    (spec.kind === 'http' && /^https:/i.test(spec.target));
  if (!tls || spec.options?.caFile !== undefined) return spec;
  return { ...spec, options: { ...spec.options, caFile } };
}

/** A host address of a CIDR (`/32`, `/128`) without its length; undefined for a network. */
export function hostOf(a: Address): string | undefined {
  if (a.kind !== 'cidr') return undefined;
  const [ip, len] = a.value.split('/');
  const full = a.family === 4 ? '32' : '128';
  return len === undefined || len === full ? ip : undefined;
}

const rowOrigin = (row: MatrixRow) => ({ row: row.key, flow: `${row.catalog}.${row.flow}`, ref: row.ref });
const rowLabel = (row: MatrixRow): string => `${row.catalog}.${row.flow} ${row.source.role} → ${row.destination.role}`;

function manual(id: string, origin: ProbeSpec['origin'], title: Text, reason: Text): ProbeSpec {
  return { id, kind: 'manual', target: '', origin, title, options: { reasonFr: reason.fr, reasonEn: reason.en } };
}

function dnsProbe(name: string, origin: ProbeSpec['origin']): ProbeSpec {
  return {
    id: `dns:${name}`,
    kind: 'dns',
    target: name,
    origin,
    title: text(`Résolution de ${name}`, `Resolve ${name}`),
    options: { type: 'A+AAAA' },
  };
}

/** The reachability probes of one row: per destination and per port (first port of each range). */
export function rowProbes(matrix: Matrix, row: MatrixRow, source?: ProbeSource): ProbeSpec[] {
  const origin = rowOrigin(row);
  const label = rowLabel(row);
  const out: ProbeSpec[] = [];
  const ported = row.services.flatMap((s) =>
    s.protocol === 'tcp' || s.protocol === 'udp' ? [{ ...s, protocol: s.protocol }] : [],
  );
  const unported = row.services.filter((s) => s.protocol !== 'tcp' && s.protocol !== 'udp');
  if (row.services.length === 0)
    return [
      manual(
        `${row.key}:manual`,
        origin,
        text(`${label} : aucun port`, `${label}: no port`),
        text('la source ne donne ni protocole ni port', 'the source gives no protocol or port'),
      ),
    ];
  for (const s of unported)
    out.push(
      manual(
        `${row.key}:manual:${s.protocol}`,
        origin,
        text(`${label} ${s.protocol}`, `${label} ${s.protocol}`),
        text(`pas de sonde pour le protocole ${s.protocol}`, `no probe for protocol ${s.protocol}`),
      ),
    );
  const proxy = row.proxy && matrix.proxy ? proxyUrl(matrix) : undefined;
  if (row.proxy && proxy) {
    const reach: ProbeSpec = {
      id: `tcp:${proxy.host}:${proxy.port}`,
      kind: 'tcp',
      target: proxy.host,
      port: proxy.port,
      origin,
      title: text(`Proxy ${row.proxy.name} joignable`, `Proxy ${row.proxy.name} reachable`),
    };
    out.push(reach);
    for (const s of ported)
      for (const dest of row.destination.addresses)
        for (const r of s.ports) {
          const target = destinationName(dest);
          const title = text(
            `${label} via le proxy : ${target}:${r.from}`,
            `${label} through the proxy: ${target}:${r.from}`,
          );
          if (target === undefined || s.protocol !== 'tcp') {
            out.push(untestableDestination(row, dest, `${s.protocol}/${r.from}`));
            continue;
          }
          // Plain HTTP goes through the proxy as a GET (a proxy may refuse CONNECT to port 80); the rest as CONNECT,
          // with TLS checked inside the tunnel on 443.
          out.push(
            r.from === 80
              ? {
                  id: `${row.key}:http:${target}:80`,
                  kind: 'http',
                  target: httpUrl(target, 80),
                  origin,
                  title,
                  dependsOn: [reach.id],
                  options: { proxy: proxy.url },
                }
              : {
                  id: `${row.key}:proxy:${target}:${r.from}`,
                  kind: 'proxy',
                  target,
                  port: r.from,
                  origin,
                  title,
                  dependsOn: [reach.id],
                  options: { proxy: proxy.url, tls: r.from === 443 },
                },
          );
        }
    return out;
  }
  // A literal destination of a family the source has no address of is not part of the flow (no rule opens it).
  const families = sourceFamilies(row, source);
  for (const s of ported)
    for (const dest of row.destination.addresses)
      for (const r of s.ports) {
        if (dest.kind === 'cidr' && !families.has(dest.family)) continue;
        const target = dest.kind === 'fqdn' ? dest.value : hostOf(dest);
        if (target === undefined) {
          out.push(untestableDestination(row, dest, `${s.protocol}/${r.from}`));
          continue;
        }
        const dependsOn = dest.kind === 'fqdn' ? [add(out, dnsProbe(target, origin))] : undefined;
        const app = appProbeFor(row, s.protocol, r.from);
        const at = { target, port: r.from, label };
        // Over UDP the application's own request is the reachability probe (STUN, SIP OPTIONS).
        if (app && s.protocol === 'udp') {
          out.push(appSpec(row, app, at, origin, dependsOn));
          continue;
        }
        const payload = s.protocol === 'udp' ? udpPayloadFor(r.from) : undefined;
        const reachId = `${row.key}:${s.protocol}:${target}:${r.from}`;
        out.push({
          id: reachId,
          kind: s.protocol,
          target,
          port: r.from,
          origin,
          title: text(
            `${label} : ${s.protocol}/${r.from} vers ${target}`,
            `${label}: ${s.protocol}/${r.from} to ${target}`,
          ),
          ...(dependsOn ? { dependsOn } : {}),
          ...(payload ? { options: { payload: payload.hex, payloadName: payload.name } } : {}),
        });
        if (app) out.push(appSpec(row, app, at, origin, [reachId]));
      }
  return out;
}

/** The address families the row's source holds; both when it is `any` or known by name only. */
function sourceFamilies(row: MatrixRow, source?: ProbeSource): ReadonlySet<4 | 6> {
  const cidrs = row.source.addresses.flatMap((a) => (a.kind === 'cidr' ? [a.family] : []));
  const open = cidrs.length === 0 || row.source.addresses.some((a) => a.kind !== 'cidr');
  const ofRow = new Set<4 | 6>(open ? [4, 6] : cidrs);
  // A host probing for itself has only its own families (a reception desk without IPv6 cannot open an IPv6 flow).
  if (source === undefined || source.kind === 'role' || source.addresses.length === 0) return ofRow;
  const own = new Set<4 | 6>(source.addresses.map((a) => (a.includes(':') ? 6 : 4)));
  return new Set([...ofRow].filter((f) => own.has(f)));
}

const add = (list: ProbeSpec[], s: ProbeSpec): string => {
  if (!list.some((x) => x.id === s.id)) list.push(s);
  return s.id;
};

/** What a proxy CONNECT can ask for: a name or a host address. */
function destinationName(a: Address): string | undefined {
  if (a.kind === 'fqdn') return a.value;
  return hostOf(a);
}

function untestableDestination(row: MatrixRow, dest: Address, port: string): ProbeSpec {
  const what = dest.kind === 'cidr' ? dest.value : dest.kind === 'k8s' ? 'k8s' : 'value' in dest ? dest.value : 'any';
  const reason: Text =
    dest.kind === 'wildcard'
      ? text('un nom générique ne se résout pas : nommer un hôte', 'a wildcard name does not resolve: name a host')
      : dest.kind === 'cidr'
        ? text('la destination est un réseau : nommer un hôte', 'the destination is a network: name a host')
        : text(`destination ${dest.kind} non sondable`, `a ${dest.kind} destination cannot be probed`);
  const label = rowLabel(row);
  return manual(
    `${row.key}:manual:${what}:${port}`,
    rowOrigin(row),
    text(`${label} : ${port} vers ${what}`, `${label}: ${port} to ${what}`),
    reason,
  );
}

/** The site proxy as a URL (first host address, else its name) for the probes that CONNECT through it. */
function proxyUrl(matrix: Matrix): { host: string; port: number; url: string } | undefined {
  const p = matrix.proxy;
  if (!p) return undefined;
  const host = p.address.map(hostOf).find((h) => h !== undefined) ?? p.host;
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return { host, port: p.port, url: `http://${bracketed}:${p.port}` };
}

function checkApplies(catalog: CatalogState, check: Check, rows: readonly MatrixRow[]): boolean {
  if (!whenHolds(check, (f) => catalog.features[f] === true)) return false;
  return check.flows.length === 0 || rows.some((r) => check.flows.includes(r.flow));
}

const KIND_OF_CHECK: Record<Check['probe']['type'], ProbeKind> = {
  dns: 'dns',
  ntp: 'ntp',
  tcp: 'tcp',
  udp: 'udp',
  tls: 'tls',
  http: 'http',
  smtp: 'smtp',
  ldap: 'ldap',
  manual: 'manual',
};

/** One catalog check as probes: one per target (the check's own, else each destination of its flows' rows). */
export function checkProbes(
  matrix: Matrix,
  catalog: CatalogState,
  check: Check,
  rows: readonly MatrixRow[],
): ProbeSpec[] {
  const origin = { check: `${catalog.id}.${check.id}`, ref: check.ref };
  const id = `check:${catalog.id}.${check.id}`;
  const kind = KIND_OF_CHECK[check.probe.type];
  const flowRows = rows.filter((r) => check.flows.includes(r.flow));
  if (kind === 'manual')
    return [
      manual(id, origin, completed(check.title), text('à vérifier par une personne', 'to be checked by a person')),
    ];
  const targets = checkTargets(catalog, check, flowRows);
  if (!targets.ok)
    return [
      manual(
        id,
        origin,
        completed(check.title),
        text(
          `paramètre sans valeur : ${targets.missing.join(', ')}`,
          `parameter without a value: ${targets.missing.join(', ')}`,
        ),
      ),
    ];
  if (targets.values.length === 0) {
    const wildcard = flowRows.some((r) => r.destination.addresses.some((a) => a.kind === 'wildcard'));
    return [
      manual(
        id,
        origin,
        completed(check.title),
        wildcard
          ? text(
              'la destination est un nom générique : nommer un hôte',
              'the destination is a wildcard name: name a host',
            )
          : text('aucune destination à sonder', 'no destination to probe'),
      ),
    ];
  }
  const proxied = flowRows.some((r) => r.proxy !== undefined);
  const proxy = proxied ? proxyUrl(matrix) : undefined;
  // The resolver a dns check asks is the one the flow opens (the site's DNS servers), when the row names one.
  const resolvers = kind === 'dns' ? flowRows.flatMap((r) => r.destination.addresses.map(hostOf)).filter(isString) : [];
  return targets.values.map(({ target, port }) => {
    const url = kind === 'http' && !/^[a-z]+:\/\//i.test(target) ? httpUrl(target, port) : undefined;
    const options: Record<string, string | number | boolean> = {};
    if (proxy) options.proxy = proxy.url;
    if (resolvers[0]) options.resolver = resolvers[0];
    if (kind === 'dns') options.type = 'A+AAAA';
    const spec: ProbeSpec = {
      id: targets.values.length === 1 ? id : `${id}:${target}${port ? `:${port}` : ''}`,
      kind,
      target: url ?? target,
      ...(port !== undefined && kind !== 'http' ? { port } : {}),
      origin,
      title: completed(check.title),
      ...(Object.keys(options).length > 0 ? { options } : {}),
    };
    return spec;
  });
}

const isString = (x: string | undefined): x is string => x !== undefined;

const httpUrl = (host: string, port: number | undefined): string => {
  const scheme = port === 443 ? 'https' : 'http';
  const h = host.includes(':') ? `[${host}]` : host;
  const p = port === undefined || port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`;
  return `${scheme}://${h}${p}/`;
};

const DEFAULT_PORT: Partial<Record<ProbeKind, number>> = { ntp: 123, tls: 443, smtp: 25, ldap: 389 };

/** The check's targets: its own (templated) target, else each destination of its flows' rows with their ports. */
function checkTargets(
  catalog: CatalogState,
  check: Check,
  rows: readonly MatrixRow[],
): { ok: true; values: { target: string; port?: number }[] } | { ok: false; missing: string[] } {
  const kind = KIND_OF_CHECK[check.probe.type];
  const rowPorts = rows.flatMap((r) => r.services.flatMap((s) => s.ports.map((p) => p.from)));
  const port = check.probe.port ?? (kind === 'dns' ? undefined : (rowPorts[0] ?? DEFAULT_PORT[kind]));
  if (check.probe.target !== undefined) {
    const filled = expandTemplate(check.probe.target, catalog.parameters);
    if (!filled.ok) return filled;
    return { ok: true, values: filled.values.map((target) => ({ target, ...(port ? { port } : {}) })) };
  }
  const seen = new Set<string>();
  const values: { target: string; port?: number }[] = [];
  for (const r of rows)
    for (const a of r.destination.addresses) {
      const target = a.kind === 'url' ? a.value : destinationName(a);
      if (target === undefined || seen.has(target)) continue;
      seen.add(target);
      values.push({ target, ...(port ? { port } : {}) });
    }
  return { ok: true, values };
}
