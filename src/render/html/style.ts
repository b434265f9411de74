import { REQUIREMENT_LEVELS } from '../../model/vocab.js';
import { LEVEL_COLOURS, LEVEL_STROKES } from '../labels.js';

const levelRules = REQUIREMENT_LEVELS.map(
  (l) =>
    `tr.lvl-${l} td{background:#${LEVEL_COLOURS[l]}}tr.lvl-${l} td:first-child{border-left:4px solid #${LEVEL_STROKES[l]}}` +
    `.chip.lvl-${l}{background:#${LEVEL_COLOURS[l]};border-color:#${LEVEL_STROKES[l]}}`,
).join('\n');

/** Inline stylesheet: no web fonts, no external resources; print hides the controls and repeats the header. */
export const CSS = `
*{box-sizing:border-box}
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.note{color:#595959;font-style:italic}
.summary{display:flex;flex-wrap:wrap;gap:1.5rem}.summary table{border-collapse:collapse}
.summary td,.summary th{padding:.15rem .5rem;border-bottom:1px solid #ddd;text-align:left}
.chip{display:inline-block;padding:0 .4rem;border:1px solid #999;border-radius:3px}
.controls{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0;position:sticky;top:0;background:#fff;padding:.5rem 0;z-index:2}
.controls input,.controls select{font:inherit;padding:.2rem .4rem}
.controls input{min-width:18rem}
table.matrix{border-collapse:collapse;width:100%}
table.matrix th{background:#1f3864;color:#fff;text-align:left;padding:.3rem;position:sticky;top:3rem;cursor:pointer;user-select:none;white-space:nowrap}
table.matrix th[aria-sort=ascending]::after{content:" ▲"}table.matrix th[aria-sort=descending]::after{content:" ▼"}
table.matrix td{padding:.25rem .3rem;border-bottom:1px solid #ccc;vertical-align:top;white-space:pre-line}
table.findings{border-collapse:collapse;width:100%}table.findings td,table.findings th{padding:.25rem .3rem;border-bottom:1px solid #ccc;text-align:left;vertical-align:top}
${levelRules}
@media print{.controls{display:none}body{margin:0;font-size:9pt}table.matrix th{position:static;color:#000;background:#ddd}
tr{break-inside:avoid}thead{display:table-header-group}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`.trim();
