import type { Lang } from '../../model/text.js';
import { feedMarkdown } from '../feed-render.js';
import { CLASS_LABELS, dw, FIELD_LABELS, rowName, rowOf, valueText } from '../labels.js';
import { CHANGE_CLASSES, type MatrixDiff, primaryClass, type RowChange } from '../types.js';
import { isNetworkField } from './text.js';

/** A Markdown table cell: no pipe, no line break. */
export const mdCell = (s: string): string =>
  s.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');

export function countsTable(diff: MatrixDiff, lang: Lang): string[] {
  return [
    `| ${dw('class', lang)} | ${dw('rows', lang)} |`,
    '|---|---:|',
    ...CHANGE_CLASSES.filter((c) => diff.counts[c] > 0).map((c) => `| ${CLASS_LABELS[c][lang]} | ${diff.counts[c]} |`),
  ];
}

export function changeSection(c: RowChange, lang: Lang, level = '###'): string[] {
  const r = rowOf(c);
  const fields =
    primaryClass(c) === 'opened' || primaryClass(c) === 'closed' ? c.fields.filter(isNetworkField) : c.fields;
  return [
    `${level} ${c.classes.map((k) => CLASS_LABELS[k][lang]).join(', ')} — ${mdCell(rowName(c))}`,
    '',
    `${dw('key', lang)} \`${c.key}\`${c.oldKey ? ` (${dw('movedFrom', lang)} \`${c.oldKey}\`)` : ''} · ${dw('ref', lang)}: ${mdCell(r.ref)}`,
    '',
    `| ${dw('field', lang)} | ${dw('before', lang)} | ${dw('after', lang)} | ${dw('added', lang)} | ${dw('removed', lang)} |`,
    '|---|---|---|---|---|',
    ...fields.map(
      (f) =>
        `| ${FIELD_LABELS[f.field][lang]} | ${mdCell(valueText(f.before, lang))} | ${mdCell(valueText(f.after, lang))} | ${mdCell(f.added ?? '')} | ${mdCell(f.removed ?? f.weakening?.[lang] ?? '')} |`,
    ),
    '',
  ];
}

export function renderDiffMarkdown(diff: MatrixDiff, lang: Lang): string {
  const out = [
    `# ${dw('title', lang)}`,
    '',
    `- ${dw('old', lang)}: \`${diff.old.label}\` (${diff.old.site}, ${diff.old.rows} ${dw('rows', lang)})`,
    `- ${dw('new', lang)}: \`${diff.new.label}\` (${diff.new.site}, ${diff.new.rows} ${dw('rows', lang)})`,
    `- ${diff.changes.length} ${dw('changed', lang)}, ${diff.unchanged} ${dw('unchanged', lang)}`,
    '',
  ];
  const feed = diff.feed ? feedMarkdown(diff.feed, lang) : [];
  if (diff.changes.length === 0) return `${[...out, dw('noChange', lang), '', ...feed].join('\n')}`;
  out.push(...countsTable(diff, lang), '');
  for (const c of diff.changes) out.push(...changeSection(c, lang));
  return [...out, ...feed].join('\n');
}
