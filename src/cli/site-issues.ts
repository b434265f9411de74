import type { Issue } from '../model/issues.js';
import { uniqueIssues } from '../targets/preflight.js';

/**
 * Issues about a firewall of the site get its line and column; the others (about matrix rows) name the file. Each
 * once: a bad interface name is found for every rule that uses it.
 */
export function placeInSite(
  place: (issues: readonly Issue[]) => Issue[],
  site: string,
  all: readonly Issue[],
): Issue[] {
  const issues = uniqueIssues(all);
  const inFile = (i: Issue) => !i.file && i.path[0] === 'firewalls' && typeof i.path[1] === 'number';
  return [
    ...place(issues.filter(inFile)),
    ...issues.filter((i) => !inFile(i)).map((i) => ({ ...i, file: i.file ?? site })),
  ];
}
