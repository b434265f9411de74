import type { Catalog } from '../model/catalog.js';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { Site } from '../model/site.js';
import { dateProblem } from './dates.js';
import { type Locate, placeText } from './refs.js';
import { pathText } from './zod-issues.js';

/**
 * Names and values a site could read two ways: a catalog used twice, a group inside itself, a name that is both a
 * host and a group (or a zone), a date that is not a day. Each had a silent answer before (the first use, a loop
 * cut short, the host, the next valid day); each is now an error of its own.
 */
export function checkSiteNames(site: Site, catalogs: readonly (Catalog | undefined)[], locate?: Locate): Issue[] {
  return [
    ...catalogUsedTwice(site, catalogs, locate),
    ...sameNameTwice(site),
    ...groupCycles(site),
    ...(site.suppressions ?? []).flatMap((s, i) => checkDate(s.expires, ['suppressions', i, 'expires'])),
  ];
}

/** `YYYY-MM-DD` that names no day (2026-02-30, 2026-13-01) is an error, at the value. */
export function checkDate(text: string, path: YamlPath): Issue[] {
  const problem = dateProblem(text);
  return problem === undefined
    ? []
    : [
        issue(
          'invalid-value',
          path,
          `${pathText(path)}: ${text} is not a date (${problem})`,
          'write a real day as YYYY-MM-DD',
        ),
      ];
}

/** Two uses of one catalog (by id once loaded, else by what the site wrote): which one's roles would hold? */
function catalogUsedTwice(site: Site, catalogs: readonly (Catalog | undefined)[], locate?: Locate): Issue[] {
  const first = new Map<string, number>();
  const issues: Issue[] = [];
  site.catalogs.forEach((use, i) => {
    const id = catalogs[i]?.id ?? use.catalog;
    const seen = first.get(id);
    if (seen === undefined) {
      first.set(id, i);
      return;
    }
    const path: YamlPath = ['catalogs', i, 'catalog'];
    issues.push(
      issue(
        'duplicate-id',
        path,
        `catalog "${id}" is used twice (at ${placeText(['catalogs', seen, 'catalog'], locate)} and ${placeText(path, locate)})`,
        'merge the two entries: one use of a catalog holds all its features, parameters and roles',
      ),
    );
  });
  return issues;
}

/** A binding names a host, a group or a zone: one name for two of them would be read as the first, silently. */
function sameNameTwice(site: Site): Issue[] {
  const issues: Issue[] = [];
  const clash = (name: string, path: YamlPath, a: string, b: string) =>
    issues.push({
      ...issue(
        'duplicate-id',
        path,
        `"${name}" is both a ${a} and a ${b}`,
        `rename one of them: a binding to "${name}" would mean the ${a} only`,
      ),
      at: 'key',
    });
  for (const name of Object.keys(site.groups)) {
    if (name in site.hosts) clash(name, ['groups', name], 'host', 'group');
    if (name in site.zones) clash(name, ['groups', name], 'group', 'zone');
  }
  for (const name of Object.keys(site.hosts)) {
    if (name in site.zones) clash(name, ['hosts', name], 'host', 'zone');
  }
  return issues;
}

/** Each cycle of groups once, at the member that closes it, with the whole loop in the message. */
function groupCycles(site: Site): Issue[] {
  const issues: Issue[] = [];
  const reported = new Set<string>();
  const done = new Set<string>();
  const visit = (group: string, trail: readonly string[]): void => {
    if (done.has(group)) return;
    const members = site.groups[group] ?? [];
    members.forEach((member, i) => {
      // A host of the same name wins in bindings: only a group member that is no host goes on as a group.
      if (!(member in site.groups) || member in site.hosts) return;
      const at = trail.indexOf(member);
      if (member === group || at >= 0) {
        const loop = member === group ? [group, group] : [...trail.slice(at), group, member];
        const key = [...new Set(loop)].sort().join('\u0000');
        if (reported.has(key)) return;
        reported.add(key);
        issues.push(
          issue(
            'invalid-value',
            ['groups', group, i],
            member === group
              ? `group "${group}" contains itself`
              : `group "${member}" contains itself through ${loop.map((g) => `"${g}"`).join(' → ')}`,
            `remove "${member}" from group "${group}"`,
          ),
        );
        return;
      }
      visit(member, [...trail, group]);
    });
    done.add(group);
  };
  for (const group of Object.keys(site.groups)) visit(group, []);
  return issues;
}
