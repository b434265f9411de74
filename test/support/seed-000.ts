import type { Catalog, Flow, FlowFact } from '../../src/model/catalog.js';
import { evalWhen, parseWhen } from '../../src/model/when.js';

/**
 * Seed 000 (Hamilton outbound flows) read with a parser written for its layout — numbered sections, `|` tables,
 * `label : text` items, a run-together rule template and checklist — and `compare000`, which lists every difference
 * between a catalog and what the seed's words say. Expectations come from the seed; the catalog is only what is
 * checked against them. Facts the seed does not give must carry an `origin`.
 */

/** Typographic variants the seed uses (U+2011 hyphen, U+2019 apostrophe) folded to ASCII, for comparisons only. */
export const fold = (s: string): string => s.replace(/[\u2010-\u2015]/g, '-').replace(/[\u2018\u2019]/g, "'");

export interface Section {
  readonly num: number;
  readonly title: string;
  readonly lines: string[];
}

export interface SeedRow {
  readonly section: number;
  readonly sectionTitle: string;
  readonly index: number;
  readonly usage: string;
  readonly route: string;
  readonly proto: string;
  readonly remark: string;
}

export interface Seed000 {
  readonly intro: readonly string[];
  readonly sections: readonly Section[];
  readonly rows: readonly SeedRow[];
  /** "Les accès externes dépendent des modules activés : SMTP, Microsoft Graph (…), SMS, Wi-Fi Guest, SSO cloud." */
  readonly modules: readonly string[];
  /** "appliquez TLS 1.2+" */
  readonly minTls: string | undefined;
  /** "Utilisez un proxy/pare-feu avec filtrage par FQDN lorsque possible" */
  readonly proxyAdvised: boolean;
  /** §9, one item per allowed destination. */
  readonly template: readonly string[];
  /** §10, one item per check. */
  readonly checklist: readonly string[];
}

function sectionsOf(text: string): { intro: string[]; sections: Section[] } {
  const intro: string[] = [];
  const sections: Section[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = fold(raw).trim();
    if (line === '') continue;
    const heading = /^(\d+)\)\s+(.+)$/.exec(line);
    if (heading) sections.push({ num: Number(heading[1]), title: heading[2] as string, lines: [] });
    else (sections.at(-1)?.lines ?? intro).push(line);
  }
  return { intro, sections };
}

/** Table rows: the first `|` line of a section is the header, the following ones are rows. */
function tableRows(s: Section): SeedRow[] {
  const table = s.lines.filter((l) => l.includes('|'));
  if (table.length === 0) return [];
  const cells = (l: string) => l.split('|').map((c) => c.trim());
  const header = cells(table[0] as string);
  const col = (re: RegExp) => header.findIndex((h) => re.test(h));
  const [usage, route, proto, remark] = [col(/Usage|Sc.nario/), col(/Source/), col(/Proto/), col(/Remarques|D.tails/)];
  return table.slice(1).map((l, i) => {
    const c = cells(l);
    const at = (k: number) => (k >= 0 ? (c[k] ?? '') : '');
    return {
      section: s.num,
      sectionTitle: s.title,
      index: i + 1,
      usage: at(usage),
      route: at(route),
      proto: at(proto),
      remark: at(remark),
    };
  });
}

/** Lines of sections 1–7 outside the tables: sentences that ask for a flow or point elsewhere. */
export const looseLines = (s: Section): string[] => (s.num <= 7 ? s.lines.filter((l) => !l.includes('|')) : []);

/** §8: `Contrôle d'accès (AEOS/SiPass/Lenel) : cibles habituellement LAN.` */
export const sectionItems = (s: Section): { name: string; text: string }[] =>
  s.lines.flatMap((l) => {
    const m = /^(.+?)\s+:\s+(.+)$/.exec(l);
    return m ? [{ name: m[1] as string, text: m[2] as string }] : [];
  });

