import type { Lang } from '../model/text.js';
import { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { formatPortRanges } from '../net/ports.js';
import type { RuleHit } from '../ruleset/evaluate.js';
import { type Box, classify, type Region, splitBox } from '../ruleset/region.js';
import { PROTOCOL_NUMBERS, type Rule, type Ruleset } from '../ruleset/types.js';
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

/** The regions (one per family the rule can match) a rule's own match spans, with its fixed fields as the packet's. */
export function ruleRegions(rule: Rule): Region[] {
  const families = rule.family ? [rule.family] : ([4, 6] as const);
  const out: Region[] = [];
  for (const family of families) {
    const region: { -readonly [K in keyof Region]: Region[K] } = { family, state: rule.states?.[0] ?? 'new' };
    if (rule.source) region.source = rule.source;
    if (rule.destination) region.destination = rule.destination;
    if (rule.protocols) region.protocols = rule.protocols;
    if (rule.sourcePorts) region.sourcePorts = rule.sourcePorts;
    if (rule.destinationPorts) region.destinationPorts = rule.destinationPorts;
    if (rule.inInterface && !rule.inInterface.negated) region.inInterface = rule.inInterface.name;
    if (rule.outInterface && !rule.outInterface.negated) region.outInterface = rule.outInterface.name;
    if (rule.fromZones?.[0] !== undefined) region.fromZone = rule.fromZones[0];
    if (rule.toZones?.[0] !== undefined) region.toZone = rule.toZones[0];
    if (region.source?.family(family).isEmpty() || region.destination?.family(family).isEmpty()) {
      continue;
    }
    out.push(region);
  }
  return out;
}

/**
 * Each deciding rule of every chain: shadowed by the union of earlier rules (redundant when they decide the same,
 * conflict otherwise), and for accept rules, whether the matrix uses it and what it opens beyond the matrix.
 */
export function checkRules(ruleset: Ruleset, needed: readonly RowRegion[]): RuleCheck[] {
  const out: RuleCheck[] = [];
  for (const chain of Object.values(ruleset.chains)) {
    chain.rules.forEach((rule, index) => {
      if (!FINAL.has(rule.verdict.kind) || (rule.opaque && rule.opaque.length > 0)) return;
      const hit: RuleHit = { chain: chain.name, index, rule };
      const check: { -readonly [K in keyof RuleCheck]: RuleCheck[K] } = { hit };
      const own: Box[] = [];
      const blockers: RuleHit[] = [];
      const policies = new Set<string>();
      for (const region of ruleRegions(rule)) {
        const c = classify(ruleset, region);
        for (const o of c.outcomes) {
          if (o.decidedBy?.chain === chain.name && o.decidedBy.index === index) own.push(o.box);
          else if (o.decidedBy) blockers.push(o.decidedBy);
          else if (o.policyOf) policies.add(o.policyOf);
        }
      }
      if (own.length === 0) {
        const by = distinctHits(blockers);
        const same = by.every((b) => b.rule.verdict.kind === rule.verdict.kind);
        check.shadowed = { kind: same ? 'redundant' : 'conflict', by, policies: [...policies] };
      }
      // Rules for answers of tracked connections open nothing new: what they pass, an earlier `new` rule allowed.
      const returnOnly = rule.states !== undefined && !rule.states.includes('new');
      if (rule.verdict.kind === 'accept' && !returnOnly) {
        if (!rule.source && !rule.destination && !rule.protocols) check.anyToAny = true;
        const beyond = subtractAll(own, needed);
        if (beyond.length > 0) check.beyondMatrix = beyond;
        if (own.length > 0 && !own.some((box) => needed.some((n) => overlaps(box, n)))) check.unused = true;
      }
      out.push(check);
    });
  }
  return out;
}

const MAX_PIECES = 10_000;

function neededBox(n: RowRegion): Box {
  const r = n.region;
  const all = CidrSet.all().family(r.family);
  // A row region's missing dimensions are open: build the same full sets classify would.
  return {
    source: r.source ?? all,
    destination: r.destination ?? all,
    protocols: r.protocols ?? FULL_PROTOCOLS,
    sourcePorts: r.sourcePorts ?? FULL_16,
    destinationPorts: r.destinationPorts ?? FULL_16,
    icmp: r.icmp ?? FULL_16,
  };
}

const FULL_PROTOCOLS = PortSet.fromRanges([{ from: 0, to: 255 }]);
const FULL_16 = PortSet.all();

function overlaps(box: Box, n: RowRegion): boolean {
  return splitBox(box, neededBox(n)).inside !== undefined;
}

/** `boxes − ⋃ needed`, bounded: past MAX_PIECES the remainder is returned as it stands (still an over-approximation). */
function subtractAll(boxes: readonly Box[], needed: readonly RowRegion[]): Box[] {
  let rest = [...boxes];
  for (const n of needed) {
    const b = neededBox(n);
    const next: Box[] = [];
    for (const box of rest) next.push(...splitBox(box, b).outside);
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
  const names: string[] = [];
  for (const r of set.toRanges()) {
    for (let p = r.from; p <= r.to && names.length < 8; p++)
      names.push(PROTOCOL_NAMES.get(p) ?? `${lang === 'fr' ? 'protocole' : 'protocol'} ${p}`);
  }
  if (set.size <= 8) return names.join(', ');
  return `${names.join(', ')} ${lang === 'fr' ? `et ${set.size - 8} autres protocoles` : `and ${set.size - 8} more protocols`}`;
}
