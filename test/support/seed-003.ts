import type { AuthMechanism, ByDefault, EncryptionMechanism } from '../../src/model/vocab.js';

/**
 * Seed 003 (Exchange 2007 data-path security reference) read on its own terms, for the catalog fidelity tests.
 * Each table is a title line, a header line, then six cells a row (path, ports, default authentication, supported
 * authentication, encryption supported?, encrypted by default?) until « Notes sur… »; a « > [!Note] » line after a
 * path qualifies that row. Nothing here reads the catalog: the vocabulary below (port tokens, mechanism and role
 * words) is the test's own, and every fact comes from the seed's text.
 */
export const SEED_003 = '003_e3f8df965cd4ecd9.txt';

export const TABLES = [
  { title: "Chemins d'accès aux données de serveur de transport", ref: 'Transport table', role: 'hub-transport' },
  { title: "Chemins d'accès aux données de serveur de boîtes aux lettres", ref: 'Mailbox table', role: 'mailbox' },
  {
    title: "Chemins d'accès aux données de serveur d'accès au client",
    ref: 'Client Access table',
    role: 'client-access',
  },
  { title: "Chemins d'accès aux données du serveur de messagerie unifiée", ref: 'Unified Messaging table', role: 'um' },
] as const;

/** The encryption facts of one leg (a port), and whether reading them per port is ours rather than the row's. */
export interface LegFacts {
  readonly encryption: ReadonlySet<EncryptionMechanism>;
  readonly byDefault: ByDefault;
  /** The document gives the row's facts; splitting them per port is our reading (the catalog must say so). */
  readonly ours: boolean;
}
export interface SeedRow {
  readonly ref: string;
  readonly table: (typeof TABLES)[number];
  readonly path: string;
  /** The « > [!Note] » text qualifying the row, if any. */
  readonly note?: string;
  readonly cells: { ports: string; authDefault: string; authSupported: string; encryption: string; byDefault: string };
  /** `tcp/25`, `udp/389`, `tcp/rpc-dynamic`, `udp/um-media` → the leg's facts. */
  readonly legs: ReadonlyMap<string, LegFacts>;
  /** Port tokens whose protocol or number the document does not write (the catalog must give their origin). */
  readonly inferredPorts: ReadonlySet<string>;
  readonly authDefault: ReadonlySet<AuthMechanism>;
  readonly authSupported: ReadonlySet<AuthMechanism>;
}

