import type { Catalog, Flow } from '../../src/model/catalog.js';
import { evalWhen, parseWhen } from '../../src/model/when.js';

/**
 * Seed 002 (web access to Exchange with AD FS and Microsoft Entra MFA) read as facts, and the comparison of a catalog
 * with them as a list of differences: empty when the catalog says what the article says and marks the rest.
 *
 * The article has no table. Its facts are sentences: seven components, two journeys written one step per line, the
 * federated-domain paragraph, the Web Application Proxy "also an AD FS proxy", the https:// URLs, internal versus
 * external access, and its authentication words. `readSeed002` finds each of them in the text (or throws: a seed
 * that moved must not pass silently); `compare002` turns them into the flows they require.
 */

export const normalize = (s: string): string =>
  s
    .replace(/[’`]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const ONLINE = "Flux de l'utilisateur d'Exchange Online";
const ONPREM = "Flux de l'utilisateur d'Exchange local";

function section(lines: readonly string[], start: string, stop: (line: string) => boolean): string[] {
  const from = lines.indexOf(start);
  if (from < 0) throw new Error(`seed 002: section "${start}" not found`);
  const to = lines.findIndex((l, i) => i > from && stop(l));
  return lines.slice(from + 1, to < 0 ? undefined : to).filter((l) => l !== '');
}

/**
 * Step lines. The export broke the first on-premises step over three lines (the URL alone) and glued the second to
 * it ("…l'accès externe.Exchange local…"): join lines until one ends a sentence, then split where a period touches
 * a capital.
 */
export function splitSteps(lines: readonly string[]): string[] {
  const steps: string[] = [];
  let buffer = '';
  for (const line of lines) {
    buffer = buffer ? `${buffer} ${line}` : line;
    if (/[.:)]$/.test(line)) {
      steps.push(...buffer.split(/(?<=\.)(?=\p{Lu})/u));
      buffer = '';
    }
  }
  if (buffer) steps.push(buffer);
  return steps.map(normalize);
}

const must = <T>(value: T | undefined | null, what: string): T => {
  if (value === undefined || value === null) throw new Error(`seed 002: ${what} not found`);
  return value;
};

export interface Seed002 {
  readonly components: readonly string[];
  /** The online journey as the article numbers it: the federated paragraph is part of step 2. */
  readonly online: readonly string[];
  /** The federated-domain paragraph's sentences (left out of the article's diagram). */
  readonly federated: readonly string[];
  readonly onprem: readonly string[];
  /** The step number the deployment section cites for the Conditional Access policy. */
  readonly conditionalAccessStep: number;
  /** Hosts of the article's https:// URLs, and the component each points to. */
  readonly httpsUrls: readonly { host: string; roles: readonly string[] }[];
  /** "Il fonctionne également comme un proxy AD FS". */
  readonly wapIsAdfsProxy: boolean;
  /** "Si le domaine est fédéré, Microsoft Entra ID redirige l'utilisateur vers l'instance AD FS locale". */
  readonly federatedGoesToAdfs: boolean;
  /** Step 3 of the on-premises journey: how AD FS authenticates internal and external users. */
  readonly adfsAuth: { readonly internal: string; readonly external: string };
  readonly prerequisites: { readonly adfsVersions: readonly string[]; readonly entraP1: boolean };
}

export function readSeed002(text: string): Seed002 {
  const lines = text.split(/\r?\n/).map(normalize);
  const components = section(lines, 'Composants', (l) => l === 'Détails du scénario').map(
    (l) => l.split('. ')[0] as string,
  );
  const onlineLines = splitSteps(section(lines, ONLINE, (l) => l === ONPREM));
  const onprem = splitSteps(section(lines, ONPREM, (l) => l.startsWith('Si vous voulez implémenter')));
  const fedIndex = onlineLines.findIndex((l) => l.startsWith('Si le domaine est fédéré'));
  const federatedLine = must(onlineLines[fedIndex], 'federated paragraph');
  // The paragraph continues step 2 (numbered steps skip it): the deployment section's cross reference says so.
  const online = onlineLines.filter((_, i) => i !== fedIndex);
  const cited = must(
    /à l'étape (\d+) du flux de l'utilisateur en ligne/.exec(lines.join('\n')),
    'step cross reference',
  );
  const step3 = Number(cited[1]);
  if (!/stratégie d'accès conditionnel/.test(online[step3 - 1] ?? ''))
    throw new Error(`seed 002: step ${step3} of the online journey is not the Conditional Access policy`);
  const urls = [...text.matchAll(/https:\/\/([a-z0-9.-]+)\/owa/g)].map((m) => m[1] as string);
  const onpremStep1 = onprem[0] ?? '';
  const httpsUrls = [...new Set(urls)].map((host) => ({
    host,
    roles: host.startsWith('outlook.office')
      ? ['exchange-online']
      : // "qui pointe vers un serveur Exchange pour l'accès interne ou vers un serveur Proxy d'application web …"
        [
          ...(/serveur Exchange pour l'accès interne/.test(onpremStep1) ? ['exchange-onprem'] : []),
          ...(/Proxy d'application web pour l'accès externe/.test(onpremStep1) ? ['wap'] : []),
        ],
  }));
  const step3Onprem = must(
    onprem.find((s) => s.startsWith('AD FS utilise')),
    'on-premises step 3',
  );
  const all = lines.join('\n');
  return {
    components,
    online,
    federated: federatedLine
      .split(/(?<=\.) /)
      .filter((s) => !s.startsWith('('))
      .map(normalize),
    onprem,
    conditionalAccessStep: step3,
    httpsUrls,
    wapIsAdfsProxy: /Proxy d'application web\.[^\n]*proxy AD FS/.test(all),
    federatedGoesToAdfs: /domaine est fédéré, Microsoft Entra ID redirige l'utilisateur vers l'instance AD FS/.test(
      federatedLine,
    ),
    adfsAuth: {
      internal: /authentification Windows intégrée pour l'accès interne/.test(step3Onprem) ? 'windows-integrated' : '',
      external: /formulaire web[^.]*pour l'accès externe/.test(step3Onprem) ? 'forms' : '',
    },
    prerequisites: {
      adfsVersions: [...(/AD FS (\d{4}) ou (\d{4})/.exec(all) ?? [])].slice(1),
      entraP1: /au moins Microsoft Entra ID P1/.test(all),
    },
  };
}

// ---------- the comparison ----------

/** Where each participant lives, from the article: cloud services, the Internet, the perimeter, the LAN. */
const PLACE: Record<string, 'cloud' | 'internet' | 'perimeter' | 'lan'> = {
  'exchange-online': 'cloud',
  'entra-id': 'cloud',
  'entra-mfa': 'cloud',
  'conditional-access': 'cloud',
  'external-user': 'internet',
  wap: 'perimeter',
  user: 'lan',
  adfs: 'lan',
  'exchange-onprem': 'lan',
  'active-directory': 'lan',
  'entra-connect': 'lan',
};
const DIRECTION = (from: string, to: string): string => {
  const [a, b] = [PLACE[from], PLACE[to]];
  if (a === 'internet') return 'inbound';
  if (b === 'cloud') return 'outbound';
  return 'internal';
};

/** Feature ids of the catalog for the article's options, each tied to the words that name it. */
export const FEATURES = {
  online: { id: 'exchange-online', words: /Exchange Online/ },
  onprem: { id: 'exchange-onprem', words: /Exchange local/ },
  external: { id: 'external-access', words: /externe/ },
  federated: { id: 'federated', words: /fédér/ },
  tokens: { id: 'hybrid-modern-auth', words: /jetons/i },
} as const;
type On = Record<keyof typeof FEATURES, boolean>;

interface Requirement {
  readonly from: string;
  readonly to: string;
  /** When the article needs the pair, over the article's options. */
  readonly needed: (on: On) => boolean;
  readonly why: string;
  /** Part of a journey (web traffic): HTTPS 443, mandatory. */
  readonly web: boolean;
  /** Authentication the article names for the pair. */
  readonly auth: readonly string[];
  /** Some flow of the pair must have these by default (the article says they happen). */
  readonly authRequired: readonly string[];
}

/** The pairs the article requires, with the condition under which it requires them. */
export function requirements002(seed: Seed002): Requirement[] {
  const external = seed.adfsAuth.external;
  const fed = seed.federatedGoesToAdfs;
  // AD FS exists for on-premises mailboxes (claims-based authentication) and for a federated domain.
  const adfs = (on: On) => on.onprem || (fed && on.federated);
  const viaWap = seed.wapIsAdfsProxy;
  const r = (
    from: string,
    to: string,
    needed: Requirement['needed'],
    why: string,
    web: boolean,
    auth: string[] = [],
    authRequired: string[] = [],
  ): Requirement => ({ from, to, needed, why, web, auth, authRequired });
  return [
    r('user', 'exchange-online', (on) => on.online, 'online step 1', true),
    // Components: Entra ID is also the authentication server of on-premises Exchange (tokens) — the option.
    r('user', 'entra-id', (on) => on.online || (on.onprem && on.tokens), 'online steps 2-5', true, ['mfa'], ['mfa']),
    r('user', 'exchange-onprem', (on) => on.onprem, 'on-premises step 1 (internal)', true),
    r(
      'user',
      'adfs',
      adfs,
      'on-premises steps 2-4 (internal), online step 2 (federated)',
      true,
      [seed.adfsAuth.internal, 'mfa'],
      [seed.adfsAuth.internal, 'mfa'],
    ),
    r(
      'external-user',
      'wap',
      (on) => on.external && (on.onprem || (viaWap && fed && on.federated)),
      'on-premises step 1 (external); the proxy is the AD FS proxy (federated sign-in from outside)',
      true,
      [external, 'mfa'],
      [external, 'mfa'],
    ),
    r('wap', 'exchange-onprem', (on) => on.external && on.onprem, 'on-premises steps 1, 6 (external)', true),
    r(
      'wap',
      'adfs',
      (on) => on.external && (on.onprem || (viaWap && fed && on.federated)),
      'on-premises step 2 (external); AD FS proxy',
      true,
    ),
    r('adfs', 'entra-mfa', (on) => on.onprem, 'on-premises step 4', true, [], []),
    r('adfs', 'active-directory', adfs, 'general remarks point 3 (AD FS ↔ AD)', false),
    r('entra-connect', 'entra-id', () => true, 'general remarks point 3, users synchronised', true),
    r('entra-connect', 'active-directory', () => true, 'general remarks point 3', false),
    r('exchange-onprem', 'active-directory', (on) => on.onprem, 'Components (accounts in AD)', false),
    r('exchange-onprem', 'entra-id', (on) => on.onprem && on.tokens, 'Components (Entra ID tokens)', true),
  ];
}

/** Every assignment of the article's options (the identity models are exclusive: federated is one of them). */
function assignments(): On[] {
  const out: On[] = [];
  for (let bits = 0; bits < 32; bits++) {
    const [online, onprem, external, federated, tokens] = [0, 1, 2, 3, 4].map((b) => (bits & (1 << b)) !== 0) as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
    ];
    out.push({ online, onprem, external, federated, tokens });
  }
  return out;
}

const list = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

function enabled(flow: Flow, catalog: Catalog, on: On): boolean {
  if (flow.when === undefined) return true;
  const parsed = parseWhen(flow.when);
  if (!parsed.ok) return false;
  const byId = new Map(Object.entries(FEATURES).map(([k, f]) => [f.id as string, on[k as keyof On]]));
  return evalWhen(parsed.value, (id) => byId.get(id) ?? catalog.features[id]?.default ?? false);
}

function portsOf(flow: Flow, catalog: Catalog): string[] {
  return flow.services.flatMap((s) => catalog.services[s]?.ports ?? [s]).sort();
}

/** The differences between the catalog and the article; `[]` when faithful. */
export function compare002(seed: Seed002, catalog: Catalog): string[] {
  const diffs: string[] = [];
  const reqs = requirements002(seed);
  const flows = catalog.flows;
  const pairs = (f: Flow) => list(f.from).flatMap((a) => list(f.to).map((b) => [a, b] as const));
  const ofPair = (from: string, to: string) => flows.filter((f) => pairs(f).some(([a, b]) => a === from && b === to));

  // The options the comparison speaks of are the catalog's, named as the article names them.
  for (const [key, f] of Object.entries(FEATURES)) {
    const feature = catalog.features[f.id];
    if (!feature) diffs.push(`feature ${f.id} (${key}) missing`);
    else if (!f.words.test(`${feature.title.fr} ${feature.ref ?? ''}`))
      diffs.push(`feature ${f.id} does not name "${f.words.source}"`);
  }
  const known = new Set(reqs.map((r) => `${r.from}→${r.to}`));
  for (const f of flows)
    for (const [a, b] of pairs(f))
      if (!known.has(`${a}→${b}`)) diffs.push(`${f.id}: ${a} → ${b} is not a flow the article implies`);

  for (const req of reqs) {
    const mine = ofPair(req.from, req.to);
    const pair = `${req.from} → ${req.to}`;
    if (mine.length === 0) {
      diffs.push(`${pair} missing (${req.why})`);
      continue;
    }
    // Condition: the pair is open exactly when the article needs it.
    for (const on of assignments()) {
      const open = mine.some((f) => enabled(f, catalog, on));
      if (open !== req.needed(on)) {
        const state = Object.entries(on)
          .map(([k, v]) => `${k}=${v ? 1 : 0}`)
          .join(' ');
        diffs.push(`${pair}: ${open ? 'open' : 'closed'} with ${state} (${req.why})`);
        break;
      }
    }
    for (const f of mine) {
      const where = `${f.id} (${pair})`;
      if (f.direction !== DIRECTION(req.from, req.to))
        diffs.push(`${where}: direction ${f.direction} instead of ${DIRECTION(req.from, req.to)}`);
      // An https:// URL of the article (…/owa) gives HTTPS on 443 to the component it points to.
      const portsSupported =
        seed.httpsUrls.some((u) => u.roles.includes(req.to)) && /\/owa/.test(`${f.purpose.fr} ${f.purpose.en}`);
      if (req.web) {
        if (portsOf(f, catalog).join(' ') !== 'tcp/443')
          diffs.push(`${where}: ports ${portsOf(f, catalog)} (web: tcp/443)`);
        if (!portsSupported && !f.origin?.services && !f.origin?.row) diffs.push(`${where}: ports without origin`);
        const enc = f.encryption;
        if (!enc?.supported.some((m) => m === 'https' || m === 'tls') || enc.byDefault !== 'yes')
          diffs.push(`${where}: web flow not encrypted by default`);
        else if (!portsSupported && !f.origin?.encryption && !f.origin?.row)
          diffs.push(`${where}: encryption without origin`);
        if (f.level !== 'mandatory' && !f.origin?.row && !f.origin?.level) diffs.push(`${where}: level ${f.level}`);
      } else {
        if (f.services.length > 0 && !f.origin?.services && !f.origin?.row)
          diffs.push(`${where}: ports without origin (the article gives none)`);
        if (f.level !== 'mandatory' && !f.origin?.level) diffs.push(`${where}: level ${f.level}`);
      }
      const auth = [...new Set([...(f.auth?.default ?? []), ...(f.auth?.supported ?? [])])];
      const unsupported = auth.filter((m) => !req.auth.includes(m));
      if (unsupported.length > 0 && !f.origin?.auth && !f.origin?.row)
        diffs.push(`${where}: authentication ${unsupported.join(', ')} without origin`);
      const direct = f.proxy !== undefined && f.proxy !== 'never';
      if (direct && !f.origin?.proxy && !f.origin?.row) diffs.push(`${where}: proxy ${f.proxy} without origin`);
    }
    for (const m of req.authRequired)
      if (!mine.some((f) => f.auth?.default.includes(m as never)))
        diffs.push(`${pair}: default authentication lacks ${m}`);
  }
  diffs.push(...compareScenarios(seed, catalog));
  return diffs;
}

const PARTICIPANTS: [RegExp, string[]][] = [
  [/microsoft entra id/, ['entra-id']],
  [/authentification multifacteur/, ['entra-mfa']],
  [/accès conditionnel/, ['conditional-access']],
  [/\bad fs\b|\baf ds\b/, ['adfs']],
  [/proxy d'application web/, ['wap']],
  [/exchange online/, ['exchange-online']],
  [/exchange local|serveur exchange/, ['exchange-onprem']],
  [/utilisateur/, ['user', 'external-user']],
];

/** Which components a step sentence names; "Outlook" is the journey's mailbox service. */
export function participants(step: string, mailbox: string): Set<string> {
  const t = step.toLowerCase();
  const found = new Set(PARTICIPANTS.filter(([re]) => re.test(t)).flatMap(([, ids]) => ids));
  if (/outlook/.test(t)) found.add(mailbox);
  return found;
}

function compareScenarios(seed: Seed002, catalog: Catalog): string[] {
  const diffs: string[] = [];
  const byRef = (ref: string) => catalog.scenarios.filter((s) => normalize(s.ref) === ref);
  const journeys = [
    { ref: ONLINE, steps: seed.online, mailbox: 'exchange-online' },
    { ref: `${ONLINE}, étape 2 (domaine fédéré)`, steps: seed.federated, mailbox: 'exchange-online' },
    { ref: ONPREM, steps: seed.onprem, mailbox: 'exchange-onprem' },
  ];
  const flowIds = new Set(catalog.flows.map((f) => f.id));
  for (const j of journeys) {
    const scenarios = byRef(j.ref);
    if (scenarios.length === 0) diffs.push(`scenario "${j.ref}" missing`);
    for (const s of scenarios) {
      if (s.steps.length !== j.steps.length)
        diffs.push(`scenario ${s.id}: ${s.steps.length} steps, the article numbers ${j.steps.length}`);
      j.steps.forEach((text, i) => {
        const step = s.steps[i];
        if (!step) return;
        const named = participants(text, j.mailbox);
        for (const role of [step.from, step.to])
          if (!named.has(role)) diffs.push(`scenario ${s.id} step ${i + 1}: ${role} not named by "${text}"`);
      });
      for (const step of s.steps)
        if (step.flow && !flowIds.has(step.flow)) diffs.push(`scenario ${s.id}: flow ${step.flow} missing`);
    }
  }
  const online = byRef(ONLINE)[0];
  const ca = online?.steps[seed.conditionalAccessStep - 1];
  if (ca && ca.to !== 'conditional-access')
    diffs.push(`scenario ${online?.id}: step ${seed.conditionalAccessStep} is not the Conditional Access policy`);
  return diffs;
}
