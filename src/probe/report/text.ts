import type { Lang } from '../../model/text.js';
import { countLine, countStatuses, originText, type ProbeReport, probeTarget, titled } from './model.js';

/** A terminal report: one line per probe with its status, then its evidence indented under anything not PASS. */
export function renderText(report: ProbeReport, lang: Lang): string {
  const out = [`${report.site} — ${report.source}`, countLine(countStatuses(report.results)), ''];
  for (const { result, title, spec } of titled(report, lang)) {
    out.push(`  ${result.status.padEnd(12)} ${title}`);
    out.push(`               ${probeTarget(result)} — ${result.summary[lang]}`);
    const origin = originText(spec);
    if (origin) out.push(`               ${origin}`);
    if (result.status !== 'PASS') for (const e of result.evidence) out.push(`                 ${e.label}: ${e.value}`);
  }
  return `${out.join('\n')}\n`;
}
