import { fail, type Issue, ok, type Result } from '../../model/issues.js';
import type { Endpoint } from '../../model/matrix.js';
import { hostOrPrefix, type Prefix } from '../../net/prefixes.js';
import type { PortRange } from '../../net/types.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { FirewallRuleset } from '../../ruleset/firewall.js';
import type { TargetOutput } from '../generate/target.js';
import { ChainLayoutBuilder, type ChainLine, type Dispatch, rowNames } from '../kit/chains.js';
import { type InterfacePattern, interfaceMatcher, quoted, safeText } from '../kit/escape.js';
import { createNamer, fileName, objectName } from '../kit/names.js';
import { ObjectPool, type PoolEntry } from '../kit/objects.js';
import {
  type FamilyPlan,
  familyPlans,
  groupFits,
  groupingInTurn,
  type ProtocolGroup,
  portText,
  type Side,
  serviceGroups,
} from '../kit/plan.js';
import { TextLines } from '../kit/text-lines.js';
import { NFT_NAME_RULES, NFTABLES_CAPABILITIES } from './capabilities.js';
import { nftNatChains, nftNatOriginal } from './nat.js';
import type { NftablesOptions } from './options.js';

interface NamedSet {
  readonly type: 'ipv4_addr' | 'ipv6_addr' | 'inet_service';
  readonly elements: readonly string[];
}

/** The match texts of one endpoint content in one family: `ip saddr @set` / `ip daddr @set` (or one address). */
interface AddressMatch {
  /** The named set, when the side has two addresses or more. */
  readonly set?: PoolEntry<NamedSet>;
  readonly saddr: string;
  readonly daddr: string;
  /** As a rule's source: its match and the name of its chain (`<zones>_from_<role>_v4`). */
  readonly source: Dispatch;
}

/** One service's layer-4 matches, kept with the ports they were written from (a name alone proves nothing). */
interface L4Texts {
  readonly ports: readonly PortRange[];
  readonly set?: PoolEntry<NamedSet>;
  readonly match: string;
}

/** Named sets shared by content across rules: one per role/group (per family) and one per multi-port service. */
class SetPool {
  readonly sets = new ObjectPool<NamedSet>(createNamer(NFT_NAME_RULES));
  /**
   * Per family, the matches of each endpoint content, by the endpoint's value key: a set's content is its identity,
   * so its first name is its only name; this spares building the same texts again for every rule of a role.
   */
  readonly addresses = { 4: new Map<string, AddressMatch>(), 6: new Map<string, AddressMatch>() };
  /** Per protocol and service name, the matches already written (with their ports, compared on every use). */
  readonly services = new Map<string, L4Texts[]>();
}

/**
 * Unlike the core's `endpointParts`, a binding named like its role is repeated (`web_web_v4`): set names are what
 * loaded rulesets and golden files already carry, so they stay.
 */
const setNameParts = (ep: Endpoint): string[] => (ep.bindings.length === 1 ? [ep.role, ...ep.bindings] : [ep.role]);

/** An endpoint's name parts in one family: its set's name, and its source chain's. */
const familyName = (ep: Endpoint, family: 4 | 6): string[] => [...setNameParts(ep), `v${family}`];
/** Any source: the rules go straight into the zone chain. */
const ANY_SOURCE: Dispatch = { match: '', name: [] };

function addressMatch(pool: SetPool, plan: FamilyPlan, side: Side, ep: ParsedEndpoint): AddressMatch | undefined {
  if (side === 'any' || plan.family === 'both') return undefined;
  const byKey = pool.addresses[plan.family];
  const known = byKey.get(ep.values.key);
  if (known !== undefined) {
    if (known.set) known.set.uses++;
    return known;
  }
  const l3 = plan.family === 4 ? 'ip' : 'ip6';
  let match: AddressMatch;
  if (side.length === 1) {
    const address = hostOrPrefix(side[0] as Prefix);
    const saddr = `${l3} saddr ${address}`;
    match = { saddr, daddr: `${l3} daddr ${address}`, source: { match: saddr, name: familyName(ep, plan.family) } };
  } else {
    const type = plan.family === 4 ? 'ipv4_addr' : 'ipv6_addr';
    const elements = side.map(hostOrPrefix);
    const set = pool.sets.entry(familyName(ep, plan.family), `${type}|${elements.join(',')}`, {
      type,
      elements,
    });
    const saddr = `${l3} saddr @${set.name}`;
    match = {
      set,
      saddr,
      daddr: `${l3} daddr @${set.name}`,
      source: { match: saddr, name: familyName(ep, plan.family) },
    };
  }
  byKey.set(ep.values.key, match);
  return match;
}

