/**
 * Seed 004 (Lync Server 2013, single consolidated Edge with public IPs) read on its own: five HTML tables under
 * markdown headings, four cells per row. Nothing here looks at a catalog: each row's facts come from its cells.
 */
export const SEED_004 = '004_37166ee288cdedfc.txt';

/** Rows per table as the document has them (so a parser that finds nothing cannot pass). */
export const EXPECTED_ROWS_004: Record<string, number> = {
  'External interface': 16,
  'Internal interface': 11,
  Federation: 1,
  'Public IM connectivity': 6,
  XMPP: 3,
};

/** `narrowed`: the cell says any address but names who it may be narrowed to (a site-bound role). */
export type Peer =
  | { readonly any: true }
  | { readonly any: false; readonly roles: readonly string[]; readonly narrowed: boolean };

export interface SeedRow004 {
  readonly ref: string;
  readonly table: string;
  /** The protocol cell as written (tags stripped, typography kept: « 50 000-59 999 » with U+00A0). */
  readonly rawCell: string;
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

const stripTags = (html: string): string => html.replace(/<[^>]+>/g, ' ');

export const cellText = (html: string): string =>
  stripTags(html)
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

/** `50 000-59 999` (space, U+00A0 or U+202F as thousands separator) → `50000-59999`. */
export const normalisePorts = (text: string): string => text.replace(/(\d)[ \u00a0\u202f](?=\d{3}(?!\d))/g, '$1');

// Edge service prefixes of the "Rôle/Protocole/TCP ou UDP/Port" column ("A/V" contains the separator).
const ROLE_PREFIXES = ['Accès/', 'Conférence web/', 'A/V/'];

export function splitProtocolCell(cell: string, hasRole: boolean): { app: string; spec: string } {
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

/** The 37 rows of the five tables, each with its facts. */
export function parseSeed004(seed: string): SeedRow004[] {
  const rows: SeedRow004[] = [];
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
      const htmlCells = [...(tr[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1] ?? '');
      const cells = htmlCells.map(cellText);
      if (cells.length !== 4) throw new Error(`${table}: row with ${cells.length} cells`);
      const [cell, source, destination, remark] = cells as [string, string, string, string];
      n++;
      const internalSide =
        table === 'Internal interface' || (table === 'XMPP' && /interne/i.test(source + destination));
      rows.push({
        ref: `${table}, row ${n}`,
        table,
        rawCell: stripTags(htmlCells[0] ?? '').trim(),
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
