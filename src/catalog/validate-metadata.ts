import type { Catalog } from '../model/catalog.js';
import { didYouMeanText, type Issue, issue, type YamlPath } from '../model/issues.js';
import type { Site } from '../model/site.js';
import { type Text, text } from '../model/text.js';
import { checkDate } from './site-names.js';

/**
 * The site's `metadata:` entries: real dates, and selectors naming what the site's catalogs declare (a catalog id, a
 * flow id or `catalog/flow`, roles). Names are checked only when every catalog loaded (else their own issues come
 * first and a missing catalog would make every name look unknown).
 */
const ROLE = text('de rôle', 'a role');

export function checkMetadata(site: Site, catalogs: readonly (Catalog | undefined)[]): Issue[] {
  const entries = site.metadata ?? [];
  if (entries.length === 0) return [];
  const loaded = catalogs.length === site.catalogs.length && catalogs.every((c) => c !== undefined);
  const all = loaded ? (catalogs as readonly Catalog[]) : [];
  const ids = all.map((c) => c.id);
  const flows = all.flatMap((c) => c.flows.flatMap((f) => [f.id, `${c.id}/${f.id}`]));
  const roles = [...new Set(all.flatMap((c) => Object.keys(c.roles)))];
  return entries.flatMap((m, i) => {
    const base: YamlPath = ['metadata', i];
    const unknown = (field: string, name: string, known: readonly string[], what: Text): Issue[] =>
      known.includes(name)
        ? []
        : [
            issue(
              field === 'flow' ? 'unknown-flow' : field === 'catalog' ? 'unknown-catalog' : 'unknown-role',
              [...base, field],
              text(
                `metadata[${i}].${field} : aucun catalogue du site n’a ${what.fr} "${name}"`,
                `metadata[${i}].${field}: no catalog of the site has ${what.en} "${name}"`,
              ),
              didYouMeanText(name, known) ??
                text(
                  `les catalogues du site déclarent : ${known.slice(0, 12).join(', ')}`,
                  `the site's catalogs declare: ${known.slice(0, 12).join(', ')}`,
                ),
            ),
          ];
    return [
      ...(m.review === undefined ? [] : checkDate(m.review, [...base, 'review'])),
      ...(m.expires === undefined ? [] : checkDate(m.expires, [...base, 'expires'])),
      ...(loaded && m.catalog !== undefined ? unknown('catalog', m.catalog, ids, text('l’id', 'the id')) : []),
      ...(loaded && m.flow !== undefined ? unknown('flow', m.flow, flows, text('de flux', 'a flow')) : []),
      ...(loaded && m.from !== undefined ? unknown('from', m.from, roles, ROLE) : []),
      ...(loaded && m.to !== undefined ? unknown('to', m.to, roles, ROLE) : []),
    ];
  });
}
