import type { Lang } from '../../model/text.js';
import { mdCell, mdTable } from '../../util/markdown.js';
import { countLine, countStatuses, originText, type ProbeReport, probeTarget, titled } from './model.js';

const H = {
  title: { fr: 'Contrôles d’ouverture', en: 'Opening checks' },
  cols: {
    fr: ['Statut', 'Contrôle', 'Sonde', 'Résultat', 'Origine', 'Preuves'],
    en: ['Status', 'Check', 'Probe', 'Result', 'Origin', 'Evidence'],
  },
} as const;

/** A report a network team pastes into a ticket: one row per probe, its evidence in the last column. */
export function renderMarkdown(report: ProbeReport, lang: Lang): string {
  const out = [
    `# ${H.title[lang]} — ${mdCell(report.site)}`,
    '',
    `${mdCell(report.source)} · ${report.startedAt}`,
    '',
    `**${countLine(countStatuses(report.results))}**`,
    '',
    ...mdTable(
      [...H.cols[lang]],
      titled(report, lang).map(({ result, title, spec }) => [
        `**${result.status}**`,
        mdCell(title),
        mdCell(probeTarget(result)),
        mdCell(result.summary[lang]),
        mdCell(originText(spec)),
        mdCell(result.evidence.map((e) => `${e.label}: ${e.value}`).join(' ; ')),
      ]),
    ),
  ];
  return `${out.join('\n')}\n`;
}
