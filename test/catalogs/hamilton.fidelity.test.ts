import { describe, expect, it } from 'vitest';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/hamilton.yaml to seed 000. The seed is parsed here with a parser written for its
 * layout (numbered sections, `|` tables, `label : text` items, a run-together rule template and checklist);
 * expectations come from the seed's words, and the catalog is only what is checked against them.
 */
const SEED = '000_96cfc191cb10ebdb.txt';

// ---------- seed parser ----------

/** Typographic variants the seed uses (U+2011 hyphen, U+2019 apostrophe) folded to ASCII. */
const fold = (s: string): string => s.replace(/[\u2010-\u2015]/g, '-').replace(/[\u2018\u2019]/g, "'");

interface Section {
  readonly num: number;
  readonly title: string;
  readonly lines: string[];
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

interface SeedRow {
  readonly section: number;
  readonly sectionTitle: string;
  readonly index: number;
  readonly usage: string;
  readonly route: string;
  readonly proto: string;
  readonly remark: string;
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
const looseLines = (s: Section): string[] => (s.num <= 7 ? s.lines.filter((l) => !l.includes('|')) : []);

/** §8: `Contrôle d'accès (AEOS/SiPass/Lenel) : cibles habituellement LAN.` */
const sectionItems = (s: Section): { name: string; text: string }[] =>
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

// ---------- what the seed's words mean ----------

/** `UDP/TCP 53`, `HTTP/HTTPS 80/443`, `SMTP 25 ou 587 (TLS)`, `SMTP 587 (TLS) (ou 25 selon politique)`. */
function seedPorts(proto: string) {
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
  };
}

const SOURCE_WORDS: [RegExp, string[]][] = [
  [/\bWEB\b/, ['web']],
  [/\bSQL\b/, ['sql']],
  [/Administrateur/, ['admin-workstation']],
  [/^Serveurs$/, ['web', 'sql']], // "Serveurs" alone: both servers of §1
];
const seedSources = (route: string): string[] => {
  const from = (route.split('→')[0] ?? '').trim();
  return [...new Set(SOURCE_WORDS.flatMap(([re, roles]) => (re.test(from) ? roles : [])))].sort();
};

const AUTH_WORDS: [RegExp, string][] = [
  [/OAuth2/, 'oauth2'],
  [/OIDC/, 'oidc'],
  [/SAML/, 'saml'],
];

// ---------- what the catalog says ----------

const asList = (v: string | string[]): string[] => (typeof v === 'string' ? [v] : v);

/** Port specs of a flow as `tcp/443` strings: at the parameter defaults, or over every allowed value. */
function catalogPorts(c: Catalog, flow: Flow, mode: 'default' | 'all'): Set<string> {
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

// ---------- the test ----------

describe.skipIf(missing(requirements.seeds))('hamilton catalog is faithful to seed 000', () => {
  const seed = sectionsOf(readSeed(seedsDir(), SEED));
  const catalog = readCatalog('hamilton');
  const section = (n: number) => seed.sections.find((s) => s.num === n) as Section;
  const rows = seed.sections.flatMap(tableRows);
  // "Les accès externes dépendent des modules activés : SMTP, Microsoft Graph (Meeting, …), SMS, Wi-Fi Guest, SSO cloud."
  const modules = (/modules activ\S+ : ([^.]+)\./.exec(seed.intro.join(' '))?.[1] ?? '')
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((m) => m.trim());
  const minTls = /TLS\s*(\d\.\d)\+/.exec(seed.intro.join(' '))?.[1];
  const template = runTogether(section(9).lines, /^Autoriser depuis/, /^Restreindre/, /\n|(?<=\))(?=\S)/);
  const checklist = runTogether(['start', ...section(10).lines], /^start$/, /^Liens crois/, /\n|(?<=\.)(?=[A-Z])/);

  it('finds what the document holds', () => {
    expect(seed.sections.map((s) => s.num)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.map((r) => `${r.section}.${r.index}`)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '4.1',
      '5.1',
      '6.1',
      '7.1',
    ]);
    expect(seed.sections.flatMap(looseLines)).toHaveLength(3);
    expect(sectionItems(section(8))).toHaveLength(3);
    expect(template).toHaveLength(7);
    expect(checklist).toHaveLength(7);
    expect(minTls).toBe('1.2');
    expect(modules).toEqual(['SMTP', 'Microsoft Graph', 'SMS', 'Wi-Fi Guest', 'SSO cloud']);
    expect(catalog.source.document).toBe(SEED);
  });

  describe.each(rows.map((r) => [`§${r.section} row ${r.index} ${r.usage || r.route}`, r] as const))('%s', (_, row) => {
    const flows = flowsAt(catalog, `§${row.section} row ${row.index}`);
    const ports = seedPorts(row.proto);
    const destination = (row.route.split('→')[1] ?? '').trim();
    const stays = /interne si/.test(row.remark); // "peut rester interne si le contrôleur est on-prem"

    it('is in the catalog, from the same sources', () => {
      expect(flows.length).toBeGreaterThan(0);
      const sources = [...new Set(flows.flatMap((f) => asList(f.from)))].sort();
      expect(sources).toEqual(seedSources(row.route));
      expect(flows.every((f) => f.kind === 'network')).toBe(true);
    });

    it('has the same ports', () => {
      for (const f of flows) {
        expect(catalogPorts(catalog, f, 'all')).toEqual(ports.all);
        const chosen = catalogPorts(catalog, f, 'default');
        if (ports.hasChoice) for (const p of chosen) expect(ports.primary).toContain(p);
        else expect(chosen).toEqual(ports.all);
      }
    });

    it('has the same destination', () => {
      const shapes = flows.map((f) => roleShape(catalog, f.to as string));
      if (destination === '') {
        // Graph rows: the FQDN is only in §9; match by the words the row and the template item share.
        const words = fold(row.usage)
          .toLowerCase()
          .split(/\W+/)
          .filter((w) => w.length >= 4);
        const item = template.find((t) =>
          words.some((w) => (/\(([^)]*)\)/.exec(t)?.[1] ?? '').toLowerCase().includes(w)),
        );
        const fqdn = /([a-z0-9.-]+\.[a-z]{2,}):\d+/.exec(item ?? '')?.[1];
        expect(fqdn).toBeDefined();
        for (const f of flows) expect(catalog.roles[f.to as string]?.addresses).toEqual([fqdn]);
      } else if (/interne|d'entreprise/.test(destination)) expect(new Set(shapes)).toEqual(new Set(['bound']));
      else expect(shapes).toContain('parameter');
      if (stays) expect(shapes).toContain('bound');
      for (const f of flows) {
        for (const a of catalog.roles[f.to as string]?.addresses ?? []) {
          const name = /^\$\{([^}]+)\}$/.exec(a)?.[1];
          if (name) expect(catalog.parameters[name]?.type).toMatch(/^fqdn/);
        }
      }
    });

    it('has the same security facts', () => {
      for (const f of flows) {
        const enc = f.encryption;
        expect(enc).toBeDefined();
        if (ports.tlsPorts.length === 0) {
          expect(enc?.supported).toEqual([]);
          expect(enc?.byDefault).toBe('no');
          continue;
        }
        expect(enc?.supported.some((m) => ['tls', 'starttls'].includes(m))).toBe(true);
        expect(enc?.minTls).toBe(minTls);
        const chosenAllTls = ports.hasChoice && /\(ou/.test(row.proto); // "587 (TLS) (ou 25 …)": the choice is TLS
        const all = ports.tlsPorts.length === ports.primaryCount || chosenAllTls;
        expect(enc?.byDefault).toBe(all ? 'yes' : 'partial');
        for (const [re, mech] of AUTH_WORDS)
          if (re.test(`${row.usage} ${row.remark}`)) expect(f.auth?.default).toContain(mech);
      }
    });

    it('has the same condition and level', () => {
      const moduleNamed = modules.some((m) => `${row.sectionTitle} ${row.usage} ${row.proto}`.includes(m));
      const optional = /\((si |optionnel)/.test(row.sectionTitle) || /^Si /.test(row.remark) || moduleNamed;
      for (const f of flows) {
        if (optional) expect(f.when).toBeDefined();
        else expect(f.when).toBeUndefined();
        if (/optionnel/.test(row.sectionTitle)) expect(f.level).toBe('optional');
        if (/^Recommand/.test(row.remark)) expect(f.level).toBe('recommended');
        if (/Obligatoires \/ recommand/.test(row.sectionTitle)) expect(['mandatory', 'recommended']).toContain(f.level);
      }
      if (stays) {
        const groups = flows.flatMap(whenFeatures).map((id) => catalog.features[id]?.exclusive);
        expect(new Set(flows.flatMap(whenFeatures)).size).toBe(flows.length);
        expect(groups.every((g) => g !== undefined && g === groups[0])).toBe(true);
      }
    });
  });

  it('keeps §2 scenarios as exclusive options', () => {
    const features = rows
      .filter((r) => r.section === 2)
      .flatMap((r) => flowsAt(catalog, `§2 row ${r.index}`).flatMap(whenFeatures));
    expect(features).toHaveLength(2);
    const groups = features.map((id) => catalog.features[id]?.exclusive);
    expect(groups[0]).toBeDefined();
    expect(groups[1]).toBe(groups[0]);
  });

  it('turns the sentences outside the tables into flows or notes', () => {
    for (const s of seed.sections) {
      for (const line of looseLines(s)) {
        const prefix = `§${s.num} note`;
        const flows = flowsAt(catalog, prefix);
        if (/autoriser le serveur WEB/i.test(line)) {
          // "Si un proxy sortant est imposé, autoriser le serveur WEB à l'utiliser."
          const [f] = flows;
          expect(f && asList(f.from)).toEqual(['web']);
          expect(f && roleShape(catalog, f.to as string)).toBe('bound');
          expect(f?.when).toBeDefined();
          const specs = f?.services.flatMap((id) => catalog.services[id]?.ports ?? [id]) ?? [];
          for (const spec of specs)
            expect(catalog.parameters[/\$\{([^}]+)\}/.exec(spec)?.[1] ?? '']?.type).toBe('port');
        } else if (/flux demeurent internes/.test(line)) {
          // "Avec ADFS on-prem, les flux demeurent internes." No port: a reference row, exclusive with the row above.
          const [f] = flows;
          expect(f?.kind).toBe('reference');
          expect(f?.services).toEqual([]);
          const mine = catalog.features[whenFeatures(f as Flow)[0] as string]?.exclusive;
          const table = flowsAt(catalog, `§${s.num} row 1`).flatMap(whenFeatures);
          expect(mine).toBeDefined();
          expect(catalog.features[table[0] as string]?.exclusive).toBe(mine);
        } else expect(catalog.notes.some((n) => n.ref.startsWith(prefix))).toBe(true);
      }
    }
  });

  it('keeps the internal items of §8', () => {
    sectionItems(section(8)).forEach((item, i) => {
      const flows = flowsAt(catalog, `§8 item ${i + 1}`);
      expect(flows).toHaveLength(1);
      const f = flows[0] as Flow;
      expect(roleShape(catalog, f.to as string)).toBe('bound');
      expect(f.direction).toBe('internal');
      const named = /\(([^)]+)\)/.exec(item.name)?.[1]; // AEOS/SiPass/Lenel
      if (named) expect(fold(`${f.label?.fr} ${catalog.roles[f.to as string]?.title.fr}`)).toContain(named);
      if (!/\d/.test(item.text)) {
        // No port in the seed: either a reference row, or ports whose origin is named.
        if (f.kind === 'reference') expect(f.services).toEqual([]);
        else expect(f.origin?.services?.en ?? f.origin?.row?.en).toMatch(/not in the document/);
      }
      if (/LDAPS/.test(item.name)) expect(f.encryption?.supported).toContain('ldaps');
    });
  });

