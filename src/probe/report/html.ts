import type { Lang } from '../../model/text.js';
import { esc } from '../../util/html.js';
import { PROBE_STATUSES } from '../types.js';
import { countStatuses, originText, type ProbeReport, probeTarget, STATUS_TEXT, titled } from './model.js';

const H = {
  title: { fr: 'Contrôles d’ouverture', en: 'Opening checks' },
  cols: {
    fr: ['Statut', 'Contrôle', 'Sonde', 'Résultat', 'Preuves'],
    en: ['Status', 'Check', 'Probe', 'Result', 'Evidence'],
  },
} as const;

const COLOURS: Record<string, string> = {
  PASS: '#1b7f3b',
  FAIL: '#b3261e',
  WARN: '#9a6700',
  INCONCLUSIVE: '#6a4c93',
  UNTESTABLE: '#555',
  SKIPPED: '#555',
};

/** One self-contained page (no script, no remote resource): the counts, then one row per probe with its evidence. */
export function renderHtml(report: ProbeReport, lang: Lang): string {
  const counts = countStatuses(report.results);
  const summary = PROBE_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `<span class="s ${s}">${counts[s]} ${esc(STATUS_TEXT[s][lang])}</span>`)
    .join(' ');
  const rows = titled(report, lang).map(({ result, title, spec }) => {
    const evidence = result.evidence.map((e) => `<li><b>${esc(e.label)}</b> ${esc(e.value)}</li>`).join('');
    const origin = originText(spec);
    return [
      `<tr id="${esc(result.id)}">`,
      `<td><span class="s ${result.status}">${result.status}</span></td>`,
      `<td>${esc(title)}${origin ? `<div class="o">${esc(origin)}</div>` : ''}</td>`,
      `<td><code>${esc(probeTarget(result))}</code></td>`,
      `<td>${esc(result.summary[lang])}</td>`,
      `<td>${evidence ? `<ul>${evidence}</ul>` : ''}</td>`,
      '</tr>',
    ].join('');
  });
  const style = [
    'body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}',
    'table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}',
    'ul{margin:0;padding-left:1.2em}.o{color:#555;font-size:12px}.s{font-weight:bold;padding:0 4px;border-radius:3px;color:#fff}',
    ...Object.entries(COLOURS).map(([s, c]) => `.s.${s}{background:${c}}`),
  ].join('\n');
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(`${H.title[lang]} — ${report.site}`)}</title>`,
    `<style>\n${style}\n</style></head><body>`,
    `<h1>${esc(H.title[lang])} — ${esc(report.site)}</h1>`,
    `<p>${esc(report.source)} · ${esc(report.startedAt)}</p>`,
    `<p>${summary}</p>`,
    `<table><thead><tr>${H.cols[lang].map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table></body></html>',
    '',
  ].join('\n');
}
