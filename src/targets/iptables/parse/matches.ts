import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { flagList, flagsOpaque } from '../../../ruleset/tcp-flags.js';
import { type IcmpMatch, TCP_FLAG_BITS } from '../../../ruleset/types.js';
import type { RuleDraft } from './draft.js';
import type { IpSet } from './ipset.js';
import {
  isProblem,
  isUnlisted,
  type Problem,
  parseAddressList,
  parsePortList,
  parsePortRange,
  parseStates,
  problem,
  protocolNumber,
  xtablesIpv4,
  xtablesNumber,
} from './values.js';
import { ICMP_NAMES, ICMPV6_NAMES } from './vocab.js';
import type { Word } from './words.js';

/** One option of a match module as written: `! --dport 80` is { name: '--dport', negated: true, values: ['80'] }. */
export interface OptionUse {
  readonly name: string;
  readonly col: number;
  readonly negated: boolean;
  readonly values: readonly Word[];
  /** The rule's words and where this option lies among them (its text is only built when needed). */
  readonly words: readonly Word[];
  readonly from: number;
  readonly to: number;
}

/** The option as written (`! --dport 80`), for the reasons of uninterpreted matches. */
export const optionText = (use: OptionUse): string =>
  use.words
    .slice(use.from, use.to)
    .map((x) => (x.quoted ? JSON.stringify(x.text) : x.text))
    .join(' ');

export interface MatchContext {
  readonly draft: RuleDraft;
  readonly sets: ReadonlyMap<string, IpSet> | undefined;
  /** Port sets already read in this file, by text (real rulesets repeat the same few). */
  readonly cache: Map<string, PortSet | Problem>;
  /** A warning at a column of the line (the rule is still read). */
  warn(col: number, message: string, hint?: string): void;
}

interface OptionSpec {
  /** Values the option takes. */
  readonly arity: number;
  readonly apply: (ctx: MatchContext, use: OptionUse) => Problem | undefined;
}

export type MatchModule = Readonly<Record<string, OptionSpec>>;

const value = (use: OptionUse, i = 0): string => use.values[i]?.text ?? '';

/** Whether the `-m` match this option belongs to also has `option` (the words between its `-m` and the next). */
function sameMatchHas(use: OptionUse, option: string): boolean {
  const ends = new Set(['-m', '--match', '-j', '--jump', '-g', '--goto']);
  let from = use.from;
  while (from > 0 && !ends.has(use.words[from - 1]?.text ?? '')) from--;
  let to = use.to;
  while (to < use.words.length && !ends.has(use.words[to]?.text ?? '')) to++;
  return use.words.slice(from, to).some((w) => w.text === option && !w.quoted);
}

/** An option this reading does not interpret: the rule may or may not match where its other fields do. */
const opaqueOption = (why: string): OptionSpec => ({
  arity: 1,
  apply: (ctx, use) => {
    ctx.draft.opaque.push(`${optionText(use)}: ${why}`);
    return undefined;
  },
});

/** `decimal`: the module reads numbers in base 10 (udp, dccp), not in base 0 like tcp, sctp and multiport. */
const ports = (field: 'source' | 'destination', list: boolean, decimal = false): OptionSpec => ({
  arity: 1,
  apply: (ctx, use) => {
    const key = `${list ? 'l' : decimal ? 'd' : 'r'}${value(use)}`;
    let ps = ctx.cache.get(key);
    if (!ps) {
      const set = list ? parsePortList(value(use)) : parsePortRange(value(use), decimal);
      ps = isProblem(set) ? set : 'from' in set ? PortSet.fromRanges([set]) : set;
      ctx.cache.set(key, ps);
    }
    if (isProblem(ps)) return ps;
    if (field === 'source') ctx.draft.addSourcePorts(ps, use.negated);
    else ctx.draft.addDestinationPorts(ps, use.negated);
    return undefined;
  },
});

/** `--ports`: the source OR the destination port in the set; negated, neither (a conjunction the rule holds). */
const eitherPorts: OptionSpec = {
  arity: 1,
  apply: (ctx, use) => {
    const ps = parsePortList(value(use));
    if (isProblem(ps)) return ps;
    if (use.negated) {
      ctx.draft.addSourcePorts(ps, true);
      ctx.draft.addDestinationPorts(ps, true);
    } else ctx.draft.eitherPorts.push(ps);
    return undefined;
  },
};

