/**
 * Whether a target's output, read back, is the ruleset it was printed from: the neutral lowering (`lowerSlice`) of
 * the capability-checked slice, compared exactly by set algebra (`compareRulesets`) over every context a packet of
 * the lab can cross the firewall in.
 *
 * What is normalised, and why:
 * - Objects, rule order, chains, comments and provenance: only decisions are compared (a named set, an address group
 *   or a split rule decide the same packets).
 * - A drop and a reject are one outcome (platforms differ only in what the sender hears).
 * - Sides. The lowering names the firewall's interfaces when the site does (and nothing else); zone-based readers
 *   name zones (PAN-OS, SRX: the site's zones; ASA nameifs, FortiOS: the interface, or the zone where the site names
 *   no interface). Each context is a packet crossing two of the firewall's sides, named both ways; plus, where the
 *   rules name interfaces, a packet from an interface no rule names (not for the ASA: an interface its configuration
 *   does not name is not the site's firewall's, and the reader rightly leaves it to security levels; every interface
 *   of the firewall gets an access-list, a deny-all one where no row enters). An ASA access-list is bound to the
 *   ingress interface only and routing picks the egress by the destination: for the ASA each context's destinations
 *   are the addresses of the zone it leaves to (the site's zone CIDRs; the default zone holds the rest), which is
 *   what the printer keeps each rule's destination to. Without
 *   interfaces the lowering carries no side at all, so only lan → dmz, the rows' own hop, is compared.
 * - Services the platform has no protocol for are taken out of the matrix (the capability check's findings are tested
 *   apart): a platform with few protocols still sees rows.
 * - Every row goes through the firewall's interfaces, or none does (`sameHops`): a side named both ways in one slice
 *   would be two sides for a zone-based platform and one for the lowering. Without interfaces every row goes
 *   lan → dmz (the lowering names no side then); with them, rows go between any two of lan, dmz and wan, and every
 *   ordered pair of the zones they cross is compared.
 * - Host and cloud platforms (Windows firewall, AWS security groups, Azure NSGs: `sitsOn` in support/platforms.ts)
 *   do not see the firewall's interfaces: the lowering's interface matches are dropped. Host platforms (Windows,
 *   AWS) filter on the hosts they sit on: the expected ruleset is composed from the same lowering — the destination's
 *   inbound rules when it is one of the site's hosts, then (AWS, which blocks outbound by default) the source's
 *   outbound rules when it is one.
 * - Azure: IPv4 packets of protocol 58 and IPv6 packets of protocol 1 (see `crossFamilyIcmp`).
 * - Rows the printer reports it cannot (fully) print (a finding of the printer's, not of the capability check, whose
 *   findings the rules already reflect) are left out: the new connections their lowering accepts are not compared.
 *
 * Contexts: IPv4 and IPv6, connection state new and established, the sides above. Within a context every address,
 * protocol, port and ICMP type/code is compared.
 *
 * What a target declares is read from it (capabilities, its syntax's `zones` and `egress`); what it does not, from
 * support/platforms.ts, which throws for a target it cannot place.
 */
import type { Matrix, ServiceMatch } from '../../../src/model/matrix.js';
import { CidrSet } from '../../../src/net/cidr-set.js';
import { PortSet } from '../../../src/net/port-set.js';
import { formatPortRanges } from '../../../src/net/ports.js';
import { compareRulesets } from '../../../src/ruleset/compare.js';
import type { ConfigFormat } from '../../../src/ruleset/config-file.js';
import { endpointSet } from '../../../src/ruleset/endpoints.js';
import { lowerSlice } from '../../../src/ruleset/lower.js';
import { classify, type Region, regionBox } from '../../../src/ruleset/region.js';
import { type Chain, type ConnState, PROTOCOL_NUMBERS, type Rule, type Ruleset } from '../../../src/ruleset/types.js';
import type { CheckedRule } from '../../../src/targets/generate/capabilities.js';
import { allowRule, firewallRuleset, firewallZones } from '../../../src/targets/generate/rules.js';
import type { FirewallTarget, TargetOutput } from '../../../src/targets/generate/target.js';
import { type TargetId, targets } from '../../../src/targets/index.js';
import { isSiteHost } from '../../../src/targets/kit/objects.js';
import { describeBox } from '../../../src/verify/rules.js';
import { zoneAddresses } from '../cisco-asa/egress-expected.js';
import { checkedRules, generated } from './examples.js';
import { crossFamilyIcmpUncompared, filtersOutbound, sitsOn, unnamedInterfaceUndecided } from './platforms.js';

