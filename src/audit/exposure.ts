import type { Severity } from '../model/finding.js';
import type { Endpoint, Matrix, MatrixRow } from '../model/matrix.js';
import type { Zone } from '../model/site.js';
import { CidrSet } from '../net/index.js';

/**
 * How much of the address space an endpoint stands for. `all`: every address of a family (`any`, `0.0.0.0/0`,
 * `::/0`, or CIDRs that add up to it: a firewall rule cannot tell them apart). `wide`: at least an IPv4 /8
 * (16.7 million addresses) or an IPv6 /32 (an operator's whole allocation), far more than any set of hosts a
 * flow names. `narrow`: the rest, and names (their addresses are not known here).
 */
export type Breadth = 'all' | 'wide' | 'narrow';

const ALL_V4 = 2n ** 32n;
const ALL_V6 = 2n ** 128n;
const WIDE_V4 = 2n ** 24n;
const WIDE_V6 = 2n ** 96n;

/** The length after the slash of a CIDR as written (`10.0.0.0/8`: 8); NaN without one. */
function prefixLength(cidr: string): number {
  const slash = cidr.lastIndexOf('/');
  if (slash < 0) return Number.NaN;
  let n = 0;
  for (let i = slash + 1; i < cidr.length; i++) n = n * 10 + cidr.charCodeAt(i) - 48;
  return n;
}

export function breadthOf(e: Endpoint): Breadth {
  let cidrs = false;
  let sum4 = 0;
  let sum6 = 0;
  for (const a of e.addresses) {
    if (a.kind === 'any') return 'all';
    if (a.kind !== 'cidr') continue;
    cidrs = true;
    const size = 2 ** ((a.family === 4 ? 32 : 128) - prefixLength(a.value));
    if (a.family === 4) sum4 += size;
    else sum6 += size;
  }
  // The blocks cover at most their sum: under the wide mark (most endpoints), no set is built. A value without
  // a prefix length sums to NaN and takes the exact path.
  if (!cidrs || (sum4 < 2 ** 24 && sum6 < 2 ** 96)) return 'narrow';
  const set = CidrSet.fromAddresses(e.addresses);
  const v4 = set.size(4);
  const v6 = set.size(6);
  if (v4 === ALL_V4 || v6 === ALL_V6) return 'all';
  return v4 >= WIDE_V4 || v6 >= WIDE_V6 ? 'wide' : 'narrow';
}

type Kind = Zone['kind'] | undefined;

/**
 * The severity of a leg whose source, destination or both are broad, by the trust of the zones it joins:
 * - both ends broad: critical (the firewall filters nothing but the port);
 * - a broad source in an untrusted (external) zone reaching an internal zone: critical — anyone on the Internet
 *   reaches internal hosts; reaching a perimeter zone is how a service is published: medium;
 * - a broad source inside (internal, perimeter): high — a whole side of the firewall reaches the destination;
 * - a broad destination outside: medium (egress to anywhere carries exfiltration and command channels);
 *   inside: high (a whole internal network opened to the source).
 * A `wide` side is one step lower than `all`: large, but still a choice of addresses.
 */
export function exposureSeverity(
  breadth: Exclude<Breadth, 'narrow'>,
  side: 'source' | 'destination' | 'both',
  from: Kind,
  to: Kind,
): Severity {
  const all: Severity =
    side === 'both'
      ? 'critical'
      : side === 'source'
        ? from === 'external'
          ? to === 'internal'
            ? 'critical'
            : 'medium'
          : 'high'
        : to === 'external'
          ? 'medium'
          : 'high';
  return breadth === 'all' ? all : LOWER[all];
}

const LOWER: Record<Severity, Severity> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info',
};

const zoneKindOf = (m: Matrix, zone: string): Kind => m.zones[zone]?.kind;

/**
 * How exposed a row is, for ordering findings of one severity (higher first): where it comes from and goes to
 * (from an external zone into an internal one first, then into the perimeter, then out to external zones, then
 * across an internal firewall, then inside one zone), then how broad its widest end is.
 */
export function exposureRank(m: Matrix, row: MatrixRow): number {
  const from = zoneKindOf(m, row.zoneFrom);
  const to = zoneKindOf(m, row.zoneTo);
  const crosses = row.legs.some((l) => l.hops.length > 0);
  const zones =
    from === 'external' && to === 'internal' ? 4 : from === 'external' ? 3 : to === 'external' ? 2 : crosses ? 1 : 0;
  const widest = [breadthOf(row.source), breadthOf(row.destination)];
  const breadth = widest.includes('all') ? 2 : widest.includes('wide') ? 1 : 0;
  return zones * 3 + breadth;
}
