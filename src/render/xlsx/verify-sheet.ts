import type { Lang } from '../../model/text.js';
import { VERIFY_COLUMNS, type VerifyEntry } from '../verify-columns.js';
import type { SheetLayout, SheetWriter } from './sheet.js';
import { HEADER_STYLE, WRAP_STYLE } from './styles.js';

export const VERIFY_LAYOUT: SheetLayout = { widths: VERIFY_COLUMNS.map((c) => c.width), table: true };

/** Verify items (or one Excel-sized slice of them), header first: the findings sheet's look. */
export function writeVerifySheet(sheet: SheetWriter, entries: readonly VerifyEntry[], lang: Lang): void {
  sheet.row(
    VERIFY_COLUMNS.map((c) => c.label[lang]),
    HEADER_STYLE,
  );
  for (const e of entries)
    sheet.row(
      VERIFY_COLUMNS.map((c) => c.value(e, lang)),
      WRAP_STYLE,
    );
}