const samePorts = (a: readonly PortRange[], b: readonly PortRange[]): boolean =>
  a.length === b.length && a.every((p, i) => p.from === b[i]?.from && p.to === b[i]?.to);

/** A service's port match, once per service and ports: a large matrix names the same hundred services in every row. */
function portTexts(pool: SetPool, group: ProtocolGroup): L4Texts {
  const key = `${group.protocol}|${group.names[0] ?? ''}`;
  const known = pool.services.get(key);
  const same = known?.find((k) => samePorts(k.ports, group.ports));
  if (same) {
    if (same.set) same.set.uses++;
    return same;
  }
  const ports = group.ports.map((p) => portText(p));
  let texts: L4Texts;
  if (ports.length === 1) texts = { ports: group.ports, match: `${group.protocol} dport ${ports[0]}` };
  else {
    const identity = `inet_service|${ports.join(',')}`;
    const set = pool.sets.entry([...group.names.slice(0, 2), 'ports'], identity, {
      type: 'inet_service',
      elements: ports,
    });
    texts = { ports: group.ports, set, match: `${group.protocol} dport @${set.name}` };
  }
  if (known) known.push(texts);
  else pool.services.set(key, [texts]);
  return texts;
}

const ICMP = { icmp: { l4: 'icmp', match: 'icmp type' }, icmpv6: { l4: 'ipv6-icmp', match: 'icmpv6 type' } } as const;
const ICMP_FAMILY: Partial<Record<string, string>> = { icmp: 'meta nfproto ipv4 ', icmpv6: 'meta nfproto ipv6 ' };

/** A protocol group's layer-4 matches, and the port set they name (each use of them is a use of it). */
interface L4Matches {
  readonly matches: readonly string[];
  readonly set?: PoolEntry<NamedSet>;
}

/** Layer-4 matches of one protocol group: several when ICMP types are listed (one rule each, no anonymous set). */
function l4Matches(pool: SetPool, group: ProtocolGroup): L4Matches {
  const { protocol } = group;
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') {
    const texts = portTexts(pool, group);
    return texts.set ? { matches: [texts.match], set: texts.set } : { matches: [texts.match] };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const { l4, match } = ICMP[protocol];
    return {
      matches: group.icmpTypes === 'all' ? [`meta l4proto ${l4}`] : group.icmpTypes.map((t) => `${match} ${t}`),
    };
  }
  return { matches: protocol === 'ip' ? [''] : [`meta l4proto ${protocol}`] };
}

/**
 * A run of rules' service groups, with each group's matches made on its first use in the run (where the rule by
 * rule version made them: sets are named in the same order) and reused by the run's next rules, which count their
 * use of its port set as before.
 */
interface GroupsInTurn {
  readonly groups: readonly ProtocolGroup[];
  readonly l4: (L4Matches | undefined)[];
}

function l4MatchesInTurn(pool: SetPool, turn: GroupsInTurn, index: number): readonly string[] {
  const known = turn.l4[index];
  if (known === undefined) {
    const made = l4Matches(pool, turn.groups[index] as ProtocolGroup);
    turn.l4[index] = made;
    return made.matches;
  }
  if (known.set) known.set.uses++;
  return known.matches;
}

/** nftables' prefix wildcard is a trailing `*` inside the quoted name. */
const nftInterface = (p: InterfacePattern): string => (p.prefix ? `${p.name}*` : p.name);

const nftInterfaces = ({ from, to }: { readonly from?: string; readonly to?: string }): string =>
  [from && `iifname "${from}"`, to && `oifname "${to}"`].filter(Boolean).join(' ');

/** Chain names beside the hooks' own (`forward`, `prerouting`, `postrouting`), which they must never take. */
const CHAIN_NAME_RULES = { ...NFT_NAME_RULES, reserved: ['forward', 'prerouting', 'postrouting'] } as const;

/** Between two rules of a row chain: its rests are then the chain's body as written, not indented in a copy. */
const ROW_LINE_BREAK = '\n\t\t';

const chainLine = (line: ChainLine): string => {
  const tail = 'jump' in line ? `jump ${line.jump}` : line.rest;
  return line.match === '' ? `\t\t${tail}` : `\t\t${line.match} ${tail}`;
};

