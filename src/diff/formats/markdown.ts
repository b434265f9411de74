import { refIn } from '../../model/ref.js';
import { colon, type Lang } from '../../model/text.js';
import { feedMarkdown } from '../feed-render.js';
import { CLASS_LABELS, countOf, dw, rowName, rowOf } from '../labels.js';
import { shownFields } from '../present.js';
import { CHANGE_CLASSES, type MatrixDiff, type RowChange } from '../types.js';

/** A Markdown table cell: no pipe, no line break. */
export const mdCell = (s: string): string =>
  s.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');

export function countsTable(diff: MatrixDiff, lang: Lang): string[] {
  return [
    `| ${dw('class', lang)} | ${dw('rowsHeader', lang)} |`,
    '|---|---:|',
    ...CHANGE_CLASSES.filter((c) => diff.counts[c] > 0).map((c) => `| ${CLASS_LABELS[c][lang]} | ${diff.counts[c]} |`),
  ];
}

export function changeSection(c: RowChange, lang: Lang, level = '###'): string[] {
  const r = rowOf(c);
  return [
    `${level} ${c.classes.map((k) => CLASS_LABELS[k][lang]).join(', ')} — ${mdCell(rowName(c))}`,
    '',
    `${dw('key', lang)} \`${c.key}\`${c.oldKey ? ` (${dw('movedFrom', lang)} \`${c.oldKey}\`)` : ''} · ${dw('ref', lang)}${colon(lang)} ${mdCell(refIn(r.ref, lang))}`,
    '',
    `| ${dw('field', lang)} | ${dw('before', lang)} | ${dw('after', lang)} | ${dw('details', lang)} |`,
    '|---|---|---|---|',
    ...shownFields(c, lang).map(
      (f) => `| ${f.label} | ${mdCell(f.before)} | ${mdCell(f.after)} | ${mdCell(f.notes.join('\n'))} |`,
    ),
    '',
  ];
}

export function renderDiffMarkdown(diff: MatrixDiff, lang: Lang): string {
  const out = [
    `# ${dw('title', lang)}`,
    '',
    `- ${dw('old', lang)}${colon(lang)} \`${diff.old.label}\` (${diff.old.site}, ${diff.old.rows} ${dw('rows', lang)})`,
    `- ${dw('new', lang)}${colon(lang)} \`${diff.new.label}\` (${diff.new.site}, ${diff.new.rows} ${dw('rows', lang)})`,
    `- ${countOf(diff.changes.length, 'changed', lang)}, ${countOf(diff.unchanged, 'unchanged', lang)}`,
    '',
  ];
  const feed = diff.feed ? feedMarkdown(diff.feed, lang) : [];
  if (diff.changes.length === 0) return `${[...out, dw('noChange', lang), '', ...feed].join('\n')}`;
  out.push(...countsTable(diff, lang), '');
  for (const c of diff.changes) out.push(...changeSection(c, lang));
  return [...out, ...feed].join('\n');
}
