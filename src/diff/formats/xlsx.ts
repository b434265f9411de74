import { refIn } from '../../model/ref.js';
import { type Lang, semicolon } from '../../model/text.js';
import type { SheetWriter } from '../../render/xlsx/sheet.js';
import { feedSheet } from '../feed-render.js';
import { CLASS_LABELS, dw, rowOf } from '../labels.js';
import { shownFields } from '../present.js';
import { CHANGE_CLASSES, type MatrixDiff, primaryClass, type RowChange } from '../types.js';
import { buildWorkbook, CLASS_STYLES, HEADER, SECTION, type SheetSpec, TITLE } from './workbook.js';

/** Columns of the sheet of changes: one line per changed field, coloured by the row's class. */
const CHANGE_COLUMNS = ['class', 'row', 'key', 'ref', 'field', 'before', 'after', 'details'] as const;
const WIDTHS = [18, 40, 18, 22, 20, 40, 40, 56];

export function changesSheet(changes: readonly RowChange[], lang: Lang, name = dw('title', lang)): SheetSpec {
  return {
    name,
    layout: { widths: WIDTHS, table: true },
    fill: (sheet) => writeChanges(sheet, changes, lang),
  };
}

function writeChanges(sheet: SheetWriter, changes: readonly RowChange[], lang: Lang): void {
  const header: Record<(typeof CHANGE_COLUMNS)[number], string> = {
    class: dw('class', lang),
    row: dw('row', lang),
    key: dw('key', lang),
    ref: dw('ref', lang),
    field: dw('field', lang),
    before: dw('before', lang),
    after: dw('after', lang),
    details: dw('details', lang),
  };
  sheet.row(
    CHANGE_COLUMNS.map((c) => header[c]),
    HEADER,
  );
  for (const c of changes) {
    const r = rowOf(c);
    const style = CLASS_STYLES[primaryClass(c)];
    const classes = c.classes.map((k) => CLASS_LABELS[k][lang]).join(', ');
    const name = `${r.catalog}/${r.flow} (${r.source.role} → ${r.destination.role})`;
    for (const f of shownFields(c, lang)) {
      sheet.row(
        [
          classes,
          name,
          c.oldKey ? `${c.key} (${c.oldKey})` : c.key,
          refIn(r.ref, lang),
          f.label,
          f.before,
          f.after,
          f.notes.join(`${semicolon(lang)} `),
        ],
        style,
      );
    }
  }
}

export function summarySheet(diff: MatrixDiff, lang: Lang): SheetSpec {
  return {
    name: dw('counts', lang),
    layout: { widths: [30, 60] },
    fill: (sheet) => {
      sheet.row([dw('title', lang)], TITLE);
      sheet.row([]);
      sheet.row([dw('old', lang), `${diff.old.label} (${diff.old.site}, ${diff.old.rows} ${dw('rows', lang)})`]);
      sheet.row([dw('new', lang), `${diff.new.label} (${diff.new.site}, ${diff.new.rows} ${dw('rows', lang)})`]);
      sheet.row([dw('changed', lang), diff.changes.length]);
      sheet.row([dw('unchanged', lang), diff.unchanged]);
      sheet.row([]);
      sheet.row([dw('counts', lang)], SECTION);
      for (const c of CHANGE_CLASSES) sheet.row([CLASS_LABELS[c][lang], diff.counts[c]], CLASS_STYLES[c]);
    },
  };
}

/** Summary (counts by class, in their colours) and the sheet of changes. */
export const renderDiffXlsx = (diff: MatrixDiff, lang: Lang): Uint8Array =>
  buildWorkbook([
    summarySheet(diff, lang),
    changesSheet(diff.changes, lang),
    ...(diff.feed ? [feedSheet(diff.feed, lang)] : []),
  ]);
