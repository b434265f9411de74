import type { Catalog, Flow, FlowFact } from '../../src/model/catalog.js';
import { pick } from '../../src/model/text.js';
import { evalWhen, parseWhen, type WhenAst } from '../../src/model/when.js';
import { canonicalAddress, ROW_COUNT_001, type SeedRow001 } from './seed-001.js';

/**
 * The fidelity of catalogs/m365-additional-endpoints.yaml to seed 001, as a list of differences (empty = faithful).
 * Each fact is taken from the seed (seed-001.ts) and compared with the catalog; a catalog fact the seed does not
 * state must carry an `origin`, or it is a difference too. The tables below are the vocabulary that links the
 * seed's words to catalog ids (features, roles); each entry quotes the seed phrase it stands on, and a phrase
 * missing from its row is itself a difference, so the tables cannot drift from the seed.
 */

/** Scenario conditions per row: the seed phrase and the features it makes necessary. */
const SCENARIOS: Record<number, readonly (readonly [RegExp, readonly string[]])[]> = {
  1: [[/Service d’importation pour PST/, ['pst-import']]],
  2: [[/Assistant Support et récupération/, ['support-recovery-assistant']]],
  3: [[/Microsoft Entra Connect \(option avec authentification unique\)/, ['entra-connect', 'adfs-federation']]],
  4: [[/pour les clients fédérés uniquement/, ['adfs-federation']]],
  5: [[/Intégration de la messagerie unifiée Exchange Online\/SBC/, ['exchange-um-sbc']]],
  6: [[/à partir d’Exchange hybride local/, ['exchange-hybrid']]],
  7: [[/Fonctions de coexistence hybride Exchange/, ['exchange-hybrid']]],
  8: [[/Authentification de proxy hybride Exchange/, ['exchange-hybrid']]],
  9: [[/uniquement nécessaires pour configurer Exchange hybride/, ['hybrid-wizard']]],
  10: [
    [/scénarios Exchange hybrides/, ['exchange-hybrid']],
    [/authentification moderne hybride avec Outlook pour iOS et Android/, ['outlook-mobile-hma']],
  ],
  11: [[/Authentification Microsoft Entra hybride Exchange/, ['exchange-hybrid', 'exchange-hybrid-entra-auth']]],
  12: [[/clients Skype Entreprise antérieurs dans Office 2013/, ['skype-legacy-clients']]],
  13: [[/Skype Entreprise connectivité hybride/, ['skype-hybrid']]],
  14: [[/RTC cloud avec connectivité hybride locale/, ['skype-cloud-pstn']]],
  15: [[/Sites de confiance/, ['trusted-sites']]],
  16: [[/Noms de domaine complets Microsoft Teams/, ['trusted-sites', 'teams-web']]],
  17: [[/Noms de domaine complets Sharepoint Online et OneDrive/, ['trusted-sites', 'sharepoint-onedrive']]],
  18: [[/Yammer/, ['trusted-sites', 'yammer']]],
  19: [[/Microsoft Entra Connect pour synchroniser/, ['entra-connect']]],
  20: [
    [/Microsoft Entra Connect/, ['entra-connect']],
    [/21 ViaNet en Chine/, ['china-21vianet']],
  ],
  21: [[/Microsoft Stream/, ['stream']]],
  22: [[/serveur MFA/, ['mfa-server']]],
  23: [[/Notifications de modification Microsoft Graph/, ['graph-change-notifications']]],
  24: [[/Indicateur d’état de la connexion réseau/, ['ncsi']]],
  25: [[/Notifications Teams sur les appareils mobiles/, ['teams-mobile-push']]],
};

/** Conditions that hold for one leg of a row only: a port or an address of the row, and the feature it needs. */
const LEG_CONDITIONS: readonly { row: number; phrase: RegExp; port?: string; address?: string; feature: string }[] = [
  { row: 4, phrase: /TCP 443 ou TCP 49443 avec ClientTLS/, port: 'tcp/443', feature: 'adfs-port-443' },
  { row: 4, phrase: /TCP 443 ou TCP 49443 avec ClientTLS/, port: 'tcp/49443', feature: 'adfs-port-49443' },
  {
    row: 9,
    phrase:
      /domains\.live\.com sur les ports TCP 80 et 443, obligatoire uniquement pour l’Assistant Configuration hybride Exchange 2010 SP3/,
    address: 'domains.live.com',
    feature: 'hybrid-wizard-exchange-2010',
  },
];

