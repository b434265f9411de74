import { fail, type Issue, ok, type Result } from '../../model/issues.js';
import { type Prefix, withLength } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { FirewallRuleset } from '../../ruleset/firewall.js';
import type { Artifact, TargetOutput } from '../generate/target.js';
import { ChainLayoutBuilder, type ChainLine, rowNames } from '../kit/chains.js';
import { type InterfacePattern, interfaceMatcher, quoted, safeText } from '../kit/escape.js';
import { createNamer, fileName, objectName, stableHash } from '../kit/names.js';
import { ObjectPool, type PoolEntry } from '../kit/objects.js';
import { familyPlans, groupFits, groupingInTurn, type ProtocolGroup, protocolGroups, type Side } from '../kit/plan.js';
import { TextLines } from '../kit/text-lines.js';
import { IPSET_NAME_RULES, IPTABLES_CAPABILITIES } from './capabilities.js';
import { iptablesNatJumps, iptablesNatOriginal, iptablesNatSection } from './nat.js';
import type { IptablesOptions } from './options.js';
import { portMatches } from './ports.js';

/** xt chain names: XT_EXTENSION_MAXNAMELEN is 29 including the final NUL. */
const CHAIN_NAME_RULES = { maxLength: 28, charset: /[A-Za-z0-9_-]/, separator: '-' } as const;

/**
 * Names a chain of ours must never take: the built-in chains, and the targets iptables knows (`iptables -N` refuses a
 * chain named like a target: `SNAT` is refused, `snat` taken; the namer compares without case, which is stricter).
 * A chain named after a source or a flow alone can be one word (`mark`, `drop`): this list keeps it from those.
 */
