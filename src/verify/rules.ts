import type { Lang } from '../model/text.js';
import type { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { formatPortRanges } from '../net/ports.js';
import type { RuleHit } from '../ruleset/evaluate.js';
import { originalAsOpaque } from '../ruleset/nat-original.js';
import { type Box, classify, type Region, regionBox, splitBox } from '../ruleset/region.js';
import { type ConnState, PROTOCOL_NUMBERS, type Rule, type Ruleset } from '../ruleset/types.js';
import { reachingFilter } from './nat.js';
import type { RowRegion } from './regions.js';
import { distinctHits } from './verdicts.js';

/** What one rule of the configuration does, against the rules before it and against the matrix. */
export interface RuleCheck {
  readonly hit: RuleHit;
  /** No packet reaches the rule: earlier rules (named) decide all of its traffic. */
  readonly shadowed?: {
    readonly kind: 'redundant' | 'conflict';
    readonly by: readonly RuleHit[];
    readonly policies: readonly string[];
  };
  /** An accept rule no matrix row needs. */
  readonly unused?: boolean;
  /** What an accept rule lets through beyond the matrix, as boxes of traffic. */
  readonly beyondMatrix?: readonly Box[];
  readonly anyToAny?: boolean;
}

const FINAL = new Set(['accept', 'drop', 'reject']);

/** The packet's fixed fields on the way to a chain: what the jumps leading there required of it. */
export interface Context {
  readonly inInterface?: string;
  readonly outInterface?: string;
  readonly fromZone?: string;
  readonly toZone?: string;
  readonly state?: ConnState;
}

/** At most this many zone pairs per rule, and contexts per chain (beyond, the first ones stand for the rest). */
const MAX_COMBINATIONS = 16;

/**
 * The regions a rule's own match spans, one per family, zone pair and context of its chain: its fixed fields
 * (interfaces, zones, state) are taken as the packet's, completed by what the jumps into its chain required.
 */
export function ruleRegions(rule: Rule, contexts: readonly Context[] = [{}]): Region[] {
  const families = rule.family ? [rule.family] : ([4, 6] as const);
  const fromZones = rule.fromZones ?? [undefined];
  const toZones = rule.toZones ?? [undefined];
  const out: Region[] = [];
  for (const context of contexts) {
    for (const family of families) {
      for (const fromZone of fromZones.slice(0, MAX_COMBINATIONS)) {
        for (const toZone of toZones.slice(0, MAX_COMBINATIONS)) {
          const region = ruleRegion(rule, family, context, fromZone, toZone);
          if (region) out.push(region);
        }
      }
    }
  }
  return out.slice(0, MAX_COMBINATIONS * 4);
}

function ruleRegion(
  rule: Rule,
  family: 4 | 6,
  context: Context,
  fromZone: string | undefined,
  toZone: string | undefined,
): Region | undefined {
  const region: { -readonly [K in keyof Region]: Region[K] } = {
    family,
    state: rule.states?.[0] ?? context.state ?? 'new',
  };
  if (rule.states && context.state && !rule.states.includes(context.state)) return undefined;
  if (rule.source) region.source = rule.source;
  if (rule.destination) region.destination = rule.destination;
  if (rule.protocols) region.protocols = rule.protocols;
  if (rule.sourcePorts) region.sourcePorts = rule.sourcePorts;
  if (rule.destinationPorts) region.destinationPorts = rule.destinationPorts;
  const inName = rule.inInterface && !rule.inInterface.negated ? rule.inInterface.name : context.inInterface;
  const outName = rule.outInterface && !rule.outInterface.negated ? rule.outInterface.name : context.outInterface;
  if (inName !== undefined) region.inInterface = inName;
  if (outName !== undefined) region.outInterface = outName;
  const from = fromZone ?? context.fromZone;
  const to = toZone ?? context.toZone;
  if (from !== undefined) region.fromZone = from;
  if (to !== undefined) region.toZone = to;
  if (region.source?.family(family).isEmpty() || region.destination?.family(family).isEmpty()) return undefined;
  return region;
}

/**
 * For each chain a forwarded packet can reach, the fixed fields the jumps on the way required (an `iifname eth1
 * jump web` makes `in eth1` the packet's interface in `web`). Without them, a rule of a chain reached only from one
 * interface would look hidden by whatever decides packets that come from nowhere.
 */
export function chainContexts(ruleset: Ruleset): Map<string, Context[]> {
  const contexts = new Map<string, Context[]>();
  const seen = new Set<string>();
  const visit = (chain: string, context: Context, depth: number): void => {
    const key = `${chain}|${JSON.stringify(context)}`;
    if (seen.has(key) || depth > 64) return;
    seen.add(key);
    const list = contexts.get(chain) ?? [];
    if (list.length >= MAX_COMBINATIONS) return;
    list.push(context);
    contexts.set(chain, list);
    for (const r of ruleset.chains[chain]?.rules ?? []) {
      if (r.verdict.kind !== 'jump' && r.verdict.kind !== 'goto') continue;
      const next = narrowed(context, r);
      if (next) visit(r.verdict.chain, next, depth + 1);
    }
  };
  for (const entry of [ruleset.entry, ...(ruleset.stages ?? [])]) visit(entry, {}, 0);
  return contexts;
}

/** A context narrowed by a jump rule's fixed fields, or undefined when they contradict it. */
function narrowed(context: Context, r: Rule): Context | undefined {
  const next: { -readonly [K in keyof Context]: Context[K] } = { ...context };
  const pick = (current: string | undefined, wanted: string | undefined): string | undefined | null =>
    wanted === undefined ? current : current === undefined || current === wanted ? wanted : null;
  const inName = pick(context.inInterface, r.inInterface && !r.inInterface.negated ? r.inInterface.name : undefined);
  const outName = pick(
    context.outInterface,
    r.outInterface && !r.outInterface.negated ? r.outInterface.name : undefined,
  );
  const from = pick(context.fromZone, r.fromZones?.length === 1 ? r.fromZones[0] : undefined);
  const to = pick(context.toZone, r.toZones?.length === 1 ? r.toZones[0] : undefined);
  if (inName === null || outName === null || from === null || to === null) return undefined;
  if (inName !== undefined) next.inInterface = inName;
  if (outName !== undefined) next.outInterface = outName;
  if (from !== undefined) next.fromZone = from;
  if (to !== undefined) next.toZone = to;
  if (r.states && r.states.length === 1) {
    if (context.state && context.state !== r.states[0]) return undefined;
    next.state = r.states[0] as ConnState;
  }
  return next;
}

/**
 * Each deciding rule of every chain: shadowed by the union of earlier rules (redundant when they decide the same,
 * conflict otherwise), and for accept rules, whether the matrix uses it and what it opens beyond the matrix.
 */
export function checkRules(config: Ruleset, rows: readonly RowRegion[]): RuleCheck[] {
  const ruleset = originalAsOpaque(config);
  const needed: Needed[] = rows.map((n) => ({ region: n.region, box: regionBox(n.region) }));
  const out: RuleCheck[] = [];
  const contexts = chainContexts(ruleset);
  for (const chain of Object.values(ruleset.chains)) {
    // Chains of other hooks (input, output, nat) never see a forwarded packet: not judged here.
    const reached = contexts.get(chain.name);
    if (!reached) continue;
    chain.rules.forEach((rule, index) => {
      if (!FINAL.has(rule.verdict.kind) || (rule.opaque && rule.opaque.length > 0)) return;
      const hit: RuleHit = { chain: chain.name, index, rule };
      const check: { -readonly [K in keyof RuleCheck]: RuleCheck[K] } = { hit };
      const own: { box: Box; region: Region }[] = [];
      const blockers: RuleHit[] = [];
      const policies = new Set<string>();
      // A box whose fate cannot be told may reach this rule: the rule is not shown to be shadowed.
      let untold = false;
      const mine = (h: RuleHit | undefined) => h?.chain === chain.name && h.index === index;
      for (const region of ruleRegions(rule, reached)) {
        const c = classify(ruleset, region);
        for (const o of c.outcomes) {
          // A box this rule accepted in an earlier stage and a later stage then decided is still this rule's.
          if (mine(o.decidedBy) || o.acceptedBy?.some(mine)) own.push({ box: o.box, region });
          else if (o.action === 'indeterminate') untold = true;
          else if (o.decidedBy) blockers.push(o.decidedBy);
          else if (o.policyOf) policies.add(o.policyOf);
        }
      }
      if (own.length === 0 && !untold) {
        const by = distinctHits(blockers);
        const same = by.every((b) => b.rule.verdict.kind === rule.verdict.kind);
        check.shadowed = { kind: same ? 'redundant' : 'conflict', by, policies: [...policies] };
      }
      // Rules for answers of tracked connections open nothing new: what they pass, an earlier `new` rule allowed.
      const returnOnly = rule.states !== undefined && !rule.states.includes('new');
      if (rule.verdict.kind === 'accept' && !returnOnly) {
        if (!rule.source && !rule.destination && !rule.protocols) check.anyToAny = true;
        // A row only covers what the rule opens between the same interfaces or zones.
        const beyond = own.flatMap(({ box, region }) =>
          subtractAll(
            reachingFilter(ruleset, region, box),
            needed.filter((n) => sameSides(region, n.region)),
          ),
        );
        if (beyond.length > 0) check.beyondMatrix = beyond;
        const used = own.some(({ box, region }) =>
          needed.some((n) => sameSides(region, n.region) && splitBox(box, n.box).inside !== undefined),
        );
        if (own.length > 0 && !used) check.unused = true;
      }
      out.push(check);
    });
  }
  return out;
}

const MAX_PIECES = 10_000;

/** Whether two regions can be the same traffic as to where it enters and leaves (an unknown side matches any). */
function sameSides(a: Region, b: Region): boolean {
  for (const k of ['inInterface', 'outInterface', 'fromZone', 'toZone'] as const) {
    if (a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]) return false;
  }
  return true;
}

