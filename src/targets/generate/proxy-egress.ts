import type { Finding } from '../../model/finding.js';
import {
  type Address,
  type Endpoint,
  type Hop,
  isNamedAddress,
  type Leg,
  type Matrix,
  type MatrixRow,
  type ServiceMatch,
} from '../../model/matrix.js';
import { parseAddress } from '../../net/address.js';
import { PortSet } from '../../net/port-set.js';
import { endpointKey } from '../../ruleset/endpoint-values.js';
import { stageFindings } from './findings.js';
import type { FirewallRule } from './rules.js';

/** What the proxy's way out is opened to in place of the names of its destination, and the names it stands for. */
export interface OpenedByPort {
  readonly destination: Endpoint;
  readonly names: readonly string[];
  readonly zone: string;
}

const EVERY_ADDRESS: readonly Address[] = [{ kind: 'any' }];

/**
 * Site `proxy.egress: by-port`: the proxy filters by name, so a firewall on its way out (the second leg of a row
 * through it) lets it out to the destination's zone on the row's ports — every address for a zone without CIDRs or
 * the default zone (the Internet), the zone's CIDRs otherwise. The destination's own addresses stay beside them.
 * Undefined when the row's site does not declare it, or for a leg that is not the proxy's way out to a name.
 */
export function proxyEgressByPort(
  matrix: Pick<Matrix, 'zones'>,
): (row: Pick<MatrixRow, 'proxy'>, leg: Leg, legIndex: number) => OpenedByPort | undefined {
  const zoneAddresses = new Map<string, readonly Address[]>();
  const addressesOf = (zone: string): readonly Address[] => {
    let found = zoneAddresses.get(zone);
    if (!found) {
      const z = matrix.zones[zone];
      const cidrs = z && !z.default ? z.cidrs : [];
      const parsed = cidrs.flatMap((c) => {
        const r = parseAddress(c);
        return r.ok ? [r.value] : [];
      });
      found = parsed.length === 0 ? EVERY_ADDRESS : parsed;
      zoneAddresses.set(zone, found);
    }
    return found;
  };
  return (row, leg, legIndex) => {
    if (row.proxy?.egress !== 'by-port' || !leg.viaProxy || legIndex === 0) return undefined;
    const names = leg.destination.addresses.filter(isNamedAddress).map((a) => (a as { value: string }).value);
    if (names.length === 0) return undefined;
    const zone = addressesOf(leg.zoneTo);
    const addresses =
      zone === EVERY_ADDRESS || leg.destination.addresses.some((a) => a.kind === 'any')
        ? EVERY_ADDRESS
        : [...leg.destination.addresses.filter((a) => !isNamedAddress(a)), ...zone];
    // The zone's own endpoint: what the rule opens is the zone, whichever name of it the row wants.
    const destination: Endpoint = {
      role: `zone:${leg.zoneTo}`,
      title: { fr: `Zone ${leg.zoneTo}`, en: `Zone ${leg.zoneTo}` },
      addresses,
      bindings: [leg.zoneTo],
      fixed: false,
    };
    return { destination, names, zone: leg.zoneTo };
  };
}

/** The services one way out lets through: ports per protocol (and ICMP type), or the whole protocol. */
type Opened = Map<string, PortSet | 'whole'>;

/**
 * The proxy's ways out already opened on one firewall, so that a row whose way out an earlier row's rule already
 * lets through (same hop, source and zone, its services within theirs) adds no rule the firewall would never reach:
 * the rows of a proxy mostly go to names on tcp/443. Services compare by protocol, ICMP type and application.
 */
class OpenedWays {
  private readonly ways = new Map<string, { readonly by: { id: string; flow: string }; readonly opened: Opened }>();

  /** The earlier rule (id, flow) that lets this one through; undefined once this one is recorded as opened. */
  coveredBy(rule: {
    readonly id: string;
    readonly hop: Hop;
    readonly source: Endpoint;
    readonly zone: string;
    readonly services: readonly ServiceMatch[];
    readonly row: MatrixRow;
  }): { id: string; flow: string } | undefined {
    const { hop } = rule;
    const key = [
      hop.fromZone,
      hop.toZone,
      hop.fromInterface ?? '',
      hop.toInterface ?? '',
      rule.zone,
      endpointKey(rule.source),
    ].join('\u0000');
    const way = this.ways.get(key);
    if (way && rule.services.every((s) => covers(way.opened, s))) return way.by;
    const opened: Opened = way?.opened ?? new Map();
    if (!way) this.ways.set(key, { by: { id: rule.id, flow: rule.row.flow }, opened });
    for (const s of rule.services) {
      const k = serviceKey(s);
      const before = opened.get(k);
      if (s.ports.length === 0 || before === 'whole') opened.set(k, 'whole');
      else opened.set(k, (before ?? PortSet.empty()).union(PortSet.fromRanges(s.ports)));
    }
    return undefined;
  }
}

const serviceKey = (s: ServiceMatch): string => `${s.protocol}/${s.icmpType ?? ''}/${s.app ?? ''}`;

function covers(opened: Opened, s: ServiceMatch): boolean {
  const ports = opened.get(serviceKey(s));
  if (ports === undefined) return false;
  if (ports === 'whole') return true;
  return s.ports.length > 0 && ports.contains(PortSet.fromRanges(s.ports));
}

/**
 * The rules a firewall prints of a slice where the site opens the proxy's way out by port: each such row said in a
 * finding, and a row whose way out an earlier rule already lets through (the proxy's rows mostly go to names on
 * tcp/443) left without a rule of its own, which the firewall would never reach. A leg with address translation keeps
 * its own rule. Verify reads the whole slice: every row is still checked.
 */
export function openedByPort(
  rules: readonly FirewallRule[],
  targetId: string,
): {
  rules: readonly FirewallRule[];
  findings: Finding[];
  /** By rule id: the flows of the later rows its rule also lets out (for its comment). */
  alsoFor: ReadonlyMap<string, readonly string[]>;
} {
  const alsoFor = new Map<string, string[]>();
  if (!rules.some((r) => r.openedByPort)) return { rules, findings: [], alsoFor };
  const raise = stageFindings.forTarget(targetId);
  const ways = new OpenedWays();
  const kept: FirewallRule[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const opened = rule.openedByPort;
    if (!opened) {
      kept.push(rule);
      continue;
    }
    const by = rule.leg.nat?.length ? undefined : ways.coveredBy({ ...rule, zone: opened.zone });
    if (by === undefined) kept.push(rule);
    else alsoFor.get(by.id)?.push(rule.row.flow) ?? alsoFor.set(by.id, [rule.row.flow]);
    const said = { row: rule.row, role: rule.leg.destination.role, names: opened.names, zone: opened.zone };
    findings.push(raise.raise('proxy-egress', by === undefined ? said : { ...said, by: by.flow }));
  }
  return { rules: kept, findings, alsoFor };
}