/** The ruleset with the interface matches `which` names taken out of every rule. */
const withoutInterfaces = (rs: Ruleset, which: 'both' | 'out' = 'both'): Ruleset => ({
  ...rs,
  chains: Object.fromEntries(
    Object.entries(rs.chains).map(([name, c]) => [
      name,
      {
        ...c,
        rules: c.rules.map(
          ({ inInterface, outInterface: _out, ...rule }): Rule =>
            which === 'out' && inInterface ? { ...rule, inInterface } : rule,
        ),
      },
    ]),
  ),
});

const lower = (id: TargetId, rules: readonly CheckedRule[]): Ruleset => {
  const lowered = lowerSlice(rules.map(allowRule));
  return sitsOn(id) === 'box' ? lowered : withoutInterfaces(lowered);
};

/**
 * The ruleset the platform should end up with. Host platforms: packets to a site host walk its inbound rules, then
 * (AWS) packets from a site host walk its outbound rules; any other packet is not theirs to filter.
 */
function expected(id: TargetId, rules: readonly CheckedRule[]): Ruleset {
  if (sitsOn(id) !== 'hosts') return lower(id, rules);
  const hosts = rules
    .flatMap((r) => [r.source, r.destination].filter(isSiteHost))
    .reduce((set, ep) => set.union(endpointSet(ep).set), CidrSet.empty());
  if (hosts.isEmpty()) return onUnnamedHosts(id);
  const chainOf = (name: string, list: readonly CheckedRule[]) => ({
    name,
    rules: lower(id, list).chains.forward?.rules ?? [],
    policy: 'drop' as const,
  });
  const guard = (name: string, side: 'source' | 'destination', to: string) => ({
    name,
    rules: [{ [side]: hosts, verdict: { kind: 'goto', chain: to }, provenance: {} } as Rule],
  });
  const inbound = chainOf(
    'inbound',
    rules.filter((r) => isSiteHost(r.destination)),
  );
  const outbound = chainOf(
    'outbound',
    rules.filter((r) => isSiteHost(r.source)),
  );
  return {
    entry: 'to-host',
    ...(filtersOutbound(id) ? { stages: ['from-host'] } : {}),
    chains: {
      'to-host': guard('to-host', 'destination', 'inbound'),
      'from-host': guard('from-host', 'source', 'outbound'),
      inbound,
      outbound,
    },
    objects: [],
    defaultAction: 'accept',
  };
}

/**
 * No row touches a site host, so the output names none: a policy on hosts no one can name may block any new
 * connection or none (src/targets/kit/host-sides.ts, fail closed). Answers of allowed connections still pass.
 */
function onUnnamedHosts(id: TargetId): Ruleset {
  const filter = (name: string): Chain => ({
    name,
    rules: [
      { states: ['established', 'related'], verdict: { kind: 'accept' }, provenance: {} },
      { verdict: { kind: 'drop' }, opaque: ['hosts unknown'], provenance: {} },
    ],
    policy: 'accept',
  });
  return {
    entry: 'inbound',
    ...(filtersOutbound(id) ? { stages: ['outbound'] } : {}),
    chains: { inbound: filter('inbound'), outbound: filter('outbound') },
    objects: [],
    defaultAction: 'accept',
  };
}

/**
 * The services the platform has a protocol for (the others are the capability check's to report, tested apart):
 * rows keep what the target can print, so a platform with few protocols (PAN-OS: tcp and udp) still sees rows.
 */
function supportedOnly(id: TargetId, m: Matrix): Matrix {
  const known = new Set<string>(targets[id].capabilities.protocols);
  const keep = <T extends { services: readonly ServiceMatch[] }>(x: T): T => ({
    ...x,
    services: x.services.filter((s) => known.has(s.protocol)),
  });
  const rows = m.rows.map((r) => ({ ...keep(r), legs: r.legs.map(keep) })).filter((r) => r.services.length > 0);
  return { ...m, rows };
}

/** The lab firewall's interface per zone (the wide matrices cross it between any two of these zones). */
export const LAB_INTERFACES: Readonly<Record<string, string>> = { lan: 'f0', dmz: 'f1', wan: 'f2' };

/**
 * Every row through the firewall's interfaces (each zone's own), or none; without interfaces every row goes
 * lan → dmz: the lowering names no side then, so rows between other zones would meet in every context.
 */
function sameHops(m: Matrix): Matrix {
  const first = m.rows[0]?.legs[0]?.hops[0];
  const interfaces = first?.fromInterface !== undefined;
  const hop = (h: NonNullable<typeof first>) => {
    const { fromInterface: _f, toInterface: _t, ...rest } = h;
    if (!interfaces) return { ...rest, fromZone: 'lan', toZone: 'dmz' };
    return { ...rest, fromInterface: LAB_INTERFACES[h.fromZone], toInterface: LAB_INTERFACES[h.toZone] };
  };
  const rows = m.rows.map((r) => ({ ...r, legs: r.legs.map((l) => ({ ...l, hops: l.hops.map(hop) })) }));
  // Without interfaces the firewall names none either (its zones are its interfaces' names, as the hops say).
  return { ...m, rows, ...(interfaces ? {} : { firewalls: m.firewalls.map((f) => ({ ...f, interfaces: {} })) }) };
}