  it('reproduces the rule template of §9 from web-initiated flows', () => {
    const fromWeb = catalog.flows.filter((f) => asList(f.from).includes('web') && f.kind === 'network');
    const text = (f: Flow) => fold(`${f.label?.fr} ${catalog.roles[f.to as string]?.title.fr}`).toLowerCase();
    for (const item of template) {
      const target = /([a-z0-9*.-]+):(\d+(?:\/\d+)*)/.exec(item);
      const condition = /\(si ([^)]+)\)/.exec(item)?.[1];
      let candidates: Flow[];
      if (target && !/^host$|^\*/.test(target[1] as string)) {
        candidates = fromWeb.filter((f) => catalog.roles[f.to as string]?.addresses?.includes(target[1] as string));
      } else {
        const label = fold((item.split('(')[0] as string).split(/ si | via /)[0] as string)
          .trim()
          .toLowerCase();
        candidates = fromWeb.filter(
          (f) => text(f).includes(label.split(' ')[0] as string) && text(f).includes(label.split(' ').at(-1) as string),
        );
      }
      expect(candidates.length, item).toBeGreaterThan(0);
      for (const f of candidates) {
        if (target) {
          const wanted = new Set((target[2] as string).split('/').map((p) => `tcp/${p}`));
          expect(catalogPorts(catalog, f, 'all'), item).toEqual(wanted);
          if (/^host$|^\*/.test(target[1] as string)) expect(roleShape(catalog, f.to as string)).not.toBe('literal');
        }
        if (/CRL\/OCSP/.test(item)) {
          expect(catalogPorts(catalog, f, 'all')).toEqual(new Set(['tcp/80', 'tcp/443']));
          if (/via proxy/.test(item)) expect(['allowed', 'required']).toContain(f.proxy);
        }
        if (/si requis/.test(item)) expect(f.when).toBeDefined();
        if (condition === 'activé') expect(f.when).toBeDefined();
        else if (condition) {
          const words = condition.split('/');
          expect(
            whenFeatures(f).some((id) => words.some((w) => featureTitle(catalog, id).includes(w))),
            item,
          ).toBe(true);
        }
      }
    }
  });

  it('turns the checklist of §10 into checks tied to flows', () => {
    const flowIds = new Set(catalog.flows.map((f) => f.id));
    checklist.forEach((item, i) => {
      const checks = catalog.checks.filter((c) => c.ref.startsWith(`§10 item ${i + 1} `));
      expect(checks.length, item).toBeGreaterThan(0);
      const types = new Set(checks.map((c) => c.probe.type));
      if (/DNS/.test(item)) expect(types).toContain('dns');
      if (/NTP/.test(item)) expect(types).toContain('ntp');
      if (/SMTP/.test(item)) expect(types).toContain('smtp');
      if (/accessible/.test(item)) expect([...types].some((t) => t === 'tls' || t === 'http')).toBe(true);
      if (/logs/.test(item)) expect(types).toContain('manual');
      if (/\(si /.test(item)) for (const c of checks) expect(c.when, c.id).toBeDefined();
      const fqdn = /\(([a-z0-9-]+(?:\.[a-z0-9-]+)+)\)/.exec(item)?.[1];
      if (fqdn) expect(checks.some((c) => c.probe.target === fqdn)).toBe(true);
      for (const c of checks) {
        expect(c.flows.length, c.id).toBeGreaterThan(0);
        for (const f of c.flows) expect(flowIds).toContain(f);
      }
    });
  });

  it('asks TLS 1.2+ of every encrypted flow, and names the origin of rows not in the seed', () => {
    for (const f of catalog.flows) {
      const enc = f.encryption?.supported ?? [];
      if (enc.some((m) => ['tls', 'starttls', 'ldaps'].includes(m))) expect(f.encryption?.minTls, f.id).toBe(minTls);
      if (!/^§\d+ /.test(f.ref)) expect(f.origin?.row?.en, f.id).toMatch(/not in the document/);
    }
  });
});