/** §9 and §10 run items together; a line ending in "(" continues on the next line. */
function runTogether(lines: string[], from: RegExp, to: RegExp, split: RegExp): string[] {
  const start = lines.findIndex((l) => from.test(l));
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  const body = lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
  return body
    .replace(/\(\s*\n/g, '(')
    .split(split)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function readSeed000(text: string): Seed000 {
  const { intro, sections } = sectionsOf(text);
  const section = (n: number) => sections.find((s) => s.num === n) ?? { num: n, title: '', lines: [] };
  const introText = intro.join(' ');
  return {
    intro,
    sections,
    rows: sections.flatMap(tableRows),
    modules: (/modules activ\S+ : ([^.]+)\./.exec(introText)?.[1] ?? '')
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((m) => m.trim()),
    minTls: /TLS\s*(\d\.\d)\+/.exec(introText)?.[1],
    proxyAdvised: /proxy\/pare-feu avec filtrage par FQDN lorsque possible/.test(introText),
    template: runTogether(section(9).lines, /^Autoriser depuis/, /^Restreindre/, /\n|(?<=\))(?=\S)/),
    checklist: runTogether(['start', ...section(10).lines], /^start$/, /^Liens crois/, /\n|(?<=\.)(?=[A-Z])/),
  };
}

// ---------- what the seed's words mean ----------

/** `UDP/TCP 53`, `HTTP/HTTPS 80/443`, `SMTP 25 ou 587 (TLS)`, `SMTP 587 (TLS) (ou 25 selon politique)`. */
export function seedPorts(proto: string) {
  const transports = ['tcp', 'udp'].filter((t) => new RegExp(`\\b${t}\\b`, 'i').test(proto));
  const over = transports.length > 0 ? transports : ['tcp']; // HTTP, HTTPS, SMTP run over TCP
  const outsideParens = proto.replace(/\([^)]*\)/g, ' ');
  const numbers = (s: string) => [...s.matchAll(/\b\d{1,5}\b/g)].map((m) => Number(m[0]));
  const all = numbers(proto);
  const primary = numbers(outsideParens);
  const apps = [...outsideParens.matchAll(/\b(HTTPS|HTTP|SMTP|UDP|TCP)\b/g)].map((m) => m[1]);
  const tls = new Set<number>();
  for (const m of proto.matchAll(/(\d+)\s*\(TLS\)/g)) tls.add(Number(m[1]));
  // `HTTP/HTTPS 80/443` pairs protocols with ports; `HTTPS 443` covers every port.
  const paired = apps.length === primary.length;
  primary.forEach((p, i) => {
    if (paired ? apps[i] === 'HTTPS' : apps.includes('HTTPS')) tls.add(p);
  });
  const spec = (ps: number[]) => new Set(over.flatMap((t) => ps.map((p) => `${t}/${p}`)));
  return {
    all: spec(all),
    primary: spec(primary),
    hasChoice: /\bou\b/.test(proto),
    tlsPorts: primary.filter((p) => tls.has(p)),
    primaryCount: primary.length,
    /** The seed says "TLS" for SMTP: the mechanism's name (STARTTLS) is a reading. */
    tlsWord: /\(TLS\)/.test(proto),
  };
}

const SOURCE_WORDS: [RegExp, string[]][] = [
  [/\bWEB\b/, ['web']],
  [/\bSQL\b/, ['sql']],
  [/Administrateur/, ['admin-workstation']],
  [/^Serveurs$/, ['web', 'sql']], // "Serveurs" alone: both servers of §1 (a reading: the flow says where from)
];
const seedSources = (route: string): string[] => {
  const from = (route.split('→')[0] ?? '').trim();
  return [...new Set(SOURCE_WORDS.flatMap(([re, roles]) => (re.test(from) ? roles : [])))].sort();
};

/** Authentication words of a row (or of the checklist item about it) and the mechanism each names. */
const AUTH_WORDS: [RegExp, string][] = [
  [/OAuth2/, 'oauth2'],
  [/OIDC/, 'oidc'],
  [/SAML/, 'saml'],
  [/cl.s\/API/, 'api-key'],
];

// ---------- what the catalog says ----------

