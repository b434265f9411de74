import { severityCount } from '../audit/formats/report.js';
import { type Finding, SEVERITIES, SEVERITY_TEXT, severityRank } from '../model/finding.js';
import { colon, type Lang, pick } from '../model/text.js';
import { stageFindings } from '../targets/generate/findings.js';

/** Up to this many distinct findings, the terminal gets them all; past it, a summary and where the list is. */
export const FULL_LIST_MAX = 10;
/** How many of the heaviest findings the summary names. */
const TOP = 5;

/** Rows of one flow from several sources often share a message: one entry, with the rows it covers. */
export interface FindingGroup {
  readonly finding: Finding;
  readonly rows: ReadonlySet<string>;
}

export function groupFindings(findings: readonly Finding[], lang: Lang): FindingGroup[] {
  const groups = new Map<string, { finding: Finding; rows: Set<string> }>();
  for (const found of findings) {
    const f = forEveryTarget(found);
    const id = `${f.firewall ?? ''}|${f.rule}|${pick(f.message, lang)}`;
    let g = groups.get(id);
    if (!g) {
      g = { finding: f, rows: new Set<string>() };
      groups.set(id, g);
    }
    g.rows.add(f.key ?? '');
  }
  return [...groups.values()];
}

/**
 * A finding of the generate stage about the row itself (`sameForEveryTarget`), as every target raises it: one
 * finding for all of them (`target:*:reference`, no firewall), so that the list says it once.
 */
function forEveryTarget(f: Finding): Finding {
  const [, target, id] = /^target:([^:]+):(.+)$/.exec(f.rule) ?? [];
  if (target === undefined || id === undefined) return f;
  const spec = (stageFindings.specs as Readonly<Record<string, { sameForEveryTarget?: boolean }>>)[id];
  if (!spec?.sameForEveryTarget) return f;
  const { firewall: _firewall, ...rest } = f;
  return { ...rest, rule: `target:*:${id}` };
}

/** How lines are coloured on a terminal; files and pipes get them plain. */
export interface Paint {
  readonly line: (line: string, severity: Finding['severity']) => string;
  readonly title: (title: string) => string;
}
const plain: Paint = { line: (line) => line, title: (title) => title };
const words = (lang: Lang) => ({
  findings: lang === 'fr' ? 'Constats' : 'Findings',
  rows: lang === 'fr' ? 'lignes' : 'rows',
  row: lang === 'fr' ? 'ligne' : 'row',
  findingOne: lang === 'fr' ? 'constat' : 'finding',
  findingMany: lang === 'fr' ? 'constats' : 'findings',
  fullList: lang === 'fr' ? 'liste complète' : 'full list',
  kinds: lang === 'fr' ? 'Par sorte' : 'By kind',
  heaviest: lang === 'fr' ? 'Les plus lourds' : 'Heaviest',
});

/** The severity in the reader's language, padded to the longest word (`moyenne`, `critical`). */
const sev = (s: Finding['severity'], lang: Lang): string => SEVERITY_TEXT[s][lang].padEnd(8);

function groupLines(g: FindingGroup, lang: Lang, paint: Paint): string {
  const f = g.finding;
  const times = g.rows.size > 1 ? ` (×${g.rows.size} ${words(lang).rows})` : '';
  const about = f.firewall === undefined ? '' : `${f.firewall}${colon(lang)} `;
  const line = paint.line(`  ${sev(f.severity, lang)} ${f.rule}  ${about}${pick(f.message, lang)}${times}`, f.severity);
  return f.remediation ? `${line}\n           → ${pick(f.remediation, lang)}\n` : `${line}\n`;
}

/**
 * Every finding, one entry per message with its remediation, the heaviest first (in the order found within a
 * severity): the terminal list of a small run, and the file.
 */
export function findingsList(groups: readonly FindingGroup[], lang: Lang, paint: Paint = plain): string {
  const heaviestFirst = [...groups].sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity));
  return `${paint.title(words(lang).findings)} (${groups.length})${colon(lang)}\n${heaviestFirst.map((g) => groupLines(g, lang, paint)).join('')}`;
}

/**
 * What a terminal shows for many findings, in a few lines whatever their number: the counts per severity, each
 * kind (rule and severity) with how many findings and rows it has and its remedy when all share one, the heaviest
 * few, and where the full list is.
 */
export function findingsSummary(
  groups: readonly FindingGroup[],
  lang: Lang,
  fullListAt: string,
  paint: Paint = plain,
): string {
  const w = words(lang);
  const c = colon(lang);
  const bySeverity = [...SEVERITIES]
    .reverse()
    .map((s) => [s, groups.filter((g) => g.finding.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => severityCount(n, s, lang));
  const kinds = new Map<string, { severity: Finding['severity']; rule: string; groups: FindingGroup[] }>();
  for (const g of groups) {
    const id = `${g.finding.severity}|${g.finding.rule}`;
    const kind = kinds.get(id) ?? { severity: g.finding.severity, rule: g.finding.rule, groups: [] };
    kind.groups.push(g);
    kinds.set(id, kind);
  }
  const heavier = (a: { severity: Finding['severity'] }, b: { severity: Finding['severity'] }) =>
    severityRank(b.severity) - severityRank(a.severity);
  const allRows = new Set<string>();
  for (const g of groups) for (const r of g.rows) allRows.add(r);
  const lines = [
    `${paint.title(w.findings)}${c} ${groups.length} (${bySeverity.join(', ')}), ${allRows.size} ${allRows.size > 1 ? w.rows : w.row} — ${w.fullList}${c} ${fullListAt}`,
    `${w.kinds}${c}`,
  ];
  const sorted = [...kinds.values()].sort(heavier);
  const ruleWidth = Math.max(...sorted.map((k) => k.rule.length));
  for (const kind of sorted) {
    const rows = new Set<string>();
    for (const g of kind.groups) for (const r of g.rows) rows.add(r);
    const n = kind.groups.length;
    lines.push(
      paint.line(
        `  ${sev(kind.severity, lang)} ${kind.rule.padEnd(ruleWidth)}  ${n} ${n > 1 ? w.findingMany : w.findingOne}, ${rows.size} ${rows.size > 1 ? w.rows : w.row}`,
        kind.severity,
      ),
    );
    const remedies = new Set(kind.groups.map((g) => pick(g.finding.remediation, lang)));
    const [remedy] = remedies;
    if (remedies.size === 1 && remedy) lines.push(`           → ${remedy}`);
  }
  const top = [...groups].sort((a, b) => heavier(a.finding, b.finding) || b.rows.size - a.rows.size).slice(0, TOP);
  lines.push(`${w.heaviest}${c}`);
  for (const g of top) {
    const f = g.finding;
    lines.push(
      paint.line(
        `  ${sev(f.severity, lang)} ${f.rule}  ${f.firewall === undefined ? '' : `${f.firewall}${colon(lang)} `}${pick(f.message, lang)} (×${g.rows.size} ${w.rows})`,
        f.severity,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The full list as a file: JSON (every finding, both languages, row keys) for a `.json` name, else the text list
 * under a line that says which site it is about (`site`: its title and id), so that it can be sent on its own.
 */
export function findingsFile(path: string, findings: readonly Finding[], lang: Lang, site: string): string {
  if (path.toLowerCase().endsWith('.json')) return `${JSON.stringify(findings, null, 2)}\n`;
  return `flowmatrix generate — site${colon(lang)} ${site}\n\n${findingsList(groupFindings(findings, lang), lang)}`;
}
