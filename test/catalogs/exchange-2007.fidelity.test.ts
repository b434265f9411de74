import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import type { AuthMechanism, ByDefault, EncryptionMechanism } from '../../src/model/vocab.js';
import { readCatalog, readSeed, repoRoot } from '../support/catalogs.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/exchange-2007.yaml to seed 003 (Exchange 2007 data-path security reference).
 * The seed is parsed on its own terms: each table is a title line, a header line, then six lines per row
 * (path, ports, default auth, supported auth, encryption supported?, encrypted by default?) until "Notes sur…".
 * Nothing here reads the catalog to decide what the seed says.
 */
const SEED = '003_e3f8df965cd4ecd9.txt';
const TABLES = [
  { title: "Chemins d'accès aux données de serveur de transport", ref: 'Transport table', rows: 11 },
  { title: "Chemins d'accès aux données de serveur de boîtes aux lettres", ref: 'Mailbox table', rows: 22 },
  { title: "Chemins d'accès aux données de serveur d'accès au client", ref: 'Client Access table', rows: 14 },
  { title: "Chemins d'accès aux données du serveur de messagerie unifiée", ref: 'Unified Messaging table', rows: 5 },
] as const;
/** The document's own count: 52 data paths over the four tables. */
const EXPECTED_ROWS = 52;

interface SeedRow {
  ref: string;
  path: string;
  ports: Set<string>;
  authDefault: Set<AuthMechanism>;
  authSupported: Set<AuthMechanism>;
  authDefaultCell: string;
  encryption: Set<EncryptionMechanism>;
  byDefault: ByDefault;
}

