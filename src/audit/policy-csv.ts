import { SEVERITIES } from '../model/finding.js';
import { type Issue, issue } from '../model/issues.js';
import type { Matrix } from '../model/matrix.js';
import { ACCESS_TYPES, type AccessType, PolicyEntry, parsePolicyService } from '../model/site-policy.js';
import { formatPortRange, formatPortSpec } from '../net/index.js';
import { csvField, unneutralise } from '../util/csv-field.js';

/**
 * The zone-to-zone matrix as CSV, with the columns zone-matrix tools (Tufin USP-style) use:
 * `From zone, To zone, Severity, Access Type, Services`, then the entry's `Comment` (the security team's why, kept
 * through an export and an import). Access types are written `allow only`; services `tcp/443;udp/53` (the tools'
 * `tcp 443` is read too). Services, Severity and Comment may be left out of a file to import.
 */
export const POLICY_CSV_COLUMNS = ['From zone', 'To zone', 'Severity', 'Access Type', 'Services', 'Comment'] as const;
const OPTIONAL_COLUMNS: readonly string[] = ['Services', 'Severity', 'Comment'];

export function policyToCsv(policy: readonly PolicyEntry[], sep: ',' | ';' = ','): string {
  const lines = [POLICY_CSV_COLUMNS.join(sep)];
  for (const p of policy) {
    const cells = [p.from, p.to, p.severity, p.access.replace('-', ' '), p.services.join(';'), p.comment ?? ''];
    // Formula-like cells neutralised as in the matrix CSV (a zone or a comment may start with `=` or `@`).
    lines.push(cells.map((c) => csvField(c)).join(sep));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 records; the separator is guessed from the header line (`;` for French Excel), a BOM is skipped. */
export function parseCsv(text: string): string[][] {
  return csvRecords(text).map((r) => r.cells);
}

/** A CSV record: its cells, the line it starts on and each cell's column there (1-based), as a user sees them. */
interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
  /** Where each cell starts: its line (a quoted cell may span lines) and column. */
  readonly at: { line: number; col: number }[];
}

/** The records with where they and their cells start, blank ones left out: issues name the cell a user sees. */
function csvRecords(text: string): CsvRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let at: { line: number; col: number }[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let lineStart = 0;
  let cellAt = { line: 1, col: 1 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '\n' || (ch === '\r' && body[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      at.push(cellAt);
      cell = '';
      cellAt = { line, col: i + 2 - lineStart };
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') {
        i++;
        line++;
        lineStart = i + 1;
      }
      row.push(cell);
      at.push(cellAt);
      records.push({ cells: row, line: start, at });
      row = [];
      at = [];
      cell = '';
      start = line;
      cellAt = { line, col: 1 };
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) records.push({ cells: [...row, cell], line: start, at: [...at, cellAt] });
  return records.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** The CSV column of each PolicyEntry field, to place a problem at its cell. */
const FIELD_COLUMN: Record<string, (typeof POLICY_CSV_COLUMNS)[number] | undefined> = {
  from: 'From zone',
  to: 'To zone',
  access: 'Access Type',
  services: 'Services',
  severity: 'Severity',
  comment: 'Comment',
};

const normal = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

/**
 * CSV text → policy entries; every bad cell is reported with its line (`path: [line]`). `lines[i]`: the CSV line
 * of `policy[i]`, for problems found later (an unknown zone).
 */
export function policyFromCsv(text: string): { policy: PolicyEntry[]; issues: Issue[]; lines: number[] } {
  const records = csvRecords(text);
  const issues: Issue[] = [];
  const lines: number[] = [];
  const header = (records[0]?.cells ?? []).map(normal);
  const col = Object.fromEntries(POLICY_CSV_COLUMNS.map((c) => [c, header.indexOf(normal(c))])) as Record<
    (typeof POLICY_CSV_COLUMNS)[number],
    number
  >;
  const missing = POLICY_CSV_COLUMNS.filter((c) => col[c] < 0 && !OPTIONAL_COLUMNS.includes(c));
  if (missing.length > 0) {
    const m = issue(
      'invalid-value',
      [],
      `CSV header lacks ${missing.map((c) => `"${c}"`).join(', ')}`,
      `the header is: ${POLICY_CSV_COLUMNS.join(',')}`,
    );
    return { policy: [], issues: [{ ...m, line: records[0]?.line ?? 1, col: 1 }], lines };
  }
  const policy: PolicyEntry[] = [];
  for (const { cells, line, at: where } of records.slice(1)) {
    type Column = (typeof POLICY_CSV_COLUMNS)[number];
    const at = (name: Column): string => (col[name] >= 0 ? unneutralise((cells[col[name]] ?? '').trim()) : '');
    // At the cell that is wrong (its column), or the record's start when the column is absent.
    const bad = (name: Column | undefined, message: string, hint?: string) => {
      const cell = name === undefined ? undefined : where[col[name]];
      issues.push({ ...issue('invalid-value', [line], message, hint), line: cell?.line ?? line, col: cell?.col ?? 1 });
    };
    const access = normal(at('Access Type')).replace(/ /g, '-') as AccessType;
    if (!ACCESS_TYPES.includes(access)) {
      bad(
        'Access Type',
        `unknown access type "${at('Access Type')}"`,
        `one of ${ACCESS_TYPES.map((a) => a.replace('-', ' ')).join(', ')}`,
      );
      continue;
    }
    const services = at('Services')
      .split(/[;,\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const s of services) {
      const r = parsePolicyService(s);
      if (!r.ok) bad('Services', `service "${s}": ${r.message}`, 'write tcp/443, udp/1024-65535, icmp or any');
    }
    const severity = normal(at('Severity')) || 'high';
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      bad('Severity', `unknown severity "${at('Severity')}"`, `one of ${SEVERITIES.join(', ')} (empty: high)`);
      continue;
    }
    const comment = at('Comment');
    const parsed = PolicyEntry.safeParse({
      from: at('From zone'),
      to: at('To zone'),
      access,
      services,
      severity,
      ...(comment ? { comment } : {}),
    });
    if (!parsed.success) {
      for (const e of parsed.error.issues)
        bad(FIELD_COLUMN[String(e.path[0])], `${e.path.join('.') || 'row'}: ${e.message}`);
      continue;
    }
    policy.push(parsed.data);
    lines.push(line);
  }
  return { policy, issues, lines };
}

/** `tcp/80` before `tcp/443`: by protocol, then by first port as a number (a string sort puts 443 first). */
const byProtocolThenPort = (a: string, b: string): number => {
  const [pa = '', ra = ''] = a.split('/');
  const [pb = '', rb = ''] = b.split('/');
  return pa.localeCompare(pb) || Number.parseInt(ra || '0', 10) - Number.parseInt(rb || '0', 10) || a.localeCompare(b);
};

/**
 * The policy the flows need: for each zone pair a leg crosses, `allow only` the services it carries. A start
 * for a security team to tighten, and the way to see what a matrix asks of the zone model.
 */
export function policyFromMatrix(matrix: Matrix): PolicyEntry[] {
  const pairs = new Map<string, Set<string>>();
  for (const row of matrix.rows) {
    if (row.kind !== 'network') continue;
    for (const leg of row.legs) {
      if (!leg.zoneFrom || !leg.zoneTo || leg.zoneFrom === leg.zoneTo) continue;
      const id = `${leg.zoneFrom}\u0000${leg.zoneTo}`;
      const set = pairs.get(id) ?? new Set<string>();
      // One spec a range, so a security team can strike out one port and keep the others.
      for (const s of leg.services)
        for (const spec of s.ports.length === 0
          ? [formatPortSpec(s)]
          : s.ports.map((p) => `${s.protocol}/${formatPortRange(p)}`))
          set.add(spec);
      pairs.set(id, set);
    }
  }
  return [...pairs]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, set]) => {
      const [from, to] = id.split('\u0000') as [string, string];
      return {
        from,
        to,
        access: 'allow-only' as const,
        services: [...set].sort(byProtocolThenPort),
        severity: 'high' as const,
      };
    });
}
