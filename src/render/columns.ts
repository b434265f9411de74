import type { Finding } from '../model/finding.js';
import type { Matrix, MatrixRow, PortRange, ServiceMatch } from '../model/matrix.js';
import { refIn } from '../model/ref.js';
import { colon, type Lang, type Text } from '../model/text.js';
import { DIRECTION_LABELS } from '../model/vocab.js';
import { formatPortRange } from '../net/index.js';
import type { ProbeReport } from '../probe/report/model.js';
import type { VerifyReport } from '../verify/report.js';
import { firewalls as crossed, endpoint, isIcmp, viaProxy } from './format.js';
import {
  authDefault,
  authSupported,
  encryptedByDefault,
  encryptionSupported,
  KIND_LABELS,
  levelLabel,
  originFacts,
  SEVERITY_LABELS,
} from './labels.js';
import { probeColumn } from './probe-column.js';
import { verificationColumn } from './verify-columns.js';

/**
 * One document line: a matrix row × one of its services × one port range. Rows without services
 * (reference rows) still give one line with no service, so no documented row disappears.
 */
export interface Line {
  readonly row: MatrixRow;
  readonly service?: ServiceMatch;
  readonly range?: PortRange;
  readonly findings: readonly Finding[];
}

/** A column shared by CSV, XLSX, Markdown and HTML: a stable id (CSV header), a label, and how to read a line. */
export interface Column {
  readonly id: string;
  readonly label: Text;
  /** Width in characters for XLSX. */
  readonly width: number;
  /** HTML offers a per-column select filter on these. */
  readonly filter?: boolean;
  /** True when the value depends on the service or port range, not only on the row. */
  readonly perLine?: boolean;
  readonly value: (line: Line, lang: Lang) => string;
}

const col = (
  id: string,
  fr: string,
  en: string,
  width: number,
  value: Column['value'],
  extra: { filter?: boolean; perLine?: boolean } = {},
): Column => ({ id, label: { fr, en }, width, value, ...extra });
const FILTER = { filter: true };
const PER_LINE = { perLine: true };

function ports(line: Line): string {
  const s = line.service;
  if (!s) return '';
  if (isIcmp(s)) return s.icmpType === undefined ? '' : String(s.icmpType);
  // Plain digits, never locale grouping (`Intl.NumberFormat('fr-FR')` would insert U+202F and break parsers).
  return line.range ? formatPortRange(line.range) : '';
}

const findingText = (line: Line, lang: Lang): string =>
  line.findings
    .map((f) => `[${SEVERITY_LABELS[f.severity][lang]}] ${f.rule}${colon(lang)} ${f.message[lang]}`)
    .join('\n');

