import { fail, type Issue, ok, type Result } from '../../model/issues.js';
import type { Endpoint } from '../../model/matrix.js';
import { hostOrPrefix, type Prefix } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { FirewallRuleset } from '../../ruleset/firewall.js';
import type { TargetOutput } from '../generate/target.js';
import { ChainLayoutBuilder, type ChainLine } from '../kit/chains.js';
import { type InterfacePattern, interfaceMatcher, quoted, safeText } from '../kit/escape.js';
import { createNamer, fileName, objectName } from '../kit/names.js';
import { ObjectPool, type PoolEntry } from '../kit/objects.js';
import {
  type FamilyPlan,
  familyPlans,
  groupFits,
  type ProtocolGroup,
  portText,
  type Side,
  serviceGroups,
} from '../kit/plan.js';
import { NFT_NAME_RULES, NFTABLES_CAPABILITIES } from './capabilities.js';
import { nftNatChains, nftNatOriginal } from './nat.js';

export interface NftablesOptions {
  /** Table name (default `flowmatrix_<firewall>`). */
  readonly table: string;
  /** Add `counter` to every accept rule (default true). */
  readonly counters: boolean;
  /** Write the firewall's address translations (site `firewalls[].nat`) as nat chains: src/targets/nftables/nat.ts. */
  readonly nat: boolean;
}

interface NamedSet {
  readonly type: 'ipv4_addr' | 'ipv6_addr' | 'inet_service';
  readonly elements: readonly string[];
}

/** Named sets shared by content across rules: one per role/group (per family) and one per multi-port service. */
class SetPool {
  readonly sets = new ObjectPool<NamedSet>(createNamer(NFT_NAME_RULES));
  /**
   * The set per endpoint content and family: a set's content is its identity, so its first name is its only name;
   * this only spares joining the elements again for every rule of a role.
   */
  readonly addressSets = new Map<string, PoolEntry<NamedSet>>();

  ref(type: NamedSet['type'], nameParts: readonly string[], elements: readonly string[]): string {
    return `@${this.sets.name(nameParts, `${type}|${elements.join(',')}`, { type, elements })}`;
  }
}

/**
 * Unlike the core's `endpointParts`, a binding named like its role is repeated (`web_web_v4`): set names are what
 * loaded rulesets and golden files already carry, so they stay.
 */
const setNameParts = (ep: Endpoint): string[] => (ep.bindings.length === 1 ? [ep.role, ...ep.bindings] : [ep.role]);

function addressMatch(pool: SetPool, plan: FamilyPlan, dir: 'saddr' | 'daddr', side: Side, ep: ParsedEndpoint): string {
  if (side === 'any' || plan.family === 'both') return '';
  const l3 = plan.family === 4 ? 'ip' : 'ip6';
  if (side.length === 1) return `${l3} ${dir} ${hostOrPrefix(side[0] as Prefix)}`;
  const key = plan.family === 4 ? ep.values.key : `${ep.values.key}\u0002`;
  let set = pool.addressSets.get(key);
  if (set === undefined) {
    const type = plan.family === 4 ? 'ipv4_addr' : 'ipv6_addr';
    const elements = side.map(hostOrPrefix);
    set = pool.sets.entry([...setNameParts(ep), `v${plan.family}`], `${type}|${elements.join(',')}`, {
      type,
      elements,
    });
    pool.addressSets.set(key, set);
  } else set.uses++;
  return `${l3} ${dir} @${set.name}`;
}

const ICMP = { icmp: { l4: 'icmp', match: 'icmp type' }, icmpv6: { l4: 'ipv6-icmp', match: 'icmpv6 type' } } as const;
const ICMP_FAMILY: Partial<Record<string, string>> = { icmp: 'meta nfproto ipv4 ', icmpv6: 'meta nfproto ipv6 ' };

/** Layer-4 matches of one protocol group: several when ICMP types are listed (one rule each, no anonymous set). */
function l4Matches(pool: SetPool, group: ProtocolGroup): string[] {
  const { protocol } = group;
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') {
    const ports = group.ports.map((p) => portText(p));
    if (ports.length === 1) return [`${protocol} dport ${ports[0]}`];
    return [`${protocol} dport ${pool.ref('inet_service', [...group.names.slice(0, 2), 'ports'], ports)}`];
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const { l4, match } = ICMP[protocol];
    return group.icmpTypes === 'all' ? [`meta l4proto ${l4}`] : group.icmpTypes.map((t) => `${match} ${t}`);
  }
  return protocol === 'ip' ? [''] : [`meta l4proto ${protocol}`];
}

