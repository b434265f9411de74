import type { Finding } from '../model/finding.js';
import type { Endpoint, Matrix } from '../model/matrix.js';
import type { CidrSet } from '../net/cidr-set.js';
import { type EgressSide, EgressZones } from '../ruleset/egress.js';
import { endpointSet } from '../ruleset/endpoints.js';
import { filterRegions } from '../ruleset/nat-filter.js';
import type { Ruleset } from '../ruleset/types.js';
import { type FirewallRule, firewallZones, sliceForFirewall } from '../targets/generate/rules.js';
import { arrivals, type ExpectedTranslation, siteZones, withSiteZones } from './nat.js';
import { type RowRegion, rowRegions, type ZoneNaming } from './regions.js';
import { checkRules, type RuleCheck } from './rules.js';
import { checkRow, type RowCheck } from './verdicts.js';

export { describeBox, type RuleCheck, ruleRegions } from './rules.js';
export { checkRow, type RowCheck, type RowVerdict } from './verdicts.js';

/** A firewall in service confronted with the matrix: each row's verdict, each rule's use, and the drift both ways. */
export interface Verification {
  readonly firewall: string;
  readonly rows: readonly RowCheck[];
  readonly rules: readonly RuleCheck[];
  /** Rows of the slice that are not matrix packet flows (references, trusted sites). */
  readonly notChecked: readonly Finding[];
}

export interface VerifyOptions {
  /** How the configuration names the sides of a rule (default: the site's interface names). */
  readonly zones?: ZoneNaming;
  /**
   * `routing`: the platform filters on the ingress interface only (the ASA), so a rule needs only the part of its
   * destination that leaves by its egress zone — exactly what the printer keeps (src/ruleset/egress.ts).
   */
  readonly egress?: 'routing';
  /** Called after each matrix rule (row, leg, hop) is checked, then once before the configuration's rules are. */
  readonly onProgress?: (p: {
    readonly stage: 'rows' | 'rules';
    readonly rows: number;
    readonly rowsOf: number;
  }) => void;
}

export function verifyFirewall(
  matrix: Matrix,
  firewall: string,
  config: Ruleset,
  options: VerifyOptions = {},
): Verification {
  const naming = options.zones ?? 'interfaces';
  const slice = sliceForFirewall(matrix, firewall, 'verify');
  // Packets as they reach the firewall (public addresses where it translates them), zones as the site places them.
  const arrived = arrivals(slice.rules);
  const ruleset = withSiteZones(config, () => siteZones(matrix, firewall, naming));
  const progress = options.onProgress;
  const rowsOf = arrived.arrivals.length;
  const keep = options.egress === 'routing' ? keptDestinations(matrix, firewall) : () => undefined;
  const rows = arrived.arrivals.map(({ rule, expected }, i) => {
    const check = checkRow(ruleset, rule, naming, expected, keep(rule, expected));
    progress?.({ stage: 'rows', rows: i + 1, rowsOf });
    return check;
  });
  progress?.({ stage: 'rules', rows: rowsOf, rowsOf });
  // What the filter must let through is what it sees: the rows' traffic after destination translation.
  const needed: RowRegion[] = arrived.arrivals.flatMap(({ rule, expected }) =>
    rowRegions(rule, naming, keep(rule, expected)).regions.flatMap((r) =>
      filterRegions(ruleset, r.region).map((region) => ({ ...r, region })),
    ),
  );
  return {
    firewall,
    rows,
    rules: checkRules(ruleset, needed),
    notChecked: [...slice.findings, ...arrived.findings],
  };
}

/**
 * What each row keeps of its destination on an ingress-only platform, from the firewall's zones as the printer gets
 * them (`firewallZones`). Undefined: the row's own destination — kept whole, withheld by the printer (verify then
 * finds it denied, with the printer's finding), or translated on this firewall (the printer sees its real address,
 * verify the public one the configuration's NAT maps).
 */
function keptDestinations(
  matrix: Matrix,
  firewall: string,
): (rule: FirewallRule, expected: ExpectedTranslation | undefined) => CidrSet | undefined {
  const { zones, siteCidrs } = firewallZones(
    matrix.firewalls.find((f) => f.name === firewall),
    matrix.zones,
  );
  if (!zones) return () => undefined;
  const egress = new EgressZones(zones, siteCidrs);
  const side = (ep: Endpoint): EgressSide => {
    const { set, names } = endpointSet(ep);
    return { any: ep.addresses.some((a) => a.kind === 'any'), named: names.length > 0, set };
  };
  return (rule, expected) => {
    if (expected) return undefined;
    const kept = egress.keep(rule.hop.fromZone, rule.hop.toZone, side(rule.source), side(rule.destination));
    return kept.kind === 'limited' ? kept.kept : undefined;
  };
}