const BUILTIN_NAMES = [
  ...['INPUT', 'OUTPUT', 'FORWARD', 'PREROUTING', 'POSTROUTING'],
  ...['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'QUEUE', 'NFQUEUE', 'LOG', 'NFLOG', 'ULOG', 'TRACE', 'AUDIT'],
  ...['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TPROXY', 'TEE'],
  ...['SET', 'CLASSIFY', 'DSCP', 'TOS', 'TTL', 'HL', 'ECN', 'TCPMSS', 'CHECKSUM', 'SECMARK', 'SYNPROXY'],
];

/**
 * The sub-chains' names. Replace mode: readable (`lan-to-dmz`, `lan-to-dmz-from-clients`, `<catalog>-<flow>`).
 * Coexist mode: `<tag>.<readable>`, the tag being our chain's name (a hash of it when longer than 13 characters):
 * the `.` no chain option can hold marks every chain of ours, so the load script can delete the ones an earlier
 * version left and never another chain (a chain option `FLOWMATRIX-fw` does not claim `FLOWMATRIX-fw-2.…`).
 */
export function subChainPrefix(chain: string): string {
  return `${chain.length <= 13 ? chain : `FM${stableHash(chain)}`}.`;
}

/**
 * Names for the layout's chains: `<zone>-from-<source>` (`lan-to-dmz-from-web`) and `<catalog>-<flow>`. When that is
 * longer than a chain name may be, the source alone (`src-net-12`: the zone chain jumping to it says the zone) or the
 * flow alone (its rules' comments carry the whole label), which read better than a cut name and a hash. The namer
 * keeps every name unique.
 */
function chainNamer(prefix: string): (parts: readonly string[], identity: string) => string {
  const rules = { ...CHAIN_NAME_RULES, maxLength: CHAIN_NAME_RULES.maxLength - prefix.length, reserved: BUILTIN_NAMES };
  const namer = createNamer(rules);
  return (parts, identity) => {
    // Measured as given, cleaned once by the namer (which cuts and hashes a name its cleaning makes too long).
    if (parts.join(rules.separator).length <= rules.maxLength) return `${prefix}${namer(parts, identity)}`;
    const source = parts.length > 4 && parts[1] === 'to' && parts[3] === 'from';
    const row = parts.length === 2;
    return `${prefix}${namer(source ? parts.slice(4) : row ? parts.slice(1) : parts, identity)}`;
  };
}

/** Said at the top of each file: how to read it. */
const LAYOUT =
  '# Layout: the forward chain jumps by interface pair to a zone chain, that one by source to a source chain, which holds the rules of each matrix row or jumps to a chain of them.';

/** `-A <chain> [match] <jump or rest>`: one string per line, no array filtered and joined for each. */
const ruleOf = (chain: string, line: ChainLine): string => {
  const tail = 'jump' in line ? `-j ${line.jump}` : line.rest;
  const head = line.match === '' ? `-A ${chain}` : `-A ${chain} ${line.match}`;
  return tail === '' ? head : `${head} ${tail}`;
};

interface IpSet {
  readonly family: 4 | 6;
  readonly elements: readonly string[];
}

/** ipsets shared by content across rules, one per role and family. */
class IpSetPool {
  readonly sets = new ObjectPool<IpSet>(createNamer(IPSET_NAME_RULES));
  /**
   * The set per family and endpoint content: spares joining the elements again for every rule of a role. Keyed by
   * the endpoint's own key string (its hash is computed once), not a key built per rule.
   */
  readonly byEndpoint = { 4: new Map<string, PoolEntry<IpSet>>(), 6: new Map<string, PoolEntry<IpSet>>() };
  /** addressArg's texts, by family, direction and endpoint key. */
  readonly texts = {
    4: { '-s': new Map<string, AddressText>(), '-d': new Map<string, AddressText>() },
    6: { '-s': new Map<string, AddressText>(), '-d': new Map<string, AddressText>() },
  };

  name(family: 4 | 6, ep: ParsedEndpoint, side: readonly Prefix[]): string {
    const key = ep.values.key;
    let set = this.byEndpoint[family].get(key);
    if (set === undefined) {
      const elements = side.map(withLength);
      const identity = `${family}|${elements.join(',')}`;
      set = this.sets.entry(['fm', ep.role, `v${family}`], identity, { family, elements });
      this.byEndpoint[family].set(key, set);
    } else set.uses++;
    return set.name;
  }
}

/** One endpoint content's match in one family and direction, and its ipset if it has one (whose uses it counts). */
interface AddressText {
  readonly text: string;
  readonly set?: PoolEntry<IpSet>;
}

/**
 * The address match of a side, one text per endpoint content, family and direction (the same string for every rule
 * of a role: the chain layout then finds it by a hash computed once).
 */
function addressArg(
  pool: IpSetPool,
  family: 4 | 6,
  flag: '-s' | '-d',
  side: Side,
  ep: ParsedEndpoint,
  threshold: number,
): string {
  if (side === 'any') return '';
  const texts = pool.texts[family][flag];
  const known = texts.get(ep.values.key);
  if (known !== undefined) {
    if (known.set) known.set.uses++;
    return known.text;
  }
  let made: AddressText;
  if (side.length > threshold) {
    const name = pool.name(family, ep, side);
    made = {
      text: `-m set --match-set ${name} ${flag === '-s' ? 'src' : 'dst'}`,
      set: pool.byEndpoint[family].get(ep.values.key) as PoolEntry<IpSet>,
    };
  } else made = { text: `${flag} ${side.map(withLength).join(',')}` };
  texts.set(ep.values.key, made);
  return made.text;
}

function protocolArgs(group: ProtocolGroup, family: 4 | 6): string[] {
  const { protocol } = group;
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') {
    return portMatches(group.ports).map((m) => `-p ${protocol} ${m}`);
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const [p, opt] = family === 4 ? ['icmp', '--icmp-type'] : ['ipv6-icmp', '--icmpv6-type'];
    return group.icmpTypes === 'all' ? [`-p ${p}`] : group.icmpTypes.map((t) => `-p ${p} ${opt} ${t}`);
  }
  return protocol === 'ip' ? [''] : [`-p ${protocol}`];
}

/** A run of rules' protocol groups, and each group's protocol matches per family once made (they are pure). */
interface GroupsInTurn {
  readonly groups: readonly ProtocolGroup[];
  readonly args: { readonly 4: (readonly string[] | undefined)[]; readonly 6: (readonly string[] | undefined)[] };
}

/** iptables' prefix wildcard is a trailing `+`. */
const iptablesInterface = (p: InterfacePattern): string => (p.prefix ? `${p.name}+` : p.name);

const iptablesInterfaces = ({ from, to }: { readonly from?: string; readonly to?: string }): string =>
  [from && `-i ${from}`, to && `-o ${to}`].filter(Boolean).join(' ');

