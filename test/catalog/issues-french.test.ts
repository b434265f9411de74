import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile, loadSiteFile } from '../../src/catalog/fs.js';
import { parseCatalogText, parseSiteText } from '../../src/catalog/parse.js';
import type { Result } from '../../src/model/issues.js';
import { formatIssue, type Issue } from '../../src/model/issues.js';
import { FR_SPACE } from '../../src/model/text.js';
import { corpusFiles } from './corpus.js';

/**
 * Every problem of loading a site or a catalog is said in English and in French, at the same place: the French
 * is built where the issue is made (Issue.fr), and `formatIssue(issue, lang)` chooses.
 */

const issuesOf = (r: Result<unknown>): Issue[] => (r.ok ? r.warnings : r.issues);
const lines = (issues: readonly Issue[], lang: 'fr' | 'en') => issues.map((i) => formatIssue(i, lang));
/** `file:line:col: ` of a formatted issue. */
const place = (line: string) => /^[^:]+:\d+:\d+: /.exec(line)?.[0];
/** French as it is printed: the no-break space before `:` `;` `!` `?` typed as a plain one here. */
const typed = (s: string) => s.replaceAll(FR_SPACE, ' ');

const CATALOG = `id: c
title: { en: C }
vendor: V
product: P
source: { document: d.txt, title: D }
roles:
  web: { title: { en: Web } }
  sql: { title: { en: SQL } }
services:
  https: { ports: [tcp/443] }
features:
  sms: { title: { en: SMS } }
flows:
  - id: f1
    purpose: { en: F }
    from: web
    to: sql
    services: [https]
    level: mandatory
`;

/** The catalog above with one line replaced. */
const catalogWith = (find: string, replace: string): string => {
  expect(CATALOG).toContain(find);
  return CATALOG.replace(find, replace);
};

const SITE = `id: s
title: S
catalogs:
  - catalog: minimal
zones:
  lan: { kind: internal, cidrs: [10.0.1.0/24] }
  internet: { kind: external, default: true }
hosts:
  web01: { address: 10.0.1.10 }
firewalls:
  - name: fw1
    platform: nftables
    zones: [lan, internet]
`;

const siteWith = (find: string, replace: string): string => {
  expect(SITE).toContain(find);
  return SITE.replace(find, replace);
};

