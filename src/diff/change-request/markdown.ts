import { SEVERITY_TEXT } from '../../model/finding.js';
import { refIn } from '../../model/ref.js';
import { colon, type Lang } from '../../model/text.js';
import { changeSection, countsTable, mdCell } from '../formats/markdown.js';
import { countsLine } from '../formats/text.js';
import { dw } from '../labels.js';
import type { ChangeRequest } from './build.js';
import { cw } from './words.js';

const fence = (text: string): string[] => {
  const ticks = text.includes('```') ? '````' : '```';
  return [ticks, text.trimEnd(), ticks];
};

export function renderChangeRequestMarkdown(cr: ChangeRequest, lang: Lang): string {
  const d = cr.diff;
  const out = [
    `# ${cw('title', lang)}`,
    '',
    `## ${cw('summary', lang)}`,
    '',
    `- ${cw('site', lang)}${colon(lang)} ${d.new.site}`,
    `- ${dw('old', lang)}${colon(lang)} \`${d.old.label}\` → ${dw('new', lang)}${colon(lang)} \`${d.new.label}\``,
    `- ${countsLine(d, lang)}`,
    `- ${cw('requester', lang)}${colon(lang)} ${mdCell(cr.requester ?? cw('toFill', lang))}`,
    `- ${cw('justification', lang)}${colon(lang)} ${mdCell(cr.justification ?? cw('toFill', lang))}`,
    '',
    ...(d.changes.length > 0 ? [...countsTable(d, lang), ''] : []),
    `## ${cw('rows', lang)}`,
    '',
  ];
  if (cr.rows.length === 0) out.push(cw('noRows', lang), '');
  for (const c of cr.rows) out.push(...changeSection(c, lang));
  out.push(`## ${cw('risk', lang)}`, '');
  if (cr.findings.length === 0) out.push(cw('noRisk', lang), '');
  else
    out.push(
      `| ${cw('severity', lang)} | ${cw('rule', lang)} | ${dw('row', lang)} | ${cw('message', lang)} |`,
      '|---|---|---|---|',
      ...cr.findings.map(
        (f) =>
          `| ${SEVERITY_TEXT[f.severity][lang]} | ${f.rule} | \`${f.key ?? ''}\` ${mdCell(refIn(f.ref ?? '', lang))} | ${mdCell(f.message[lang])} |`,
      ),
      '',
    );
  out.push(`## ${cw('implementation', lang)}`, '', cw('order', lang), '');
  if (cr.deltas.length === 0) out.push(cw('noFirewall', lang), '');
  for (const delta of cr.deltas) {
    const n = delta.counts;
    out.push(
      `### ${delta.firewall} (${delta.platform})`,
      '',
      `${n.rulesRemoved} / ${n.rulesAdded}, ${n.objectsRemoved} / ${n.objectsAdded} — ${cw('counts', lang)}`,
      '',
      ...delta.notes.map((t) => `> ${mdCell(t[lang])}`),
      ...(delta.notes.length ? [''] : []),
      `\`${delta.apply.path}\``,
      '',
      ...fence(delta.apply.content),
      '',
    );
  }
  if (cr.deltaErrors.length > 0)
    out.push(`### ${cw('errors', lang)}`, '', ...cr.deltaErrors.map((e) => `- ${mdCell(e)}`), '');
  out.push(`## ${cw('rollback', lang)}`, '');
  if (cr.deltas.length === 0) out.push(cw('noFirewall', lang), '');
  for (const delta of cr.deltas)
    out.push(
      `### ${delta.firewall} (${delta.platform})`,
      '',
      `\`${delta.rollback.path}\``,
      '',
      ...fence(delta.rollback.content),
      '',
    );
  out.push(`## ${cw('verification', lang)}`, '', ...fence(cr.verification.map((v) => v.command).join('\n') || '#'), '');
  return out.join('\n');
}
