import type { Grid } from './grid.js';
import { columnName, columnNumber } from './grid.js';

/** What a column of a person's matrix can hold. `ignore` (with --map) leaves a column out on purpose. */
export const FIELDS = [
  'source',
  'destination',
  'protocol',
  'ports',
  'zone_from',
  'zone_to',
  'direction',
  'purpose',
  'flow',
  'ref',
  'requirement',
  'app',
  'auth',
  'auth_supported',
  'encryption',
  'encrypted_by_default',
  'notes',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Header words per field, French and English, written without accents or case (see `normal`). A header equal to
 * one of them scores highest; one that contains it as whole words scores less, so "Zone source" goes to zone_from
 * and not to source, and "Protocole applicatif" to app and not to protocol.
 */
const WORDS: Record<Field, readonly string[]> = {
  source: [
    'source',
    'sources',
    'src',
    'origine',
    'de',
    'from',
    'emetteur',
    'initiateur',
    'client',
    'ip source',
    'adresse source',
    'serveur source',
    'machine source',
    'source host',
    'source address',
  ],
  destination: [
    'destination',
    'destinations',
    'dst',
    'dest',
    'cible',
    'vers',
    'to',
    'a',
    'ip destination',
    'adresse destination',
    'serveur destination',
    'machine destination',
    'destination host',
    'destination address',
    'target',
  ],
  protocol: ['protocole', 'protocol', 'proto', 'transport', 'protocole transport', 'transport protocol'],
  ports: [
    'port',
    'ports',
    'port s',
    'port destination',
    'ports destination',
    'port de destination',
    'destination port',
    'destination ports',
    'dst port',
    'numero de port',
    'port number',
  ],
  zone_from: ['zone source', 'source zone', 'zone de depart', 'zone from', 'from zone'],
  zone_to: ['zone destination', 'destination zone', 'zone d arrivee', 'zone cible', 'zone to', 'to zone'],
  direction: ['sens', 'direction', 'sens du flux', 'flow direction'],
  purpose: [
    'description',
    'objet',
    'purpose',
    'objectif',
    'usage',
    'libelle',
    'description du flux',
    'flow description',
    'finalite',
    'justification',
  ],
  flow: ['flux', 'flow', 'nom du flux', 'flow name', 'nom', 'name'],
  ref: ['ref', 'reference', 'n', 'no', 'numero', 'id', 'ligne', 'row', '#'],
  requirement: ['exigence', 'requirement', 'niveau', 'level', 'obligatoire', 'mandatory', 'criticite'],
  app: ['protocole applicatif', 'application protocol', 'application', 'app', 'service applicatif'],
  auth: ['authentification', 'authentication', 'auth', 'authentification par defaut', 'default authentication'],
  auth_supported: ['authentification possible', 'supported authentication', 'authentifications possibles'],
  encryption: ['chiffrement', 'encryption', 'chiffrement possible', 'supported encryption', 'cryptage', 'tls'],
  encrypted_by_default: [
    'chiffre par defaut',
    'encrypted by default',
    'chiffrement par defaut',
    'encryption by default',
  ],
  notes: [
    'notes',
    'note',
    'remarques',
    'remarque',
    'commentaire',
    'commentaires',
    'comment',
    'comments',
    'observations',
  ],
};

/** Lowercase, accents and punctuation off, spaces single: "Port(s) de destination" → "port s de destination". */
export const normal = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();

function score(header: string, field: Field): number {
  const h = normal(header);
  if (h === '') return 0;
  let best = 0;
  for (const w of WORDS[field]) {
    if (h === w) return 3;
    if (w.length > 2 && ` ${h} `.includes(` ${w} `)) best = Math.max(best, w.includes(' ') ? 2 : 1);
  }
  return best;
}

export interface Mapping {
  /** 1-based header row. */
  readonly headerRow: number;
  /** Field per 1-based column; columns not in it are ignored. */
  readonly columns: ReadonlyMap<number, Field>;
  /** Headers left out (shown when the mapping is confirmed). */
  readonly ignored: readonly number[];
  /** Whether the headers read as French (for the catalog's source language). */
  readonly french: boolean;
}

/** An override from `--map`: a header text or a column letter, to a field or `ignore`. */
export interface Override {
  readonly column: string;
  readonly field: Field | 'ignore';
}

/** Parses `--map COLUMN=FIELD`; the bad ones are returned with why. */
export function parseOverrides(pairs: readonly string[]): { overrides: Override[]; bad: string[] } {
  const overrides: Override[] = [];
  const bad: string[] = [];
  for (const p of pairs) {
    const eq = p.lastIndexOf('=');
    const field = p.slice(eq + 1).trim();
    if (eq <= 0 || !([...FIELDS, 'ignore'] as string[]).includes(field))
      bad.push(`--map ${p}: expected COLUMN=FIELD, FIELD one of ${FIELDS.join(', ')} or ignore`);
    else overrides.push({ column: p.slice(0, eq).trim(), field: field as Field | 'ignore' });
  }
  return { overrides, bad };
}

const FRENCH =
  /\b(protocole|sens|objet|chiffrement|authentification|cible|exigence|remarques?|commentaires?|libelle|flux)\b/;

/**
 * The header row (the first of the first ten rows naming a source and a destination) and the field of each column:
 * best-scoring pairs first, one column per field, `--map` overrides applied last. Undefined when no row looks like
 * a header of a flow matrix (a summary or legend sheet).
 */
export function guessMapping(grid: Grid, overrides: readonly Override[] = []): Mapping | undefined {
  for (let r = 0; r < Math.min(10, grid.rows.length); r++) {
    const headers = grid.rows[r] as readonly string[];
    const columns = assign(headers, overrides);
    const fields = new Set(columns.values());
    if (!fields.has('source') || !fields.has('destination')) continue;
    const ignored = headers.flatMap((h, i) => (h.trim() !== '' && !columns.has(i + 1) ? [i + 1] : []));
    const french = headers.some((h) => FRENCH.test(normal(h)));
    return { headerRow: r + 1, columns, ignored, french };
  }
  return undefined;
}

function assign(headers: readonly string[], overrides: readonly Override[]): Map<number, Field> {
  const forced = new Map<number, Field | 'ignore'>();
  for (const o of overrides) {
    const letter = columnNumber(o.column);
    const byName = headers.findIndex((h) => normal(h) === normal(o.column));
    const col = byName >= 0 ? byName + 1 : letter;
    if (col !== undefined) forced.set(col, o.field);
  }
  const candidates: { col: number; field: Field; score: number }[] = [];
  headers.forEach((h, i) => {
    if (forced.has(i + 1)) return;
    for (const field of FIELDS) {
      const s = score(h, field);
      if (s > 0) candidates.push({ col: i + 1, field, score: s });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const out = new Map<number, Field>();
  const taken = new Set<Field>();
  for (const [col, field] of forced)
    if (field !== 'ignore') {
      out.set(col, field);
      taken.add(field);
    }
  for (const c of candidates) {
    if (out.has(c.col) || taken.has(c.field) || forced.has(c.col)) continue;
    out.set(c.col, c.field);
    taken.add(c.field);
  }
  return out;
}

/** `A "Source" → source, B "Destination" → destination; ignored: F "Key"` — what the import prints to confirm. */
export function describeMapping(grid: Grid, m: Mapping): string {
  const headers = grid.rows[m.headerRow - 1] ?? [];
  const named = (col: number) => `${columnName(col)} "${headers[col - 1] ?? ''}"`;
  const used = [...m.columns].sort((a, b) => a[0] - b[0]).map(([col, field]) => `${named(col)} → ${field}`);
  const ignored = m.ignored.map(named);
  return `${used.join(', ')}${ignored.length ? `; ignored: ${ignored.join(', ')}` : ''}`;
}

/** `--map` entries naming a column that no imported sheet has. */
export function unusedOverrides(grids: readonly Grid[], overrides: readonly Override[]): Override[] {
  return overrides.filter(
    (o) =>
      columnNumber(o.column) === undefined &&
      !grids.some((g) => g.rows.slice(0, 10).some((r) => r.some((h) => normal(h) === normal(o.column)))),
  );
}
