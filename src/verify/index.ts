import type { Finding } from '../model/finding.js';
import type { Matrix } from '../model/matrix.js';
import { filterRegions } from '../ruleset/nat-filter.js';
import type { Ruleset } from '../ruleset/types.js';
import { sliceForFirewall } from '../targets/generate/rules.js';
import { arrivals, siteZones, withSiteZones } from './nat.js';
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
  const rows = arrived.arrivals.map(({ rule, expected }, i) => {
    const check = checkRow(ruleset, rule, naming, expected);
    progress?.({ stage: 'rows', rows: i + 1, rowsOf });
    return check;
  });
  progress?.({ stage: 'rules', rows: rowsOf, rowsOf });
  // What the filter must let through is what it sees: the rows' traffic after destination translation.
  const needed: RowRegion[] = arrived.arrivals.flatMap(({ rule }) =>
    rowRegions(rule, naming).regions.flatMap((r) =>
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
