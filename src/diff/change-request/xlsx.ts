import { SEVERITY_TEXT } from '../../model/finding.js';
import { refIn } from '../../model/ref.js';
import type { Lang } from '../../model/text.js';
import { buildWorkbook, HEADER, NOTE, SECTION, type SheetSpec, TITLE, WRAP } from '../formats/workbook.js';
import { changesSheet, summarySheet } from '../formats/xlsx.js';
import type { ChangeRequest } from './build.js';
import { cw } from './words.js';

/** Request (summary, requester, justification, risk), the sheet of changes, then one sheet of steps. */
export function renderChangeRequestXlsx(cr: ChangeRequest, lang: Lang): Uint8Array {
  const request: SheetSpec = {
    name: cw('summary', lang),
    layout: { widths: [28, 24, 30, 80] },
    fill: (sheet) => {
      sheet.row([cw('title', lang)], TITLE);
      sheet.row([]);
      sheet.row([cw('site', lang), cr.diff.new.site]);
      sheet.row([cw('requester', lang), cr.requester ?? cw('toFill', lang)]);
      sheet.row([cw('justification', lang), cr.justification ?? cw('toFill', lang)], WRAP);
      sheet.row([]);
      sheet.row([cw('risk', lang)], SECTION);
      if (cr.findings.length === 0) sheet.row([cw('noRisk', lang)], NOTE);
      else {
        sheet.row([cw('severity', lang), cw('rule', lang), cw('message', lang)], HEADER);
        for (const f of cr.findings)
          sheet.row(
            [SEVERITY_TEXT[f.severity][lang], f.rule, `${f.key ?? ''} ${refIn(f.ref ?? '', lang)}`, f.message[lang]],
            WRAP,
          );
      }
    },
  };
  const steps: SheetSpec = {
    name: cw('implementation', lang),
    layout: { widths: [24, 16, 14, 100] },
    fill: (sheet) => {
      sheet.row([cw('order', lang)], NOTE);
      sheet.row([cw('firewall', lang), cw('platform', lang), cw('step', lang), cw('command', lang)], HEADER);
      for (const [step, pick] of [
        [cw('implementation', lang), 'apply'],
        [cw('rollback', lang), 'rollback'],
      ] as const)
        for (const d of cr.deltas)
          for (const line of d[pick].content.trimEnd().split('\n')) sheet.row([d.firewall, d.platform, step, line]);
      for (const v of cr.verification) sheet.row(['', '', cw('verification', lang), v.command]);
      for (const e of cr.deltaErrors) sheet.row(['', '', cw('errors', lang), e], NOTE);
    },
  };
  return buildWorkbook([request, summarySheet(cr.diff, lang), changesSheet(cr.rows, lang), steps]);
}
