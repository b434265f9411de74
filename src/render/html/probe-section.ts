import type { Lang } from '../../model/text.js';
import type { ProbeReport } from '../../probe/report/model.js';
import { esc } from '../../util/html.js';
import { PROBE_TABLE_COLUMNS, PROBE_TITLE, probeEntries, probeHeadline } from '../probe-column.js';

/** The "Opening checks" section: where the run was made from, then every probe with its evidence. */
export function probeSection(report: ProbeReport, lang: Lang): string {
  const head = PROBE_TABLE_COLUMNS.map((c) => `<th>${esc(c.label[lang])}</th>`).join('');
  const rows = probeEntries(report, lang)
    .map(
      (e) =>
        `<tr class="probe-${e.result.status}">${PROBE_TABLE_COLUMNS.map((c) => `<td>${esc(c.value(e, lang)).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<section id="probe"><h2>${esc(PROBE_TITLE[lang])}</h2><p>${esc(probeHeadline(report))}</p><table class="findings probe"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}