export function printNftables(slice: FirewallRuleset, options: NftablesOptions = {}): Result<TargetOutput> {
  const table = options.table
    ? objectName([options.table], NFT_NAME_RULES)
    : objectName(['flowmatrix', slice.firewall], NFT_NAME_RULES);
  const counter = options.counters === false ? '' : 'counter ';
  const pool = new SetPool();
  const issues: Issue[] = [];
  // A row chain's rules, one per line, indented as written (see ROW_LINE_BREAK).
  const chains = new ChainLayoutBuilder(createNamer(CHAIN_NAME_RULES), ROW_LINE_BREAK);
  const interfacesOf = interfaceMatcher(slice.firewall, nftInterface, nftInterfaces);
  // Per interface pair, what every rule of it shares: built once, not once per rule.
  const zones = new Map<string, Dispatch>();
  // The rules of one row come together: its comment is written once for them.
  let lastLabel: string | undefined;
  let end = '';
  const rowNameOf = rowNames();
  const groupsOf = groupingInTurn((services): GroupsInTurn => ({ groups: serviceGroups(services), l4: [] }));
  for (const rule of slice.rules) {
    const ifaces = interfacesOf(rule, issues);
    let zone = zones.get(ifaces);
    if (!zone) {
      zone = { match: ifaces, name: [rule.fromZone, 'to', rule.toZone] };
      zones.set(ifaces, zone);
    }
    const { label } = rule.origin;
    if (label !== lastLabel) {
      end = `${counter}accept comment ${quoted(label, NFTABLES_CAPABILITIES.maxCommentLength)}`;
      lastLabel = label;
    }
    const rowName = rowNameOf(rule.origin.catalog, rule.origin.flow);
    const turn = groupsOf(rule.services);
    const { groups } = turn;
    for (const plan of familyPlans(rule)) {
      const src = addressMatch(pool, plan, plan.source, rule.source);
      const dst = addressMatch(pool, plan, plan.destination, rule.destination)?.daddr ?? '';
      const source = src?.source ?? ANY_SOURCE;
      const original = nftNatOriginal(rule, plan.family).trimEnd();
      for (let g = 0; g < groups.length; g++) {
        const group = groups[g] as ProtocolGroup;
        if (!groupFits(group, plan.family)) continue;
        // Any to any: no address ties ICMP to its family, and in an inet table `icmp type 8` alone would also match
        // ICMP carried in IPv6 packets (and ICMPv6 in IPv4): say the family.
        const family = plan.family === 'both' ? (ICMP_FAMILY[group.protocol] ?? '') : '';
        for (const l4 of l4MatchesInTurn(pool, turn, g)) {
          // dst, l4 and original are the texts cached above (or empty); `family` ends with a space.
          chains.addParts(zone, source, label, rowName, [dst, family === '' ? l4 : `${family}${l4}`, original, end]);
        }
      }
    }
  }
  const natChains = nftNatChains(slice, options, issues);
  if (issues.length > 0) return fail(issues);

  const out = new TextLines();
  out.add(
    '#!/usr/sbin/nft -f',
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}. Generated: change the catalog or the site, not this file.`,
    `# Loading replaces table inet ${table} only; other tables are left alone.`,
    `table inet ${table}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
  );
  for (const { name, value: set } of pool.sets.byUse()) {
    out.add(`\tset ${name} {`, `\t\ttype ${set.type}`, '\t\tflags interval');
    out.add(`\t\telements = { ${set.elements.join(',\n\t\t\t     ')} }`, '\t}', '');
  }
  const layout = chains.layout();
  out.add(
    '\tchain forward {',
    '\t\ttype filter hook forward priority filter; policy drop;',
    `\t\tct state established,related ${counter}accept comment "stateful return"`,
    `\t\tct state invalid ${counter}drop comment "invalid state"`,
  );
  for (const line of layout.base) out.line(chainLine(line));
  out.line('\t}');
  // Written as taken: a chain's texts are garbage once its lines are in the file.
  for (const chain of layout.take()) {
    out.add('', `\tchain ${chain.name} {`);
    if (chain.kind === 'row') out.line(`\t\t${chain.rests}`);
    else for (const line of chain.lines) out.line(chainLine(line));
    out.line('\t}');
  }
  out.addAll(natChains);
  out.add('}', '');
  return ok({
    artifacts: [out.artifact(`${fileName(slice.firewall)}.nft`, 'text/x-nftables')],
    findings: [],
  });
}