/** A bridge-port option: uninterpreted unless the packet's path decides it (see `BridgePortMatch`). */
const physdev = (arity: number): OptionSpec => ({
  arity,
  apply: (ctx, use) => {
    const text = `${optionText(use)}: depends on bridge ports`;
    ctx.draft.opaque.push(text);
    ctx.draft.physdev.push({ option: use.name, text, negated: use.negated });
    return undefined;
  },
});

/** libxt_tcp's flag names (any case): the six it knows (ECE and CWR are the ecn module's), ALL for them, NONE. */
const { ecn: _ecn, cwr: _cwr, ...SIX_FLAGS } = TCP_FLAG_BITS;
const TCP_FLAG_NAMES: Readonly<Record<string, number>> = { ...SIX_FLAGS, all: 0x3f, none: 0 };

function flagBits(text: string): number | Problem {
  const read = flagList(text, TCP_FLAG_NAMES);
  if ('bits' in read) return read.bits;
  const names = Object.keys(TCP_FLAG_NAMES).map((n) => n.toUpperCase());
  return problem(`unknown TCP flag "${read.unknown}"`, `write ${names.join(', ')}`);
}

/** `--syn` is `--tcp-flags FIN,SYN,RST,ACK SYN`, as libxt_tcp reads it. */
const SYN_ONLY = { mask: 0x17, value: 0x02 };

/** `[!] --tcp-flags MASK COMP`, `[!] --syn`: decided for packets whose flags are known (see `TcpFlagsMatch`). */
const tcpFlags = (syn: boolean): OptionSpec => ({
  arity: syn ? 0 : 2,
  apply: (ctx, use) => {
    let test = SYN_ONLY;
    if (!syn) {
      const mask = flagBits(value(use));
      if (isProblem(mask)) return mask;
      const comp = flagBits(value(use, 1));
      if (isProblem(comp)) return comp;
      test = { mask, value: comp };
    }
    const text = flagsOpaque(optionText(use));
    ctx.draft.opaque.push(text);
    ctx.draft.tcpFlags.push({ text, test: { mask: test.mask, values: [test.value], negated: use.negated } });
    return undefined;
  },
});

const portsModule = (extra: Record<string, OptionSpec> = {}, decimal = false): MatchModule => ({
  '--sport': ports('source', false, decimal),
  '--source-port': ports('source', false, decimal),
  '--dport': ports('destination', false, decimal),
  '--destination-port': ports('destination', false, decimal),
  ...extra,
});

const icmpType =
  (names: typeof ICMP_NAMES, option: string): OptionSpec['apply'] =>
  (ctx, use) => {
    const text = value(use);
    // As libxt_icmp reads it: a name, or the start of one name only, in any case; else TYPE[/CODE] numbers.
    const starting = Object.keys(names)
      .concat(names === ICMP_NAMES ? ['any'] : [])
      .filter((n) => n.toLowerCase().startsWith(text.toLowerCase()));
    const exact = text === 'any' ? 'any' : names[text] ? text : undefined;
    if (!exact && starting.length > 1) {
      return problem(`ambiguous ICMP type "${text}" for ${option}: ${starting.join(', ')}`, 'write the whole name');
    }
    const name = exact ?? (text === '' ? undefined : starting[0]);
    if (name === 'any') {
      ctx.draft.addIcmp('any', use.negated);
      return undefined;
    }
    const m = (name ? names[name] : undefined) ?? numericIcmp(text);
    if (!m) return problem(`unknown ICMP type "${text}" for ${option}`, 'a type name, a number, or TYPE/CODE');
    ctx.draft.addIcmp(m, use.negated);
    return undefined;
  };

/** `TYPE` or `TYPE/CODE`, each a number as libxtables reads one (`0x8`, `010` is 8). */
function numericIcmp(text: string): IcmpMatch | undefined {
  const slash = text.indexOf('/');
  const type = xtablesNumber(slash < 0 ? text : text.slice(0, slash), 255);
  const code = slash < 0 ? undefined : xtablesNumber(text.slice(slash + 1), 255);
  if (type === undefined || (slash >= 0 && code === undefined)) return undefined;
  return code === undefined ? { type } : { type, code };
}