/** Spaces of any width (U+00A0, U+202F…) as one space, typographic apostrophes as ASCII: for comparisons only. */
export const normalize = (s: string): string =>
  s
    .replace(/[’`]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

const PORT = /(\d+)\s*\/\s*(TCP|UDP)(?:\/(TCP|UDP))?/g;

/** Port cell → its tokens, each with the qualifier in parentheses that follows it (« (SSL) », « (pas de SSL) »). */
function portTokens(cell: string): { token: string; qualifier: string; inferred: boolean }[] {
  const out: { token: string; qualifier: string; inferred: boolean }[] = [];
  for (const part of cell.split(/,\s*/)) {
    const qualifier = /\(([^)]*)\)/.exec(part)?.[1] ?? '';
    for (const m of part.matchAll(PORT))
      for (const proto of [m[2], m[3]])
        if (proto) out.push({ token: `${proto.toLowerCase()}/${m[1]}`, qualifier, inferred: false });
    // « 587 (TLS) »: a port without its protocol.
    const bare = /^\s*(\d{2,5})\s*\(/.exec(part);
    if (bare && !PORT.test(part)) out.push({ token: `tcp/${bare[1]}`, qualifier, inferred: true });
    PORT.lastIndex = 0;
    if (/port aléatoire/i.test(part)) out.push({ token: 'tcp/rpc-dynamic', qualifier, inferred: true });
    if (/un port dynamique/i.test(part)) out.push({ token: 'udp/um-media', qualifier, inferred: true });
    if (/\(SMB\)/.test(part) && !/\d/.test(part)) out.push({ token: 'tcp/445', qualifier: 'SMB', inferred: true });
    if (/^RPC\./.test(part)) out.push({ token: 'tcp/135', qualifier: 'RPC', inferred: true });
    // « Consultez la section « Notes… » »: the notes say the ports are dynamic RPC over TCP.
    if (/RPC/.test(part) && /Consultez la section/.test(part))
      out.push({ token: 'tcp/rpc-dynamic', qualifier, inferred: false });
  }
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

/** The first sentence names the mechanisms; a following one is a note (« Si … Kerberos est utilisé »). */
export function parseAuth(cell: string): Set<AuthMechanism> {
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
  if (/^oui pour\b/i.test(cell)) return 'partial';
  if (/^oui\b/i.test(cell)) return 'yes';
  if (/^non\b/i.test(cell)) return 'no';
  throw new Error(`unexpected "encrypted by default" cell: ${cell}`);
}

/** Mechanisms bound to a port (a transport-layer wrapper): a port the cell does not mark with one does not have it. */
const PER_PORT: ReadonlySet<EncryptionMechanism> = new Set(['tls', 'ssl', 'https', 'ldaps']);
const SECURED = /TLS|SSL/;

/** One row's legs: the port qualifiers and the encryption cell decide which port has which facts. */
function legsOf(ports: string, encryptionCell: string, byDefaultCell: string) {
  const tokens = portTokens(ports);
  const mechanisms = parseEncryption(encryptionCell);
  const byDefault = parseByDefault(byDefaultCell);
  const perPort = [...mechanisms].every((m) => PER_PORT.has(m)) && mechanisms.size > 0;
  const anySecured = tokens.some((t) => SECURED.test(t.qualifier) && !/pas de SSL/.test(t.qualifier));
  const mediaClear = /support non chiffré/.test(encryptionCell);
  const legs = new Map<string, LegFacts>();
  for (const t of tokens) {
    let facts: LegFacts = { encryption: mechanisms, byDefault, ours: false };
    if (mediaClear) {
      // « SIP sur TLS, mais support non chiffré » / « Oui pour SIP »: SIP ports secured, the media port not.
      facts =
        t.token === 'udp/um-media'
          ? { encryption: new Set(), byDefault: 'no', ours: false }
          : { ...facts, byDefault: 'yes' };
    } else if (/pas de SSL/.test(t.qualifier)) facts = { encryption: new Set(), byDefault: 'no', ours: false };
    else if (perPort && SECURED.test(t.qualifier) && mechanisms.size > 1) {
      const named = [...mechanisms].filter((m) => new RegExp(`\\b${m}\\b`, 'i').test(t.qualifier));
      facts = { ...facts, encryption: new Set(named) };
    } else if (perPort && anySecured && !SECURED.test(t.qualifier))
      facts = { encryption: new Set(), byDefault: 'no', ours: true };
    legs.set(t.token, facts);
  }
  return { legs, inferred: new Set(tokens.filter((t) => t.inferred).map((t) => t.token)) };
}

function tableCells(lines: string[], title: string): string[] {
  const start = lines.findIndex((l) => l.trim() === title);
  if (start < 0) throw new Error(`table "${title}" not found in the seed`);
  const header = lines.findIndex((l, i) => i > start && l.startsWith("Chemin d'accès aux données Ports requis"));
  const end = lines.findIndex((l, i) => i > header && l.startsWith('Notes sur'));
  return lines
    .slice(header + 1, end < 0 ? undefined : end)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function readSeedRows(text: string): SeedRow[] {
  const lines = text.split(/\r?\n/);
  return TABLES.flatMap((table) => {
    const rows: SeedRow[] = [];
    let cells: string[] = [];
    let note: string | undefined;
    const flush = () => {
      const [path, ports, authDefault, authSupported, encryption, byDefault] = cells as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const { legs, inferred } = legsOf(ports, encryption, byDefault);
      rows.push({
        ref: `${table.ref}, row ${rows.length + 1}`,
        table,
        path,
        ...(note ? { note } : {}),
        cells: { ports, authDefault, authSupported, encryption, byDefault },
        legs,
        inferredPorts: inferred,
        authDefault: parseAuth(authDefault),
        authSupported: parseAuth(authSupported),
      });
      cells = [];
      note = undefined;
    };
    for (const line of tableCells(lines, table.title)) {
      if (line.startsWith('>')) note = line.replace(/^>\s*\[!Note\]\s*>\s*/, '');
      else cells.push(line);
      if (cells.length === 6) flush();
    }
    if (cells.length > 0) throw new Error(`${table.ref}: ${cells.length} cells left, not a multiple of 6`);
    return rows;
  });
}

/** The paragraphs of « Notes sur … » after a table (or of a section introduction), numbered from 1. */
export function notesParagraphs(text: string, heading: string, until: RegExp): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`"${heading}" not found in the seed`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (until.test(line)) break;
    if (line.trim() !== '') out.push(line.trim());
  }
  return out;
}
