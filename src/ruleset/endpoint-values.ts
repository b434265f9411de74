import type { Endpoint } from '../model/matrix.js';
import { minimalPrefixes, type Prefix } from '../net/prefixes.js';

/** One member of a side as vendor objects list it: a prefix, or a DNS name a device resolves. */
export type Member =
  | { readonly kind: 'prefix'; readonly prefix: Prefix }
  | { readonly kind: 'fqdn' | 'wildcard'; readonly value: string };

/**
 * A side's addresses parsed once: what every target reads of an endpoint (prefixes per family, names, whether it is
 * every address) instead of parsing its address texts again for each rule that names it. Plain data.
 */
export interface EndpointValues {
  /** The content key: equal keys, equal endpoints (role, title, bindings, origin, addresses). */
  readonly key: string;
  /** `any` among the addresses: the side is every address. */
  readonly any: boolean;
  /** Minimal sorted prefixes (covered ones left out), per family. */
  readonly v4: readonly Prefix[];
  readonly v6: readonly Prefix[];
  /** `any`, or the prefixes (IPv4 then IPv6) then the DNS names and wildcards sorted: vendor object members. */
  readonly members: 'any' | readonly Member[];
  /** Has a DNS name, wildcard, URL or selector (a packet of either family may match it). */
  readonly named: boolean;
  /** CIDR texts that do not parse (the capability check refuses them). */
  readonly invalid: readonly string[];
}

/** An endpoint with its parsed values, as the capability check hands it on and targets print it. */
export interface ParsedEndpoint extends Endpoint {
  readonly values: EndpointValues;
}

/** The content of an endpoint as one string: what tells two endpoints apart for every target. */
export function endpointKey(ep: Endpoint): string {
  let key = `${ep.role}\u0000${ep.title.fr}\u0000${ep.title.en}\u0000${ep.fixed ? 1 : 0}\u0000${ep.bindings.join('\u0001')}\u0000`;
  for (const a of ep.addresses) {
    key +=
      a.kind === 'k8s'
        ? `k8s:${JSON.stringify(a.selector)}\u0001`
        : a.kind === 'any'
          ? 'any\u0001'
          : `${a.kind}:${a.value}\u0001`;
  }
  return key;
}

/** Parses an endpoint's addresses (see `EndpointValues`). */
export function endpointValues(ep: Endpoint, key = endpointKey(ep)): EndpointValues {
  let any = false;
  let named = false;
  const cidrs: string[] = [];
  const names = new Map<string, Member>();
  for (const a of ep.addresses) {
    if (a.kind === 'any') any = true;
    else if (a.kind === 'cidr') cidrs.push(a.value);
    else {
      named = true;
      if (a.kind === 'fqdn' || a.kind === 'wildcard')
        names.set(`${a.kind}:${a.value}`, { kind: a.kind, value: a.value });
    }
  }
  const { prefixes, invalid } = minimalPrefixes(cidrs);
  const v4 = prefixes.filter((p) => p.family === 4);
  const v6 = prefixes.filter((p) => p.family === 6);
  const sortedNames = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  const members: 'any' | Member[] = any
    ? 'any'
    : [...prefixes.map((prefix): Member => ({ kind: 'prefix', prefix })), ...sortedNames];
  return { key, any, v4, v6, members, named, invalid };
}

/**
 * The endpoints of one generation, each distinct content parsed once: rules of a role share one parsed endpoint,
 * found by content (a matrix read back from JSON or a database shares nothing by identity). Candidates are looked up
 * by role and compared field by field, so a lookup builds no key.
 */
export class EndpointTable {
  private readonly byRole = new Map<string, ParsedEndpoint[]>();

  parsed(ep: Endpoint): ParsedEndpoint {
    let list = this.byRole.get(ep.role);
    if (list) {
      for (const c of list) if (sameEndpoint(c, ep)) return c;
    } else {
      list = [];
      this.byRole.set(ep.role, list);
    }
    const found: ParsedEndpoint = {
      role: ep.role,
      title: ep.title,
      addresses: ep.addresses,
      bindings: ep.bindings,
      fixed: ep.fixed,
      values: endpointValues(ep),
    };
    list.push(found);
    return found;
  }
}

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i] as T, b[i] as T)) return false;
  return true;
};

const sameAddress = (a: Endpoint['addresses'][number], b: Endpoint['addresses'][number]): boolean => {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'any') return true;
  if (a.kind === 'k8s' || b.kind === 'k8s') return JSON.stringify(a) === JSON.stringify(b);
  return a.value === (b as { value: string }).value;
};

/** Same role, title, origin, bindings and addresses (in order): what every target reads of an endpoint. */
function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return (
    a.role === b.role &&
    a.fixed === b.fixed &&
    (a.title === b.title || (a.title.fr === b.title.fr && a.title.en === b.title.en)) &&
    sameList(a.bindings, b.bindings, (x, y) => x === y) &&
    sameList(a.addresses, b.addresses, sameAddress)
  );
}

/** One endpoint with its values (a table shares them across rules; this is for one alone). */
export const parseEndpoint = (ep: Endpoint): ParsedEndpoint => ({ ...ep, values: endpointValues(ep) });
