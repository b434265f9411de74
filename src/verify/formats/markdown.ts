import { refIn } from '../../model/ref.js';
import { type Lang, semicolon } from '../../model/text.js';
import { mdCell, mdTable } from '../../util/markdown.js';
import { missingRulesText, missingRulesTitle } from '../missing-rules.js';
import { type VerifyReport, verdictCount, verdictText, where } from '../report.js';

const H = {
  title: { fr: 'Vérification du pare-feu', en: 'Firewall verification' },
  rows: { fr: 'Lignes de la matrice', en: 'Matrix rows' },
  rules: { fr: 'Règles de la configuration', en: 'Configuration rules' },
  cols: {
    fr: ['Sévérité', 'Ligne', 'Verdict', 'Règles', 'Détails'],
    en: ['Severity', 'Row', 'Verdict', 'Rules', 'Details'],
  },
  ruleCols: { fr: ['Sévérité', 'Constat', 'Règle', 'Détails'], en: ['Severity', 'Finding', 'Rule', 'Details'] },
} as const;

/** A report a network team pastes into a ticket. */
export function renderMarkdown(report: VerifyReport, lang: Lang): string {
  const out: string[] = [`# ${H.title[lang]} — ${mdCell(report.firewall)}`, ''];
  out.push(
    `${mdCell(report.site)} · ${report.config.map(mdCell).join(', ')} (${report.format})`,
    '',
    (['permitted', 'partial', 'denied', 'indeterminate'] as const)
      .map((v) => verdictCount(v, report.counts[v], lang).replace(/^\d+/, (n) => `**${n}**`))
      .join(' · '),
    '',
    `## ${H.rows[lang]}`,
    '',
  );
  const rows = report.items.filter((i) => i.kind === 'row');
  out.push(
    ...mdTable(
      [...H.cols[lang]],
      rows.map((i) => [
        i.severity,
        mdCell(`${i.row?.catalog}/${i.row?.flow} (${refIn(i.row?.ref ?? '', lang)})`),
        i.verdict ? verdictText(i.verdict)[lang] : '',
        mdCell(i.locations.map(where).join(', ')),
        mdCell(i.details.map((d) => d[lang]).join(lang === 'fr' ? `${semicolon(lang)} ` : ' ; ')),
      ]),
    ),
  );
  const rules = report.items.filter((i) => i.kind !== 'row');
  if (rules.length > 0) {
    out.push('', `## ${H.rules[lang]}`, '');
    out.push(
      ...mdTable(
        [...H.ruleCols[lang]],
        rules.map((i) => [
          i.severity,
          mdCell(i.message[lang]),
          mdCell(i.locations[0]?.text ?? ''),
          mdCell(i.details.map((d) => d[lang]).join(lang === 'fr' ? `${semicolon(lang)} ` : ' ; ')),
        ]),
      ),
    );
  }
  if (report.missingRules) {
    out.push(
      '',
      `## ${missingRulesTitle(report.missingRules)[lang]}`,
      '',
      '```',
      missingRulesText(report.missingRules),
      '```',
    );
  }
  return `${out.join('\n')}\n`;
}