const states: OptionSpec = {
  arity: 1,
  apply: (ctx, use) => {
    // conntrack's virtual state DNAT: the destination was (or, negated, was not) translated; listed with real
    // states (firewalld's RELATED,ESTABLISHED,DNAT), one of them or translated.
    const items = value(use).split(',');
    const dnat = items.filter((x) => x.toUpperCase() === 'DNAT');
    if (use.name === '--ctstate' && dnat.length > 0 && !items.some((x) => x.toUpperCase() === 'SNAT')) {
      const rest = items.filter((x) => x.toUpperCase() !== 'DNAT');
      if (rest.length === 0) {
        ctx.draft.setTranslated(!use.negated);
        return undefined;
      }
      const listed = parseStates(rest.join(','));
      if (listed === 'virtual') return problem(`"${value(use)}" is not a list of states`);
      if (isProblem(listed)) return listed;
      if (use.negated) {
        ctx.draft.addStates(listed, true);
        ctx.draft.setTranslated(false);
      } else ctx.draft.statesOrTranslated.push(listed);
      return undefined;
    }
    const s = parseStates(value(use));
    if (s === 'virtual') {
      ctx.draft.opaque.push(`${optionText(use)}: the SNAT/DNAT conntrack states are not modelled`);
      return undefined;
    }
    if (isProblem(s)) return s;
    ctx.draft.addStates(s, use.negated);
    return undefined;
  },
};

const range = (field: 'source' | 'destination'): OptionSpec => ({
  arity: 1,
  apply: (ctx, use) => {
    const text = value(use);
    const dash = text.indexOf('-');
    const from = dash < 0 ? text : text.slice(0, dash);
    const to = dash < 0 ? text : text.slice(dash + 1);
    // IPv4 ends as libxtables reads them (`10.0.0.010` is 10.0.0.8).
    const r = rangeSet(xtablesIpv4(from) ?? from, xtablesIpv4(to) ?? to);
    if (isProblem(r)) return r;
    if (field === 'source') ctx.draft.addSource(r, use.negated);
    else ctx.draft.addDestination(r, use.negated);
    return undefined;
  },
});

function rangeSet(from: string, to: string): CidrSet | Problem {
  const r = CidrSet.fromRange(from, to);
  return r.ok ? r.value : problem(r.message, r.hint ?? 'write FIRST-LAST');
}

const matchSet: OptionSpec = {
  arity: 2,
  apply: (ctx, use) => {
    const name = value(use);
    const flags = value(use, 1).split(',');
    if (!flags.every((f) => f === 'src' || f === 'dst')) {
      return problem(`"${value(use, 1)}" is not a list of src and dst`, 'write src, dst, or src,dst');
    }
    const set = ctx.sets?.get(name);
    if (!set) {
      ctx.draft.opaque.push(`${optionText(use)}: the contents of ipset ${name} were not given`);
      ctx.warn(use.col, `ipset ${name} is not defined in the ipset save given`, 'pass the ipset save output too');
      return undefined;
    }
    if (set.family !== ctx.draft.family) {
      return problem(
        `ipset ${name} is of family inet${set.family === 6 ? '6' : ''}, the rule of IPv${ctx.draft.family}`,
      );
    }
    const first = flags[0] === 'src' ? 'source' : 'destination';
    if (set.notModelled === undefined) {
      if (first === 'source') ctx.draft.addSource(set.addresses, use.negated);
      else ctx.draft.addDestination(set.addresses, use.negated);
      return undefined;
    }
    ctx.draft.opaque.push(`${optionText(use)}: ${set.notModelled}`);
    // A bound on the first dimension is sound only for a positive match.
    if (set.addressBound && !use.negated) {
      if (first === 'source') ctx.draft.addSource(set.addresses, false);
      else ctx.draft.addDestination(set.addresses, false);
    }
    return undefined;
  },
};

const comment: OptionSpec = {
  arity: 1,
  apply: (ctx, use) => {
    ctx.draft.comments.push(value(use));
    return undefined;
  },
};