const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** Port specs of a flow as `tcp/443` strings: at the parameter defaults, or over every allowed value. */
export function catalogPorts(c: Catalog, flow: Flow, mode: 'default' | 'all'): Set<string> {
  const out = new Set<string>();
  const specs = flow.services.flatMap((s) => c.services[s]?.ports ?? [s]);
  for (const spec of specs) {
    const variants = [spec];
    for (const m of spec.matchAll(/\$\{([^}]+)\}/g)) {
      const p = c.parameters[m[1] as string];
      const values = mode === 'all' ? [...(p?.values ?? []), p?.default] : [p?.default];
      const token = m[0];
      variants.splice(
        0,
        variants.length,
        ...variants.flatMap((v) => values.filter((x) => x !== undefined).map((x) => v.replace(token, String(x)))),
      );
    }
    for (const v of variants) {
      const [proto, ports] = v.split('/');
      for (const p of (ports ?? '').split(',')) out.add(`${proto}/${p}`);
    }
  }
  return out;
}

type RoleShape = 'bound' | 'literal' | 'parameter';
function roleShape(c: Catalog, role: string): RoleShape {
  const r = c.roles[role];
  if (!r?.addresses && !r?.addressesBy) return 'bound';
  return (r.addresses ?? []).every((a) => /^\$\{[^}]+\}$/.test(a)) ? 'parameter' : 'literal';
}

const flowsAt = (c: Catalog, prefix: string): Flow[] =>
  c.flows.filter((f) => f.ref === prefix || f.ref.startsWith(`${prefix} `));
const whenFeatures = (f: Flow): string[] => (f.when ?? '').match(/[a-z0-9][a-z0-9._-]*/g) ?? [];
const featureTitle = (c: Catalog, id: string): string =>
  fold(`${c.features[id]?.title.fr} ${c.features[id]?.title.en}`);
const hasOrigin = (f: Flow, fact: FlowFact): boolean => f.origin?.[fact] !== undefined || f.origin?.row !== undefined;
const same = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));
const show = (s: ReadonlySet<string>): string => [...s].sort().join(' ');

/** The module a conditional section is about, in the words its title uses (`SMS`, `notifications e-mail`). */
function moduleWords(title: string): string[] {
  const head = (title.split('(')[0] ?? '').split(' / ')[0]?.trim() ?? '';
  const inner = /\(([^)]*)\)/.exec(title)?.[1] ?? '';
  return [head, ...(/^(si |optionnel)/.test(inner) ? [] : [inner.split(' / ')[0] ?? ''])]
    .map((w) => w.toLowerCase().trim())
    .filter(Boolean);
}

/** Whether `flow` is on with the given features on and every other feature of the catalog on too. */
function onWith(c: Catalog, flow: Flow, off: ReadonlySet<string>): boolean {
  if (flow.when === undefined) return true;
  const parsed = parseWhen(flow.when);
  return parsed.ok && evalWhen(parsed.value, (id) => c.features[id] !== undefined && !off.has(id));
}

// ---------- the comparison ----------

