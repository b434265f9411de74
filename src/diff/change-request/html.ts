import { SEVERITY_TEXT } from '../../model/finding.js';
import { refIn } from '../../model/ref.js';
import type { Lang } from '../../model/text.js';
import { esc } from '../../util/html.js';
import { changeHtml, countsHtml, htmlPage } from '../formats/html.js';
import { countsLine } from '../formats/text.js';
import { dw } from '../labels.js';
import type { ChangeRequest } from './build.js';
import { cw } from './words.js';

const pre = (text: string): string => `<pre>${esc(text.trimEnd())}</pre>`;

export function renderChangeRequestHtml(cr: ChangeRequest, lang: Lang): string {
  const d = cr.diff;
  const parts = [
    `<h1>${esc(cw('title', lang))}</h1>`,
    `<h2>${esc(cw('summary', lang))}</h2><table>`,
    `<tr><td>${esc(cw('site', lang))}</td><td>${esc(d.new.site)}</td></tr>`,
    `<tr><td>${esc(dw('old', lang))}</td><td><code>${esc(d.old.label)}</code></td></tr>`,
    `<tr><td>${esc(dw('new', lang))}</td><td><code>${esc(d.new.label)}</code></td></tr>`,
    `<tr><td>${esc(cw('requester', lang))}</td><td>${esc(cr.requester ?? cw('toFill', lang))}</td></tr>`,
    `<tr><td>${esc(cw('justification', lang))}</td><td>${esc(cr.justification ?? cw('toFill', lang))}</td></tr>`,
    `</table><p>${esc(countsLine(d, lang))}</p>`,
    d.changes.length > 0 ? countsHtml(d, lang) : '',
    `<h2>${esc(cw('rows', lang))}</h2>`,
    cr.rows.length === 0 ? `<p>${esc(cw('noRows', lang))}</p>` : cr.rows.map((c) => changeHtml(c, lang)).join(''),
    `<h2>${esc(cw('risk', lang))}</h2>`,
    cr.findings.length === 0
      ? `<p>${esc(cw('noRisk', lang))}</p>`
      : `<table><tr><th>${esc(cw('severity', lang))}</th><th>${esc(cw('rule', lang))}</th><th>${esc(dw('row', lang))}</th><th>${esc(cw('message', lang))}</th></tr>` +
        cr.findings
          .map(
            (f) =>
              `<tr><td>${esc(SEVERITY_TEXT[f.severity][lang])}</td><td>${esc(f.rule)}</td><td><code>${esc(f.key ?? '')}</code> ${esc(refIn(f.ref ?? '', lang))}</td><td>${esc(f.message[lang])}</td></tr>`,
          )
          .join('') +
        '</table>',
    `<h2>${esc(cw('implementation', lang))}</h2><p>${esc(cw('order', lang))}</p>`,
    cr.deltas.length === 0 ? `<p>${esc(cw('noFirewall', lang))}</p>` : '',
    ...cr.deltas.map(
      (x) =>
        `<h3>${esc(x.firewall)} (${esc(x.platform)})</h3><p>${x.counts.rulesRemoved} / ${x.counts.rulesAdded}, ${x.counts.objectsRemoved} / ${x.counts.objectsAdded} — ${esc(cw('counts', lang))}</p>` +
        x.notes.map((t) => `<p class="note">${esc(t[lang])}</p>`).join('') +
        `<p><code>${esc(x.apply.path)}</code></p>${pre(x.apply.content)}`,
    ),
    cr.deltaErrors.length > 0
      ? `<h3>${esc(cw('errors', lang))}</h3><ul>${cr.deltaErrors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`
      : '',
    `<h2>${esc(cw('rollback', lang))}</h2>`,
    ...cr.deltas.map(
      (x) =>
        `<h3>${esc(x.firewall)} (${esc(x.platform)})</h3><p><code>${esc(x.rollback.path)}</code></p>${pre(x.rollback.content)}`,
    ),
    `<h2>${esc(cw('verification', lang))}</h2>${pre(cr.verification.map((v) => v.command).join('\n'))}`,
  ];
  return htmlPage(cw('title', lang), lang, parts.join(''));
}
