import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { parseCatalogText, parseSiteText } from '../../src/catalog/parse.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Overrides } from '../../src/matrix/settings.js';
import type { Catalog } from '../../src/model/catalog.js';
import { formatIssue, type Issue, type Result } from '../../src/model/issues.js';
import type { Site } from '../../src/model/site.js';
import { FR_SPACE } from '../../src/model/text.js';
import { generate, type TargetId, targets } from '../../src/targets/index.js';
import { checkOptions } from '../../src/targets/kit/options.js';
import { placeInSite, preflight } from '../../src/targets/preflight.js';
import { corpusFiles } from './corpus.js';

/**
 * The guard, continued past loading: every problem of resolving a site (src/matrix/) and of what `generate` would
 * refuse (src/targets/preflight.ts, the preparation of a generation) carries its French, at the English line's
 * place, in other words than the English, with a hint in both or in neither.
 */

const issuesOf = (r: Result<unknown>): Issue[] => (r.ok ? r.warnings : r.issues);
const place = (line: string) => /^[^:]+:\d+:\d+: /.exec(line)?.[0];
/** French as it is printed: the no-break space before `:` `;` `!` `?` typed as a plain one here. */
const typed = (s: string) => s.replaceAll(FR_SPACE, ' ');

function expectFrench(issues: readonly Issue[]): void {
  for (const i of issues) {
    const en = formatIssue(i, 'en');
    expect(i.fr, en).toBeDefined();
    const fr = formatIssue(i, 'fr');
    expect(place(fr), en).toBe(place(en));
    expect(fr, en).not.toBe(en);
    expect(Boolean(i.fr?.hint), `${en}: a hint in both or neither`).toBe(Boolean(i.hint));
    // Typed spaces before `:` `?` became no-break ones; the English has none.
    expect(fr, en).not.toMatch(/ [:?;!](\s|$)/);
    expect(en, en).not.toContain(FR_SPACE);
  }
}

/** A catalog with a parameter of each kind a resolution needs: none given, and values that are no address or port. */
const CATALOG = `id: c
title: { en: C }
vendor: V
product: P
source: { document: d.txt, title: D }
roles:
  web: { title: { en: Web } }
  sql: { title: { en: SQL } }
  relay: { title: { en: Relay }, addresses: ['\${relay_host}'] }
  odd: { title: { en: Odd }, addresses: ['\${odd_host}'] }
services:
  rpc: { ports: ['tcp/\${rpc_low}-\${rpc_high}'] }
  big: { ports: ['tcp/\${big_port}'] }
features:
  mail: { title: { en: Mail } }
  extra: { title: { en: Extra } }
  cloud-a: { title: { en: A }, exclusive: cloud, default: true }
  cloud-b: { title: { en: B }, exclusive: cloud }
parameters:
  relay_host: { type: string, title: { en: Relay } }
  odd_host: { type: string, title: { en: Odd }, default: 'bad host!' }
  rpc_low: { type: port, title: { en: RPC } }
  rpc_high: { type: port, title: { en: RPC high } }
  big_port: { type: integer, title: { en: Big }, default: 70000 }
  size: { type: integer, title: { en: Size }, default: 1 }
flows:
  - { id: web-sql, purpose: { en: DB }, from: web, to: sql, services: [tcp/1433], level: mandatory }
  - { id: web-relay, purpose: { en: Mail }, from: web, to: relay, services: [tcp/25], level: optional, when: mail }
  - { id: web-odd, purpose: { en: Odd }, from: web, to: odd, services: [tcp/25], level: optional, when: extra }
  - { id: web-rpc, purpose: { en: RPC }, from: web, to: sql, services: [rpc], level: optional, when: extra }
  - { id: web-big, purpose: { en: Big }, from: web, to: sql, services: [big], level: optional, when: extra }
`;

const SITE = `id: s
title: S
catalogs:
  - catalog: c
    roles: { web: web01, sql: db01 }
zones:
  lan: { kind: internal, cidrs: [10.0.1.0/24] }
  dmz: { kind: internal, cidrs: [10.0.2.0/24] }
  internet: { kind: external, default: true }
hosts:
  web01: { address: 10.0.1.10 }
  db01: { address: 10.0.2.10 }
firewalls:
  - name: fw1
    platform: nftables
    zones: [lan, dmz, internet]
`;

const siteWith = (find: string, replace: string): string => {
  expect(SITE).toContain(find);
  return SITE.replace(find, replace);
};

let catalog: Catalog;
beforeAll(() => {
  const parsed = parseCatalogText(CATALOG, 'c.yaml');
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => formatIssue(i)).join('\n'));
  catalog = parsed.value;
});

/** A change made to the parsed site: what the loader refuses first, to reach resolution's own backstops. */
type Edit = (site: Site) => Site;

