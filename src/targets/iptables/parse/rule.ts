import { closest } from '../../../model/issues.js';
import type { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { RuleDraft } from './draft.js';
import type { IpSet } from './ipset.js';
import { IMPLICIT_MODULE, type MatchContext, MODULES, type OptionUse, optionText } from './matches.js';
import {
  isProblem,
  isUnlisted,
  type Problem,
  parseAddressList,
  problem,
  protocolNumber,
  type UnlistedAddresses,
} from './values.js';
import { PORTED, PROTOCOLS } from './vocab.js';
import { isOption, type Word } from './words.js';

/** The target of a rule as written (`-j REJECT --reject-with tcp-reset`, `-g other_chain`). */
export interface TargetUse {
  readonly name: string;
  readonly col: number;
  readonly goto: boolean;
  readonly args: readonly string[];
}

export interface RuleReading {
  readonly draft: RuleDraft;
  readonly target?: TargetUse;
  /** The match modules in the order the kernel holds them (`-m`, or the one `-p tcp --dport` loads), for `-D`. */
  readonly matches: readonly string[];
  /** `-4` in an ip6tables file or `-6` in an iptables file: iptables-restore skips the rule. */
  readonly otherFamily?: true;
}

export type LocatedProblem = Problem & { readonly col: number };

export interface RuleEnvironment {
  readonly family: 4 | 6;
  readonly sets: ReadonlyMap<string, IpSet> | undefined;
  readonly addresses: Map<string, CidrSet | Problem | UnlistedAddresses>;
  /** Port and protocol sets already read in this file, by text. */
  readonly cache: Map<string, PortSet | Problem>;
  warn(col: number, message: string, hint?: string): void;
}

/** Why a match module this reading leaves uninterpreted cannot be decided from the packet's header alone. */
const OPAQUE_WHY: Readonly<Record<string, string>> = {
  recent: 'depends on packets seen earlier',
  hashlimit: 'a rate limit, which depends on traffic',
  limit: 'a rate limit, which depends on traffic',
  connlimit: 'depends on the number of open connections',
  mark: 'depends on a mark set by other rules',
  connmark: 'depends on a mark set by other rules',
  owner: 'depends on the local process',
  mac: 'matches MAC addresses, which this reading does not model',
  string: 'matches the payload',
  u32: 'matches raw packet bytes',
  addrtype: 'depends on the addresses of the firewall itself',
  pkttype: 'depends on the link-layer packet type',
  length: 'depends on the packet length',
  policy: 'depends on IPsec processing',
  rpfilter: 'depends on the routing table',
  xt: 'an iptables-nft compatibility expression whose arguments are lost',
};

const ADDRESS_OPTIONS = new Set(['-s', '--source', '--src', '-d', '--destination', '--dst']);

/** The options of a rule itself (not of a match or target module). */
const RULE_OPTIONS = new Set([
  ...ADDRESS_OPTIONS,
  ...['-p', '--protocol', '-i', '--in-interface', '-o', '--out-interface', '-f', '--fragment'],
  ...['-j', '--jump', '-g', '--goto', '-c', '--set-counters', '-4', '--ipv4', '-6', '--ipv6'],
]);

/**
 * Whether a match module this reading models, loaded (`-m`) or implied by the protocol, has the option: no target
 * has an option of the same name, so one after the target is the match's.
 */
function knownToMatches(loaded: readonly { name: string; opaque?: string[] }[], name: string, protocol?: number) {
  const implicit = protocol === undefined ? undefined : IMPLICIT_MODULE[protocol];
  return (
    loaded.some((m) => !m.opaque && MODULES[m.name]?.[name] !== undefined) ||
    (implicit !== undefined && MODULES[implicit]?.[name] !== undefined)
  );
}

/** Reads the words of one rule after `-A CHAIN`; the first problem ends the line (later words may be misaligned). */
export function readRule(words: readonly Word[], from: number, env: RuleEnvironment): RuleReading | LocatedProblem {
  const draft = new RuleDraft(env.family);
  const ctx: MatchContext = { draft, sets: env.sets, warn: env.warn, cache: env.cache };
  const loaded: { name: string; opaque?: string[]; col: number }[] = [];
  const matches: string[] = [];
  let target: { name: string; col: number; goto: boolean; args: string[] } | undefined;
  let afterTarget = false;
  let otherFamily = false;
  let i = from;
  while (i < words.length) {
    const start = i;
    let negated = false;
    if (isBang(words[i])) {
      negated = true;
      i++;
    }
    const w = words[i];
    if (!w) return at(words[start] as Word, '"!" at the end of the rule', 'put "!" before the option it negates');
    if (!isOption(w)) return at(w, `unexpected "${w.text}"`, 'an option such as -s, -p, -m or -j was expected here');
    let j = i + 1;
    if (isBang(words[j]) && words[j + 1] && !isOption(words[j + 1] as Word)) {
      if (negated) return at(words[j] as Word, 'two "!" for one option');
      negated = true; // old syntax: -s ! 10.0.0.0/8
      j++;
    }
    const values: Word[] = [];
    while (j < words.length && !isOption(words[j] as Word) && !isBang(words[j])) values.push(words[j++] as Word);
    const use: OptionUse = { name: w.text, col: w.col, negated, values, words, from: start, to: j };
    i = j;
    const name = w.text;

    if (name === '-m' || name === '--match') {
      const v = oneValue(w, values);
      if ('message' in v) return v;
      if (negated) return at(w, '"!" cannot negate -m', 'negate the module option instead');
      loaded.push(MODULES[v.text] ? { name: v.text, col: v.col } : { name: v.text, col: v.col, opaque: [] });
      matches.push(v.text);
      afterTarget = false;
      continue;
    }
    // After the target come its options, but iptables reads the rule's own options (and those of the matches it
    // models) wherever they stand: `-j ACCEPT -s 10.0.0.0/8` accepts only 10.0.0.0/8.
    if (afterTarget && target && !RULE_OPTIONS.has(name) && !knownToMatches(loaded, name, draft.protocol)) {
      target.args.push(optionText(use));
      continue;
    }
    if (ADDRESS_OPTIONS.has(name)) {
      const v = oneValue(w, values);
      if ('message' in v) return v;
      if (negated && v.text.includes(',')) {
        return at(v, '"!" cannot negate a list of addresses', 'write one rule per address, or use an ipset');
      }
      const read = parseAddressList(v.text, env.family, env.addresses);
      if (isProblem(read)) return { ...read, col: v.col };
      const source = name.startsWith('-s') || name === '--source' || name === '--src';
      // Addresses it cannot list: uninterpreted, within their bound (a bound is sound only for a positive match).
      if (isUnlisted(read)) draft.opaque.push(`${optionText(use)}: ${read.why}`);
      if (isUnlisted(read) && negated) continue;
      const set = isUnlisted(read) ? read.bound : read;
      if (source) draft.addSource(set, negated);
      else draft.addDestination(set, negated);
      continue;
    }
    switch (name) {
      case '-p':
      case '--protocol': {
        const v = oneValue(w, values);
        if ('message' in v) return v;
        const n = protocolNumber(v.text);
        if (n === undefined) {
          const near = closest(v.text.toLowerCase(), Object.keys(PROTOCOLS));
          return at(v, `unknown protocol "${v.text}"`, near ? `did you mean "${near}"?` : 'a protocol name or number');
        }
        if (n === 0) {
          if (negated) return at(w, '"! -p all" matches no packet');
          continue;
        }
        const key = `p${n}`;
        let protocols = env.cache.get(key) as PortSet | undefined;
        if (!protocols) {
          protocols = PortSet.of(n);
          env.cache.set(key, protocols);
        }
        draft.addProtocols(protocols, negated);
        if (!negated) draft.protocol = n;
        continue;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const v = oneValue(w, values);
        if ('message' in v) return v;
        if (v.text.length > 15) return at(v, `interface name "${v.text}" is longer than 15 characters`);
        const prefix = v.text.endsWith('+');
        const match = { name: prefix ? v.text.slice(0, -1) : v.text, prefix, negated };
        if (name === '-i' || name === '--in-interface') draft.inInterface = match;
        else draft.outInterface = match;
        continue;
      }
      case '-f':
      case '--fragment':
        draft.opaque.push(`${optionText(use)}: fragments are not modelled`);
        continue;
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        const v = oneValue(w, values);
        if ('message' in v) return v;
        if (negated) return at(w, '"!" cannot negate a target');
        if (target) return at(w, 'a rule has one target', 'split it into two rules');
        target = { name: v.text, col: v.col, goto: name === '-g' || name === '--goto', args: [] };
        afterTarget = true;
        continue;
      }
      case '-c':
      case '--set-counters':
        continue;
      case '-4':
      case '--ipv4':
      case '-6':
      case '--ipv6':
        if ((name === '-4' || name === '--ipv4') !== (env.family === 4)) otherFamily = true;
        continue;
    }
    const applied = applyModuleOption(ctx, loaded, use, matches);
    if (applied === 'unknown') {
      const known = loaded.flatMap((m) => Object.keys(MODULES[m.name] ?? {}));
      const near = closest(name, known);
      const portOption = MODULES.tcp?.[name] !== undefined;
      const hint = portOption
        ? 'it belongs to a protocol: add -p tcp, -p udp or -p sctp before it'
        : near
          ? `did you mean "${near}"?`
          : 'load its module with -m first';
      return at(w, `unknown option "${name}"`, hint);
    }
    if (applied) return { ...applied, col: values[0]?.col ?? w.col };
  }
  for (const m of loaded) {
    if (!m.opaque) continue;
    const text = ['-m', m.name, ...m.opaque].join(' ');
    draft.opaque.push(`${text}: ${OPAQUE_WHY[m.name] ?? 'a match this reading does not interpret'}`);
    if (m.name === 'mac') checkMac(m.opaque, m.col, env);
  }
  const reading: RuleReading = { draft, ...(target ? { target } : {}), matches };
  return otherFamily ? { ...reading, otherFamily: true } : reading;
}

