import { type Matrix, siteTitle } from '../model/matrix.js';
import { colon, type Lang, pick } from '../model/text.js';
import { REQUIREMENT_LEVELS } from '../model/vocab.js';
import { mdCell, mdTable as table } from '../util/markdown.js';
import { cells, columnsFor, linesPerCatalog } from './columns.js';
import { FINDING_COLUMNS } from './finding-columns.js';
import { levelLabel, sourceText, word } from './labels.js';
import { renderSequence, roleTitlesOf } from './mermaid.js';
import { withMetaColumns } from './meta-columns.js';
import { withNatColumns } from './nat-columns.js';
import { summarize } from './summary.js';
import { defineFormat, type RenderOptions } from './types.js';
import { VERIFY_COLUMNS, verifyEntries } from './verify-columns.js';

/** The per-catalog tables drop the catalog (it is the heading) and the key (noise for a reader). */
const TABLE_SKIP = new Set(['catalog', 'key']);

function summaryLines(matrix: Matrix, lang: Lang): string[] {
  const s = summarize(matrix);
  const out = [`## ${word('summary', lang)}`, ''];
  const c = colon(lang);
  out.push(`- ${word('site', lang)}${c} ${mdCell(siteTitle(matrix, lang))} (\`${matrix.site.id}\`)`);
  if (matrix.mode === 'catalog') out.push(`- ${word('mode', lang)}${c} ${word('catalogMode', lang)}`);
  out.push(`- ${word('rows', lang)} (${word('rowsDefinition', lang)})${c} ${s.rows}`);
  out.push(`- ${word('lines', lang)} (${word('linesDefinition', lang)})${c} ${s.lines}`, '');
  out.push(`### ${word('catalogs', lang)}`, '');
  const catalogRows = matrix.catalogs.map((c) => [
    mdCell(c.id),
    mdCell(c.title[lang]),
    mdCell(c.source ? sourceText(c.source) : word('inHouse', lang)),
    String(s.perCatalog.get(c.id) ?? 0),
    String(s.linesPerCatalog.get(c.id) ?? 0),
  ]);
  out.push(
    ...table(
      [word('id', lang), word('catalog', lang), word('source', lang), word('rows', lang), word('lines', lang)],
      catalogRows,
    ),
  );
  out.push('', `### ${word('byLevel', lang)}`, '');
  const levels = REQUIREMENT_LEVELS.map((l) => [mdCell(levelLabel(l, lang)), String(s.perLevel.get(l) ?? 0)]);
  out.push(...table([word('level', lang), word('rows', lang)], levels));
  out.push('', `### ${word('byZonePair', lang)}`, '');
  out.push(
    ...table(
      [word('zones', lang), word('rows', lang)],
      s.perZonePair.map(([k, n]) => [mdCell(k), String(n)]),
    ),
  );
  if (s.perFirewall.length > 0) {
    out.push('', `### ${word('byFirewall', lang)}`, '');
    out.push(
      ...table(
        [word('firewall', lang), word('rows', lang)],
        s.perFirewall.map(([k, n]) => [mdCell(k), String(n)]),
      ),
    );
  }
  return out;
}

/** The document line by line (each with its newline): the per-catalog tables may outgrow one string. */
export function* streamMarkdown(matrix: Matrix, options: RenderOptions): Generator<string> {
  const { lang, findings, verify } = options;
  const columns = withNatColumns(withMetaColumns(columnsFor(findings, verify), matrix.rows), matrix.rows).filter(
    (c) => !TABLE_SKIP.has(c.id),
  );
  const lines = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');
  yield lines([
    `# ${word('matrix', lang)} — ${mdCell(siteTitle(matrix, lang))}`,
    '',
    `_${word('generated', lang)}_`,
    '',
  ]);
  yield lines(summaryLines(matrix, lang));
  for (const [id, catalogLines] of linesPerCatalog(matrix, findings)) {
    const state = matrix.catalogs.find((c) => c.id === id);
    yield lines(['', `## ${word('catalog', lang)} ${mdCell(state ? state.title[lang] : id)} (\`${id}\`)`, '']);
    const rows = table(
      columns.map((c) => c.label[lang]),
      cells(catalogLines, columns, lang, mdCell),
    );
    for (const row of rows) yield `${row}\n`;
  }
  const out: string[] = [];
  if (matrix.catalogs.some((c) => c.scenarios.length > 0)) {
    out.push('', `## ${word('scenarios', lang)}`);
    for (const { id: catalog, scenarios } of matrix.catalogs) {
      if (scenarios.length === 0) continue;
      // Role titles read the catalog's rows: once per catalog, not once per scenario.
      const roles = roleTitlesOf(matrix, catalog);
      for (const scenario of scenarios) {
        out.push('', `### ${mdCell(pick(scenario.title, lang))} (\`${catalog}\`, ${mdCell(scenario.ref)})`, '');
        if (scenario.description) out.push(mdCell(pick(scenario.description, lang)), '');
        out.push('```mermaid', renderSequence(scenario, roles, lang).trimEnd(), '```');
      }
    }
  }
  yield lines(out);
  if (findings && findings.length > 0) {
    yield lines(['', `## ${word('findings', lang)}`, '']);
    const rows = findings.map((f) => FINDING_COLUMNS.map((c) => mdCell(c.value(f, lang))));
    for (const row of table(
      FINDING_COLUMNS.map((c) => c.label[lang]),
      rows,
    ))
      yield `${row}\n`;
  }
  if (verify && verify.length > 0) {
    yield lines(['', `## ${word('verify', lang)}`, '']);
    const rows = verifyEntries(verify).map((e) => VERIFY_COLUMNS.map((c) => mdCell(c.value(e, lang))));
    for (const row of table(
      VERIFY_COLUMNS.map((c) => c.label[lang]),
      rows,
    ))
      yield `${row}\n`;
  }
}

export const renderMarkdown = (matrix: Matrix, options: RenderOptions): string =>
  [...streamMarkdown(matrix, options)].join('');

export const md = defineFormat({
  id: 'md',
  extension: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  binary: false,
  render: renderMarkdown,
  stream: streamMarkdown,
});