export function compare000(seed: Seed000, c: Catalog): string[] {
  const diffs: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) diffs.push(message);
  };
  const section = (n: number) => seed.sections.find((s) => s.num === n);
  check(c.source?.document === '000_96cfc191cb10ebdb.txt', 'source document');

  for (const row of seed.rows) {
    const at = `§${row.section} row ${row.index}`;
    const flows = flowsAt(c, at);
    const ports = seedPorts(row.proto);
    const destination = (row.route.split('→')[1] ?? '').trim();
    const stays = /interne si/.test(row.remark); // "peut rester interne si le contrôleur est on-prem"
    if (flows.length === 0) {
      diffs.push(`${at}: no flow`);
      continue;
    }
    const sources = new Set(flows.flatMap((f) => asList(f.from)));
    check(same(sources, new Set(seedSources(row.route))), `${at}: sources ${show(sources)}`);
    const fromReading = /^Serveurs$/.test((row.route.split('→')[0] ?? '').trim());

    // Destination: named internal → a role the site binds; external → a parameter; the Graph rows → §9's FQDN.
    const shapes = flows.map((f) => roleShape(c, asList(f.to)[0] as string));
    if (destination === '') {
      const words = fold(row.usage)
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length >= 4);
      const item = seed.template.find((t) =>
        words.some((w) => (/\(([^)]*)\)/.exec(t)?.[1] ?? '').toLowerCase().includes(w)),
      );
      const fqdn = /([a-z0-9.-]+\.[a-z]{2,}):\d+/.exec(item ?? '')?.[1];
      for (const f of flows)
        check(
          fqdn !== undefined && c.roles[asList(f.to)[0] as string]?.addresses?.join() === fqdn,
          `${f.id}: destination is not ${fqdn} (§9)`,
        );
    } else if (/interne|d'entreprise/.test(destination))
      check(
        shapes.every((s) => s === 'bound'),
        `${at}: destination must be bound by the site`,
      );
    else
      flows.forEach((f, i) => {
        check(
          shapes[i] === 'parameter' || (stays && shapes[i] === 'bound'),
          `${f.id}: destination ${asList(f.to).join()} is not the site-given "${destination}"`,
        );
      });
    if (stays) check(shapes.includes('bound'), `${at}: the on-premises variant is missing`);

    const conditional =
      /\((si |optionnel)/.test(row.sectionTitle) ||
      /^Si /.test(row.remark) ||
      seed.modules.some((m) => `${row.sectionTitle} ${row.usage} ${row.proto}`.includes(m));
    // A section named after a module of the introduction, or marked "(si …)": its rows are needed once it is on.
    const moduleSection =
      /\(si /.test(row.sectionTitle) || seed.modules.some((m) => m.length > 3 && row.sectionTitle.includes(m));
    const module = moduleWords(row.sectionTitle);
    const moduleFeatures = Object.keys(c.features).filter((id) =>
      module.some((w) => featureTitle(c, id).toLowerCase().includes(w)),
    );
    for (const f of flows) {
      const where = `${f.id} (${at})`;
      check(f.kind === 'network', `${where}: kind ${f.kind}`);
      if (fromReading) check(hasOrigin(f, 'from'), `${where}: "Serveurs" read as WEB and SQL without origin`);
      // Ports: every port the seed lists, and at the defaults only the primary choice.
      const all = catalogPorts(c, f, 'all');
      check(same(all, ports.all), `${where}: ports ${show(all)}, seed ${show(ports.all)}`);
      const chosen = catalogPorts(c, f, 'default');
      if (ports.hasChoice)
        check(
          [...chosen].every((p) => ports.primary.has(p)),
          `${where}: default ports ${show(chosen)}`,
        );
      else check(same(chosen, ports.all), `${where}: default ports ${show(chosen)}`);

      // Condition: conditional rows only, and on exactly with their module.
      if (!conditional) check(f.when === undefined, `${where}: condition ${f.when} on a base row`);
      else if (f.when === undefined) diffs.push(`${where}: condition missing`);
      else if (moduleSection || /optionnel/.test(row.sectionTitle) || /^Si /.test(row.remark)) {
        check(moduleFeatures.length > 0, `${where}: no feature names "${module.join('" or "')}"`);
        check(!onWith(c, f, new Set(moduleFeatures)), `${where}: on without its module (${f.when})`);
      }

      // Level: the seed's words, else an origin.
      const level = /optionnel/.test(row.sectionTitle)
        ? 'optional'
        : /^Recommand/.test(row.remark)
          ? 'recommended'
          : moduleSection
            ? 'mandatory'
            : undefined;
      if (level) check(f.level === level, `${where}: level ${f.level}, seed ${level}`);
      else if (/Obligatoires \/ recommand/.test(row.sectionTitle))
        check(
          ['mandatory', 'recommended'].includes(f.level) && hasOrigin(f, 'level'),
          `${where}: level ${f.level} without origin`,
        );
      else check(hasOrigin(f, 'level'), `${where}: level ${f.level} without origin`);

      // Encryption: TLS where the seed says HTTPS or TLS, cleartext elsewhere; TLS 1.2+ from the introduction.
      const enc = f.encryption;
      if (!enc) diffs.push(`${where}: encryption missing`);
      else if (ports.tlsPorts.length === 0) {
        check(enc.supported.length === 0 && enc.byDefault === 'no', `${where}: encrypted, seed cleartext`);
        check(hasOrigin(f, 'encryption'), `${where}: cleartext without origin (the seed does not say)`);
      } else {
        check(
          enc.supported.some((m) => m === 'tls' || m === 'starttls'),
          `${where}: TLS missing`,
        );
        check(enc.minTls === seed.minTls, `${where}: minimum TLS ${enc.minTls}, seed ${seed.minTls}`);
        const chosenAllTls = ports.hasChoice && /\(ou/.test(row.proto); // "587 (TLS) (ou 25 …)": the choice is TLS
        const allTls = ports.tlsPorts.length === ports.primaryCount || chosenAllTls;
        check(enc.byDefault === (allTls ? 'yes' : 'partial'), `${where}: encrypted by default ${enc.byDefault}`);
        if (enc.supported.some((m) => m !== 'tls'))
          check(hasOrigin(f, 'encryption'), `${where}: ${enc.supported} without origin`);
      }

      // Authentication: the mechanisms the row (or its checklist item) names; any other needs an origin.
      const said = `${row.usage} ${row.remark} ${seed.checklist.filter((i) => checklistAbout(i, row)).join(' ')}`;
      const named = AUTH_WORDS.filter(([re]) => re.test(said)).map(([, m]) => m);
      const mechanisms = new Set([...(f.auth?.default ?? []), ...(f.auth?.supported ?? [])]);
      for (const m of named)
        check(f.auth?.default.includes(m as never) === true, `${where}: authentication ${m} missing`);
      const extra = [...mechanisms].filter((m) => m !== 'unknown' && !named.includes(m));
      if (extra.length > 0) check(hasOrigin(f, 'auth'), `${where}: authentication ${extra} without origin`);

      // Proxy: the introduction advises a proxy for outbound flows; anything else is a reading.
      if (f.proxy !== undefined) {
        const advised = seed.proxyAdvised && f.direction === 'outbound' && f.proxy === 'allowed';
        const internal = f.direction === 'internal' && f.proxy === 'never';
        check(advised || internal || hasOrigin(f, 'proxy'), `${where}: proxy ${f.proxy} without origin`);
      }
      const outside =
        !/interne|d'entreprise/.test(destination) &&
        !(stays && shapes.includes('bound') && roleShape(c, asList(f.to)[0] as string) === 'bound');
      check(f.direction === (outside ? 'outbound' : 'internal'), `${where}: direction ${f.direction}`);
    }
  }

  diffs.push(...compareNotes(seed, c), ...compareTemplate(seed, c), ...compareChecklist(seed, c));
  for (const f of c.flows) {
    const enc = f.encryption?.supported ?? [];
    if (enc.some((m) => ['tls', 'starttls', 'ldaps'].includes(m)))
      check(f.encryption?.minTls === seed.minTls, `${f.id}: minimum TLS ${f.encryption?.minTls}`);
    if (!/^§\d+ /.test(f.ref))
      check(/not in the document/.test(f.origin?.row?.en ?? ''), `${f.id}: row not in the seed without origin`);
  }
  const s8 = section(8);
  if (s8) diffs.push(...compareInternal(sectionItems(s8), c));
  return diffs;
}

/** A checklist item speaks of a row when it shares the row's module word (`SMS`, `Graph`, `SMTP`…). */
function checklistAbout(item: string, row: SeedRow): boolean {
  const words = `${row.sectionTitle} ${row.usage}`.match(/\b(SMS|Graph|SMTP|Wi-Fi|CRL|DNS|NTP)\b/g) ?? [];
  return words.some((w) => item.includes(w));
}

function compareNotes(seed: Seed000, c: Catalog): string[] {
  const diffs: string[] = [];
  for (const s of seed.sections) {
    for (const line of looseLines(s)) {
      const prefix = `§${s.num} note`;
      const flows = flowsAt(c, prefix);
      if (/autoriser le serveur WEB/i.test(line)) {
        // "Si un proxy sortant est imposé, autoriser le serveur WEB à l'utiliser."
        const f = flows[0];
        if (!f) {
          diffs.push(`${prefix}: the proxy flow is missing`);
          continue;
        }
        if (asList(f.from).join() !== 'web') diffs.push(`${f.id}: from ${f.from}`);
        if (roleShape(c, asList(f.to)[0] as string) !== 'bound') diffs.push(`${f.id}: the proxy is the site's`);
        if (f.when === undefined) diffs.push(`${f.id}: condition missing ("si un proxy sortant est imposé")`);
        if (f.level !== 'mandatory') diffs.push(`${f.id}: level ${f.level} ("autoriser")`);
        const specs = f.services.flatMap((id) => c.services[id]?.ports ?? [id]);
        for (const spec of specs)
          if (c.parameters[/\$\{([^}]+)\}/.exec(spec)?.[1] ?? '']?.type !== 'port')
            diffs.push(`${f.id}: the proxy port is not a site parameter`);
        if (!hasOrigin(f, 'services')) diffs.push(`${f.id}: proxy port without origin`);
      } else if (/flux demeurent internes/.test(line)) {
        // "Avec ADFS on-prem, les flux demeurent internes." No port: a reference row, exclusive with the row above.
        const f = flows[0];
        if (f?.kind !== 'reference' || f.services.length > 0) {
          diffs.push(`${prefix}: AD FS must be a reference row without ports`);
          continue;
        }
        const mine = c.features[whenFeatures(f)[0] as string]?.exclusive;
        const table = flowsAt(c, `§${s.num} row 1`).flatMap(whenFeatures);
        if (mine === undefined || c.features[table[0] as string]?.exclusive !== mine)
          diffs.push(`${f.id}: not exclusive with §${s.num} row 1`);
        if (f.direction !== 'internal') diffs.push(`${f.id}: direction ${f.direction}`);
      } else if (!c.notes.some((n) => n.ref.startsWith(prefix))) diffs.push(`${prefix}: note missing ("${line}")`);
    }
  }
  // §2 scenarios are alternatives.
  const smtp = seed.rows
    .filter((r) => r.section === 2)
    .flatMap((r) => flowsAt(c, `§2 row ${r.index}`).flatMap(whenFeatures));
  const groups = smtp.map((id) => c.features[id]?.exclusive);
  if (smtp.length !== 2 || groups[0] === undefined || groups[1] !== groups[0])
    diffs.push('§2: the two e-mail scenarios are not exclusive options');
  return diffs;
}

function compareInternal(items: { name: string; text: string }[], c: Catalog): string[] {
  const diffs: string[] = [];
  items.forEach((item, i) => {
    const at = `§8 item ${i + 1}`;
    const flows = flowsAt(c, at);
    if (flows.length !== 1) {
      diffs.push(`${at}: ${flows.length} flows`);
      return;
    }
    const f = flows[0] as Flow;
    if (roleShape(c, asList(f.to)[0] as string) !== 'bound') diffs.push(`${f.id}: destination must be bound`);
    if (f.direction !== 'internal') diffs.push(`${f.id}: direction ${f.direction}`);
    const named = /\(([^)]+)\)/.exec(item.name)?.[1]; // AEOS/SiPass/Lenel
    if (named && !fold(`${f.label?.fr} ${c.roles[asList(f.to)[0] as string]?.title.fr}`).includes(named))
      diffs.push(`${f.id}: "${named}" not in its label`);
    if (!/\d/.test(item.text)) {
      // No port in the seed: a reference row, or ports whose origin is named.
      if (f.kind === 'reference') {
        if (f.services.length > 0) diffs.push(`${f.id}: a reference row with ports`);
      } else if (!/not in the document/.test(f.origin?.services?.en ?? f.origin?.row?.en ?? ''))
        diffs.push(`${f.id}: ports without origin`);
      if (f.kind !== 'reference' && f.level && !hasOrigin(f, 'level')) diffs.push(`${f.id}: level without origin`);
    }
    if (/LDAPS/.test(item.name) && !f.encryption?.supported.includes('ldaps')) diffs.push(`${f.id}: LDAPS missing`);
    if (/LDAPS/.test(item.name) && f.encryption?.byDefault !== 'yes') diffs.push(`${f.id}: LDAPS not on by default`);
  });
  return diffs;
}

