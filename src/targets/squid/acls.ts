import type { Address, Endpoint, PortRange, ServiceMatch } from '../../model/matrix.js';
import { mergePortRanges } from '../../net/ports.js';
import { hostOrPrefix, minimalPrefixes } from '../../net/prefixes.js';
import { append } from '../../util/append.js';
import { isHostPattern } from '../kit/escape.js';
import { createNamer } from '../kit/names.js';
import { ObjectPool } from '../kit/objects.js';
import { portText } from '../kit/plan.js';
import { SQUID_NAME_RULES } from './capabilities.js';

export type AclType = 'src' | 'dst' | 'dstdomain' | 'url_regex' | 'port';

/** One `acl` line: name, type, values (each a single token: no space, quote or `#` can reach the file). */
export interface Acl {
  readonly name: string;
  readonly type: AclType;
  readonly values: readonly string[];
}

/** ACLs named once per distinct content, in creation order. */
export class AclPool {
  private readonly pool = new ObjectPool<Omit<Acl, 'name'>>(createNamer(SQUID_NAME_RULES));

  constructor(readonly prefix = 'fm') {}

  ref(type: AclType, parts: readonly string[], values: readonly string[]): string {
    return this.pool.name([this.prefix, ...parts], `${type}|${values.join(' ')}`, { type, values });
  }

  get acls(): Acl[] {
    return this.pool.entries().map(({ name, value }) => ({ name, ...value }));
  }
}

/** A Squid port list: `443`, `50000-59999`. */
export const portValues = (ranges: readonly PortRange[]): string[] => mergePortRanges(ranges).map((p) => portText(p));

/** The TCP ports of a rule's services. */
export const tcpPorts = (services: readonly ServiceMatch[]): PortRange[] =>
  services.filter((s) => s.protocol === 'tcp').flatMap((s) => s.ports);

/** Ports a client reaches with CONNECT (TLS): 443 and 8443, or a service that says it is TLS. */
export const tlsPorts = (services: readonly ServiceMatch[]): PortRange[] =>
  services
    .filter((s) => s.protocol === 'tcp')
    .flatMap((s) =>
      /https|tls|ssl/i.test(`${s.name} ${s.app ?? ''}`)
        ? s.ports
        : s.ports.filter((p) => p.from === p.to && (p.from === 443 || p.from === 8443)),
    );

/** The destination side as Squid sees it: exact names, wildcard domains (with their apexes), prefixes, URLs. */
export interface DestinationParts {
  readonly names: string[];
  readonly wildcards: string[];
  readonly apexes: string[];
  readonly prefixes: string[];
  readonly urls: string[];
  readonly unreadable: string[];
}

const URL_TEXT = /^([a-z][a-z0-9+.-]*:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?\/[A-Za-z0-9._~/%*?=&+,:@-]*$/;

/** `aka.ms/x*` → `^https?://aka\.ms/x.*` (the path's `*` is the only wildcard; everything else literal). */
export function urlRegex(url: string): string {
  const bare = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const literal = bare
    .split('*')
    .map((part) => part.replace(/[.?+^$|()[\]{}\\]/g, '\\$&'))
    .join('.*');
  return `^https?://${literal}`;
}

export function destinationParts(addresses: readonly Address[]): DestinationParts {
  const out: DestinationParts = { names: [], wildcards: [], apexes: [], prefixes: [], urls: [], unreadable: [] };
  const cidrs: string[] = [];
  for (const a of addresses) {
    if (a.kind === 'cidr') cidrs.push(a.value);
    else if ((a.kind === 'fqdn' || a.kind === 'wildcard') && isHostPattern(a.value)) {
      const v = a.value.toLowerCase();
      if (v.startsWith('*.')) out.wildcards.push(v.slice(1));
      else out.names.push(v);
    } else if (a.kind === 'url' && URL_TEXT.test(a.value)) out.urls.push(urlRegex(a.value));
    else if (a.kind !== 'any') out.unreadable.push('value' in a ? a.value : a.kind);
  }
  const { prefixes, invalid } = minimalPrefixes(cidrs);
  append(out.prefixes, prefixes.map(hostOrPrefix));
  append(out.unreadable, invalid);
  // Squid refuses `.a.example` and `.b.a.example` in one acl: keep the widest; it matches the apex too, so exclude it.
  const wild = [...new Set(out.wildcards)].sort((x, y) => x.length - y.length);
  const kept = wild.filter((w, i) => !wild.slice(0, i).some((wider) => w.endsWith(wider)));
  out.wildcards.splice(0, out.wildcards.length, ...kept.sort());
  out.apexes.push(...kept.map((w) => w.slice(1)).filter((apex) => !kept.some((w) => apex.endsWith(w))));
  out.names.splice(0, out.names.length, ...[...new Set(out.names)].sort());
  out.urls.splice(0, out.urls.length, ...[...new Set(out.urls)].sort());
  return out;
}

/**
 * Source prefixes (Squid matches the client's address; names would need reverse DNS). Proxy sources are not
 * capability-checked (see `generateForProxy`), so unparsable addresses are returned apart for a finding.
 */
export function sourceValues(ep: Endpoint): { values: string[] | 'any'; names: string[]; unreadable: string[] } {
  if (ep.addresses.some((a) => a.kind === 'any')) return { values: 'any', names: [], unreadable: [] };
  const { prefixes, invalid } = minimalPrefixes(ep.addresses.flatMap((a) => (a.kind === 'cidr' ? [a.value] : [])));
  const names = ep.addresses.flatMap((a) => (a.kind === 'cidr' ? [] : ['value' in a ? a.value : a.kind]));
  return { values: prefixes.map(hostOrPrefix), names, unreadable: invalid };
}
