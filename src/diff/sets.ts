import type { Address, Endpoint, ServiceMatch } from '../model/matrix.js';
import { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { formatPortRanges } from '../net/ports.js';
import { address as addressText } from '../render/format.js';

/**
 * What a side of a row reaches, as sets: CIDRs (with `any` as every address) on the set algebra of src/net, and
 * the names a device resolves (FQDN, wildcard, URL, Kubernetes selector) as plain strings. Widened means the new
 * side has something the old one does not; the two directions are independent (both can hold).
 */
export interface SetDelta {
  readonly added: string;
  readonly removed: string;
}

const NO_DELTA: SetDelta = { added: '', removed: '' };

/** Addresses as one comparable text: sorted, each once. Equal texts mean equal sides (the fast path). */
export function addressesText(e: Endpoint): string {
  return [...new Set(e.addresses.map(addressText))].sort().join(', ');
}

const names = (addresses: readonly Address[]): Set<string> =>
  new Set(addresses.filter((a) => a.kind !== 'cidr' && a.kind !== 'any').map(addressText));

/** What NEW's addresses add to OLD's and what they drop, by address (a /24 split into two /25 is no change). */
export function addressDelta(before: readonly Address[], after: readonly Address[]): SetDelta {
  const a = CidrSet.fromAddresses(before);
  const b = CidrSet.fromAddresses(after);
  const na = names(before);
  const nb = names(after);
  const added = [...b.subtract(a).toCidrs(), ...[...nb].filter((n) => !na.has(n)).sort()];
  const removed = [...a.subtract(b).toCidrs(), ...[...na].filter((n) => !nb.has(n)).sort()];
  return { added: added.join(', '), removed: removed.join(', ') };
}

/** Services as one comparable text, in a fixed order. */
export function servicesText(services: readonly ServiceMatch[]): string {
  return [...new Set(services.map(serviceText))].sort().join(', ');
}

const serviceText = (s: ServiceMatch): string =>
  s.ports.length > 0
    ? `${s.protocol}/${formatPortRanges(s.ports)}`
    : s.icmpType === undefined
      ? s.protocol
      : `${s.protocol}/${s.icmpType}`;

/** Per ported protocol the ports; per other protocol the types (`*` for all of them). */
function serviceSets(services: readonly ServiceMatch[]): { ports: Map<string, PortSet>; other: Set<string> } {
  const ports = new Map<string, PortSet>();
  const other = new Set<string>();
  for (const s of services) {
    if (s.ports.length > 0)
      ports.set(s.protocol, (ports.get(s.protocol) ?? PortSet.empty()).union(PortSet.fromRanges(s.ports)));
    else other.add(s.icmpType === undefined ? `${s.protocol}/*` : `${s.protocol}/${s.icmpType}`);
  }
  return { ports, other };
}

/** An ICMP type is covered by the whole protocol (`icmp/*`). */
const covered = (item: string, set: ReadonlySet<string>): boolean =>
  set.has(item) || set.has(`${item.slice(0, item.indexOf('/'))}/*`);

function oneWay(from: ReturnType<typeof serviceSets>, to: ReturnType<typeof serviceSets>): string[] {
  const out: string[] = [];
  for (const [protocol, ports] of to.ports) {
    const extra = ports.subtract(from.ports.get(protocol) ?? PortSet.empty());
    if (!extra.isEmpty()) out.push(`${protocol}/${formatPortRanges(extra.toRanges())}`);
  }
  for (const item of to.other) if (!covered(item, from.other)) out.push(item.endsWith('/*') ? item.slice(0, -2) : item);
  return out.sort();
}

/** What NEW's services add to OLD's and what they drop, port by port. */
export function serviceDelta(before: readonly ServiceMatch[], after: readonly ServiceMatch[]): SetDelta {
  if (servicesText(before) === servicesText(after)) return NO_DELTA;
  const a = serviceSets(before);
  const b = serviceSets(after);
  return { added: oneWay(a, b).join(', '), removed: oneWay(b, a).join(', ') };
}
