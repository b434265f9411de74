import { type Matrix, siteTitle } from '../../model/matrix.js';
import type { Lang } from '../../model/text.js';
import { esc } from '../../util/html.js';
import { type Column, cells, columnsFor, type Line, matrixLines } from '../columns.js';
import { word } from '../labels.js';
import { withMetaColumns } from '../meta-columns.js';
import { withNatColumns } from '../nat-columns.js';
import { defineFormat, type RenderOptions } from '../types.js';
import { probeSection } from './probe-section.js';
import { SCRIPT } from './script.js';
import { findingsSection, scenariosSection, summarySection, verifySection } from './sections.js';
import { CSS } from './style.js';

/** Nothing may be fetched: the page is complete as a single file, even offline. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

function controls(columns: readonly Column[], values: readonly (readonly string[])[], lang: Lang): string {
  const selects = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.filter)
    .map(({ c, i }) => {
      const distinct = [...new Set(values.map((v) => v[i] ?? ''))].filter((v) => v !== '').sort();
      const options = distinct.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
      return `<label>${esc(c.label[lang])} <select data-col="${i}" data-id="${c.id}"><option value="">${esc(word('all', lang))}</option>${options}</select></label>`;
    });
  const search = `<input type="search" id="filter" placeholder="${esc(word('filter', lang))}" aria-label="${esc(word('filter', lang))}">`;
  return `<div class="controls">${search}${selects.join('')}<span><span id="shown">${values.length}</span> / ${values.length} ${esc(word('shown', lang))}</span></div>`;
}

/** The table a row at a time: at 400k rows the page is larger than one string may be. */
function* table(
  columns: readonly Column[],
  lines: readonly Line[],
  values: readonly (readonly string[])[],
  lang: Lang,
): Generator<string> {
  const head = columns.map((c) => `<th data-id="${c.id}" title="${c.id}">${esc(c.label[lang])}</th>`).join('');
  yield `<table class="matrix" id="matrix"><thead><tr>${head}</tr></thead><tbody>\n`;
  for (const [i, v] of values.entries())
    yield `${i === 0 ? '' : '\n'}<tr class="lvl-${(lines[i] as Line).row.level}">${v.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`;
  yield '\n</tbody></table>';
}

/** Long-text columns keep a reading width instead of being squeezed into tall, narrow cells. */
function columnWidths(columns: readonly Column[]): string {
  return columns
    .map((c, i) =>
      c.width >= 24 ? `table.matrix td:nth-child(${i + 1}){min-width:${Math.round(c.width * 0.55)}em}` : '',
    )
    .filter(Boolean)
    .join('\n');
}

/** One self-contained page: inline CSS and JS, sortable and filterable table, colours by level, printable. */
export function* streamHtml(matrix: Matrix, options: RenderOptions): Generator<string> {
  const { lang, findings, verify, probe } = options;
  const columns = withNatColumns(withMetaColumns(columnsFor(findings, verify, probe), matrix.rows), matrix.rows);
  const lines = matrixLines(matrix, findings);
  const raw = cells(lines, columns, lang);
  const title = `${word('matrix', lang)} — ${siteTitle(matrix, lang)}`;
  yield `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Flowmatrix">
<title>${esc(title)}</title>
<style>
${CSS}
${columnWidths(columns)}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="note">${esc(word('generated', lang))}${matrix.mode === 'catalog' ? ` ${esc(word('catalogMode', lang))}` : ''}</p>
${summarySection(matrix, lang)}
${controls(columns, raw, lang)}
`;
  yield* table(columns, lines, raw, lang);
  yield `
${findings && findings.length > 0 ? findingsSection(findings, lang) : ''}${verify && verify.length > 0 ? `\n${verifySection(verify, lang)}` : ''}${probe ? `\n${probeSection(probe, lang)}` : ''}
${scenariosSection(matrix, lang)}
<script>
${SCRIPT}
</script>
</body>
</html>
`;
}

export const renderHtml = (matrix: Matrix, options: RenderOptions): string => [...streamHtml(matrix, options)].join('');

export const html = defineFormat({
  id: 'html',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  binary: false,
  render: renderHtml,
  stream: streamHtml,
});