/** The site resolved against the catalog above (no loader checks first: resolution's own problems), then preflight. */
function resolved(siteText: string, overrides?: Overrides, edit: Edit = (s) => s): Issue[] {
  const site = parseSiteText(siteText, 's.yaml');
  if (!site.ok) throw new Error(site.issues.map((i) => formatIssue(i)).join('\n'));
  const input = { site: edit(site.value), catalogs: new Map([['c', catalog]]) };
  const r = resolveSite(overrides ? { ...input, overrides } : input);
  return r.ok ? [...r.warnings, ...preflight(r.value)] : r.issues;
}

/** [what, site text, overrides, the French of one of its problems (typed spaces)]. */
const CASES: [string, string, Overrides | undefined, string, Edit?][] = [
  [
    'an enabled flow whose role is not bound',
    siteWith('roles: { web: web01, sql: db01 }', 'roles: { web: web01 }'),
    undefined,
    'le flux "web-sql" (web-sql) du catalogue "c" est activé mais le rôle "sql" n’est lié à rien — liez "sql" à des hôtes, des groupes ou des zones sous catalogs[].roles, ou désactivez la fonctionnalité dont il dépend (toujours actif)',
  ],
  [
    'an address that needs a parameter without a value',
    siteWith('roles: { web: web01, sql: db01 }', 'roles: { web: web01, sql: db01 }\n    features: { mail: true }'),
    undefined,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog parameter placeholder, as the message quotes it
    'le rôle "relay" du catalogue "c" a besoin du paramètre "relay_host" pour l’adresse "${relay_host}" — renseignez-le sous catalogs[].parameters dans le site, ou avec --set relay_host=VALEUR',
  ],
  [
    'a port that needs a parameter, an address and a port that are none',
    siteWith('roles: { web: web01, sql: db01 }', 'roles: { web: web01, sql: db01 }\n    features: { extra: true }'),
    undefined,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog parameter placeholder, as the message quotes it
    'flux "web-rpc" du catalogue "c" : le port "tcp/${rpc_low}-${rpc_high}" a besoin des paramètres "rpc_low", "rpc_high"',
  ],
  [
    'a binding that names nothing',
    siteWith('roles: { web: web01, sql: db01 }', 'roles: { web: web01, sql: nowhere }'),
    undefined,
    '"nowhere" n’est ni un hôte, ni un groupe, ni une zone du site, ni une adresse — déclarez-le sous hosts:, groups: ou zones:, ou écrivez une adresse IP, un CIDR ou un nom DNS',
  ],
  [
    'a catalog not loaded',
    siteWith('  - catalog: c\n', '  - catalog: c\n  - catalog: gone\n'),
    undefined,
    'le catalogue "gone" n’est pas chargé',
  ],
  [
    'a proxy host not declared',
    siteWith('firewalls:', 'proxy: { name: px, host: db01, port: 3128, zones: [internet] }\nfirewalls:'),
    undefined,
    'l’hôte du proxy "db01" n’est pas déclaré sous hosts: — déclarez-le sous hosts: avec son adresse',
    (site) => ({ ...site, hosts: { web01: site.hosts.web01 as Site['hosts'][string] } }),
  ],
  [
    'metadata that selects no row',
    siteWith('firewalls:', 'metadata:\n  - { flow: nothing, owner: me }\nfirewalls:'),
    undefined,
    'avertissement : metadata[0] ne sélectionne aucune ligne de la matrice',
  ],
  [
    'an unknown --feature',
    SITE,
    { features: { mial: true } },
    '--feature mial : aucun catalogue du site n’a de fonctionnalité "mial" — vouliez-vous dire "mail" ?',
  ],
  [
    'an unknown --set with nothing close',
    SITE,
    { parameters: { zzzzzz: '1' } },
    '--set zzzzzz : aucun catalogue du site n’a de paramètre "zzzzzz" — paramètres : relay_host, odd_host, rpc_low, rpc_high, big_port, size',
  ],
  [
    'a --set value of the wrong type',
    SITE,
    { parameters: { size: 'many' } },
    '--set size=many : le paramètre "size" est de type "integer"',
  ],
  [
    'exclusive features turned on together from the command line',
    SITE,
    { features: { 'cloud-b': true } },
    'les fonctionnalités "cloud-a" et "cloud-b" du catalogue "c" sont des options exclusives (groupe "cloud") mais sont toutes deux activées — désactivez-les toutes sauf une',
  ],
  [
    'an unknown platform',
    siteWith('platform: nftables', 'platform: nftabels'),
    undefined,
    'pare-feu "fw1" : plateforme inconnue "nftabels" — vouliez-vous dire "nftables" ?',
  ],
  [
    'an interface name Linux refuses',
    siteWith(
      'zones: [lan, dmz, internet]',
      'zones: [lan, dmz, internet]\n    interfaces: { lan: eth1+, dmz: eth2, internet: eth0 }',
    ),
    undefined,
    'le nom d’interface "eth1+" n’est ni un nom ni un préfixe d’interface Linux valide — écrivez "eth1*"',
  ],
  [
    'a zone without an interface on a firewall that names them',
    siteWith(
      'zones: [lan, dmz, internet]',
      'zones: [lan, dmz, internet]\n    interfaces: { lan: eth1, dmz: eth2, internet: eth0 }',
    ),
    undefined,
    'le pare-feu "fw1" ne nomme aucune interface pour la zone "dmz" : ses règles accepteraient donc n’importe quelle interface de ce côté',
    (site) => ({
      ...site,
      firewalls: site.firewalls.map((f) => ({ ...f, interfaces: { lan: 'eth1', internet: 'eth0' } })),
    }),
  ],
  [
    'a site option the target does not take, and a bad value',
    siteWith('zones: [lan, dmz, internet]', 'zones: [lan, dmz, internet]\n    options: { counter: true, nat: maybe }'),
    undefined,
    'option inconnue "counter" pour la cible nftables — vouliez-vous dire "counters" ?',
  ],
];

