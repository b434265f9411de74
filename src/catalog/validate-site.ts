import type { Catalog } from '../model/catalog.js';
import { didYouMeanText, type Issue, issue, type YamlPath } from '../model/issues.js';
import type { BindingItem, CatalogUse, Site } from '../model/site.js';
import { type Text, text } from '../model/text.js';
import { isValidFqdn, parseAddress } from '../net/index.js';
import { checkAddress, duplicateIds, type Locate, refusedAt, unknownRef } from './refs.js';
import { type AddressParser, addressParser } from './site-addresses.js';
import { checkSiteNames } from './site-names.js';
import { resolveNat } from './site-nat.js';
import { checkTopology } from './site-topology.js';
import { checkParameterValue } from './validate-catalog.js';
import { checkMetadata } from './validate-metadata.js';
import { checkPolicy } from './validate-policy.js';

/**
 * Checks on a site that passed the schema. `catalogs[i]` is the catalog `site.catalogs[i]` names, or
 * undefined when it could not be loaded (its own issues say why): the checks against it are skipped.
 */
export function validateSite(site: Site, catalogs: readonly (Catalog | undefined)[], locate?: Locate): Issue[] {
  const parse = addressParser();
  return [
    ...checkZones(site),
    ...checkHosts(site, parse),
    ...checkGroups(site),
    ...checkFirewalls(site, locate),
    ...checkProxy(site),
    ...checkPolicy(site.policy ?? [], Object.keys(site.zones)),
    ...checkTopology(site, locate, parse),
    ...resolveNat(site).issues,
    ...checkSiteNames(site, catalogs, locate),
    ...checkMetadata(site, catalogs),
    ...site.catalogs.flatMap((use, i) => {
      const catalog = catalogs[i];
      return catalog ? checkCatalogUse(site, use, catalog, ['catalogs', i]) : [];
    }),
  ];
}

const keyIssue = (i: Issue): Issue => ({ ...i, at: 'key' });

function unknownZone(site: Site, zone: string, path: YamlPath): Issue {
  return unknownRef('unknown-zone', 'zone', zone, Object.keys(site.zones), path, 'zones');
}

function checkZones(site: Site): Issue[] {
  const issues: Issue[] = [];
  const defaults = Object.entries(site.zones).filter(([, z]) => z.default);
  for (const [name] of defaults.slice(1)) {
    issues.push(
      issue(
        'invalid-value',
        ['zones', name, 'default'],
        text(
          `les zones "${defaults[0]?.[0]}" et "${name}" sont toutes deux la zone par défaut`,
          `zones "${defaults[0]?.[0]}" and "${name}" are both the default zone`,
        ),
        text(
          'ne gardez default: true que sur une zone (en général "internet")',
          'keep default: true on one zone only (usually "internet")',
        ),
      ),
    );
  }
  for (const [name, zone] of Object.entries(site.zones)) {
    zone.cidrs.forEach((cidr, i) => {
      const path: YamlPath = ['zones', name, 'cidrs', i];
      const parsed = parseAddress(cidr);
      if (!parsed.ok) {
        issues.push(refusedAt('invalid-cidr', path, parsed));
      } else if (parsed.value.kind !== 'cidr') {
        issues.push(
          issue(
            'invalid-cidr',
            path,
            text(
              `la zone "${name}" liste "${cidr}", qui n’est pas un CIDR`,
              `zone "${name}" lists "${cidr}", which is not a CIDR`,
            ),
            text(
              'une zone contient des CIDR comme 10.0.0.0/8 ; les noms vont dans les hôtes',
              'zones hold CIDRs such as 10.0.0.0/8; names belong to hosts',
            ),
          ),
        );
      }
    });
  }
  return issues;
}

/** An address with no template that parses: nothing to report, so no path to build (a site has thousands). */
const plainValid = (text: string, parse: AddressParser): boolean => !text.includes('${') && parse(text).ok;

function checkHosts(site: Site, parse: AddressParser): Issue[] {
  const issues: Issue[] = [];
  for (const [name, host] of Object.entries(site.hosts)) {
    const base: YamlPath = ['hosts', name];
    const { address } = host;
    if (typeof address === 'string') {
      if (!plainValid(address, parse)) issues.push(...checkAddress(address, [...base, 'address'], {}, parse));
    } else if (address) {
      address.forEach((a, i) => {
        if (!plainValid(a, parse)) issues.push(...checkAddress(a, [...base, 'address', i], {}, parse));
      });
    }
    if (host.fqdn !== undefined && !isValidFqdn(host.fqdn)) {
      issues.push(
        issue(
          'invalid-fqdn',
          [...base, 'fqdn'],
          text(
            `hôte "${name}" : "${host.fqdn}" n’est pas un nom DNS valide`,
            `host "${name}": "${host.fqdn}" is not a valid DNS name`,
          ),
          text(
            'un nom DNS est une suite de segments séparés par des points, faits de lettres, de chiffres et de tirets intérieurs, comme web01.example.com',
            'a DNS name is dot-separated labels of letters, digits and inner hyphens, such as web01.example.com',
          ),
        ),
      );
    }
    if (host.zone !== undefined && !(host.zone in site.zones))
      issues.push(unknownZone(site, host.zone, [...base, 'zone']));
    if (host.address === undefined && host.fqdn === undefined && host.k8s === undefined) {
      issues.push(
        issue(
          'invalid-value',
          base,
          text(
            `l’hôte "${name}" n’a ni address, ni fqdn, ni sélecteur k8s`,
            `host "${name}" has no address, fqdn or k8s selector`,
          ),
          text('donnez-lui address: ou fqdn:', 'give it address: or fqdn:'),
        ),
      );
    }
  }
  return issues;
}