/** The columns in their fixed order: the brief's core list first, then the extras. */
export const COLUMNS: readonly Column[] = [
  col('catalog', 'Catalogue', 'Catalog', 14, (l) => l.row.catalog, FILTER),
  col('flow', 'Flux', 'Flow', 22, (l) => l.row.flow),
  col('ref', 'Réf.', 'Ref.', 18, (l, lang) => refIn(l.row.ref, lang)),
  col('source', 'Source', 'Source', 30, (l, lang) => endpoint(l.row.source, lang)),
  col('destination', 'Destination', 'Destination', 30, (l, lang) => endpoint(l.row.destination, lang)),
  col('zone_from', 'Zone source', 'Source zone', 12, (l) => l.row.zoneFrom, FILTER),
  col('zone_to', 'Zone destination', 'Destination zone', 12, (l) => l.row.zoneTo, FILTER),
  col('protocol', 'Protocole', 'Protocol', 10, (l) => l.service?.protocol ?? '', {
    filter: true,
    perLine: true,
  }),
  col('ports', 'Ports', 'Ports', 13, ports, PER_LINE),
  col(
    'app_protocol',
    'Protocole applicatif',
    'Application protocol',
    16,
    (l) => l.service?.app ?? l.row.app ?? '',
    PER_LINE,
  ),
  col('requirement', 'Exigence', 'Requirement', 13, (l, lang) => levelLabel(l.row.level, lang), FILTER),
  col('when', 'Condition', 'When', 14, (l) => l.row.when ?? ''),
  col('auth_default', 'Authentification par défaut', 'Default authentication', 22, (l, lang) =>
    authDefault(l.row.auth, lang),
  ),
  col('auth_supported', 'Authentification possible', 'Supported authentication', 22, (l, lang) =>
    authSupported(l.row.auth, lang),
  ),
  col('encryption_supported', 'Chiffrement possible', 'Supported encryption', 20, (l, lang) =>
    encryptionSupported(l.row.encryption, lang),
  ),
  col('encrypted_by_default', 'Chiffré par défaut', 'Encrypted by default', 12, (l, lang) =>
    encryptedByDefault(l.row.encryption, lang),
  ),
  col('purpose', 'Objet', 'Purpose', 40, (l, lang) => l.row.purpose[lang]),
  col('key', 'Clé', 'Key', 18, (l) => l.row.key),
  col('kind', 'Type', 'Kind', 12, (l, lang) => KIND_LABELS[l.row.kind][lang], FILTER),
  col('direction', 'Sens', 'Direction', 10, (l, lang) =>
    l.row.direction ? DIRECTION_LABELS[l.row.direction][lang] : '',
  ),
  col('interface', 'Interface', 'Interface', 10, (l) => l.row.interface ?? ''),
  col('firewalls', 'Pare-feu', 'Firewalls', 14, (l) => crossed(l.row).join(', ')),
  col('via_proxy', 'Via proxy', 'Via proxy', 18, (l) => viaProxy(l.row)),
  col('notes', 'Notes', 'Notes', 40, (l, lang) => (l.row.notes ? l.row.notes[lang] : '')),
  // Facts of the row not in its source document, each with where it comes from (issue 9).
  col('origin', 'Origine', 'Origin', 40, (l, lang) => originFacts(l.row.origin, lang)),
  col('finding_count', 'Constats', 'Findings', 9, (l) => String(l.findings.length)),
];

/**
 * Without an audit there is no count to state: the column stays (stable CSV header) but is empty, never `0`
 * (a 0 would say "audited, nothing found").
 */
const COLUMNS_NOT_AUDITED: readonly Column[] = COLUMNS.map((c) =>
  c.id === 'finding_count' ? { ...c, value: () => '' } : c,
);

/** Shown only when findings were given: the findings' text, one per line. */
export const FINDINGS_COLUMN: Column = col('findings', 'Détail des constats', 'Finding details', 40, findingText);

/** The document's columns: with the findings' details when audited, and a verdict column when verified. */
export function columnsFor(
  findings: readonly Finding[] | undefined,
  verify?: readonly VerifyReport[],
  probe?: ProbeReport,
): readonly Column[] {
  const base = findings ? [...COLUMNS, FINDINGS_COLUMN] : COLUMNS_NOT_AUDITED;
  const verified = verify && verify.length > 0 ? [...base, verificationColumn(verify)] : base;
  return probe ? [...verified, probeColumn(probe)] : verified;
}

/** Findings grouped by the row key they are about; site-wide findings (no key) are left out. */
export function findingsByKey(findings: readonly Finding[] | undefined): ReadonlyMap<string, Finding[]> {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings ?? []) {
    if (f.key === undefined) continue;
    const list = byKey.get(f.key);
    if (list) list.push(f);
    else byKey.set(f.key, [f]);
  }
  return byKey;
}

const NO_FINDINGS: readonly Finding[] = [];

/** How many document lines a row gives (what `eachLine` visits for it): documents state this count. */
export function lineCount(row: MatrixRow): number {
  let n = 0;
  for (const s of row.services) n += s.ports.length === 0 || isIcmp(s) ? 1 : s.ports.length;
  return Math.max(1, n);
}

/** A line object reused by `eachLine` (copy it to keep it). */
type MutableLine = { row: MatrixRow; service?: ServiceMatch; range?: PortRange; findings: readonly Finding[] };

/**
 * The one place rows become lines: one per row × service × port range (ICMP and port-less services give one line,
 * a row without services one line). `visit` gets the same object each time, updated; copy it to keep it.
 */
