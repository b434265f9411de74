import type { Text } from '../model/text.js';
import { type Box, type Classification, classify, type Region } from './region.js';
import type { FinalAction, Ruleset } from './types.js';

/**
 * Two rulesets compared on what they decide, not on how they are written: over a region of traffic, every packet
 * one of them decides otherwise than the other, as boxes. Objects, rule order, chains and comments do not matter;
 * only decisions do. Exact (set algebra over the region, no sampling): the left ruleset splits the region into boxes
 * it decides alike, the right one splits each of those further.
 */
export type Action = FinalAction | 'indeterminate';

/** Where two rulesets part: a box of the region and what each does with it. */
export interface Disagreement {
  readonly region: Region;
  readonly box: Box;
  readonly left: Action;
  readonly right: Action;
}

export interface CompareOptions {
  /** A drop and a reject both stop the packet (default true): platforms differ only in what the sender hears. */
  readonly rejectIsDrop?: boolean;
}

export interface Comparison {
  readonly disagreements: readonly Disagreement[];
  /** Set when either walk stopped early: the comparison is then incomplete. */
  readonly overflow?: Text;
}

/** The region with its sets replaced by one box's (its fixed fields kept: family, interfaces, zones, state). */
const within = (region: Region, box: Box): Region => ({ ...region, ...box });

export function compareRulesets(
  left: Ruleset,
  right: Ruleset,
  region: Region,
  options: CompareOptions = {},
): Comparison {
  const rejectIsDrop = options.rejectIsDrop ?? true;
  const norm = (a: Action): Action => (rejectIsDrop && a === 'reject' ? 'drop' : a);
  const disagreements: Disagreement[] = [];
  const a: Classification = classify(left, region);
  let overflow = a.overflow;
  for (const piece of a.outcomes) {
    const b = classify(right, within(region, piece.box));
    overflow ??= b.overflow;
    for (const o of b.outcomes) {
      if (norm(o.action) === norm(piece.action)) continue;
      disagreements.push({ region: within(region, o.box), box: o.box, left: piece.action, right: o.action });
    }
  }
  return overflow === undefined ? { disagreements } : { disagreements, overflow };
}