/** Site-bound roles and the seed words that name them in a row. */
const ROLE_NAMES: Record<string, RegExp> = {
  'client-devices': /utilisateur|clients Skype|Windows 10 et 11|Internet Explorer|IE ou Edge|navigateur/,
  'mobile-devices': /appareils mobiles/,
  'adfs-server': /serveur AD FS/,
  'adfs-proxy': /proxy AD FS|STS local client/,
  'exchange-onprem': /Serveur Exchange client local/,
  'ews-mrs-proxy': /Proxy EWS\/MRS/,
  sbc: /contrôleur de bordure de session/,
  'skype-onprem': /serveur local Skype|du serveur local à Skype|hôtes locaux/,
  'entra-connect': /Microsoft Entra Connect/,
  'mfa-server': /serveur MFA/,
  'push-notification-services': /Google Firebase|Apple/,
};

/** Roles on Microsoft's side that the document gives no address for. */
const MICROSOFT_SIDE = new Set(['microsoft-cloud', 'push-notification-services']);

/** Application names a row may state itself. */
const STATED_APPS = (row: SeedRow001): Set<string> => {
  const apps = new Set<string>();
  if (row.https) apps.add('HTTPS');
  for (const m of row.text.matchAll(/\b(WinRM|RDP|SIP|HTTPS?)\b/g)) apps.add(m[1] as string);
  return apps;
};

const rowOf = (f: Flow): number => Number(/^row (\d+)[a-z]?$/.exec(f.ref)?.[1] ?? Number.NaN);
const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);
const union = (sets: Iterable<Set<string>>): string[] => [...new Set([...sets].flatMap((s) => [...s]))].sort();
const has = (f: Flow, fact: FlowFact): boolean => f.origin?.[fact] !== undefined;

export function flowPorts(c: Catalog, f: Flow): Set<string> {
  const specs = f.services.flatMap((s) => c.services[s]?.ports ?? [s]);
  const filled = specs.map((s) =>
    s.replace(/\$\{(\w+)\}/g, (_m, name: string) => String(c.parameters[name]?.default ?? `\${${name}}`)),
  );
  return new Set(
    filled.flatMap((s) => {
      const [proto, ports = ''] = s.toLowerCase().split('/');
      return ports.split(',').map((p) => `${proto}/${p}`);
    }),
  );
}

interface RoleAddress {
  readonly address: string;
  readonly cloud: string | undefined;
  readonly role: string;
}

/** Fixed addresses of some roles, with the cloud they belong to (undefined = every cloud). */
function roleAddresses(c: Catalog, roles: readonly string[]): RoleAddress[] {
  return roles.flatMap((role) => {
    const r = c.roles[role];
    const plain = (r?.addresses ?? []).map((a) => ({ address: canonicalAddress(a), cloud: undefined, role }));
    const byCloud = Object.entries(r?.addressesBy?.values ?? {}).flatMap(([cloud, addresses]) =>
      addresses.map((a) => ({ address: canonicalAddress(a), cloud, role })),
    );
    return [...plain, ...byCloud];
  });
}

const flowAddresses = (c: Catalog, f: Flow) => roleAddresses(c, [...list(f.from), ...list(f.to)]);
const isFixed = (c: Catalog, role: string): boolean =>
  c.roles[role]?.addresses !== undefined || c.roles[role]?.addressesBy !== undefined;

function whenOf(f: Flow): WhenAst | undefined {
  if (f.when === undefined) return undefined;
  const parsed = parseWhen(f.when);
  return parsed.ok ? parsed.value : undefined;
}

/** Features the condition cannot do without: off alone (everything else on), the flow is gone. */
function necessary(c: Catalog, ast: WhenAst): string[] {
  const all = Object.keys(c.features);
  return all.filter((feature) => !evalWhen(ast, (x) => x !== feature));
}

function checkCondition(c: Catalog, row: SeedRow001, f: Flow, out: string[]): void {
  const at = `row ${row.n} ${f.id}`;
  const ast = whenOf(f);
  if (!ast) {
    out.push(`${at}: no condition, though the introduction makes every row optional to its scenario`);
    return;
  }
  if (evalWhen(ast, (x) => c.features[x]?.default === true))
    out.push(`${at}: on by default, though the introduction makes every row optional`);
  const ports = flowPorts(c, f);
  const addresses = new Set(flowAddresses(c, f).map((a) => a.address));
  const required = new Set<string>();
  for (const [phrase, features] of SCENARIOS[row.n] ?? []) {
    if (!phrase.test(row.text)) out.push(`row ${row.n}: the seed no longer says ${phrase}`);
    for (const x of features) required.add(x);
  }
  for (const leg of LEG_CONDITIONS.filter((l) => l.row === row.n)) {
    if (!leg.phrase.test(row.text)) out.push(`row ${row.n}: the seed no longer says ${leg.phrase}`);
    const applies = (leg.port && ports.has(leg.port)) || (leg.address && addresses.has(leg.address));
    if (applies) required.add(leg.feature);
  }
  const needed = new Set(necessary(c, ast));
  for (const x of required) if (!needed.has(x)) out.push(`${at}: condition "${f.when}" does not require ${x}`);
  for (const x of needed)
    if (!required.has(x) && !has(f, 'when')) out.push(`${at}: condition "${f.when}" requires ${x}, not in the seed`);
  for (const x of needed) if (!(x in c.features)) out.push(`${at}: condition names unknown feature ${x}`);
}