/** A name a binding or group may use: host, group, zone, or a literal address. */
function isKnownTarget(site: Site, name: string): boolean {
  return name in site.hosts || name in site.groups || name in site.zones || parseAddress(name).ok;
}

function unknownHost(site: Site, name: string, path: YamlPath, what: Text): Issue {
  const known = [...Object.keys(site.hosts), ...Object.keys(site.groups), ...Object.keys(site.zones)];
  return issue(
    'unknown-host',
    path,
    text(
      `"${name}" (${what.fr}) n’est ni un hôte, ni un groupe, ni une zone, ni une adresse`,
      `"${name}" (${what.en}) is neither a host, a group, a zone nor an address`,
    ),
    didYouMeanText(name, known) ??
      text(
        'déclarez-le sous "hosts" ou écrivez une adresse IP, un CIDR ou un nom DNS',
        'declare it under "hosts" or write an IP address, CIDR or DNS name',
      ),
  );
}

function checkGroups(site: Site): Issue[] {
  return Object.entries(site.groups).flatMap(([name, members]) =>
    members.flatMap((m, i) =>
      isKnownTarget(site, m)
        ? []
        : [unknownHost(site, m, ['groups', name, i], text(`membre du groupe "${name}"`, `member of group "${name}"`))],
    ),
  );
}

function checkFirewalls(site: Site, locate?: Locate): Issue[] {
  const names = site.firewalls.map((f) => f.name);
  const issues: Issue[] = duplicateIds(text('du pare-feu', 'firewall'), names, ['firewalls'], locate, 'name');
  site.firewalls.forEach((fw, i) => {
    const base: YamlPath = ['firewalls', i];
    fw.zones.forEach((z, j) => {
      if (!(z in site.zones)) issues.push(unknownZone(site, z, [...base, 'zones', j]));
    });
    for (const z of Object.keys(fw.interfaces)) {
      if (!(z in site.zones)) issues.push(keyIssue(unknownZone(site, z, [...base, 'interfaces', z])));
    }
  });
  return issues;
}

function checkProxy(site: Site): Issue[] {
  const proxy = site.proxy;
  if (!proxy) return [];
  const issues: Issue[] = [];
  if (!(proxy.host in site.hosts)) {
    issues.push(
      issue(
        'unknown-host',
        ['proxy', 'host'],
        text(
          `l’hôte proxy "${proxy.host}" n’est pas déclaré sous "hosts"`,
          `proxy host "${proxy.host}" is not declared under "hosts"`,
        ),
        didYouMeanText(proxy.host, Object.keys(site.hosts)) ??
          text(
            'déclarez la machine proxy sous "hosts" et nommez-la ici',
            'declare the proxy machine under "hosts" and name it here',
          ),
      ),
    );
  }
  proxy.zones.forEach((z, i) => {
    if (!(z in site.zones)) issues.push(unknownZone(site, z, ['proxy', 'zones', i]));
  });
  proxy.bypass.forEach((b, i) => {
    if (!isKnownTarget(site, b)) issues.push(...checkAddress(b, ['proxy', 'bypass', i]));
  });
  return issues;
}