/** The match modules this reading interprets (others are kept whole as uninterpreted). */
export const MODULES: Readonly<Record<string, MatchModule>> = {
  tcp: portsModule({
    '--tcp-flags': tcpFlags(false),
    '--syn': tcpFlags(true),
    '--tcp-option': opaqueOption('TCP options are not modelled'),
  }),
  udp: portsModule({}, true),
  udplite: portsModule({}, true),
  sctp: portsModule({ '--chunk-types': { arity: 2, apply: opaqueOption('SCTP chunk types are not modelled').apply } }),
  dccp: portsModule(
    {
      '--dccp-types': opaqueOption('DCCP types are not modelled'),
      '--dccp-option': opaqueOption('DCCP options are not modelled'),
    },
    true,
  ),
  icmp: { '--icmp-type': { arity: 1, apply: icmpType(ICMP_NAMES, '--icmp-type') } },
  icmp6: { '--icmpv6-type': { arity: 1, apply: icmpType(ICMPV6_NAMES, '--icmpv6-type') } },
  multiport: {
    '--dports': ports('destination', true),
    '--destination-ports': ports('destination', true),
    '--sports': ports('source', true),
    '--source-ports': ports('source', true),
    '--ports': eitherPorts,
  },
  physdev: {
    '--physdev-in': physdev(1),
    '--physdev-out': physdev(1),
    '--physdev-is-in': physdev(0),
    '--physdev-is-out': physdev(0),
    '--physdev-is-bridged': physdev(0),
  },
  iprange: { '--src-range': range('source'), '--dst-range': range('destination') },
  state: { '--state': states },
  conntrack: {
    '--ctstate': states,
    // The connection's protocol: the packet's own in most states (translation keeps it), see `connectionPieces`.
    '--ctproto': {
      arity: 1,
      apply: (ctx, use) => {
        const n = protocolNumber(value(use));
        if (n === undefined) return problem(`unknown protocol "${value(use)}"`, 'a protocol name or number');
        ctx.draft.addConnectionProtocols(PortSet.of(n), use.negated, optionText(use));
        // xt_conntrack: a packet without a connection (invalid, untracked) fails the match, negated or not, unless
        // a --ctstate of the same match lets its state through (the state test alone then decides).
        if (!sameMatchHas(use, '--ctstate')) ctx.draft.addStates(['new', 'established', 'related'], false);
        return undefined;
      },
    },
    '--ctorigsrc': opaqueOption('conntrack details are not modelled'),
    '--ctorigdst': {
      arity: 1,
      apply: (ctx, use) => {
        const set = parseAddressList(value(use), ctx.draft.family, new Map());
        if (isProblem(set)) return set;
        if (isUnlisted(set)) {
          ctx.draft.opaque.push(`${optionText(use)}: ${set.why}`);
          if (!use.negated) ctx.draft.addOriginalDestination(set.bound, false);
          return undefined;
        }
        ctx.draft.addOriginalDestination(set, use.negated);
        return undefined;
      },
    },
    '--ctreplsrc': opaqueOption('conntrack details are not modelled'),
    '--ctrepldst': opaqueOption('conntrack details are not modelled'),
    '--ctorigsrcport': opaqueOption('conntrack details are not modelled'),
    '--ctorigdstport': {
      arity: 1,
      apply: (ctx, use) => {
        const r = parsePortRange(value(use), true);
        if (isProblem(r)) return r;
        ctx.draft.addOriginalDestinationPorts(PortSet.fromRanges([r]), use.negated);
        return undefined;
      },
    },
    '--ctreplsrcport': opaqueOption('conntrack details are not modelled'),
    '--ctrepldstport': opaqueOption('conntrack details are not modelled'),
    '--ctstatus': opaqueOption('conntrack details are not modelled'),
    '--ctexpire': opaqueOption('conntrack details are not modelled'),
    '--ctdir': opaqueOption('conntrack details are not modelled'),
  },
  set: {
    '--match-set': matchSet,
    '--set': matchSet,
    '--return-nomatch': { arity: 0, apply: opaqueOption('set counters and options are not modelled').apply },
    '--update-counters': { arity: 0, apply: () => undefined },
    '--update-subcounters': { arity: 0, apply: () => undefined },
    '--packets-eq': opaqueOption('set counters are not modelled'),
    '--packets-lt': opaqueOption('set counters are not modelled'),
    '--packets-gt': opaqueOption('set counters are not modelled'),
    '--bytes-eq': opaqueOption('set counters are not modelled'),
    '--bytes-lt': opaqueOption('set counters are not modelled'),
    '--bytes-gt': opaqueOption('set counters are not modelled'),
  },
  comment: { '--comment': comment },
};

/** The module `-p` loads on its own when an option it knows follows (`-p tcp --dport 22`). */
export const IMPLICIT_MODULE: Readonly<Record<number, string>> = {
  1: 'icmp',
  6: 'tcp',
  17: 'udp',
  33: 'dccp',
  58: 'icmp6',
  132: 'sctp',
  136: 'udplite',
};
