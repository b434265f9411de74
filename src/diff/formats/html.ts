import { refIn } from '../../model/ref.js';
import { colon, type Lang } from '../../model/text.js';
import { esc } from '../../util/html.js';
import { feedHtml } from '../feed-render.js';
import { CLASS_COLOURS, CLASS_LABELS, countOf, dw, rowName, rowOf } from '../labels.js';
import { shownFields } from '../present.js';
import { CHANGE_CLASSES, type MatrixDiff, primaryClass, type RowChange } from '../types.js';

/** Colours by class, the look of the matrix page (same font, header colour, chips). */
export const DIFF_CSS = `
*{box-sizing:border-box}
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0}
th{background:#1f3864;color:#fff;text-align:left;padding:.3rem}
td{padding:.25rem .3rem;border-bottom:1px solid #ccc;vertical-align:top;white-space:pre-line}
.chip{display:inline-block;padding:0 .4rem;border:1px solid #999;border-radius:3px;margin-right:.2rem}
pre{background:#f4f4f4;padding:.5rem;overflow:auto}
${CHANGE_CLASSES.map((c) => `.c-${c}{background:#${CLASS_COLOURS[c].fill};border-left:4px solid #${CLASS_COLOURS[c].stroke}}.chip.c-${c}{border:1px solid #${CLASS_COLOURS[c].stroke}}`).join('\n')}
@media print{body{margin:0;font-size:9pt}th{color:#000;background:#ddd}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`.trim();

export const chip = (c: (typeof CHANGE_CLASSES)[number], lang: Lang): string =>
  `<span class="chip c-${c}">${esc(CLASS_LABELS[c][lang])}</span>`;

export function countsHtml(diff: MatrixDiff, lang: Lang): string {
  const rows = CHANGE_CLASSES.filter((c) => diff.counts[c] > 0)
    .map((c) => `<tr class="c-${c}"><td>${esc(CLASS_LABELS[c][lang])}</td><td>${diff.counts[c]}</td></tr>`)
    .join('');
  return `<table><tr><th>${esc(dw('class', lang))}</th><th>${esc(dw('rowsHeader', lang))}</th></tr>${rows}</table>`;
}

export function changeHtml(c: RowChange, lang: Lang, heading = 'h3'): string {
  const r = rowOf(c);
  const body = shownFields(c, lang)
    .map(
      (f) =>
        `<tr><td>${esc(f.label)}</td><td>${esc(f.before)}</td><td>${esc(f.after)}</td>` +
        `<td>${esc(f.notes.join('\n'))}</td></tr>`,
    )
    .join('');
  return (
    `<section class="c-${primaryClass(c)}"><${heading}>${c.classes.map((k) => chip(k, lang)).join('')} ${esc(rowName(c))}</${heading}>` +
    `<p>${esc(dw('key', lang))} <code>${esc(c.key)}</code>${c.oldKey ? ` (${esc(dw('movedFrom', lang))} <code>${esc(c.oldKey)}</code>)` : ''} · ${esc(dw('ref', lang))}${colon(lang)} ${esc(refIn(r.ref, lang))}</p>` +
    `<table><tr><th>${esc(dw('field', lang))}</th><th>${esc(dw('before', lang))}</th><th>${esc(dw('after', lang))}</th>` +
    `<th>${esc(dw('details', lang))}</th></tr>${body}</table></section>`
  );
}

export const htmlPage = (title: string, lang: Lang, body: string): string =>
  `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${DIFF_CSS}</style></head>` +
  `<body>${body}</body></html>\n`;

export function renderDiffHtml(diff: MatrixDiff, lang: Lang): string {
  const head =
    `<h1>${esc(dw('title', lang))}</h1><ul>` +
    `<li>${esc(dw('old', lang))}${colon(lang)} <code>${esc(diff.old.label)}</code> (${esc(diff.old.site)}, ${diff.old.rows} ${esc(dw('rows', lang))})</li>` +
    `<li>${esc(dw('new', lang))}${colon(lang)} <code>${esc(diff.new.label)}</code> (${esc(diff.new.site)}, ${diff.new.rows} ${esc(dw('rows', lang))})</li>` +
    `<li>${esc(countOf(diff.changes.length, 'changed', lang))}, ${esc(countOf(diff.unchanged, 'unchanged', lang))}</li></ul>`;
  const body =
    diff.changes.length === 0
      ? `<p>${esc(dw('noChange', lang))}</p>`
      : countsHtml(diff, lang) + diff.changes.map((c) => changeHtml(c, lang)).join('');
  return htmlPage(dw('title', lang), lang, head + body + (diff.feed ? feedHtml(diff.feed, lang) : ''));
}
