import type { Finding } from '../../model/finding.js';
import type { Matrix } from '../../model/matrix.js';
import { colon, type Lang, pick } from '../../model/text.js';
import { REQUIREMENT_LEVELS } from '../../model/vocab.js';
import { esc } from '../../util/html.js';
import type { VerifyReport } from '../../verify/report.js';
import { FINDING_COLUMNS } from '../finding-columns.js';
import { levelLabel, sourceText, word } from '../labels.js';
import { roleTitlesOf } from '../mermaid.js';
import { summarize } from '../summary.js';
import { VERIFY_COLUMNS, verifyEntries } from '../verify-columns.js';

const pairs = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v) => `<td>${esc(String(v))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export function summarySection(matrix: Matrix, lang: Lang): string {
  const s = summarize(matrix);
  const catalogs = matrix.catalogs.map((c) => [
    c.id,
    c.title[lang],
    c.source ? sourceText(c.source) : word('inHouse', lang),
    s.perCatalog.get(c.id) ?? 0,
    s.linesPerCatalog.get(c.id) ?? 0,
  ]);
  const levels = REQUIREMENT_LEVELS.map(
    (l) =>
      `<tr><td><span class="chip lvl-${l}">${esc(levelLabel(l, lang))}</span></td><td>${s.perLevel.get(l) ?? 0}</td></tr>`,
  ).join('');
  const parts = [
    `<div><h2>${esc(word('catalogs', lang))}</h2>${pairs([word('id', lang), word('catalog', lang), word('source', lang), word('rows', lang), word('lines', lang)], catalogs)}</div>`,
    `<div><h2>${esc(word('byLevel', lang))}</h2><table><thead><tr><th>${esc(word('level', lang))}</th><th>${esc(word('rows', lang))}</th></tr></thead><tbody>${levels}</tbody></table></div>`,
    `<div><h2>${esc(word('byZonePair', lang))}</h2>${pairs([word('zones', lang), word('rows', lang)], s.perZonePair)}</div>`,
  ];
  if (s.perFirewall.length > 0) {
    parts.push(
      `<div><h2>${esc(word('byFirewall', lang))}</h2>${pairs([word('firewall', lang), word('rows', lang)], s.perFirewall)}</div>`,
    );
  }
  return `<section class="summary">${parts.join('')}</section>`;
}

export function findingsSection(findings: readonly Finding[], lang: Lang): string {
  const rows = findings.map((f) => FINDING_COLUMNS.map((c) => c.value(f, lang)));
  const table = pairs(
    FINDING_COLUMNS.map((c) => c.label[lang]),
    rows,
  ).replace('<table>', '<table class="findings">');
  return `<section><h2>${esc(word('findings', lang))}</h2>${table}</section>`;
}

/** Every verify item of the firewalls checked (row verdicts, config rules shadowed, unused or beyond the matrix). */
export function verifySection(reports: readonly VerifyReport[], lang: Lang): string {
  const rows = verifyEntries(reports).map((e) => VERIFY_COLUMNS.map((c) => c.value(e, lang)));
  const table = pairs(
    VERIFY_COLUMNS.map((c) => c.label[lang]),
    rows,
  ).replace('<table>', '<table class="findings verify">');
  return `<section id="verify"><h2>${esc(word('verify', lang))}</h2>${table}</section>`;
}

/** Scenarios as numbered steps (the page loads no diagram library). */
export function scenariosSection(matrix: Matrix, lang: Lang): string {
  const blocks: string[] = [];
  for (const c of matrix.catalogs) {
    // Role titles read the catalog's rows: only for a catalog that has scenarios to show.
    if (c.scenarios.length === 0) continue;
    const titles = roleTitlesOf(matrix, c.id).roles;
    for (const s of c.scenarios) {
      const name = (role: string): string => esc(titles[role]?.title[lang] ?? role);
      const steps = s.steps
        .map(
          (st) =>
            `<li>${name(st.from)} → ${name(st.to)}${colon(lang)} ${esc(pick(st.label, lang))}${st.flow ? ` <code>${esc(st.flow)}</code>` : ''}</li>`,
        )
        .join('');
      blocks.push(`<h3>${esc(pick(s.title, lang))} <small>(${esc(c.id)}, ${esc(s.ref)})</small></h3><ol>${steps}</ol>`);
    }
  }
  return blocks.length ? `<section><h2>${esc(word('scenarios', lang))}</h2>${blocks.join('')}</section>` : '';
}