describe('problems of resolving a site and of preparing generate, in French too', () => {
  it.each(CASES)('%s', (_what, siteText, overrides, french, edit) => {
    const issues = resolved(siteText, overrides, edit);
    expect(issues.length).toBeGreaterThan(0);
    expectFrench(issues);
    expect(issues.map((i) => typed(formatIssue(i, 'fr')))).toContainEqual(expect.stringContaining(french));
  });

  it('one site, several kinds of problem: parameters missing, an address and a port that are none', () => {
    const issues = resolved(
      siteWith('roles: { web: web01, sql: db01 }', 'roles: { web: web01, sql: db01 }\n    features: { extra: true }'),
    );
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['missing-parameter', 'invalid-address', 'invalid-port']),
    );
    const french = issues.map((i) => typed(formatIssue(i, 'fr')));
    expect(french).toContainEqual(
      expect.stringMatching(
        /^rôle "odd" : "bad host!" \(issu de "\$\{odd_host\}"\) : "bad host!" contient des espaces/,
      ),
    );
    expect(french).toContainEqual(
      expect.stringMatching(/^flux "web-big" du catalogue "c" : "tcp\/70000" : port 70000 hors limites/),
    );
  });

  it('a target named that does not exist, and a firewall named that the site lacks', () => {
    const site = parseSiteText(SITE, 's.yaml');
    if (!site.ok) throw new Error('site');
    const r = resolveSite({ site: site.value, catalogs: new Map([['c', catalog]]) });
    if (!r.ok) throw new Error('resolve');
    const unknownTarget = generate(r.value, { target: 'nftabels' });
    const unknownFirewall = generate(r.value, { firewall: 'zzzzzz' });
    const proxyless = generate(r.value, { target: 'squid' });
    const issues = [unknownTarget, unknownFirewall, proxyless].flatMap(issuesOf);
    expect(issues).toHaveLength(3);
    expectFrench(issues);
    expect(typed(formatIssue(issues[1] as Issue, 'fr'))).toBe('pare-feu inconnu "zzzzzz" — pare-feu connus : fw1');
  });

  it('options checked from --option: unknown, bad value, a target without options', () => {
    const options = (target: TargetId, values: Record<string, unknown>) => {
      const r = checkOptions(targets[target].options, target, values, ['--option']);
      return r.ok ? [] : r.issues;
    };
    const none = options('juniper-srx', { nat: true });
    const bad = [
      ...options('nftables', { countres: true, nat: 'maybe' }),
      ...options('panos', { mode: 'merge', placement: 'middle' }),
      ...options('windows-firewall', { directions: 'sideways' }),
    ];
    expect(bad.length).toBeGreaterThanOrEqual(4);
    expectFrench([...none, ...bad]);
    expect(typed(formatIssue(none[0] as Issue, 'fr'))).toBe(
      'option inconnue "nat" pour la cible juniper-srx — juniper-srx ne prend aucune option',
    );
    expect(bad.map((i) => typed(formatIssue(i, 'fr')))).toContainEqual(
      expect.stringContaining('placement vaut top, bottom, before:<règle> ou after:<règle>'),
    );
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

const looksLikeSite = (path: string): boolean => {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {}
  return /^(catalogs|extends|include)\s*:/m.test(text) && !/^flows\s*:/m.test(text);
};

/** The sites of the broken and bad-input corpora, and the examples, resolved and pre-checked as `validate` does. */
describe('every problem of resolving the corpora and the examples has its French', () => {
  const sites = ['test/fixtures/broken', 'test/fixtures/bad-input', 'examples']
    .flatMap((dir) => corpusFiles(dir).map((f) => `${dir}/${f}`))
    .filter(looksLikeSite);
  it('has sites', () => {
    expect(sites.length).toBeGreaterThanOrEqual(20);
  });
  it.each(sites)('%s', (path) => {
    const loaded = loadSiteFile(path);
    if (!loaded.ok) return; // loading's problems: issues-french.test.ts
    const { site, catalogs, placeIssues } = loaded.value;
    const r = resolveSite({ site, catalogs });
    const issues = r.ok
      ? placeInSite(placeIssues, path, [...r.warnings, ...preflight(r.value)])
      : placeIssues(r.issues);
    expectFrench(issues);
  });
});