/** [what, catalog or site text, English line, French line] (without the position, which is checked equal). */
const CASES: [string, 'catalog' | 'site', string, string, string][] = [
  [
    'an unknown key',
    'catalog',
    catalogWith('    to: sql\n', '    to: sql\n    colour: red\n'),
    'unknown key "colour" in flows[0] — allowed keys: id, ref, label, purpose, kind, direction, interface, from, to, services, app, when, level, auth, encryption, proxy, notes, origin',
    'clé inconnue "colour" dans flows[0] — clés possibles : id, ref, label, purpose, kind, direction, interface, from, to, services, app, when, level, auth, encryption, proxy, notes, origin',
  ],
  [
    'a misspelt key',
    'catalog',
    catalogWith('    services: [https]', '    sevrices: [https]'),
    'unknown key "sevrices" in flows[0] — did you mean "services"?',
    'clé inconnue "sevrices" dans flows[0] — vouliez-vous dire "services" ?',
  ],
  [
    'a missing key',
    'catalog',
    catalogWith('    purpose: { en: F }\n', ''),
    'missing required key "purpose" in flows[0] — add "purpose:" (a mapping)',
    'clé obligatoire "purpose" absente dans flows[0] — ajoutez "purpose:" (un dictionnaire)',
  ],
  [
    'a value outside the vocabulary',
    'catalog',
    catalogWith('    level: mandatory', '    level: mandatroy'),
    'flows[0].level: the text "mandatroy" is not an allowed value — did you mean "mandatory"? (allowed: mandatory, recommended, optional)',
    'flows[0].level : le texte "mandatroy" n’est pas une valeur autorisée — vouliez-vous dire "mandatory" ? (valeurs possibles : mandatory, recommended, optional)',
  ],
  [
    'a text where a list belongs',
    'catalog',
    catalogWith('    services: [https]', '    services: https'),
    'flows[0].services: expected a list, found the text "https" — write a list here: one "- item" per line below the key, or [a, b] on its line',
    'flows[0].services : il faut une liste ici, pas le texte "https" — écrivez une liste ici : une ligne "- élément" par entrée sous la clé, ou [a, b] sur sa ligne',
  ],
  [
    'an id that is not one',
    'catalog',
    catalogWith('id: c\n', 'id: My Catalog\n'),
    'id: the text "My Catalog" is not valid — ids are lowercase letters, digits, ".", "_" and "-"',
    'id : le texte "My Catalog" n’est pas valide — un id s’écrit en minuscules, chiffres, ".", "_" et "-"',
  ],
  [
    'an unknown role',
    'catalog',
    catalogWith('    to: sql', '    to: sqll'),
    'flows[0].to: unknown role "sqll" — did you mean "sql"?',
    'flows[0].to : rôle inconnu "sqll" — vouliez-vous dire "sql" ?',
  ],
  [
    'an unknown feature',
    'catalog',
    catalogWith('    services: [https]', '    services: [https]\n    when: graph'),
    'flows[0].when: unknown feature "graph" — declare it under "features" or use one of: sms',
    'flows[0].when : fonctionnalité inconnue "graph" — déclarez-la sous "features" ou choisissez parmi : sms',
  ],
  [
    'a port out of range',
    'catalog',
    catalogWith('[tcp/443]', '[tcp/70000]'),
    'services.https.ports[0]: port 70000 out of range in "tcp/70000" — a port is 1 to 65535',
    'services.https.ports[0] : port 70000 hors limites dans "tcp/70000" — un port va de 1 à 65535',
  ],
  [
    'a feature expression cut short',
    'catalog',
    catalogWith('    services: [https]', '    services: [https]\n    when: "sms &&"'),
    'flows[0].when: "sms &&" is not a valid feature expression: expected a feature name, found end of expression at character 7 — combine feature names with &&, ||, ! and parentheses, e.g. "sms && !adfs-onprem"',
    'flows[0].when : "sms &&" n’est pas une expression de fonctionnalités valide : on attend un nom de fonctionnalité, pas la fin de l’expression, au caractère 7 — combinez les noms de fonctionnalités avec &&, ||, ! et des parenthèses, par ex. "sms && !adfs-onprem"',
  ],
  [
    'a duplicate key',
    'catalog',
    catalogWith('  sql: { title: { en: SQL } }\n', '  sql: { title: { en: SQL } }\n  web: { title: { en: W } }\n'),
    'duplicate key "web" (first at 7:3) — each key may appear once in a mapping: merge the two entries or rename one',
    'clé "web" en double (première à 7:3) — une clé ne figure qu’une fois dans un dictionnaire : fusionnez les deux entrées ou renommez-en une',
  ],
  [
    'a tab in the indentation',
    'catalog',
    catalogWith('  sms: { title', '\tsms: { title'),
    'YAML syntax error: Tabs are not allowed as indentation — indent with spaces, not tabs',
    'erreur de syntaxe YAML : tabulation dans l’indentation — indentez avec des espaces, pas des tabulations',
  ],
  [
    'a network with host bits',
    'site',
    siteWith('10.0.1.0/24', '10.0.1.1/24'),
    'zones.lan.cidrs[0]: "10.0.1.1/24" has host bits set — did you mean "10.0.1.0/24"?',
    'zones.lan.cidrs[0] : "10.0.1.1/24" a des bits d’hôte à 1 (pas une adresse de réseau) — vouliez-vous dire "10.0.1.0/24" ?',
  ],
  [
    'an address that is not one',
    'site',
    siteWith('10.0.1.10', '10.0.1.300'),
    'hosts.web01.address: "10.0.1.300" is not a valid IPv4 address — four numbers 0 to 255 separated by dots',
    'hosts.web01.address : "10.0.1.300" n’est pas une adresse IPv4 valide — quatre nombres de 0 à 255 séparés par des points',
  ],
  [
    'an unknown zone',
    'site',
    siteWith('zones: [lan, internet]', 'zones: [lan, internett]'),
    'firewalls[0].zones[1]: unknown zone "internett" — did you mean "internet"?',
    'firewalls[0].zones[1] : zone inconnue "internett" — vouliez-vous dire "internet" ?',
  ],
  [
    'a zone listed twice by a firewall',
    'site',
    siteWith('zones: [lan, internet]', 'zones: [lan, internet, lan]'),
    'firewall "fw1" lists zone "lan" twice: a firewall does not separate a zone from itself — list each zone it separates once (traffic inside one zone crosses no firewall)',
    'le pare-feu "fw1" liste deux fois la zone "lan" : un pare-feu ne sépare pas une zone d’elle-même — listez une seule fois chaque zone qu’il sépare (le trafic interne à une zone ne traverse aucun pare-feu)',
  ],
  [
    'a host with nothing to bind',
    'site',
    siteWith('  web01: { address: 10.0.1.10 }', '  web01: { address: 10.0.1.10 }\n  db01: { zone: lan }'),
    'host "db01" has no address, fqdn or k8s selector — give it address: or fqdn:',
    'l’hôte "db01" n’a ni address, ni fqdn, ni sélecteur k8s — donnez-lui address: ou fqdn:',
  ],
  [
    'a group inside itself',
    'site',
    siteWith('firewalls:', 'groups:\n  a: [b]\n  b: [a]\nfirewalls:'),
    'group "a" contains itself through "a" → "b" → "a" — remove "a" from group "b"',
    'le groupe "a" se contient lui-même par "a" → "b" → "a" — retirez "a" du groupe "b"',
  ],
];

