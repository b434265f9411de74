import type { Lang } from '../../model/text.js';
import type { ProbeReport } from '../../probe/report/model.js';
import { PROBE_TABLE_COLUMNS, PROBE_TITLE, probeEntries, probeHeadline } from '../probe-column.js';
import type { SheetLayout, SheetWriter } from './sheet.js';
import { HEADER_STYLE, TITLE_STYLE, WRAP_STYLE } from './styles.js';

export const PROBE_LAYOUT: SheetLayout = { widths: PROBE_TABLE_COLUMNS.map((c) => c.width) };

/** The "Opening checks" sheet: where the run was made from, then every probe with its evidence. */
export function writeProbeSheet(sheet: SheetWriter, report: ProbeReport, lang: Lang): void {
  sheet.row([`${PROBE_TITLE[lang]} — ${report.site}`], TITLE_STYLE);
  sheet.row([probeHeadline(report)]);
  sheet.row(
    PROBE_TABLE_COLUMNS.map((c) => c.label[lang]),
    HEADER_STYLE,
  );
  for (const e of probeEntries(report, lang))
    sheet.row(
      PROBE_TABLE_COLUMNS.map((c) => c.value(e, lang)),
      WRAP_STYLE,
    );
}