type Sides = Pick<Region, 'inInterface' | 'outInterface' | 'fromZone' | 'toZone'>;
/** The sides of a context, and the site zone the packet leaves to. */
type Context = { readonly sides: Sides; readonly to: string };

/**
 * The sides a packet of the lab crosses the firewall by, named as the lowering and the platform name them: every
 * ordered pair of the zones the rows cross (every pair: a packet between two zones no row joins must be dropped
 * too), and a packet from an interface no rule names.
 */
function sidesOf(id: TargetId, naming: 'zones' | 'interfaces', m: Matrix): Context[] {
  const hops = m.rows.flatMap((r) => r.legs.flatMap((l) => l.hops));
  if (hops[0]?.fromInterface === undefined) return [{ sides: { fromZone: 'lan', toZone: 'dmz' }, to: 'dmz' }];
  const zones = [...new Set(hops.flatMap((h) => [h.fromZone, h.toZone]))].sort();
  const name = (zone: string) => (naming === 'zones' ? zone : (LAB_INTERFACES[zone] as string));
  const out: Context[] = [];
  for (const from of zones) {
    for (const to of zones) {
      if (from === to) continue;
      const sides = { inInterface: LAB_INTERFACES[from], outInterface: LAB_INTERFACES[to] };
      out.push({ sides: { ...sides, fromZone: name(from), toZone: name(to) } as Sides, to });
    }
  }
  // An interface the ASA configuration does not name at all is not the firewall's (the printer binds an ACL on
  // every interface of the site's firewall): the reader rightly leaves its packets undecided (security levels).
  if (unnamedInterfaceUndecided(id)) return out;
  const to = zones[0] as string;
  const stranger = { inInterface: 'f9', outInterface: LAB_INTERFACES[to], fromZone: 'x9', toZone: name(to) };
  return [...out, { sides: stranger as Sides, to }];
}

/**
 * The addresses a packet leaving to `zone` can have, for a syntax whose rules filter on the ingress interface only
 * (`egress: 'routing'`, the ASA's access-lists: routing picks the egress by the destination): the zone's own
 * (test/targets/cisco-asa/egress-expected.ts). Undefined when the site gives no zone an address (every destination is
 * then compared), or when the rules name the egress side themselves.
 */
function routedTo(egress: ConfigFormat['egress'], m: Matrix): ((zone: string) => CidrSet) | undefined {
  if (egress !== 'routing') return undefined;
  const zones = zoneAddresses(m, 'fw');
  if ([...zones.values()].every((set) => set.isEmpty())) return undefined;
  return (zone) => zones.get(zone) ?? CidrSet.empty();
}

const STATES: readonly ConnState[] = ['new', 'established'];

const ALL_PROTOCOLS = PortSet.fromRanges([{ from: 0, to: 255 }]);
/**
 * Azure's `Icmp` names ICMP and ICMPv6 alike, and its reader keeps both protocol numbers in both families: which of
 * them an NSG applies to a packet of the other family (an IPv4 packet of protocol 58) is not documented, and no
 * matrix asks for one. Those packets are left out of the comparison for Azure only.
 */
const crossFamilyIcmp = (id: TargetId, family: 4 | 6): Pick<Region, 'protocols'> =>
  crossFamilyIcmpUncompared(id)
    ? { protocols: ALL_PROTOCOLS.subtract(PortSet.of(family === 4 ? PROTOCOL_NUMBERS.icmpv6 : PROTOCOL_NUMBERS.icmp)) }
    : {};

const contextText = (r: Region): string => {
  const sides = `in ${r.inInterface ?? '-'} out ${r.outInterface ?? '-'}`;
  return `IPv${r.family} ${r.state} ${sides} zones ${r.fromZone ?? '-'}→${r.toZone ?? '-'}`;
};

const icmpText = (r: Region): string => {
  const ranges = r.icmp?.toRanges() ?? [];
  return ranges.length === 1 && ranges[0]?.from === 0 && ranges[0].to === 65535
    ? ''
    : ` icmp(type×256+code) ${formatPortRanges(ranges)}`;
};