/**
 * Finds the loaded module (most recent first, then the one `-p` implies) that knows the option, and applies it. The
 * implied module joins `matches` where its first option is, as iptables loads it.
 */
function applyModuleOption(
  ctx: MatchContext,
  loaded: { name: string; opaque?: string[]; col: number }[],
  use: OptionUse,
  matches: string[],
): Problem | undefined | 'unknown' {
  for (let k = loaded.length - 1; k >= 0; k--) {
    const m = loaded[k] as { name: string; opaque?: string[] };
    const spec = MODULES[m.name]?.[use.name];
    if (spec) return applySpec(ctx, m.name, spec, use);
  }
  const implicit = ctx.draft.protocol === undefined ? undefined : IMPLICIT_MODULE[ctx.draft.protocol];
  const spec = implicit ? MODULES[implicit]?.[use.name] : undefined;
  if (implicit && spec) {
    if (!matches.includes(implicit)) matches.push(implicit);
    return applySpec(ctx, implicit, spec, use);
  }
  const opaque = [...loaded].reverse().find((m) => m.opaque);
  if (opaque?.opaque) {
    opaque.opaque.push(optionText(use));
    return undefined;
  }
  return 'unknown';
}

function applySpec(
  ctx: MatchContext,
  module: string,
  spec: { arity: number; apply: (c: MatchContext, u: OptionUse) => Problem | undefined },
  use: OptionUse,
): Problem | undefined {
  if (use.values.length !== spec.arity) {
    return problem(`${use.name} takes ${spec.arity} value${spec.arity === 1 ? '' : 's'}, not ${use.values.length}`);
  }
  const portOption = /port/.test(use.name) && module !== 'conntrack';
  if (portOption && (ctx.draft.protocol === undefined || !PORTED.has(ctx.draft.protocol))) {
    return problem(`${use.name} needs a protocol with ports`, 'add -p tcp, -p udp or -p sctp before it');
  }
  return spec.apply(ctx, use);
}

function checkMac(options: readonly string[], col: number, env: RuleEnvironment): void {
  for (const o of options) {
    const mac = o.split(' ').pop() ?? '';
    if (o.includes('--mac-source') && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac)) {
      env.warn(
        col,
        `"${mac}" is not a MAC address (iptables-restore refuses it)`,
        'a censored dump? the rule is read as uninterpreted',
      );
    }
  }
}

const oneValue = (w: Word, values: readonly Word[]): Word | LocatedProblem =>
  values.length === 1 ? (values[0] as Word) : at(w, `${w.text} takes one value, not ${values.length}`);

const isBang = (w: Word | undefined): boolean => w !== undefined && !w.quoted && w.text === '!';

const at = (w: Word, message: string, hint?: string): LocatedProblem =>
  hint === undefined ? { message, col: w.col } : { message, hint, col: w.col };
