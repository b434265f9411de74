import { refIn } from '../../model/ref.js';
import { colon, type Lang, semicolon } from '../../model/text.js';
import { feedText } from '../feed-render.js';
import { CLASS_LABELS, countOf, dw, rowName, rowOf } from '../labels.js';
import { isOneSided, type ShownField, shownFields } from '../present.js';
import { CHANGE_CLASSES, type MatrixDiff, primaryClass, type RowChange } from '../types.js';

/** The header both text and Markdown print: versions, counts by class. */
export function countsLine(diff: MatrixDiff, lang: Lang): string {
  const parts = CHANGE_CLASSES.filter((c) => diff.counts[c] > 0).map(
    (c) => `${CLASS_LABELS[c][lang].toLowerCase()} ${diff.counts[c]}`,
  );
  return `${countOf(diff.changes.length, 'changed', lang)}, ${countOf(diff.unchanged, 'unchanged', lang)}${parts.length ? ` — ${parts.join(', ')}` : ''}`;
}

/**
 * One field of a row on both sides: `Source: A → B`; a value with arrows of its own (zones, firewalls) says
 * `before: …; after: …` instead. Then what was edited, one line each, indented under it.
 */
export function fieldLines(f: ShownField, lang: Lang, oneSided = false): string[] {
  const value = (v: string) => v || '—';
  const side = (key: 'before' | 'after', v: string) => `${dw(key, lang).toLowerCase()}${colon(lang)} ${value(v)}`;
  const head = oneSided
    ? `${f.label}${colon(lang)} ${value(f.before || f.after)}`
    : f.arrowed
      ? `${f.label}${colon(lang)} ${side('before', f.before)}${semicolon(lang)} ${side('after', f.after)}`
      : `${f.label}${colon(lang)} ${value(f.before)} → ${value(f.after)}`;
  return [head, ...f.notes.map((n) => `  ${n}`)];
}

const classesOf = (c: RowChange, lang: Lang): string => c.classes.map((k) => CLASS_LABELS[k][lang]).join(', ');

/** Plain text for a terminal: one block per changed row, every changed field before → after. */
export function renderDiffText(diff: MatrixDiff, lang: Lang): string {
  const out = [`${dw('title', lang)}${colon(lang)} ${diff.old.label} → ${diff.new.label}`, countsLine(diff, lang)];
  const feed = diff.feed ? feedText(diff.feed, lang) : [];
  if (diff.changes.length === 0) return `${[...out, dw('noChange', lang), ...feed].join('\n')}\n`;
  for (const c of diff.changes) {
    const r = rowOf(c);
    out.push(
      '',
      `[${classesOf(c, lang)}] ${rowName(c)} — ${dw('key', lang).toLowerCase()} ${c.key}${c.oldKey ? ` (${dw('movedFrom', lang)} ${c.oldKey})` : ''}, ref ${refIn(r.ref, lang)}`,
    );
    const oneSided = isOneSided(c);
    const indent = oneSided ? '      ' : '    ';
    if (oneSided) out.push(`    ${dw(primaryClass(c) === 'closed' ? 'closedSide' : 'openedSide', lang)}${colon(lang)}`);
    for (const f of shownFields(c, lang))
      for (const line of fieldLines(f, lang, oneSided)) out.push(`${indent}${line}`);
  }
  return `${[...out, ...feed].join('\n')}\n`;
}