/** A row's region with its box, built once per check rather than once per comparison. */
interface Needed {
  readonly region: Region;
  readonly box: Box;
}

const FULL_PROTOCOLS = PortSet.fromRanges([{ from: 0, to: 255 }]);

/** `boxes − ⋃ needed`, bounded: past MAX_PIECES the remainder is returned as it stands (still an over-approximation). */
function subtractAll(boxes: readonly Box[], needed: readonly Needed[]): Box[] {
  let rest = [...boxes];
  for (const n of needed) {
    const next: Box[] = [];
    for (const box of rest) next.push(...splitBox(box, n.box).outside);
    if (next.length > MAX_PIECES) break;
    rest = next;
  }
  return rest;
}

/** `tcp port 1-65535 from 10.0.0.0/8 to 192.0.2.0/24`: a box as a network engineer reads it, in either language. */
export function describeBox(box: Box, lang: Lang = 'en'): string {
  const fr = lang === 'fr';
  const proto = box.protocols.equals(FULL_PROTOCOLS)
    ? fr
      ? 'tout protocole'
      : 'any protocol'
    : protocolNames(box.protocols, lang);
  const dport = box.destinationPorts.size === 65536 ? '' : ` port ${formatPortRanges(box.destinationPorts.toRanges())}`;
  return `${proto}${dport} ${fr ? 'de' : 'from'} ${addressText(box.source, lang)} ${fr ? 'vers' : 'to'} ${addressText(box.destination, lang)}`;
}