/** nftables' prefix wildcard is a trailing `*` inside the quoted name. */
const nftInterface = (p: InterfacePattern): string => (p.prefix ? `${p.name}*` : p.name);

const nftInterfaces = ({ from, to }: { readonly from?: string; readonly to?: string }): string =>
  [from && `iifname "${from}"`, to && `oifname "${to}"`].filter(Boolean).join(' ');

/** Chain names beside the hooks' own (`forward`, `prerouting`, `postrouting`), which they must never take. */
const CHAIN_NAME_RULES = { ...NFT_NAME_RULES, reserved: ['forward', 'prerouting', 'postrouting'] } as const;

const chainLine = (line: ChainLine): string => {
  const tail = 'jump' in line ? `jump ${line.jump}` : line.rest;
  return line.match === '' ? `\t\t${tail}` : `\t\t${line.match} ${tail}`;
};

export function printNftables(slice: FirewallRuleset, options: Partial<NftablesOptions> = {}): Result<TargetOutput> {
  const table = options.table
    ? objectName([options.table], NFT_NAME_RULES)
    : objectName(['flowmatrix', slice.firewall], NFT_NAME_RULES);
  const counter = options.counters === false ? '' : 'counter ';
  const pool = new SetPool();
  const issues: Issue[] = [];
  const chains = new ChainLayoutBuilder(createNamer(CHAIN_NAME_RULES));
  const interfacesOf = interfaceMatcher(slice.firewall, nftInterface, nftInterfaces);
  for (const rule of slice.rules) {
    const zone = { match: interfacesOf(rule, issues), name: [rule.fromZone, 'to', rule.toZone] };
    const end = `${counter}accept comment ${quoted(rule.origin.label, NFTABLES_CAPABILITIES.maxCommentLength)}`;
    const rowName = [rule.origin.catalog, rule.origin.flow];
    const groups = serviceGroups(rule.services);
    for (const plan of familyPlans(rule)) {
      const src = addressMatch(pool, plan, 'saddr', plan.source, rule.source);
      const dst = addressMatch(pool, plan, 'daddr', plan.destination, rule.destination);
      const source = { match: src, name: [...setNameParts(rule.source), `v${plan.family}`] };
      const original = nftNatOriginal(rule, plan.family);
      for (const group of groups) {
        if (!groupFits(group, plan.family)) continue;
        // Any to any: no address ties ICMP to its family, and in an inet table `icmp type 8` alone would also match
        // ICMP carried in IPv6 packets (and ICMPv6 in IPv4): say the family.
        const family = plan.family === 'both' ? (ICMP_FAMILY[group.protocol] ?? '') : '';
        for (const l4 of l4Matches(pool, group)) {
          // `original` ends with its own space, like the ICMP family.
          const rest = `${dst === '' ? '' : `${dst} `}${family}${l4 === '' ? '' : `${l4} `}${original}${end}`;
          chains.add(zone, source, rule.origin.label, rowName, rest);
        }
      }
    }
  }
  const natChains = nftNatChains(slice, options, issues);
  if (issues.length > 0) return fail(issues);

  const out: string[] = [
    '#!/usr/sbin/nft -f',
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}. Generated: change the catalog or the site, not this file.`,
    `# Loading replaces table inet ${table} only; other tables are left alone.`,
    `table inet ${table}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
  ];
  for (const { name, value: set } of pool.sets.byUse()) {
    out.push(`\tset ${name} {`, `\t\ttype ${set.type}`, '\t\tflags interval');
    out.push(`\t\telements = { ${set.elements.join(',\n\t\t\t     ')} }`, '\t}', '');
  }
  const layout = chains.layout();
  out.push(
    '\tchain forward {',
    '\t\ttype filter hook forward priority filter; policy drop;',
    `\t\tct state established,related ${counter}accept comment "stateful return"`,
    `\t\tct state invalid ${counter}drop comment "invalid state"`,
    ...layout.base.map(chainLine),
    '\t}',
  );
  for (const chain of layout.chains) out.push('', `\tchain ${chain.name} {`, ...chain.lines.map(chainLine), '\t}');
  out.push(...natChains, '}', '');
  return ok({
    artifacts: [{ path: `${fileName(slice.firewall)}.nft`, content: out.join('\n'), mediaType: 'text/x-nftables' }],
    findings: [],
  });
}
