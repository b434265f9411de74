import type { Catalog } from '../model/catalog.js';
import { type Issue, issue, type YamlPath } from '../model/issues.js';
import type { Site } from '../model/site.js';
import { type Text, text } from '../model/text.js';
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
export function checkDate(written: string, path: YamlPath): Issue[] {
  const problem = dateProblem(written);
  return problem === undefined
    ? []
    : [
        issue(
          'invalid-value',
          path,
          text(
            `${pathText(path, 'fr')} : ${written} n’est pas une date (${problem.fr})`,
            `${pathText(path)}: ${written} is not a date (${problem.en})`,
          ),
          text('écrivez un vrai jour, sous la forme AAAA-MM-JJ', 'write a real day as YYYY-MM-DD'),
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
        text(
          `le catalogue "${id}" est utilisé deux fois (à ${placeText(['catalogs', seen, 'catalog'], locate)} et à ${placeText(path, locate)})`,
          `catalog "${id}" is used twice (at ${placeText(['catalogs', seen, 'catalog'], locate)} and ${placeText(path, locate)})`,
        ),
        text(
          'fusionnez les deux entrées : une seule utilisation d’un catalogue porte toutes ses fonctionnalités, ses paramètres et ses rôles',
          'merge the two entries: one use of a catalog holds all its features, parameters and roles',
        ),
      ),
    );
  });
  return issues;
}

/** A host, a group or a zone, as a clash names it: with `a` (`un hôte`, `host`) and with `the` (`l’hôte`). */
interface Named {
  readonly a: Text;
  readonly the: Text;
}
const HOST: Named = { a: text('un hôte', 'host'), the: text('l’hôte', 'the host') };
const GROUP: Named = { a: text('un groupe', 'group'), the: text('le groupe', 'the group') };
const ZONE: Named = { a: text('une zone', 'zone'), the: text('la zone', 'the zone') };

/** A binding names a host, a group or a zone: one name for two of them would be read as the first, silently. */
function sameNameTwice(site: Site): Issue[] {
  const issues: Issue[] = [];
  const clash = (name: string, path: YamlPath, a: Named, b: Named) =>
    issues.push({
      ...issue(
        'duplicate-id',
        path,
        text(`"${name}" est à la fois ${a.a.fr} et ${b.a.fr}`, `"${name}" is both a ${a.a.en} and a ${b.a.en}`),
        text(
          `renommez l’un des deux : une liaison à "${name}" ne désignerait que ${a.the.fr}`,
          `rename one of them: a binding to "${name}" would mean ${a.the.en} only`,
        ),
      ),
      at: 'key',
    });
  for (const name of Object.keys(site.groups)) {
    if (name in site.hosts) clash(name, ['groups', name], HOST, GROUP);
    if (name in site.zones) clash(name, ['groups', name], GROUP, ZONE);
  }
  for (const name of Object.keys(site.hosts)) {
    if (name in site.zones) clash(name, ['hosts', name], HOST, ZONE);
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
              ? text(`le groupe "${group}" se contient lui-même`, `group "${group}" contains itself`)
              : text(
                  `le groupe "${member}" se contient lui-même par ${loop.map((g) => `"${g}"`).join(' → ')}`,
                  `group "${member}" contains itself through ${loop.map((g) => `"${g}"`).join(' → ')}`,
                ),
            text(`retirez "${member}" du groupe "${group}"`, `remove "${member}" from group "${group}"`),
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
