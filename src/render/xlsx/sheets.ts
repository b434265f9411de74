import type { Finding } from '../../model/finding.js';
import { type Matrix, siteTitle } from '../../model/matrix.js';
import type { Lang, Text } from '../../model/text.js';
import {
  AUTH_MECHANISMS,
  BY_DEFAULT_LABELS,
  ENCRYPTION_MECHANISMS,
  FLOW_KINDS,
  REQUIREMENT_LEVELS,
} from '../../model/vocab.js';
import { type VerifyReport, verdictText } from '../../verify/report.js';
import type { Column } from '../columns.js';
import { FINDING_COLUMNS } from '../finding-columns.js';
import { KIND_LABELS, levelLabel, SEVERITY_LABELS, sourceText, word } from '../labels.js';
import { summarize } from '../summary.js';
import type { SheetLayout, SheetWriter } from './sheet.js';
import { HEADER_STYLE, LEVEL_STYLES, NOTE_STYLE, SECTION_STYLE, TITLE_STYLE, WRAP_STYLE } from './styles.js';

function section(sheet: SheetWriter, title: string, header: readonly string[]): void {
  sheet.row([]);
  sheet.row([title], SECTION_STYLE);
  sheet.row(header, HEADER_STYLE);
}

export interface SummaryInput {
  readonly matrix: Matrix;
  readonly lang: Lang;
  readonly findings?: readonly Finding[];
  readonly verify?: readonly VerifyReport[];
  readonly generatedAt?: Date;
}

export const SUMMARY_LAYOUT: SheetLayout = { widths: [34, 48, 36, 44, 14, 14] };

export function writeSummarySheet(
  sheet: SheetWriter,
  { matrix, lang, findings, verify, generatedAt }: SummaryInput,
): void {
  const s = summarize(matrix);
  sheet.row([`${word('matrix', lang)} — ${siteTitle(matrix, lang)}`], TITLE_STYLE);
  sheet.row([word('site', lang), `${siteTitle(matrix, lang)} (${matrix.site.id})`]);
  if (matrix.mode === 'catalog') sheet.row([word('mode', lang), word('catalogMode', lang)]);
  sheet.row([`${word('rows', lang)} (${word('rowsDefinition', lang)})`, s.rows]);
  sheet.row([`${word('lines', lang)} (${word('linesDefinition', lang)})`, s.lines]);
  const when = generatedAt ? ` (${generatedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC)` : '';
  sheet.row([`${word('generated', lang)}${when}`], NOTE_STYLE);

  section(sheet, word('catalogs', lang), [
    word('id', lang),
    word('catalog', lang),
    word('product', lang),
    word('source', lang),
    word('rows', lang),
    word('lines', lang),
  ]);
  for (const c of matrix.catalogs) {
    const product = [c.vendor, c.product, c.version].filter(Boolean).join(' ');
    const source = c.source ? sourceText(c.source) : word('inHouse', lang);
    sheet.row(
      [c.id, c.title[lang], product, source, s.perCatalog.get(c.id) ?? 0, s.linesPerCatalog.get(c.id) ?? 0],
      WRAP_STYLE,
    );
  }
  section(sheet, word('byLevel', lang), [word('level', lang), word('rows', lang)]);
  for (const level of REQUIREMENT_LEVELS)
    sheet.row([levelLabel(level, lang), s.perLevel.get(level) ?? 0], LEVEL_STYLES[level]);
  section(sheet, word('byZonePair', lang), [word('zones', lang), word('rows', lang)]);
  for (const [pair, n] of s.perZonePair) sheet.row([pair, n]);
  if (s.perFirewall.length > 0) {
    section(sheet, word('byFirewall', lang), [word('firewall', lang), word('rows', lang)]);
    for (const [fw, n] of s.perFirewall) sheet.row([fw, n]);
  }
  if (findings) {
    section(sheet, word('findings', lang), [word('severity', lang), word('count', lang)]);
    for (const [severity, label] of Object.entries(SEVERITY_LABELS).reverse()) {
      sheet.row([label[lang], findings.filter((f) => f.severity === severity).length]);
    }
  }
  if (verify && verify.length > 0) {
    const verdicts = ['permitted', 'partial', 'denied', 'indeterminate'] as const;
    section(sheet, word('verify', lang), [word('firewall', lang), ...verdicts.map((v) => verdictText(v)[lang])]);
    for (const r of verify) sheet.row([r.firewall, ...verdicts.map((v) => r.counts[v])]);
  }
}

export const LEGEND_LAYOUT: SheetLayout = { widths: [28, 50] };

export function writeLegendSheet(sheet: SheetWriter, lang: Lang, columns: readonly Column[]): void {
  sheet.row([word('legend', lang)], TITLE_STYLE);
  section(sheet, word('level', lang), [word('level', lang), word('colour', lang)]);
  for (const level of REQUIREMENT_LEVELS) sheet.row([level, levelLabel(level, lang)], LEVEL_STYLES[level]);
  const vocabulary = (title: string, entries: readonly (readonly [string, Text])[]): void => {
    section(sheet, title, [word('id', lang), word('label', lang)]);
    for (const [id, label] of entries) sheet.row([id, label[lang]]);
  };
  vocabulary(
    word('kind', lang),
    FLOW_KINDS.map((k) => [k, KIND_LABELS[k]] as const),
  );
  vocabulary(word('authentication', lang), Object.entries(AUTH_MECHANISMS));
  vocabulary(word('encryption', lang), Object.entries(ENCRYPTION_MECHANISMS));
  vocabulary(word('byDefault', lang), Object.entries(BY_DEFAULT_LABELS));
  section(sheet, word('columns', lang), [word('id', lang), word('label', lang)]);
  for (const c of columns) sheet.row([c.id, c.label[lang]]);
}

export const FINDINGS_LAYOUT: SheetLayout = { widths: FINDING_COLUMNS.map((c) => c.width), table: true };

/** Findings (or one Excel-sized slice of them), header first. */
export function writeFindingsSheet(sheet: SheetWriter, findings: readonly Finding[], lang: Lang): void {
  sheet.row(
    FINDING_COLUMNS.map((c) => c.label[lang]),
    HEADER_STYLE,
  );
  for (const f of findings)
    sheet.row(
      FINDING_COLUMNS.map((c) => c.value(f, lang)),
      WRAP_STYLE,
    );
}