export function printIptables(slice: FirewallRuleset, options: IptablesOptions = {}): Result<TargetOutput> {
  const threshold = options.ipsetThreshold ?? 1;
  const coexist = options.mode === 'coexist';
  const chain = coexist ? (options.chain ?? objectName(['FLOWMATRIX', slice.firewall], CHAIN_NAME_RULES)) : 'FORWARD';
  const pool = new IpSetPool();
  const issues: Issue[] = [];
  const prefix = coexist ? subChainPrefix(chain) : '';
  const layouts = { 4: new ChainLayoutBuilder(chainNamer(prefix)), 6: new ChainLayoutBuilder(chainNamer(prefix)) };
  const interfacesOf = interfaceMatcher(slice.firewall, iptablesInterface, iptablesInterfaces);
  /** Each label's comment match, written once (rows have several rules). */
  const comments = new Map<string, string>();
  const rowNameOf = rowNames();
  // A run of rules with the same services shares its groups and their protocol matches, made on first use.
  const groupsOf = groupingInTurn(
    (services): GroupsInTurn => ({ groups: protocolGroups(services), args: { 4: [], 6: [] } }),
  );
  for (const rule of slice.rules) {
    const zone = { match: interfacesOf(rule, issues), name: [rule.fromZone, 'to', rule.toZone] };
    let comment = comments.get(rule.origin.label);
    if (comment === undefined) {
      comment = `-m comment --comment ${quoted(rule.origin.label, IPTABLES_CAPABILITIES.maxCommentLength)}`;
      comments.set(rule.origin.label, comment);
    }
    const rowName = rowNameOf(rule.origin.catalog, rule.origin.flow);
    const turn = groupsOf(rule.services);
    const { groups } = turn;
    for (const plan of familyPlans(rule)) {
      for (const family of plan.family === 'both' ? ([4, 6] as const) : [plan.family]) {
        const src = addressArg(pool, family, '-s', plan.source, rule.source, threshold);
        const dst = addressArg(pool, family, '-d', plan.destination, rule.destination, threshold);
        const source = { match: src, name: [rule.source.role] };
        const original = iptablesNatOriginal(rule, family);
        const args = turn.args[family];
        for (let g = 0; g < groups.length; g++) {
          const group = groups[g] as ProtocolGroup;
          if (!groupFits(group, family)) continue;
          let protos = args[g];
          if (protos === undefined) {
            protos = protocolArgs(group, family);
            args[g] = protos;
          }
          for (const proto of protos) {
            const rest = [dst, proto, original, comment, '-j ACCEPT'];
            layouts[family].addParts(zone, source, rule.origin.label, rowName, rest);
          }
        }
      }
    }
  }
  const nat = { 4: iptablesNatSection(slice, options, 4, issues), 6: iptablesNatSection(slice, options, 6, issues) };
  if (issues.length > 0) return fail(issues);

  const base = fileName(slice.firewall);
  const hasSets = pool.sets.size > 0;
  const header = (family: 4 | 6): string =>
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}, IPv${family}. Generated: change the catalog or the site, not this file.`;
  const laid = { 4: layouts[4].layout(), 6: layouts[6].layout() };
  /** Our sub-chains' declarations, after the base chain's. */
  const declarations = (family: 4 | 6): string[] => laid[family].chains.map((c) => `:${c.name} - [0:0]`);
  const body = (family: 4 | 6): string[] => [
    `-A ${chain} -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "stateful return" -j ACCEPT`,
    `-A ${chain} -m conntrack --ctstate INVALID -m comment --comment "invalid state" -j DROP`,
    ...laid[family].base.map((line) => ruleOf(chain, line)),
  ];
  /** The sub-chains' rules, each chain let go once written (the last part of the file that needs the layout). */
  const subChains = (out: TextLines, family: 4 | 6): void => {
    for (const c of laid[family].take()) {
      if (c.kind === 'row') out.line(`-A ${c.name} ${c.rests.replaceAll('\n', `\n-A ${c.name} `)}`);
      else for (const line of c.lines) out.line(ruleOf(c.name, line));
    }
  };
  const replaceFile = (family: 4 | 6): TextLines => {
    const out = new TextLines();
    out.add(
      header(family),
      `# Load: ${hasSets ? `ipset restore -exist < ${base}.ipset, then ` : ''}${family === 4 ? 'iptables' : 'ip6tables'}-restore < this file. It replaces the whole filter table:`,
      "# the rules of INPUT and OUTPUT (the firewall's own traffic, SSH to it too) go with it, their policies stay;",
      '# to keep them, generate with the option mode: coexist (it loads beside them with --noflush).',
      LAYOUT,
      '*filter',
      ':FORWARD DROP [0:0]',
    );
    out.addAll(declarations(family));
    out.addAll(body(family));
    subChains(out, family);
    out.line('COMMIT');
    out.addAll(nat[family]);
    out.line('');
    return out;
  };
  const otherwise = options.otherwise === 'return' ? 'RETURN' : 'DROP';
  const coexistFile = (family: 4 | 6): TextLines => {
    const out = new TextLines();
    out.add(
      header(family),
      `# Load: sh ${base}.load.sh (again to reload). It runs ${family === 4 ? 'iptables' : 'ip6tables'}-restore --noflush < this file, which`,
      `# flushes and reloads chain ${chain} and its sub-chains ${prefix}* of the filter table only, then deletes`,
      `# the sub-chains ${prefix}* this file does not declare (an earlier version's) and adds the jump`,
      `# -I FORWARD 1 -j ${chain} once. Every other table, chain, rule, policy and counter stays.`,
      LAYOUT,
      '*filter',
      `:${chain} - [0:0]`,
    );
    out.addAll(declarations(family));
    out.addAll(body(family));
    out.line(
      `-A ${chain} -m comment --comment "${otherwise === 'DROP' ? 'not in the flow matrix' : 'not in the flow matrix: the device decides'}" -j ${otherwise}`,
    );
    subChains(out, family);
    out.line('COMMIT');
    out.addAll(nat[family]);
    out.line('');
    return out;
  };
  const file = coexist ? coexistFile : replaceFile;
  const artifacts: Artifact[] = [
    file(4).artifact(`${base}.iptables`, 'text/x-iptables-save'),
    file(6).artifact(`${base}.ip6tables`, 'text/x-iptables-save'),
  ];
  if (coexist) artifacts.push(loadScript(slice, base, chain, hasSets, options));
  if (hasSets) {
    const ipset: string[] = [];
    for (const { name, value: set } of pool.sets.byUse()) {
      ipset.push(`create ${name} hash:net family ${set.family === 4 ? 'inet' : 'inet6'}`, `flush ${name}`);
      for (const e of set.elements) ipset.push(`add ${name} ${e}`);
    }
    artifacts.unshift({ path: `${base}.ipset`, content: `${ipset.join('\n')}\n`, mediaType: 'text/x-ipset' });
  }
  return ok({ artifacts, findings: [] });
}

