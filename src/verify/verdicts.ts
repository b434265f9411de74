import type { Text } from '../model/text.js';
import type { CidrSet } from '../net/cidr-set.js';
import type { RuleHit } from '../ruleset/evaluate.js';
import { regionOf, translatesDestinations } from '../ruleset/nat.js';
import { classifyThroughNat } from '../ruleset/nat-filter.js';
import { originalAsOpaque } from '../ruleset/nat-original.js';
import { type Box, classify, type Outcome } from '../ruleset/region.js';
import type { Ruleset } from '../ruleset/types.js';
import type { FirewallRule } from '../targets/generate/rules.js';
import { type ExpectedTranslation, misrouted } from './nat.js';
import { type RowRegion, returnRegion, rowRegions, type Unverifiable, type ZoneNaming } from './regions.js';

/** What a firewall in service does with one matrix rule (row, leg, hop). */
export type RowVerdict = 'permitted' | 'denied' | 'partial' | 'indeterminate';

export interface RowCheck {
  readonly rule: FirewallRule;
  readonly verdict: RowVerdict;
  /** Rules that let the row's traffic through, in walk order. */
  readonly permittedBy: readonly RuleHit[];
  /**
   * Rules (or policies) that stop part of it, with the part they stop; or, `misrouted`, a part let through that
   * does not reach the row's destination (not translated where the matrix says this firewall translates it, or
   * translated elsewhere).
   */
  readonly deniedParts: readonly {
    readonly box: Box;
    readonly by?: RuleHit;
    readonly policyOf?: string;
    readonly misrouted?: Text;
  }[];
  /** Destination translations (DNAT, static NAT, virtual IPs) the row's traffic goes through before filtering. */
  readonly translatedBy: readonly RuleHit[];
  /** Why the verdict is indeterminate, when it is. */
  readonly reasons: readonly Text[];
  /** Return traffic: whether answers are let back (stateful rules); `undefined` when the row is denied anyway. */
  readonly returnTraffic?: RowVerdict;
  readonly unverifiable: readonly Unverifiable[];
}

/** The outcomes of every region of a matrix rule, and whether the whole rule passes. */
export function checkRow(
  ruleset: Ruleset,
  rule: FirewallRule,
  naming: ZoneNaming = 'interfaces',
  expected?: ExpectedTranslation,
  kept?: CidrSet,
): RowCheck {
  const { regions, unverifiable, named } = rowRegions(rule, naming, kept);
  const outcomes: Outcome[] = [];
  const misroutes = new Map<Outcome, Text>();
  const reasons: Text[] = [];
  const back: Outcome[] = [];
  const translating = translatesDestinations(ruleset);
  // Answers of a translated connection: what their original direction was is not split here (uninterpreted).
  const answers = originalAsOpaque(ruleset);
  for (const r of regions) {
    const c = classifyThroughNat(ruleset, r.region);
    for (const o of c.outcomes) {
      // Let through is not enough: the packet must reach the row's destination (translated as the matrix says).
      const wanted = { destination: r.region.destination, ports: r.region.destinationPorts };
      const why =
        o.action === 'accept' ? misrouted(r.region.family, o.box, o.translatedBy, expected, wanted) : undefined;
      if (why) misroutes.set(o, why);
      outcomes.push(o);
    }
    if (c.overflow) reasons.push(c.overflow);
    if (!translating) {
      back.push(...classify(answers, returnRegion(r.region)).outcomes);
      continue;
    }
    // Answers come from where the translation sent the packet (conntrack undoes it after the filter has seen them).
    for (const o of c.outcomes) {
      if (o.action === 'accept') back.push(...classify(answers, returnRegion(regionOf(r.region, o.box))).outcomes);
    }
  }

  // What the firewall does with a name's traffic, when it is the same for every address the name may stand for.
  const byName = unverifiable.length > 0 ? sameForEveryAddress(ruleset, named) : undefined;
  if (byName) outcomes.push(...byName);
  for (const o of outcomes)
    if (o.action === 'indeterminate' && o.reason && !stoppedEitherWay(o)) reasons.push(o.reason);
  if (regions.length === 0 && unverifiable.length === 0) {
    reasons.push({
      fr: 'les deux extrémités n’ont aucune famille d’adresses en commun (IPv4 d’un côté, IPv6 de l’autre)\u00a0: aucun paquet ne peut correspondre',
      en: 'the two ends share no address family (IPv4 on one side, IPv6 on the other): no packet can match',
    });
  }
  if (unverifiable.length > 0 && !byName) {
    reasons.push(
      ...unverifiable.map((u) => ({
        fr: `${u.side === 'source' ? 'la source est nommée' : 'la destination est nommée'} (${u.addresses.join(', ')})\u00a0: le pare-feu résout le nom, les adresses ne peuvent pas être comparées`,
        en: `the ${u.side} is named (${u.addresses.join(', ')}): the firewall resolves it, addresses cannot be compared`,
      })),
    );
  }
  const passed = outcomes.filter((o) => o.action === 'accept' && !misroutes.has(o));
  const verdict = verdictOf(
    outcomes,
    byName ? [...regions, ...named] : regions,
    unverifiable.length > 0 && !byName,
    misroutes.size,
  );
  const check: { -readonly [K in keyof RowCheck]: RowCheck[K] } = {
    rule,
    verdict,
    permittedBy: uniqueHits(passed),
    deniedParts: outcomes
      .filter((o) => o.action === 'drop' || o.action === 'reject' || stoppedEitherWay(o) || misroutes.has(o))
      .map((o) => {
        const why = misroutes.get(o);
        return {
          box: o.box,
          ...(why && o.translatedBy ? { by: o.translatedBy } : o.decidedBy && !why ? { by: o.decidedBy } : {}),
          ...(o.policyOf && !why ? { policyOf: o.policyOf } : {}),
          ...(why ? { misrouted: why } : {}),
        };
      }),
    translatedBy: distinctHits(outcomes.flatMap((o) => (o.translatedBy ? [o.translatedBy] : []))),
    reasons: distinctTexts(reasons),
    unverifiable,
  };
  if (verdict !== 'denied' && back.length > 0) check.returnTraffic = verdictOf(back, regions, false);
  return check;
}