function checkCatalogUse(site: Site, use: CatalogUse, catalog: Catalog, base: YamlPath): Issue[] {
  const issues: Issue[] = [];
  for (const f of Object.keys(use.features)) {
    if (!(f in catalog.features)) issues.push(notInCatalog(catalog, 'feature', f, base));
  }
  for (const [p, value] of Object.entries(use.parameters)) {
    const param = catalog.parameters[p];
    if (!param) issues.push(notInCatalog(catalog, 'parameter', p, base));
    else issues.push(...checkParameterValue(p, param, value, [...base, 'parameters', p]));
  }
  for (const [role, binding] of Object.entries(use.roles)) {
    if (!(role in catalog.roles)) {
      issues.push(notInCatalog(catalog, 'role', role, base));
      continue;
    }
    // Paths built only for an issue: a site binds thousands of roles.
    const unknown = (item: BindingItem, at: YamlPath): void => {
      if (typeof item === 'string' && !isKnownTarget(site, item))
        issues.push(
          unknownHost(
            site,
            item,
            [...base, 'roles', role, ...at],
            text(`lié au rôle "${role}"`, `bound to role "${role}"`),
          ),
        );
    };
    if (!Array.isArray(binding)) unknown(binding as BindingItem, []);
    else
      binding.forEach((b, i) => {
        unknown(b, [i]);
      });
  }
  const justified = Object.keys(use.justifications);
  // A set: a catalog has thousands of flows (and none of this when nothing is justified).
  const flowsAndFeatures = justified.length === 0 ? new Set<string>() : flowAndFeatureNames(catalog);
  for (const key of justified) {
    if (!flowsAndFeatures.has(key)) {
      const known = [...flowsAndFeatures];
      issues.push(
        keyIssue(
          issue(
            'unknown-flow',
            [...base, 'justifications', key],
            text(
              `justification pour "${key}", qui n’est ni un flux ni une fonctionnalité du catalogue "${catalog.id}"`,
              `justification for "${key}", which is neither a flow nor a feature of catalog "${catalog.id}"`,
            ),
            didYouMeanText(key, known) ??
              text(
                'les justifications sont indexées par id de flux ou nom de fonctionnalité',
                'justifications are keyed by flow id or feature name',
              ),
          ),
        ),
      );
    }
  }
  issues.push(...checkExclusive(use, catalog, base));
  return issues;
}

const flowAndFeatureNames = (catalog: Catalog): Set<string> =>
  new Set([...catalog.flows.map((f) => f.id), ...Object.keys(catalog.features)]);

/**
 * A site key (`features.x`, `parameters.x`, `roles.x` of a catalog use) naming what the catalog does not declare;
 * the issue points at the key.
 */
/** What a catalog declares, as messages name it: `aucune fonctionnalité "x"`, `no feature "x"`. */
const DECLARED = {
  feature: {
    none: text('aucune fonctionnalité', 'no feature'),
    declaresNone: text('n’en déclare aucune', 'declares none'),
  },
  parameter: {
    none: text('aucun paramètre', 'no parameter'),
    declaresNone: text('n’en déclare aucun', 'declares none'),
  },
  role: { none: text('aucun rôle', 'no role'), declaresNone: text('n’en déclare aucun', 'declares none') },
} as const;

function notInCatalog(catalog: Catalog, what: 'feature' | 'parameter' | 'role', name: string, base: YamlPath): Issue {
  const known = Object.keys(catalog[`${what}s`]);
  const id = catalog.id;
  const { none, declaresNone } = DECLARED[what];
  const hint =
    didYouMeanText(name, known) ??
    (known.length
      ? text(`le catalogue "${id}" déclare : ${known.join(', ')}`, `catalog "${id}" declares: ${known.join(', ')}`)
      : text(`le catalogue "${id}" ${declaresNone.fr}`, `catalog "${id}" ${declaresNone.en}`));
  const message = text(`le catalogue "${id}" n’a ${none.fr} "${name}"`, `catalog "${id}" has ${none.en} "${name}"`);
  return keyIssue(issue(`unknown-${what}`, [...base, `${what}s`, name], message, hint));
}

/** Two features of one exclusive group on, counting the catalog's defaults the site did not override. */
function checkExclusive(use: CatalogUse, catalog: Catalog, base: YamlPath): Issue[] {
  const onByGroup = new Map<string, string[]>();
  for (const [name, feature] of Object.entries(catalog.features)) {
    if (!feature.exclusive) continue;
    if (!(use.features[name] ?? feature.default)) continue;
    onByGroup.set(feature.exclusive, [...(onByGroup.get(feature.exclusive) ?? []), name]);
  }
  const issues: Issue[] = [];
  for (const [group, on] of onByGroup) {
    if (on.length < 2) continue;
    // Point at a feature the site turned on itself, the one the user most likely has to change.
    const culprit = on.find((f) => use.features[f] === true) ?? on[1];
    const path: YamlPath = culprit !== undefined && culprit in use.features ? [...base, 'features', culprit] : base;
    issues.push(
      issue(
        'exclusive-features',
        path,
        text(
          `les fonctionnalités ${on.map((f) => `"${f}"`).join(' et ')} du catalogue "${catalog.id}" sont ${on.length === 2 ? 'toutes deux' : 'toutes'} actives, mais le groupe "${group}" n’en permet qu’une`,
          `features ${on.map((f) => `"${f}"`).join(' and ')} of catalog "${catalog.id}" are ${on.length === 2 ? 'both' : 'all'} on, but group "${group}" allows one`,
        ),
        text(
          `désactivez-les toutes sauf une (par exemple "${on.find((f) => f !== culprit) ?? on[0]}: false")`,
          `turn all but one off (for example "${on.find((f) => f !== culprit) ?? on[0]}: false")`,
        ),
      ),
    );
  }
  return issues;
}
