import { describe, expect, it } from 'vitest';
import { evalWhen, parseWhen } from '../../src/catalog/when.js';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/lync-2013-edge.yaml to seed 004 (Lync Server 2013, consolidated Edge, public IPs).
 * The seed is markdown with five HTML tables; this parser reads the <td> cells itself and never looks at the
 * catalog to decide what a row says. Each row is then looked up in the catalog by `ref`.
 */
const SEED = '004_37166ee288cdedfc.txt';

/** Rows per table as the document has them (so a parser that finds nothing cannot pass). */
const EXPECTED_ROWS: Record<string, number> = {
  'External interface': 16,
  'Internal interface': 11,
  Federation: 1,
  'Public IM connectivity': 6,
  XMPP: 3,
};

/** `narrowed`: the cell says any address but names who it may be narrowed to (a site-bound role). */
type Peer =
  | { readonly any: true }
  | { readonly any: false; readonly roles: readonly string[]; readonly narrowed: boolean };

interface SeedRow {
  readonly ref: string;
  readonly table: string;
  readonly cell: string;
  readonly app: string;
  readonly spec: string;
  readonly from: Peer;
  readonly to: Peer;
  readonly iface: 'external' | 'internal';
  readonly remark: string;
}

// Headings name the tables; the most specific words are tried first ("fédération" also appears in others).
const TABLE_NAMES: [RegExp, string][] = [
  [/XMPP/, 'XMPP'],
  [/Messagerie instantanée publique/i, 'Public IM connectivity'],
  [/interface externe/i, 'External interface'],
  [/interface interne/i, 'Internal interface'],
  [/fédération/i, 'Federation'],
];

const cellText = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

/** `50 000-59 999` (space, U+00A0 or U+202F as thousands separator) → `50000-59999`. */
const normalisePorts = (text: string): string => text.replace(/(\d)[ \u00a0\u202f](?=\d{3}(?!\d))/g, '$1');

// Edge service prefixes of the "Rôle/Protocole/TCP ou UDP/Port" column ("A/V" contains the separator).
const ROLE_PREFIXES = ['Accès/', 'Conférence web/', 'A/V/'];

function splitProtocolCell(cell: string, hasRole: boolean): { app: string; spec: string } {
  let rest = normalisePorts(cell).replace(/\s+/g, '');
  if (hasRole) {
    // Row 1 of the external table (XMPP) has no Edge service prefix although the column announces one.
    const prefix = ROLE_PREFIXES.map((p) => p.replace(/\s+/g, '')).find((p) => rest.startsWith(p));
    if (prefix) rest = rest.slice(prefix.length);
  }
  const parts = rest.split('/');
  const port = parts.pop() ?? '';
  const transport = (parts.pop() ?? '').toLowerCase();
  const app = parts
    .join('/')
    .replace(/\((M?TLS)\)/, '/$1')
    .replace(',', '/');
  return { app, spec: `${transport}/${port}` };
}