function addressText(set: CidrSet, lang: Lang): string {
  const list = set.toCidrs();
  if (list.length === 1 && (list[0] === '0.0.0.0/0' || list[0] === '::/0'))
    return lang === 'fr' ? 'toute adresse' : 'any';
  if (list.length <= 4) return list.join(', ');
  return `${list.slice(0, 4).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${list.length - 4} ${lang === 'fr' ? 'autres' : 'more'}`;
}

const PROTOCOL_NAMES = new Map<number, string>(Object.entries(PROTOCOL_NUMBERS).map(([name, n]) => [n, name]));

function protocolNames(set: PortSet, lang: Lang): string {
  // Most protocols: said by the few it leaves out (a rule for all but tcp, whose tcp part has its own line).
  const missing = FULL_PROTOCOLS.subtract(set);
  if (missing.size <= 8 && missing.size < set.size)
    return `${lang === 'fr' ? 'tout protocole sauf' : 'any protocol but'} ${listProtocols(missing, lang)}`;
  return listProtocols(set, lang);
}

function listProtocols(set: PortSet, lang: Lang): string {
  const names: string[] = [];
  for (const r of set.toRanges()) {
    for (let p = r.from; p <= r.to && names.length < 8; p++)
      names.push(PROTOCOL_NAMES.get(p) ?? `${lang === 'fr' ? 'protocole' : 'protocol'} ${p}`);
  }
  if (set.size <= 8) return names.join(', ');
  return `${names.join(', ')} ${lang === 'fr' ? `et ${set.size - 8} autres protocoles` : `and ${set.size - 8} more protocols`}`;
}