function checkPortsAndAddresses(c: Catalog, row: SeedRow001, flows: readonly Flow[], out: string[]): void {
  const seedPorts = union([row.rowPorts, ...[...row.addresses.values()].map((a) => a.ports)]);
  const catalogPorts = union(flows.map((f) => flowPorts(c, f)));
  if (catalogPorts.join(' ') !== seedPorts.join(' '))
    out.push(`row ${row.n}: ports ${catalogPorts.join(' ')} ≠ seed ${seedPorts.join(' ')}`);
  const key = (a: { address: string; cloud: string | undefined }) => `${a.cloud ?? '*'} ${a.address}`;
  const catalogSide = flows.flatMap((f) => flowAddresses(c, f).map((a) => ({ ...a, flow: f })));
  if (row.namePattern) {
    const param = row.namePattern.param === 'locataire' ? 'tenant' : row.namePattern.param;
    const minimal = `\${${param}}${row.namePattern.suffix}`;
    if (!catalogSide.some((a) => a.address === minimal)) out.push(`row ${row.n}: no ${minimal}`);
    for (const a of catalogSide) {
      if (!a.address.startsWith(`\${${param}}`) || !a.address.endsWith(row.namePattern.suffix))
        out.push(`row ${row.n}: ${a.address} does not fit « ${row.namePattern.suffix} » with <${param}>`);
      else if (a.address !== minimal && !c.roles[a.role]?.origin && !has(a.flow, 'to'))
        out.push(`row ${row.n}: ${a.address} is not in the seed and has no origin`);
    }
  } else {
    const catalogKeys = [...new Set(catalogSide.map(key))].sort();
    const seedKeys = [...row.addresses.entries()].map(([address, a]) => key({ address, cloud: a.cloud })).sort();
    for (const k of catalogKeys) if (!seedKeys.includes(k)) out.push(`row ${row.n}: address ${k} not in the seed`);
    for (const k of seedKeys) if (!catalogKeys.includes(k)) out.push(`row ${row.n}: seed address ${k} missing`);
  }
  const paired = [...row.addresses.values()].some((a) => a.ports.size > 0);
  for (const [address, a] of row.addresses) {
    const expected = paired ? [...a.ports].sort() : union([a.ports, row.rowPorts]);
    const holders = catalogSide.filter((x) => x.address === address && x.cloud === a.cloud).map((x) => x.flow);
    const got = union(holders.map((f) => flowPorts(c, f)));
    if (holders.length > 0 && got.join(' ') !== expected.join(' '))
      out.push(`row ${row.n}: ${address} on ${got.join(' ') || 'no port'} ≠ seed ${expected.join(' ') || 'no port'}`);
  }
}

function checkSecurity(c: Catalog, row: SeedRow001, f: Flow, out: string[]): void {
  const at = `row ${row.n} ${f.id}`;
  const ports = flowPorts(c, f);
  const network = f.services.length > 0;
  const clientTls = row.clientTlsPort !== undefined && ports.has(`tcp/${row.clientTlsPort}`);
  const schemeTls = row.https && network;
  const enc = f.encryption;
  if (clientTls && (!enc?.supported.includes('mtls') || enc.byDefault !== 'yes'))
    out.push(`${at}: ClientTLS is encrypted (mutual TLS) by default`);
  if (schemeTls && (!enc?.supported.includes('tls') || enc.byDefault !== 'yes'))
    out.push(`${at}: https:// is TLS, on by default`);
  if (enc && !clientTls && !schemeTls) {
    if (enc.byDefault !== 'unknown') out.push(`${at}: encryption byDefault ${enc.byDefault}, the seed says nothing`);
    if (enc.supported.length > 0 && !has(f, 'encryption')) out.push(`${at}: encryption without origin`);
  }
  const auth = f.auth?.default ?? [];
  if (clientTls && !auth.includes('certificate')) out.push(`${at}: ClientTLS is certificate authentication`);
  if (row.entraToken && !auth.includes('oauth2')) out.push(`${at}: the Entra user token is OAuth 2.0`);
  const stated = new Set([...(clientTls ? ['certificate'] : []), ...(row.entraToken ? ['oauth2'] : []), 'unknown']);
  const extra = [...new Set([...auth, ...(f.auth?.supported ?? [])])].filter((a) => !stated.has(a));
  if (extra.length > 0 && !has(f, 'auth')) out.push(`${at}: authentication ${extra.join(', ')} without origin`);
}

