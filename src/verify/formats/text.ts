import { SEVERITY_TEXT } from '../../model/finding.js';
import { colon, type Lang } from '../../model/text.js';
import { missingRulesText, missingRulesTitle } from '../missing-rules.js';
import { type VerifyReport, verdictCount, where } from '../report.js';

const LABELS = {
  rows: { fr: 'Lignes de la matrice', en: 'Matrix rows' },
  rules: { fr: 'Règles de la configuration', en: 'Configuration rules' },
  nothing: { fr: 'rien à signaler', en: 'nothing to report' },
} as const;

/** The severity as the audit writes it, in the report's language (`faible`, `moyenne`), in a column of 8. */
const sev = (item: VerifyReport['items'][number], lang: Lang): string => SEVERITY_TEXT[item.severity][lang].padEnd(8);
const DETAIL = ' '.repeat(11);

/** A terminal report: the verdict counts, each row that is not permitted, each config rule with a problem. */
export function renderText(report: VerifyReport, lang: Lang): string {
  const out: string[] = [];
  const c = report.counts;
  out.push(
    `${report.site} / ${report.firewall} (${report.config.join(', ')}, ${report.format})`,
    (['permitted', 'partial', 'denied', 'indeterminate'] as const).map((v) => verdictCount(v, c[v], lang)).join(', '),
    '',
    `${LABELS.rows[lang]}${colon(lang)}`,
  );
  const rows = report.items.filter((i) => i.kind === 'row');
  for (const item of rows) {
    if (item.verdict === 'permitted' && item.details.length === 0) {
      out.push(
        `  ${'ok'.padEnd(8)} ${item.message[lang]}${item.locations[0] ? ` — ${item.locations.map(where).join(', ')}` : ''}`,
      );
      continue;
    }
    out.push(`  ${sev(item, lang)} ${item.message[lang]}`);
    for (const d of item.details) out.push(`${DETAIL}${d[lang]}`);
  }
  const rules = report.items.filter((i) => i.kind !== 'row');
  out.push('', `${LABELS.rules[lang]}${colon(lang)}`);
  if (rules.length === 0) out.push(`  ${LABELS.nothing[lang]}`);
  for (const item of rules) {
    out.push(`  ${sev(item, lang)} ${item.message[lang]}`);
    const text = item.locations[0]?.text;
    if (text) out.push(`${DETAIL}${text}`);
    for (const d of item.details) out.push(`${DETAIL}${d[lang]}`);
  }
  if (report.missingRules)
    out.push(
      '',
      `${missingRulesTitle(report.missingRules)[lang]}${colon(lang)}`,
      missingRulesText(report.missingRules),
    );
  return `${out.join('\n')}\n`;
}