describe('problems in French and English, at the same place', () => {
  it.each(CASES)('%s', (_what, kind, yaml, en, fr) => {
    const result = kind === 'catalog' ? parseCatalogText(yaml, 'bad.yaml') : parseSiteText(yaml, 'bad.yaml');
    const issues = issuesOf(result);
    const english = lines(issues, 'en');
    const french = lines(issues, 'fr');
    const at = english.findIndex((l) => l.endsWith(en));
    expect(english, 'the English line').toContainEqual(expect.stringContaining(en));
    expect(typed(french[at] ?? '')).toBe(`${place(english[at] ?? '')}${fr}`);
    expect(french.map(place)).toEqual(english.map(place));
  });

  it('the French puts a no-break space before ":" "?" ";" and none in the English', () => {
    const issues = issuesOf(parseCatalogText(catalogWith('    to: sql', '    to: sqll'), 'bad.yaml'));
    const [fr] = lines(issues, 'fr');
    expect(fr).toContain(`flows[0].to${FR_SPACE}: rôle inconnu "sqll" — vouliez-vous dire "sql"${FR_SPACE}?`);
    expect(lines(issues, 'en')[0]).not.toContain(FR_SPACE);
  });

  it('a warning says so in its language', () => {
    const warning: Issue = { code: 'schema', severity: 'warning', path: [], message: 'm', fr: { message: 'f' } };
    expect(formatIssue(warning, 'fr')).toBe(`avertissement${FR_SPACE}: f`);
    expect(formatIssue(warning, 'en')).toBe('warning: m');
  });
});

// Built-in catalogs come from a fixture folder, as the corpora's expected files were written with.
const savedCatalogs = process.env.FLOWMATRIX_CATALOGS;
beforeAll(() => {
  process.env.FLOWMATRIX_CATALOGS = 'test/catalog/fixtures/builtins';
});
afterAll(() => {
  if (savedCatalogs === undefined) delete process.env.FLOWMATRIX_CATALOGS;
  else process.env.FLOWMATRIX_CATALOGS = savedCatalogs;
});

/** A site names catalogs (or includes or extends files that do) and has no flows: as `validate` tells them apart. */
const looksLikeSite = (path: string): boolean => {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {}
  return /^(catalogs|extends|include)\s*:/m.test(text) && !/^flows\s*:/m.test(text);
};

/**
 * The guard: every problem the broken and bad-input corpora give (syntax, encoding, schema, references, addresses,
 * ports, sites of several files) carries its French, at the English line's place, in other words than the English.
 */
describe('every problem of the bad-input corpora has its French', () => {
  const corpus = ['test/fixtures/broken', 'test/fixtures/bad-input'].flatMap((dir) =>
    corpusFiles(dir).map((f) => `${dir}/${f}`),
  );
  it('has a corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
  });
  it.each(corpus)('%s', (path) => {
    // Some load fine (a UTF-8 byte-order mark) or fail later, at generation (site-include-refused): none to check.
    const issues = issuesOf(looksLikeSite(path) ? loadSiteFile(path) : loadCatalogFile(path));
    for (const i of issues) {
      const en = formatIssue(i, 'en');
      expect(i.fr, en).toBeDefined();
      const fr = formatIssue(i, 'fr');
      expect(place(fr), en).toBe(place(en));
      expect(fr, en).not.toBe(en);
      expect(Boolean(i.fr?.hint), `${en}: a hint in both or neither`).toBe(Boolean(i.hint));
    }
  });
});
