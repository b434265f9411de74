import type { Text } from '../model/text.js';
import type { RuleHit } from './evaluate.js';
import { type Box, classify, type Outcome, type Region, where } from './region.js';
import type { NatTarget, Rule, Ruleset } from './types.js';
import { otherFamily, translationCouldChange, translationNotModelled, translationUnknown } from './why.js';

/**
 * Destination translation of a region of traffic, before filtering: the NAT chains split it into parts kept as
 * they are, parts translated (the new region the filter sees, and the rule that translated it), parts a NAT chain
 * drops, and parts whose translation cannot be told (an uninterpreted match could change it, or the translation
 * itself is not modelled: a map, another family) — those are indeterminate, named by line and reason.
 */
export type NatPiece =
  | { readonly kind: 'kept'; readonly region: Region }
  | {
      readonly kind: 'translated';
      readonly region: Region;
      /** The part of the region as it came, before translation. */
      readonly original: Region;
      readonly by: RuleHit;
      /** The device picks one of several addresses or ports: the filter must decide them all alike. */
      readonly several: boolean;
    }
  | { readonly kind: 'dropped'; readonly outcome: Outcome }
  | { readonly kind: 'unknown'; readonly box: Box; readonly maybe: readonly RuleHit[]; readonly reason: Text };

/** Whether the ruleset translates destinations at all (most do not: the filter then sees packets as they come). */
export const translatesDestinations = (ruleset: Ruleset): boolean => (ruleset.nat?.destination?.length ?? 0) > 0;

export function translateDestination(ruleset: Ruleset, region: Region): NatPiece[] {
  const out: NatPiece[] = [];
  let pending: Region[] = [region];
  for (const entry of ruleset.nat?.destination ?? []) {
    const next: Region[] = [];
    for (const r of pending) {
      const c = classify(ruleset, r, [entry]);
      for (const o of c.outcomes) {
        const piece = pieceOf(ruleset, c.overflow === undefined ? undecided(ruleset, o) : o, r);
        if (piece.kind === 'kept') next.push(piece.region);
        else out.push(piece);
      }
    }
    pending = next;
  }
  for (const r of pending) out.push({ kind: 'kept', region: r });
  return out;
}

/**
 * classify calls a box indeterminate when an uninterpreted rule it met has another verdict; a jump's verdict is
 * what its chain does, judged here: the box is given back the action it was decided by, its `maybe` kept.
 */
function undecided(ruleset: Ruleset, o: Outcome): Outcome {
  if (o.action !== 'indeterminate' || o.maybe.length === 0) return o;
  const action = o.decidedBy
    ? o.decidedBy.rule.verdict.kind
    : o.policyOf
      ? ruleset.chains[o.policyOf]?.policy
      : ruleset.defaultAction;
  if (action !== 'accept' && action !== 'drop' && action !== 'reject') return o;
  const { reason: _reason, ...rest } = o;
  return { ...rest, action };
}

/** What a NAT rule does to the packets it takes: keep, drop, translate (keyed by target) or unknown. */
function effect(rule: Rule): string {
  const v = rule.verdict.kind;
  if (v === 'drop' || v === 'reject') return 'drop';
  if (v !== 'accept') return 'unknown';
  const t = rule.translate;
  if (!t) return 'keep';
  if (t.unmodelled !== undefined || (!t.addresses && !t.ports)) return 'unknown';
  return `to ${t.addresses?.toCidrs().join(',') ?? '-'} ${t.ports?.toRanges().map((p) => `${p.from}-${p.to}`) ?? '-'}`;
}

function pieceOf(ruleset: Ruleset, o: Outcome, r: Region): NatPiece {
  const box = o.box;
  const unknown = (reason: Text): NatPiece => ({ kind: 'unknown', box, maybe: o.maybe, reason });
  if (o.action === 'indeterminate') return unknown(translationUnknown(o.reason));
  const rule = o.decidedBy?.rule;
  const mine = rule ? effect(rule) : o.action === 'accept' ? 'keep' : 'drop';
  const others = o.maybe.filter((m) => differs(ruleset, m, mine, regionOf(r, box)));
  if (others.length > 0) {
    const untold = others.filter((m) => effect(m.rule) === 'unknown');
    return unknown(
      untold.length > 0
        ? translationNotModelled(
            untold.map((m) => `${where(m)}${m.rule.translate?.unmodelled ? ` (${m.rule.translate.unmodelled})` : ''}`),
          )
        : translationCouldChange(others.map(where)),
    );
  }
  if (mine === 'drop') return { kind: 'dropped', outcome: o };
  const inBox = regionOf(r, box);
  if (mine === 'keep' || !rule || !o.decidedBy) return { kind: 'kept', region: inBox };
  if (mine === 'unknown') {
    const why = rule.translate?.unmodelled ?? rule.opaque?.join(', ') ?? 'not modelled';
    return unknown(translationNotModelled([where(o.decidedBy)], why));
  }
  const t = rule.translate as NatTarget;
  const translated = translatedRegion(inBox, t);
  if (!translated) return unknown(otherFamily(where(o.decidedBy)));
  return { kind: 'translated', region: translated, original: inBox, by: o.decidedBy, several: several(inBox, t) };
}

/**
 * Whether an uninterpreted rule, had it matched, would change what happens to the box: by its own effect, or for
 * a jump or goto by what the chain it calls does (a return there goes on as the walk that did not jump).
 */
function differs(ruleset: Ruleset, m: RuleHit, mine: string, region: Region): boolean {
  const v = m.rule.verdict;
  if (v.kind !== 'jump' && v.kind !== 'goto') return effect(m.rule) !== mine;
  const c = classify(ruleset, region, [v.chain]);
  if (c.overflow) return true;
  return c.outcomes.some((x) => {
    if (x.action === 'indeterminate' || x.maybe.length > 0) return true;
    if (!x.decidedBy && !x.policyOf) return v.kind === 'goto' && mine !== 'keep';
    const e = x.decidedBy ? effect(x.decidedBy.rule) : x.action === 'accept' ? 'keep' : 'drop';
    return e !== mine;
  });
}

/** The region of one box (the box's sets, the region's fixed fields). */
export const regionOf = (r: Region, box: Box): Region => ({
  ...r,
  source: box.source,
  destination: box.destination,
  protocols: box.protocols,
  sourcePorts: box.sourcePorts,
  destinationPorts: box.destinationPorts,
  icmp: box.icmp,
});

function translatedRegion(r: Region, t: NatTarget): Region | undefined {
  const out: { -readonly [K in keyof Region]: Region[K] } = { ...r };
  if (t.addresses) {
    const addresses = t.addresses.family(r.family);
    if (addresses.isEmpty()) return undefined;
    out.destination = addresses;
  }
  if (t.ports) out.destinationPorts = t.ports;
  return out;
}

/** Whether one packet of the region may go to one of several places (the device picks, per connection). */
const several = (r: Region, t: NatTarget): boolean =>
  (t.addresses !== undefined && t.addresses.size(r.family) > 1n) || (t.ports !== undefined && t.ports.size > 1);
