import type { ServiceMatch } from '../model/matrix.js';
import type { Text } from '../model/text.js';
import type { ParsedEndpoint } from './endpoint-values.js';

/**
 * Where a printed rule comes from: the matrix row (its key and the names a person reads), the leg and the hop, and
 * the label every platform writes as the rule's comment. Plain data, so a ruleset read back from JSON prints alike.
 */
export interface RuleOrigin {
  /** Matrix row key. */
  readonly key: string;
  readonly catalog: string;
  readonly flow: string;
  readonly ref: string;
  readonly purpose: Text;
  readonly leg: number;
  readonly hop: number;
  /** `catalog/flow ref REF` plus the leg and the row's metadata: the rule's comment (see `ruleLabel`). */
  readonly label: string;
}

/**
 * One allow rule of a firewall, already checked against its target's capabilities: what it matches is over parsed
 * values (endpoints' addresses, services' protocol and port ranges), between two zones (and interfaces when the site
 * names them). Nothing here points back into the matrix.
 */
export interface AllowRule {
  /** Stable id: row key, leg index, hop index. */
  readonly id: string;
  readonly origin: RuleOrigin;
  readonly source: ParsedEndpoint;
  readonly destination: ParsedEndpoint;
  readonly services: readonly ServiceMatch[];
  readonly fromZone: string;
  readonly toZone: string;
  readonly fromInterface?: string;
  readonly toInterface?: string;
}

/**
 * What a target prints: one firewall's ordered allow rules, then a default drop (return traffic of the rules is
 * allowed by connection tracking or by the platform's stateful policy). `lowerFirewallRuleset` gives its chain form
 * (`Ruleset`) for evaluation and comparison with a parsed configuration.
 */
export interface FirewallRuleset {
  readonly site: { readonly id: string; readonly title: string };
  readonly firewall: string;
  readonly rules: readonly AllowRule[];
}