function verdictOf(
  outcomes: readonly Outcome[],
  regions: readonly RowRegion[],
  named: boolean,
  misrouted = 0,
): RowVerdict {
  if (regions.length === 0) return 'indeterminate';
  if (outcomes.some((o) => o.action === 'indeterminate' && !stoppedEitherWay(o))) return 'indeterminate';
  const accepted = outcomes.filter((o) => o.action === 'accept').length - misrouted;
  if (accepted === outcomes.length) return named ? 'indeterminate' : 'permitted';
  return accepted === 0 ? 'denied' : 'partial';
}

/**
 * The outcomes of a named side's traffic taken as traffic to any address, when the firewall accepts all of it or
 * stops all of it: then, whatever the name resolves to, that is what happens to it. Undefined when it depends on
 * the address (or on a translation, or on a match the analysis does not interpret).
 */
function sameForEveryAddress(ruleset: Ruleset, named: readonly RowRegion[]): Outcome[] | undefined {
  if (named.length === 0) return undefined;
  const outcomes = named.flatMap((r): (Outcome | undefined)[] => {
    const c = classifyThroughNat(ruleset, r.region);
    return c.overflow ? [undefined] : [...c.outcomes];
  });
  const first = outcomes[0];
  if (first === undefined) return undefined;
  const stops = (o: Outcome) => o.action === 'drop' || o.action === 'reject' || stoppedEitherWay(o);
  // All accepted, or all stopped (stopped either way counts; an outcome that cannot be told is neither).
  const alike = first.action === 'accept' ? (o: Outcome) => o.action === 'accept' : stops;
  return outcomes.every((o) => o !== undefined && !o.translatedBy && alike(o)) ? (outcomes as Outcome[]) : undefined;
}

/**
 * A box the analysis cannot tell dropped from rejected (an uninterpreted rule may reject what a later rule drops):
 * not let through either way, which is what a row's verdict asks. The rule named is the walk's own.
 */
const stoppedEitherWay = (o: Outcome): boolean =>
  o.action === 'indeterminate' && o.between !== undefined && !o.between.includes('accept');

/** Deciding rules of some outcomes, each once, in chain order. */
export const uniqueHits = (outcomes: readonly Outcome[]): RuleHit[] =>
  distinctHits(outcomes.flatMap((o) => (o.decidedBy ? [o.decidedBy] : [])));

/** Rules, each once, in chain order. */
export function distinctHits(hits: readonly RuleHit[]): RuleHit[] {
  const seen = new Set<string>();
  const out: RuleHit[] = [];
  for (const hit of hits) {
    const id = `${hit.chain}#${hit.index}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(hit);
  }
  return out.sort((a, b) => (a.chain === b.chain ? a.index - b.index : a.chain < b.chain ? -1 : 1));
}

/** Each reason once (regions of one row often stop for the same reason). */
function distinctTexts(texts: readonly Text[]): Text[] {
  const byEnglish = new Map<string, Text>();
  for (const t of texts) if (!byEnglish.has(t.en)) byEnglish.set(t.en, t);
  return [...byEnglish.values()];
}