function compareTemplate(seed: Seed000, c: Catalog): string[] {
  const diffs: string[] = [];
  const fromWeb = c.flows.filter((f) => asList(f.from).includes('web') && f.kind === 'network');
  const text = (f: Flow) => fold(`${f.label?.fr} ${c.roles[asList(f.to)[0] as string]?.title.fr}`).toLowerCase();
  for (const item of seed.template) {
    const target = /([a-z0-9*.-]+):(\d+(?:\/\d+)*)/.exec(item);
    const condition = /\(si ([^)]+)\)/.exec(item)?.[1];
    let candidates: Flow[];
    if (target && !/^host$|^\*/.test(target[1] as string)) {
      candidates = fromWeb.filter((f) => c.roles[asList(f.to)[0] as string]?.addresses?.includes(target[1] as string));
    } else {
      const label = fold((item.split('(')[0] as string).split(/ si | via /)[0] as string)
        .trim()
        .toLowerCase();
      candidates = fromWeb.filter(
        (f) => text(f).includes(label.split(' ')[0] as string) && text(f).includes(label.split(' ').at(-1) as string),
      );
    }
    if (candidates.length === 0) diffs.push(`§9 "${item}": no flow from WEB`);
    for (const f of candidates) {
      const ports = catalogPorts(c, f, 'all');
      if (target) {
        const wanted = new Set((target[2] as string).split('/').map((p) => `tcp/${p}`));
        if (!same(ports, wanted)) diffs.push(`§9 "${item}": ${f.id} ports ${show(ports)}`);
        if (/^host$|^\*/.test(target[1] as string) && roleShape(c, asList(f.to)[0] as string) === 'literal')
          diffs.push(`§9 "${item}": ${f.id} destination is a fixed name`);
      }
      if (/CRL\/OCSP/.test(item)) {
        if (!same(ports, new Set(['tcp/80', 'tcp/443']))) diffs.push(`§9 CRL/OCSP: ${f.id} ports ${show(ports)}`);
        if (/via proxy/.test(item) && !['allowed', 'required'].includes(f.proxy ?? ''))
          diffs.push(`§9 CRL/OCSP: ${f.id} not through the proxy`);
      }
      if ((/si requis/.test(item) || condition === 'activé') && f.when === undefined)
        diffs.push(`§9 "${item}": ${f.id} has no condition`);
      else if (condition && condition !== 'activé') {
        const words = condition.split('/');
        if (!whenFeatures(f).some((id) => words.some((w) => featureTitle(c, id).includes(w))))
          diffs.push(`§9 "${item}": ${f.id} condition ${f.when} does not name ${condition}`);
      }
    }
  }
  return diffs;
}