function checkStatedFacts(c: Catalog, row: SeedRow001, f: Flow, out: string[]): void {
  const at = `row ${row.n} ${f.id}`;
  if (f.direction !== row.direction) out.push(`${at}: direction ${f.direction} ≠ seed ${row.direction}`);
  if (!row.directionStated && !has(f, 'direction')) out.push(`${at}: the Type column states no direction: origin`);
  // The introduction defines the types: inbound comes from Microsoft to the customer, outbound and user traffic go
  // from the customer to Microsoft. Ends on the wrong side are a contradiction the catalog must mark.
  const microsoft = (r: string) => isFixed(c, r) || MICROSOFT_SIDE.has(r);
  const [initiator, responder] = f.direction === 'inbound' ? [true, false] : [false, true];
  const fits =
    list(f.from).every((r) => microsoft(r) === initiator) && list(f.to).every((r) => microsoft(r) === responder);
  if (!fits && !has(f, 'direction')) out.push(`${at}: the type contradicts the ends; no origin says so`);
  if (f.level !== 'optional') out.push(`${at}: level ${f.level}, the introduction says « facultatives »`);
  const kind =
    f.services.length > 0 ? 'network' : row.trusted && flowAddresses(c, f).length > 0 ? 'trusted-site' : 'reference';
  if (f.kind !== kind) out.push(`${at}: kind ${f.kind} ≠ ${kind}`);
  if (row.proxyRequired && f.proxy !== 'required') out.push(`${at}: the seed requires a proxy`);
  if (!row.proxyRequired && f.proxy !== undefined && !has(f, 'proxy'))
    out.push(`${at}: proxy ${f.proxy} without origin`);
  if (f.services.length > 0 && (row.schemePorts || row.bareHostPorts) && !has(f, 'services'))
    out.push(`${at}: ports read from a scheme or host:port carry an origin`);
  const apps = STATED_APPS(row);
  if (f.app !== undefined && !apps.has(f.app) && !has(f, 'app')) out.push(`${at}: app ${f.app} without origin`);
  for (const s of f.services) {
    const app = c.services[s]?.app;
    if (f.app === undefined && app !== undefined && !apps.has(app) && !c.services[s]?.origin && !has(f, 'app'))
      out.push(`${at}: service ${s} app ${app} without origin`);
  }
  for (const [side, roles] of [
    ['from', list(f.from)],
    ['to', list(f.to)],
  ] as const) {
    for (const role of roles) {
      if (!(role in c.roles)) out.push(`${at}: unknown role ${role}`);
      if (isFixed(c, role) || c.roles[role]?.origin || has(f, side)) continue;
      if (!ROLE_NAMES[role]?.test(row.text)) out.push(`${at}: ${side} ${role} is not named by the row: origin`);
    }
  }
  const label = (f.label && pick(f.label, 'fr'))?.split(' — ')[0];
  if (label !== undefined && !row.raw.includes(label)) out.push(`${at}: label « ${label} » is not the row's wording`);
}

/** Every difference between the catalog and the seed; [] when the catalog is faithful. */
export function m365Differences(c: Catalog, rows: readonly SeedRow001[]): string[] {
  const out: string[] = [];
  if (rows.length !== ROW_COUNT_001) out.push(`seed: ${rows.length} rows, not ${ROW_COUNT_001}`);
  for (const f of c.flows)
    if (!(rowOf(f) >= 1 && rowOf(f) <= ROW_COUNT_001)) out.push(`${f.id}: ref ${f.ref} names no row`);
  for (const [id, feature] of Object.entries(c.features))
    if (feature.default && !feature.origin) out.push(`feature ${id}: on by default, the seed makes every row optional`);
  for (const row of rows) {
    const flows = c.flows.filter((f) => rowOf(f) === row.n);
    if (flows.length === 0) {
      out.push(`row ${row.n}: no flow`);
      continue;
    }
    checkPortsAndAddresses(c, row, flows, out);
    for (const f of flows) {
      checkStatedFacts(c, row, f, out);
      checkCondition(c, row, f, out);
      checkSecurity(c, row, f, out);
    }
  }
  return out;
}