/** The coexist loader: our sets (`-exist`), our chain (`--noflush`), one jump each, checked before it is added. */
function loadScript(
  slice: FirewallRuleset,
  base: string,
  chain: string,
  hasSets: boolean,
  options: IptablesOptions,
): Artifact {
  const jump = (tool: string): string =>
    `${tool} -C FORWARD -j ${chain} 2>/dev/null || ${tool} -I FORWARD 1 -j ${chain}`;
  const prefix = subChainPrefix(chain);
  /** After the restore: our sub-chains the file does not declare (an earlier version's), emptied, then deleted. */
  const cleanUp = (tool: string, file: string): string[] => [
    `stale=$(stale ${tool} ${file})`,
    `for c in $stale; do ${tool} -F "$c"; done`,
    `for c in $stale; do ${tool} -X "$c"; done`,
  ];
  const content = [
    '#!/bin/sh',
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}. Generated: change the catalog or the site, not this file.`,
    `# Loads the rules beside the existing ones and reloads them when run again: our ipsets, chain ${chain}, its`,
    `# sub-chains ${prefix}* (those an earlier version had and this one has not are deleted) and one jump from FORWARD`,
    '# per family. Nothing else is flushed, deleted or reordered.',
    'set -eu',
    'cd "$(dirname "$0")"',
    // The filter table's chains named with our prefix that the file ($2) does not declare.
    `stale() { "$1-save" -t filter | awk -v p=':${prefix}' 'FNR == NR { if (index($1, p) == 1) declared[$1] = 1; next } index($1, p) == 1 && !($1 in declared) { print substr($1, 2) }' "$2" -; }`,
    ...(hasSets ? [`ipset restore -exist < ${base}.ipset`] : []),
    `iptables-restore --noflush < ${base}.iptables`,
    ...cleanUp('iptables', `${base}.iptables`),
    jump('iptables'),
    `ip6tables-restore --noflush < ${base}.ip6tables`,
    ...cleanUp('ip6tables', `${base}.ip6tables`),
    jump('ip6tables'),
    ...iptablesNatJumps(slice, options),
    '',
  ].join('\n');
  return { path: `${base}.load.sh`, content, mediaType: 'text/x-shellscript' };
}