/** A random matrix made comparable, the rules its slice holds for the target, and what the target prints of it. */
export interface PrintedSlice {
  readonly matrix: Matrix;
  readonly rules: readonly CheckedRule[];
  readonly output: TargetOutput;
  /**
   * Rows the printer itself reported it could not (fully) print — not the capability check's findings, which the
   * rules already reflect (an ICMP type with no IPv6 twin is already out of the rules' IPv6 lowering).
   */
  readonly refusedFlows: ReadonlySet<string | undefined>;
}

/** Undefined when nothing is left to print (every row refused by the capability check). */
export function printedSlice(id: TargetId, raw: Matrix): PrintedSlice | undefined {
  const matrix = sameHops(supportedOnly(id, raw));
  const rules = checkedRules(targets[id] as never, matrix, 'fw');
  if (rules.length === 0) return undefined;
  const info = matrix.firewalls.find((f) => f.name === 'fw');
  const zones = firewallZones(info, matrix.zones);
  const printed = (targets[id] as FirewallTarget).print(firewallRuleset(matrix.site, 'fw', rules, undefined, zones));
  if (!printed.ok) throw new Error(printed.issues.map((i) => i.message).join('\n'));
  const refusedFlows = new Set(printed.value.findings.map((f) => f.flow));
  return { matrix, rules, output: generated(targets[id] as never, matrix, 'fw'), refusedFlows };
}

/** The neutral ruleset of what the target printed: the lowering of the slice less the rows its printer refused. */
export const printedRuleset = (slice: PrintedSlice): Ruleset =>
  lowerSlice(slice.rules.filter((r) => !slice.refusedFlows.has(r.row.flow)).map(allowRule));

/**
 * Every packet of the contexts where `back` (the printed output, read back) and the lowering of the slice part, as
 * lines (empty: they agree), and how many rules were compared. `syntax`: the format `back` was read in, for how it
 * names the sides (`zones`) and whether its rules name the egress side (`egress`).
 */
export function differences(
  id: TargetId,
  slice: PrintedSlice,
  back: Ruleset,
  syntax: Pick<ConfigFormat, 'zones' | 'egress'> = {},
): { lines: string[]; printed: number } {
  const naming = syntax.zones ?? 'interfaces';
  const { matrix: m, rules, refusedFlows } = slice;
  // The rules printed (both sides share an address family), of the rows the printer did not refuse.
  const kept = rules.filter((r) => !refusedFlows.has(r.row.flow) && sharesFamily(r));
  const want = expected(id, rules);
  const refused = rowsOnly(lowerSlice(rules.filter((r) => refusedFlows.has(r.row.flow)).map(allowRule)));
  const routed = routedTo(syntax.egress, m);
  const lines: string[] = [];
  for (const family of [4, 6] as const) {
    for (const state of STATES) {
      for (const { sides, to } of sidesOf(id, naming, m)) {
        const destination = routed ? { destination: routed(to) } : {};
        const region: Region = { family, state, ...sides, ...crossFamilyIcmp(id, family), ...destination };
        const c = compareRulesets(want, back, region);
        if (c.overflow) lines.push(`${contextText(region)}: ${c.overflow}`);
        for (const d of c.disagreements) {
          // What the lowering of a refused row accepts is the target's to report, not to print.
          const left = refusedFlows.size === 0 ? [d.region] : notAccepted(refused, d.region);
          for (const piece of left) {
            const what = `${describeBox(regionBox(piece))}${icmpText(piece)}`;
            lines.push(`${contextText(piece)}: ${what} — lowering ${d.left}, read back ${d.right}`);
          }
        }
      }
    }
  }
  return { lines, printed: kept.length };
}

const families = (r: CheckedRule, side: 'source' | 'destination'): Set<4 | 6> => {
  const set = endpointSet(r[side]).set;
  return new Set(set.isEmpty() ? [] : ([4, 6] as const).filter((f) => !set.family(f).isEmpty()));
};
/** A v4-only side facing a v6-only side is no packet at all: nothing is printed for it. */
const sharesFamily = (r: CheckedRule): boolean => {
  const dst = families(r, 'destination');
  return [...families(r, 'source')].some((f) => dst.has(f));
};

/** The lowering's rules for the rows themselves (not the return traffic), on any interface. */
const rowsOnly = (rs: Ruleset): Ruleset => {
  const bare = withoutInterfaces(rs);
  const forward = bare.chains.forward;
  if (!forward) return bare;
  return { ...bare, chains: { forward: { ...forward, rules: forward.rules.filter((r) => r.provenance.row) } } };
};

/** The parts of `region` that `ruleset` does not accept. */
const notAccepted = (ruleset: Ruleset, region: Region): Region[] =>
  classify(ruleset, region)
    .outcomes.filter((o) => o.action !== 'accept')
    .map((o) => ({ ...region, ...o.box }));
