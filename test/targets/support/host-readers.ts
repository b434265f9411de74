/**
 * Shared by the readers of host-based platforms (Windows firewall, AWS security groups): their rulesets filter on the
 * hosts they are on, so a matrix row whose other side is `any` or a fixed service also spans the site's own hosts,
 * which hold no rule for it. Such a row reads as partial, and only there: the parts stopped are traffic to (or from)
 * those hosts. Every other comparable row is permitted, and no rule opens anything beyond the matrix.
 */
import { expect } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import type { CidrSet } from '../../../src/net/cidr-set.js';
import { rulesetToJson } from '../../../src/ruleset/json.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { isSiteHost } from '../../../src/targets/kit/objects.js';
import { describeBox, verifyFirewall } from '../../../src/verify/index.js';
import { comparableRows } from './verify-round-trip.js';

/** The hosts a host-side ruleset filters: what its closing drops name. */
export function hostsOf(rs: Ruleset): CidrSet | undefined {
  const inbound = rs.chains.inbound?.rules.at(-1);
  const outbound = rs.chains.outbound?.rules.at(-1);
  if (inbound?.verdict.kind === 'drop') return inbound.destination;
  return outbound?.verdict.kind === 'drop' ? outbound.source : undefined;
}

export function expectHostClean(matrix: Matrix, firewall: string, rs: Ruleset): number {
  const v = verifyFirewall(matrix, firewall, rs);
  const hosts = hostsOf(rs);
  let checked = 0;
  for (const row of comparableRows(v)) {
    checked++;
    if (row.verdict === 'permitted') continue;
    const label = `${row.rule.id} ${row.verdict}`;
    expect(row.verdict, label).toBe('partial');
    expect(hosts, label).toBeDefined();
    for (const part of row.deniedParts) {
      const onHosts =
        (!isSiteHost(row.rule.destination) && (hosts as CidrSet).contains(part.box.destination)) ||
        (!isSiteHost(row.rule.source) && (hosts as CidrSet).contains(part.box.source));
      expect(onHosts, `${label}: ${describeBox(part.box)} is stopped away from the site's hosts`).toBe(true);
    }
  }
  for (const rule of v.rules)
    expect(rule.beyondMatrix, `${rule.hit.rule.provenance.text} opens more than the matrix`).toBeUndefined();
  return checked;
}

/** A ruleset's rules and chains without where they came from (file lines, names, descriptions). */
export function withoutProvenance(rs: Ruleset): unknown {
  return JSON.parse(JSON.stringify(rulesetToJson(rs), (key, value) => (key === 'provenance' ? undefined : value)));
}
