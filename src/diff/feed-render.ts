import { colon, type Lang } from '../model/text.js';
import { esc } from '../util/html.js';
import { changeDetail, type FeedSection, feedCountsLine, feedStamp, fw } from './feed.js';
import { HEADER, type SheetSpec, TITLE, WRAP } from './formats/workbook.js';

/**
 * The feed section in each diff format. Every record is listed (none hidden behind a count), with its impact,
 * disposition, set, and the entries or fields it adds, removes or changes.
 */
const cells = (f: FeedSection, lang: Lang) =>
  f.changes.map((c) => ({
    impact: c.impact ?? c.disposition,
    disposition: c.disposition,
    set: String(c.endpointSetId),
    detail: changeDetail(c, lang) || fw('unknown', lang),
  }));

export function feedText(f: FeedSection, lang: Lang): string[] {
  const out = ['', `${fw('title', lang)} — ${feedStamp(f, lang)}`];
  if (f.changes.length === 0) return [...out, fw('none', lang)];
  out.push(`${f.changes.length} ${fw('records', lang)}${colon(lang)} ${feedCountsLine(f)}`);
  for (const c of cells(f, lang))
    out.push(
      `    ${c.impact} (${c.disposition}) — ${fw('set', lang).toLowerCase()} ${c.set}${colon(lang)} ${c.detail}`,
    );
  return out;
}

const mdCell = (s: string): string => s.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');

export function feedMarkdown(f: FeedSection, lang: Lang): string[] {
  const out = [`## ${fw('title', lang)}`, '', feedStamp(f, lang), ''];
  if (f.changes.length === 0) return [...out, fw('none', lang), ''];
  out.push(
    `${f.changes.length} ${fw('records', lang)}${colon(lang)} ${feedCountsLine(f)}`,
    '',
    `| ${fw('impact', lang)} | ${fw('disposition', lang)} | ${fw('set', lang)} | ${fw('detail', lang)} |`,
    '|---|---|---:|---|',
    ...cells(f, lang).map((c) => `| ${c.impact} | ${c.disposition} | ${c.set} | ${mdCell(c.detail)} |`),
    '',
  );
  return out;
}

export function feedHtml(f: FeedSection, lang: Lang): string {
  const head = `<section class="feed"><h2>${esc(fw('title', lang))}</h2><p>${esc(feedStamp(f, lang))}</p>`;
  if (f.changes.length === 0) return `${head}<p>${esc(fw('none', lang))}</p></section>`;
  const rows = cells(f, lang)
    .map(
      (c) =>
        `<tr><td>${esc(c.impact)}</td><td>${esc(c.disposition)}</td><td>${esc(c.set)}</td><td>${esc(c.detail)}</td></tr>`,
    )
    .join('');
  return (
    `${head}<p>${f.changes.length} ${esc(fw('records', lang))}${colon(lang)} ${esc(feedCountsLine(f))}</p>` +
    `<table><tr><th>${esc(fw('impact', lang))}</th><th>${esc(fw('disposition', lang))}</th><th>${esc(fw('set', lang))}</th>` +
    `<th>${esc(fw('detail', lang))}</th></tr>${rows}</table></section>`
  );
}

export function feedSheet(f: FeedSection, lang: Lang): SheetSpec {
  return {
    name: fw('title', lang),
    layout: { widths: [26, 14, 10, 100] },
    fill: (sheet) => {
      sheet.row([fw('title', lang)], TITLE);
      sheet.row([feedStamp(f, lang)]);
      sheet.row([
        f.changes.length === 0
          ? fw('none', lang)
          : `${f.changes.length} ${fw('records', lang)}${colon(lang)} ${feedCountsLine(f)}`,
      ]);
      sheet.row([]);
      sheet.row([fw('impact', lang), fw('disposition', lang), fw('set', lang), fw('detail', lang)], HEADER);
      for (const c of cells(f, lang)) sheet.row([c.impact, c.disposition, Number(c.set), c.detail], WRAP);
    },
  };
}

/** For the JSON document: the records as the service would write them, and the counts. */
export const feedJson = (f: FeedSection) => ({
  ...(f.version ? { version: f.version } : {}),
  ...(f.effectiveDate ? { effectiveDate: f.effectiveDate } : {}),
  stampedFrom: f.from,
  counts: f.counts,
  changes: f.changes,
});
