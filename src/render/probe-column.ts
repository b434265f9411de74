import type { MatrixRow } from '../model/matrix.js';
import type { Lang, Text } from '../model/text.js';
import { originText, type ProbeReport, probeTarget, STATUS_TEXT, titled } from '../probe/report/model.js';
import type { ProbeResult, ProbeSpec, ProbeStatus } from '../probe/types.js';
import type { Column, Line } from './columns.js';

/**
 * What `flowmatrix probe` found from a source host, shown in the matrix documents (`matrix --probe-results`): a status
 * column on the rows (the worst status of the row's probes, with the evidence that decided it) and a table of every
 * probe with its evidence (an XLSX sheet, an HTML section).
 */

export const PROBE_TITLE: Text = { fr: 'Tests d’ouverture', en: 'Opening checks' };

/** Worst first: the status a row shows is the first of these any of its probes has. */
const SEVERITY: readonly ProbeStatus[] = ['FAIL', 'WARN', 'INCONCLUSIVE', 'SKIPPED', 'UNTESTABLE', 'PASS'];

const NOT_PROBED: Text = { fr: 'non sondée', en: 'not probed' };

/** The probes of each matrix row (by row key), with their specs from the report. */
export function resultsByRow(report: ProbeReport): ReadonlyMap<string, ProbeResult[]> {
  const rowOf = new Map(report.probes.flatMap((p) => (p.origin.row ? [[p.id, p.origin.row] as const] : [])));
  const byRow = new Map<string, ProbeResult[]>();
  for (const r of report.results) {
    const row = rowOf.get(r.id);
    if (row === undefined) continue;
    const list = byRow.get(row);
    if (list) list.push(r);
    else byRow.set(row, [r]);
  }
  return byRow;
}

/** The row's worst result; ties keep the plan's order (a dns probe before the connection that needed it). */
export function worstOf(results: readonly ProbeResult[]): ProbeResult | undefined {
  let worst: ProbeResult | undefined;
  for (const r of results) if (!worst || SEVERITY.indexOf(r.status) < SEVERITY.indexOf(worst.status)) worst = r;
  return worst;
}

/** `FAIL — tcp · 10.20.10.15:1433: IPv4 filtered (no answer) (0/1 passed)`: the deciding probe and the tally. */
export function probeCell(row: MatrixRow, byRow: ReadonlyMap<string, readonly ProbeResult[]>, lang: Lang): string {
  const results = byRow.get(row.key) ?? [];
  const worst = worstOf(results);
  if (!worst) return NOT_PROBED[lang];
  const passed = results.filter((r) => r.status === 'PASS').length;
  const tally = lang === 'fr' ? `${passed}/${results.length} réussies` : `${passed}/${results.length} passed`;
  return `${worst.status} — ${worst.kind} · ${worst.summary[lang]} (${tally})`;
}

/** The matrix column for a probe report. */
export function probeColumn(report: ProbeReport): Column {
  const byRow = resultsByRow(report);
  return {
    id: 'probe',
    label: { fr: 'Test d’ouverture', en: 'Opening check' },
    width: 40,
    filter: false,
    value: (line: Line, lang: Lang) => probeCell(line.row, byRow, lang),
  };
}

/** One line of the probes table. */
export interface ProbeEntry {
  readonly result: ProbeResult;
  readonly title: string;
  readonly spec?: ProbeSpec;
}

export interface ProbeTableColumn {
  readonly id: string;
  readonly label: Text;
  readonly width: number;
  readonly value: (e: ProbeEntry, lang: Lang) => string;
}

const pc = (id: string, fr: string, en: string, width: number, value: ProbeTableColumn['value']) => ({
  id,
  label: { fr, en },
  width,
  value,
});

/** Columns of the probes table: the status, what was checked and why, the result and all its evidence. */
export const PROBE_TABLE_COLUMNS: readonly ProbeTableColumn[] = [
  pc('status', 'Statut', 'Status', 13, (e) => e.result.status),
  pc('status_text', 'Signification', 'Meaning', 14, (e, lang) => STATUS_TEXT[e.result.status][lang]),
  pc('check', 'Contrôle', 'Check', 40, (e) => e.title),
  pc('origin', 'Origine', 'Origin', 30, (e) => originText(e.spec)),
  pc('probe', 'Sonde', 'Probe', 30, (e) => probeTarget(e.result)),
  pc('result', 'Résultat', 'Result', 44, (e, lang) => e.result.summary[lang]),
  pc('evidence', 'Preuves', 'Evidence', 60, (e) => e.result.evidence.map((v) => `${v.label}: ${v.value}`).join('\n')),
  pc('error', 'Erreur', 'Error', 24, (e) => e.result.error ?? ''),
  pc('row', 'Clé de ligne', 'Row key', 18, (e) => e.spec?.origin.row ?? ''),
];

export const probeEntries = (report: ProbeReport, lang: Lang): ProbeEntry[] => titled(report, lang);

/** `12 PASS, 1 FAIL` — the run at a glance, with where it was run from. */
export const probeHeadline = (report: ProbeReport): string => {
  const counts = new Map<ProbeStatus, number>();
  for (const r of report.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const line = SEVERITY.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
  return `${report.source} · ${report.startedAt} · ${line || '0'}`;
};