const normalize = (s: string): string => s.replace(/[’`]/g, "'").replace(/\s+\)/g, ')').replace(/\s+/g, ' ').trim();

function tableLines(lines: string[], title: string): string[] {
  const start = lines.findIndex((l) => l.trim() === title);
  if (start < 0) throw new Error(`table "${title}" not found in the seed`);
  const header = lines.findIndex((l, i) => i > start && l.startsWith("Chemin d'accès aux données Ports requis"));
  const end = lines.findIndex((l, i) => i > header && l.startsWith('Notes sur'));
  return lines
    .slice(header + 1, end < 0 ? undefined : end)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('>')); // "> [!Note]" lines qualify the path above them
}

const PORT_TOKEN = /(\d+)\s*\/\s*(TCP|UDP)(?:\/(TCP|UDP))?/g;

/** Port cell → `proto:port` or `proto:<symbolic range>`, exactly as the cell states it. */
export function parsePorts(cell: string): Set<string> {
  const out = new Set<string>();
  for (const m of cell.matchAll(PORT_TOKEN)) {
    for (const proto of [m[2], m[3]]) if (proto) out.add(`${proto.toLowerCase()}:${m[1]}`);
  }
  const rest = cell.replace(PORT_TOKEN, ' ');
  // "587 (TLS)": the SMTP submission port, given without its protocol (TCP).
  for (const m of rest.matchAll(/(?<![\d.])(\d{2,5})\s*\((?:TLS|SSL)\)/g)) out.add(`tcp:${m[1]}`);
  if (/port aléatoire/i.test(cell)) out.add('tcp:rpc-dynamic');
  if (/un port dynamique/i.test(cell)) out.add('udp:um-media');
  if (/\(SMB\)/.test(cell)) out.add('tcp:445');
  if (/^RPC\b/.test(cell)) out.add('tcp:135');
  // "RPC. Consultez la section…" / "135 /TCP (RPC) Consultez…": the notes say the ports are dynamic RPC.
  if (/RPC/.test(cell) && /Consultez la section/.test(cell)) out.add('tcp:rpc-dynamic');
  return out;
}

const AUTH_WORDS: [RegExp, AuthMechanism][] = [
  [/kerberos/, 'kerberos'],
  [/ntlm/, 'ntlm'],
  [/négociation/, 'negotiate'],
  [/(?<!\p{L})base(?!\p{L})/u, 'basic'],
  [/digest/, 'digest'],
  [/formulaires/, 'forms'],
  [/certificat/, 'certificate'],
  [/confiance directe/, 'direct-trust'],
  [/anonyme/, 'anonymous'],
  [/adresse ip/, 'ip-address'],
  [/texte brut/, 'other'],
];

export function parseAuth(cell: string): Set<AuthMechanism> {
  // The first sentence is the mechanism; a following sentence is a note ("Si … Kerberos est utilisé").
  const first = (cell.toLowerCase().split(/\.\s/)[0] ?? '').replace(/négociation \(kerberos\)/g, 'négociation');
  return new Set(AUTH_WORDS.filter(([re]) => re.test(first)).map(([, id]) => id));
}

const ENCRYPTION_WORDS: [RegExp, EncryptionMechanism][] = [
  [/\btls\b/, 'tls'],
  [/\bssl\b/, 'ssl'],
  [/\bldaps\b/, 'ldaps'],
  [/\bipsec\b/, 'ipsec'],
  [/\bhttps\b/, 'https'],
  [/chiffrement rpc/, 'rpc'],
  [/chiffrement kerberos/, 'kerberos'],
];

export function parseEncryption(cell: string): Set<EncryptionMechanism> {
  const t = cell.toLowerCase();
  if (/^non\b/.test(t)) return new Set();
  return new Set(ENCRYPTION_WORDS.filter(([re]) => re.test(t)).map(([, id]) => id));
}

export function parseByDefault(cell: string): ByDefault {
  if (/^oui pour\b/i.test(cell)) return 'partial'; // "Oui pour SIP": signalling yes, media clear
  if (/^oui\b/i.test(cell)) return 'yes';
  if (/^non\b/i.test(cell)) return 'no';
  throw new Error(`unexpected "encrypted by default" cell: ${cell}`);
}

function parseSeed(text: string): SeedRow[] {
  const lines = text.split(/\r?\n/);
  return TABLES.flatMap((table) => {
    const cells = tableLines(lines, table.title);
    if (cells.length % 6 !== 0) throw new Error(`${table.ref}: ${cells.length} cells, not a multiple of 6`);
    return Array.from({ length: cells.length / 6 }, (_, i) => {
      const [path, ports, authDefault, authSupported, encryption, byDefault] = cells.slice(i * 6, i * 6 + 6) as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return {
        ref: `${table.ref}, row ${i + 1}`,
        path: normalize(path),
        ports: parsePorts(ports),
        authDefault: parseAuth(authDefault),
        authSupported: parseAuth(authSupported),
        authDefaultCell: authDefault,
        encryption: parseEncryption(encryption),
        byDefault: parseByDefault(byDefault),
      };
    });
  });
}

/** Catalog side: a flow's services → the same `proto:port` / `proto:<range name>` vocabulary. */
function flowPorts(catalog: Catalog, flow: Flow): Set<string> {
  const out = new Set<string>();
  for (const entry of flow.services) {
    for (const spec of catalog.services[entry]?.ports ?? [entry]) {
      const m = /^(tcp|udp)\/(.+)$/.exec(spec);
      if (!m) throw new Error(`flow ${flow.id}: unexpected port spec ${spec}`);
      for (const part of (m[2] as string).split(',')) {
        const range = /^\$\{(\w+)_low\}-\$\{\1_high\}$/.exec(part);
        out.add(`${m[1]}:${range ? (range[1] as string).replaceAll('_', '-') : part}`);
      }
    }
  }
  return out;
}

const sorted = <T>(s: Iterable<T>): T[] => [...s].sort();

describe.skipIf(missing(requirements.seeds))('exchange-2007 catalog against seed 003', () => {
  const rows = parseSeed(readSeed(seedsDir(), SEED));
  const catalog = readCatalog('exchange-2007');
  const byRef = (ref: string) => catalog.flows.filter((f) => f.ref === ref);

  it('finds the 52 data paths of the four tables', () => {
    expect(rows).toHaveLength(EXPECTED_ROWS);
    for (const table of TABLES) expect(rows.filter((r) => r.ref.startsWith(`${table.ref},`))).toHaveLength(table.rows);
    for (const row of rows) expect(row.ports.size, `${row.ref}: no port understood`).toBeGreaterThan(0);
  });

  it('has no table ref the seed does not have', () => {
    const tableRefs = new Set(catalog.flows.map((f) => f.ref).filter((r) => /^[\w ]+ table, row \d+$/.test(r)));
    expect(sorted(tableRefs)).toEqual(sorted(rows.map((r) => r.ref)));
  });

  describe.each(rows.map((r) => [r.ref, r] as const))('%s', (_ref, row) => {
    const flows = byRef(row.ref);

    it('is in the catalog under the path name', () => {
      expect(flows.length).toBeGreaterThan(0);
      for (const f of flows) expect(normalize(f.label?.fr ?? '')).toContain(row.path);
    });

    it('has the ports of the seed row', () => {
      const union = new Set(flows.flatMap((f) => [...flowPorts(catalog, f)]));
      expect(sorted(union)).toEqual(sorted(row.ports));
    });

    it('has the authentication of the seed row', () => {
      for (const f of flows) {
        expect(sorted(f.auth?.default ?? []), f.id).toEqual(sorted(row.authDefault));
        expect(sorted(f.auth?.supported ?? []), f.id).toEqual(sorted(row.authSupported));
        if (/Kerberos est utilisé/.test(row.authDefaultCell)) expect(f.auth?.note?.en, f.id).toMatch(/Kerberos/);
      }
    });

    it('has the encryption facts of the seed row', () => {
      for (const f of flows) {
        expect(sorted(f.encryption?.supported ?? []), f.id).toEqual(sorted(row.encryption));
        expect(f.encryption?.byDefault, f.id).toBe(row.byDefault);
      }
    });
  });

  it('turns the notes into data: cluster heartbeat, firewall and perimeter constraints', () => {
    const text = readSeed(seedsDir(), SEED);
    const heartbeat = /protocole\s+UDP\s+\(User Datagram Protocol\)\s+(\d+)/.exec(text);
    expect(heartbeat).not.toBeNull();
    const fromNotes = catalog.flows.filter((f) => f.ref.startsWith('Mailbox notes'));
    expect(fromNotes.flatMap((f) => [...flowPorts(catalog, f)])).toContain(`udp:${heartbeat?.[1]}`);

    expect(text).toMatch(
      /pare-feu est ajouté entre les serveurs d'accès au client et les serveurs de boîtes aux lettres/,
    );
    const noFirewall = catalog.constraints.find((c) => c.rule === 'no-firewall-between');
    expect(sorted(noFirewall?.roles ?? [])).toEqual(['client-access', 'mailbox']);

    expect(text).toMatch(/serveur d'accès au client est installé dans un réseau de périmètre/);
    const perimeter = catalog.constraints.find((c) => c.rule === 'not-in-perimeter');
    expect(perimeter?.roles).toEqual(['client-access']);
  });

  it('gives dynamic RPC the Windows default range', () => {
    expect(catalog.parameters.rpc_dynamic_low?.default).toBe(49152);
    expect(catalog.parameters.rpc_dynamic_high?.default).toBe(65535);
    expect(catalog.parameters.rpc_dynamic_low?.description?.en).toMatch(/1024-65535/);
  });

  it('loads through the catalog loader without issues', () => {
    const loaded = loadCatalogFile(`${repoRoot}catalogs/exchange-2007.yaml`);
    expect(loaded.ok ? [] : loaded.issues).toEqual([]);
  });
});