function compareChecklist(seed: Seed000, c: Catalog): string[] {
  const diffs: string[] = [];
  const flowIds = new Set(c.flows.map((f) => f.id));
  seed.checklist.forEach((item, i) => {
    const checks = c.checks.filter((k) => k.ref.startsWith(`§10 item ${i + 1} `));
    if (checks.length === 0) {
      diffs.push(`§10 item ${i + 1} "${item}": no check`);
      return;
    }
    const types = new Set(checks.map((k) => k.probe.type));
    const want = (re: RegExp, ok: boolean, what: string) => {
      if (re.test(item) && !ok) diffs.push(`§10 item ${i + 1}: ${what}`);
    };
    want(/DNS/, types.has('dns'), 'no dns probe');
    want(/NTP/, types.has('ntp'), 'no ntp probe');
    want(/SMTP/, types.has('smtp'), 'no smtp probe');
    want(/accessible/, types.has('tls') || types.has('http'), 'no reachability probe');
    want(/logs/, types.has('manual'), 'no manual check');
    if (/\(si /.test(item)) for (const k of checks) if (k.when === undefined) diffs.push(`${k.id}: condition missing`);
    const fqdn = /\(([a-z0-9-]+(?:\.[a-z0-9-]+)+)\)/.exec(item)?.[1];
    if (fqdn && !checks.some((k) => k.probe.target === fqdn)) diffs.push(`§10 item ${i + 1}: ${fqdn} not probed`);
    for (const k of checks) {
      if (k.flows.length === 0) diffs.push(`${k.id}: tied to no flow`);
      for (const f of k.flows) if (!flowIds.has(f)) diffs.push(`${k.id}: flow ${f} missing`);
    }
  });
  return diffs;
}
