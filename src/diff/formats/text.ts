import type { Lang } from '../../model/text.js';
import { feedText } from '../feed-render.js';
import { CLASS_LABELS, dw, FIELD_LABELS, rowName, rowOf, valueText } from '../labels.js';
import { CHANGE_CLASSES, type FieldChange, type MatrixDiff, primaryClass, type RowChange } from '../types.js';

/** The header both text and Markdown print: versions, counts by class. */
export function countsLine(diff: MatrixDiff, lang: Lang): string {
  const parts = CHANGE_CLASSES.filter((c) => diff.counts[c] > 0).map(
    (c) => `${CLASS_LABELS[c][lang].toLowerCase()} ${diff.counts[c]}`,
  );
  return `${diff.changes.length} ${dw('changed', lang)}, ${diff.unchanged} ${dw('unchanged', lang)}${parts.length ? ` — ${parts.join(', ')}` : ''}`;
}

export function fieldLine(f: FieldChange, lang: Lang): string {
  const before = valueText(f.before, lang) || '—';
  const after = valueText(f.after, lang) || '—';
  const extra = [
    f.added ? `+ ${f.added}` : '',
    f.removed ? `− ${f.removed}` : '',
    f.weakening ? `${dw('weakening', lang).toLowerCase()}: ${f.weakening[lang]}` : '',
  ].filter(Boolean);
  return `${FIELD_LABELS[f.field][lang]}: ${before} → ${after}${extra.length ? `  (${extra.join('; ')})` : ''}`;
}

const classesOf = (c: RowChange, lang: Lang): string => c.classes.map((k) => CLASS_LABELS[k][lang]).join(', ');

/** Plain text for a terminal: one block per changed row, every changed field before → after. */
export function renderDiffText(diff: MatrixDiff, lang: Lang): string {
  const out = [`${dw('title', lang)}: ${diff.old.label} → ${diff.new.label}`, countsLine(diff, lang)];
  const feed = diff.feed ? feedText(diff.feed, lang) : [];
  if (diff.changes.length === 0) return `${[...out, dw('noChange', lang), ...feed].join('\n')}\n`;
  for (const c of diff.changes) {
    const r = rowOf(c);
    out.push(
      '',
      `[${classesOf(c, lang)}] ${rowName(c)} — ${dw('key', lang).toLowerCase()} ${c.key}${c.oldKey ? ` (${dw('movedFrom', lang)} ${c.oldKey})` : ''}, ref ${r.ref}`,
    );
    const shown =
      primaryClass(c) === 'opened' || primaryClass(c) === 'closed' ? c.fields.filter(isNetworkField) : c.fields;
    for (const f of shown) out.push(`    ${fieldLine(f, lang)}`);
  }
  return `${[...out, ...feed].join('\n')}\n`;
}

/** For a row on one side only, the fields that say what traffic it is (the rest is in the JSON). */
export const isNetworkField = (f: FieldChange): boolean =>
  ['source', 'destination', 'services', 'zones', 'firewalls', 'auth', 'encryption', 'minTls'].includes(f.field);