function eachLine(
  rows: readonly MatrixRow[],
  findings: readonly Finding[] | undefined,
  visit: (line: Line) => void,
): void {
  const byKey = findingsByKey(findings);
  const line: MutableLine = { row: rows[0] as MatrixRow, findings: NO_FINDINGS };
  for (const row of rows) {
    line.row = row;
    line.findings = byKey.get(row.key) ?? NO_FINDINGS;
    line.service = undefined;
    line.range = undefined;
    if (row.services.length === 0) visit(line);
    for (const service of row.services) {
      line.service = service;
      line.range = undefined;
      if (service.ports.length === 0 || isIcmp(service)) visit(line);
      else
        for (const range of service.ports) {
          line.range = range;
          visit(line);
        }
    }
  }
}

/** Expands rows into lines, in matrix order. */
export function linesOf(rows: readonly MatrixRow[], findings?: readonly Finding[]): Line[] {
  const lines: Line[] = [];
  eachLine(rows, findings, ({ row, service, range, findings: fs }) => {
    lines.push(
      service === undefined
        ? { row, findings: fs }
        : range === undefined
          ? { row, service, findings: fs }
          : { row, service, range, findings: fs },
    );
  });
  return lines;
}

export const matrixLines = (matrix: Matrix, findings?: readonly Finding[]): Line[] => linesOf(matrix.rows, findings);

/** Lines grouped per catalog, in the matrix's catalog order (documents show one table per catalog). */
export function linesPerCatalog(matrix: Matrix, findings?: readonly Finding[]): Map<string, Line[]> {
  const per = new Map<string, Line[]>(matrix.catalogs.map((c) => [c.id, []]));
  for (const line of linesOf(matrix.rows, findings)) {
    const list = per.get(line.row.catalog);
    if (list) list.push(line);
    else per.set(line.row.catalog, [line]);
  }
  return per;
}

/**
 * Visits the cells of each line under `columns` without keeping them: `visit` gets one reused array per line
 * (copy it to keep it). Row-level cells are computed and transformed once per row and reused for its other
 * lines (a row with a port range and three services gives several lines with the same source text).
 */
export function eachLineCells<T>(
  lines: readonly Line[],
  columns: readonly Column[],
  lang: Lang,
  /** Applied to each cell once (e.g. CSV quoting, XLSX cell XML); `column` is the column's index. */
  transform: (value: string, line: Line, column: number) => T,
  visit: (cells: readonly T[], line: Line) => void,
): void {
  const cellsOf = lineCellVisitor(columns, lang, transform, visit);
  for (let i = 0; i < lines.length; i++) cellsOf(lines[i] as Line);
}

/**
 * `eachLineCells` over a matrix's rows without materialising its lines: the line object is reused, so `visit`
 * must not keep it (CSV writes each record at once). Same lines, same order as `linesOf`.
 */
export function eachRowLineCells<T>(
  rows: readonly MatrixRow[],
  findings: readonly Finding[] | undefined,
  columns: readonly Column[],
  lang: Lang,
  transform: (value: string, line: Line, column: number) => T,
  visit: (cells: readonly T[], line: Line) => void,
): void {
  eachLine(rows, findings, lineCellVisitor(columns, lang, transform, visit));
}

/** Cells of one line at a time; row-level cells are recomputed only when the row changes. */
function lineCellVisitor<T>(
  columns: readonly Column[],
  lang: Lang,
  transform: (value: string, line: Line, column: number) => T,
  visit: (cells: readonly T[], line: Line) => void,
): (line: Line) => void {
  const perLine: number[] = [];
  columns.forEach((c, j) => {
    if (c.perLine) perLine.push(j);
  });
  let lastRow: MatrixRow | undefined;
  const lineCells: T[] = new Array(columns.length);
  return (line) => {
    if (line.row !== lastRow) {
      lastRow = line.row;
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j] as Column;
        if (!c.perLine) lineCells[j] = transform(c.value(line, lang), line, j);
      }
    }
    for (const j of perLine) lineCells[j] = transform((columns[j] as Column).value(line, lang), line, j);
    visit(lineCells, line);
  };
}

/** The cell texts of `lines` under `columns`, all kept (small documents: Markdown, HTML). */
export function cells(
  lines: readonly Line[],
  columns: readonly Column[],
  lang: Lang,
  transform: (value: string) => string = (v) => v,
): string[][] {
  const out: string[][] = [];
  eachLineCells(lines, columns, lang, transform, (c) => {
    out.push(c.slice());
  });
  return out;
}
