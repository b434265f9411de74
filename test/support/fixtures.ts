import { existsSync } from 'node:fs';
import type { SystemRequirement } from './system.js';

/**
 * The real firewall configurations (`shared/fixtures/firewalls/<vendor>/`, with a README giving origin, licence,
 * rule counts and quirks): FLOWMATRIX_FIXTURES when set, else `shared/fixtures` beside the checkout, else the
 * workplace's copy. Other people's files under their own licences: tests read them there, never copy them.
 */
export function fixturesDir(): string {
  if (process.env.FLOWMATRIX_FIXTURES) return process.env.FLOWMATRIX_FIXTURES;
  const candidates = [new URL('../../../shared/fixtures', import.meta.url).pathname, '/work/shared/fixtures'];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}

/** For `missing(...)`: skipped with this hint when absent, a failure under FLOWMATRIX_REQUIRE_SYSTEM=1. */
export const fixturesRequirement: SystemRequirement = {
  what: 'the real firewall configurations',
  install: 'point FLOWMATRIX_FIXTURES at the folder holding firewalls/ and m365/ (default ../shared/fixtures)',
  probe: () => existsSync(`${fixturesDir()}/firewalls`),
};
