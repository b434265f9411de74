import type { AllowRule, RuleOrigin } from '../../ruleset/firewall.js';
import { safeText } from './escape.js';

/**
 * A rule generate merged from several flows (one opening listed twice in a vendor's table) names every one of them
 * where the admin reads the rule: these helpers say them within a platform's comment length.
 */

/** Every flow a rule opens for, its own first. */
export const flowsOf = (rule: Pick<AllowRule, 'origin' | 'flows'>): readonly RuleOrigin[] =>
  rule.flows ?? [rule.origin];

/** A flow as one name: `catalog/flow`. */
export const flowName = (o: Pick<RuleOrigin, 'catalog' | 'flow'>): string => `${o.catalog}/${o.flow}`;

/** Between two flows of one comment. */
export const FLOW_SEPARATOR = ' + ';

/** How a platform joins flows and writes text (default: ` + ` and `safeText`). */
export interface LabelStyle {
  readonly separator?: string;
  readonly written?: (text: string) => string;
}

export interface FlowsLabel {
  readonly text: string;
  /** False when some flows are only counted (`and 3 more flows`): a finding must list them. */
  readonly complete: boolean;
}

/**
 * One comment for the flows of a rule, within `max` characters as `safeText` writes them: each flow's label when
 * they all fit whole, else each flow's name (`catalog/flow`), else as many names as fit and how many more
 * (`a/x + a/y and 3 more flows, see findings`). Never a name cut in the middle; one flow: its label, as before.
 */
export function flowsLabel(origins: readonly RuleOrigin[], max: number, style: LabelStyle = {}): FlowsLabel {
  const [first] = origins;
  if (first === undefined) return { text: '', complete: true };
  if (origins.length === 1) return { text: first.label, complete: true };
  const { separator = FLOW_SEPARATOR, written = (t: string) => safeText(t, Number.POSITIVE_INFINITY) } = style;
  const fits = (text: string): boolean => written(text).length <= max;
  const labels = origins.map((o) => o.label).join(separator);
  if (fits(labels)) return { text: labels, complete: true };
  // Two rows of one flow (two legs, two pairs of roles) are one name.
  const names = [...new Set(origins.map(flowName))];
  const all = names.join(separator);
  if (fits(all)) return { text: all, complete: true };
  for (let k = names.length - 1; k >= 1; k--) {
    const more = names.length - k;
    const text = `${names.slice(0, k).join(separator)} and ${more} more flow${more > 1 ? 's' : ''}, see findings`;
    if (fits(text)) return { text, complete: false };
  }
  return { text: `${names.length} flows, see findings`, complete: false };
}