/** Who a named cell designates, in the document's own words. */
function namedRoles(text: string): string[] {
  const t = text.replace(/’/g, "'");
  if (/interne/i.test(t)) return ['edge-internal'];
  if (/proxy XMPP|Edge d'accès/i.test(t)) return ['edge-access'];
  if (/conférence web/i.test(t)) return ['edge-webconf'];
  if (/Edge A\/V/i.test(t)) return ['edge-av'];
  if (/Partenaires PIC/i.test(t)) return ['pic-partners'];
  if (/Live Messenger/i.test(t)) return ['live-messenger-clients'];
  if (/^Clients$/i.test(t)) return ['remote-users'];
  throw new Error(`unrecognised address cell "${text}"`);
}

/** "Indifférente" alone is any address; "Indifférente (définissable en tant que …)" names the roles to bind. */
function peer(text: string): Peer {
  if (!/^Indifférente?\b/.test(text)) return { any: false, roles: namedRoles(text), narrowed: false };
  const narrowing = /\((.*)\)/.exec(text)?.[1];
  if (narrowing === undefined) return { any: true };
  const roles = new Set<string>();
  if (/directeur/i.test(narrowing)) roles.add('director');
  if (/frontal|Standard Edition/i.test(narrowing)) roles.add('front-end');
  if (/Survivable Branch/i.test(narrowing)) roles.add('survivable-branch');
  return { any: false, roles: [...roles].sort(), narrowed: true };
}

function parseSeedTables(seed: string): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const match of seed.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const before = seed.slice(0, match.index);
    const heading = [...before.matchAll(/^#{2,3} (.+)$/gm)].pop()?.[1] ?? '';
    const table = TABLE_NAMES.find(([re]) => re.test(heading))?.[1];
    if (!table) throw new Error(`table under unknown heading "${heading}"`);
    const html = match[1] ?? '';
    const firstHeader = cellText(/<th>([\s\S]*?)<\/th>/.exec(html)?.[1] ?? '');
    const hasRole = firstHeader.startsWith('Rôle/');
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
    let n = 0;
    for (const tr of body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
      const cells = [...(tr[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => cellText(c[1] ?? ''));
      if (cells.length !== 4) throw new Error(`${table}: row with ${cells.length} cells`);
      const [cell, source, destination, remark] = cells as [string, string, string, string];
      n++;
      const internalSide =
        table === 'Internal interface' || (table === 'XMPP' && /interne/i.test(source + destination));
      rows.push({
        ref: `${table}, row ${n}`,
        table,
        cell,
        ...splitProtocolCell(cell, hasRole),
        from: peer(source),
        to: peer(destination),
        iface: internalSide ? 'internal' : 'external',
        remark,
      });
    }
  }
  return rows;
}

const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

function portSpecs(catalog: Catalog, flow: Flow): string[] {
  return flow.services.flatMap((s) => catalog.services[s]?.ports ?? [s]).map(normalisePorts);
}

function expectPeer(catalog: Catalog, actual: string | readonly string[], expected: Peer): void {
  const roles = asList(actual);
  if (expected.any) {
    expect(roles).toHaveLength(1);
    expect(catalog.roles[roles[0] as string]?.addresses).toEqual(['any']);
    return;
  }
  expect([...roles].sort()).toEqual([...expected.roles].sort());
  for (const r of roles) expect(catalog.roles[r], `role ${r}`).toBeDefined();
  // Narrowed peers are the site's own servers: bound by the site, never fixed to "any" by the catalog.
  if (expected.narrowed) for (const r of roles) expect(catalog.roles[r]?.addresses, `role ${r}`).toBeUndefined();
}

/** Rows the document marks as needed only for a legacy or optional partner type must be off by default. */
function offByDefault(row: SeedRow): boolean {
  return (
    /uniquement pour la fédération avec des partenaires exécutant Office Communications Server 2007/.test(row.remark) ||
    row.table === 'Public IM connectivity' ||
    row.app.startsWith('XMPP')
  );
}

function expectSecurity(flow: Flow, row: SeedRow): void {
  const enc = flow.encryption;
  const auth = flow.auth;
  expect(enc, 'encryption facts').toBeDefined();
  expect(auth, 'authentication facts').toBeDefined();
  if (/MTLS/.test(row.app)) {
    expect(enc?.supported).toContain('mtls');
    expect(enc?.byDefault).toBe('yes');
    expect(auth?.default).toContain('mtls');
    return;
  }
  expect(auth?.default).not.toContain('mtls');
  if (/\/TLS$/.test(row.app)) {
    expect(enc?.supported).toContain('tls');
    expect(enc?.byDefault).toBe('yes');
  } else if (row.app === 'HTTPS') {
    expect(enc?.supported).toContain('https');
    expect(enc?.byDefault).toBe('yes');
  } else if (row.app === 'HTTP' || row.app === 'DNS') {
    expect(enc?.supported).toEqual([]);
    expect(enc?.byDefault).toBe('no');
  } else {
    // RTP, STUN/MSTURN, plain XMPP: the table is silent on encryption.
    expect(enc?.byDefault).toBe('unknown');
    expect(enc?.note, 'a note says where the fact comes from').toBeDefined();
  }
}

const reason = missing(requirements.seeds);

describe.skipIf(reason)('lync-2013-edge catalog vs seed 004', () => {
  const rows = reason ? [] : parseSeedTables(readSeed(seedsDir(), SEED));
  const catalog = readCatalog('lync-2013-edge');
  const byRef = new Map<string, Flow[]>();
  for (const f of catalog.flows) byRef.set(f.ref, [...(byRef.get(f.ref) ?? []), f]);
  const defaults = Object.fromEntries(Object.entries(catalog.features).map(([id, f]) => [id, f.default]));

  it('finds the 37 rows of the five tables', () => {
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.table] = (counts[r.table] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED_ROWS);
    expect(rows).toHaveLength(37);
  });

  it('has no table flow the seed does not have', () => {
    const seedRefs = new Set(rows.map((r) => r.ref));
    const tables = Object.keys(EXPECTED_ROWS);
    const tableFlows = catalog.flows.filter((f) => tables.some((t) => f.ref.startsWith(`${t}, row `)));
    expect(tableFlows.map((f) => f.ref).filter((ref) => !seedRefs.has(ref))).toEqual([]);
    expect(tableFlows).toHaveLength(rows.length);
  });

  it.each(rows.map((r) => [r.ref, r] as const))('%s', (_ref, row) => {
    const flows = byRef.get(row.ref) ?? [];
    expect(flows, `one flow with ref "${row.ref}"`).toHaveLength(1);
    const flow = flows[0] as Flow;
    expect(flow.kind).toBe('network');
    expect(flow.app).toBe(row.app);
    expect(portSpecs(catalog, flow)).toEqual([row.spec]);
    expect(flow.interface).toBe(row.iface);
    expectPeer(catalog, flow.from, row.from);
    expectPeer(catalog, flow.to, row.to);
    expectSecurity(flow, row);
    const when = flow.when === undefined ? undefined : parseWhen(flow.when);
    if (when && !when.ok) throw new Error(`bad when "${flow.when}": ${when.message}`);
    const onByDefault = when ? evalWhen(when.value, (f) => defaults[f] === true) : true;
    expect(onByDefault, `when "${flow.when ?? ''}" with default features`).toBe(!offByDefault(row));
    if (offByDefault(row)) expect(flow.level).toBe('optional');
  });
});

describe('the Lync seed parser itself', () => {
  it('normalises thousands separators: space, U+00A0 and U+202F', () => {
    expect(normalisePorts('50 000-59 999')).toBe('50000-59999');
    expect(normalisePorts('50\u00a0000-59\u202f999')).toBe('50000-59999');
    expect(normalisePorts('3478')).toBe('3478');
  });

  it('splits role, application, transport and port', () => {
    expect(splitProtocolCell('A/V/RTP/TCP/50 000-59 999', true)).toEqual({ app: 'RTP', spec: 'tcp/50000-59999' });
    expect(splitProtocolCell('A/V/STUN,MSTURN/UDP/3478', true)).toEqual({ app: 'STUN/MSTURN', spec: 'udp/3478' });
    expect(splitProtocolCell('Accès/SIP(MTLS)/TCP/5061', true)).toEqual({ app: 'SIP/MTLS', spec: 'tcp/5061' });
    expect(splitProtocolCell('MTLS/TCP/50001', false)).toEqual({ app: 'MTLS', spec: 'tcp/50001' });
  });
});
