import type { Finding } from '../../model/finding.js';
import { auditRules } from '../rules/index.js';
import type { AuditRule } from '../types.js';
import type { AuditReport } from './report.js';

/** XML text: the five entities, and the control characters XML 1.0 forbids removed. */
export const xml = (s: string): string =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly findings: readonly Finding[];
}

/** The catalog flows of the audited rows, in row order, with the keys of their rows. */
function flowsOf(rows: AuditReport['rows']): { name: string; keys: Set<string> }[] {
  const flows = new Map<string, Set<string>>();
  for (const r of rows) {
    const name = `${r.catalog}/${r.flow}`;
    const keys = flows.get(name) ?? new Set<string>();
    keys.add(r.key);
    flows.set(name, keys);
  }
  return [...flows].map(([name, keys]) => ({ name, keys }));
}

/**
 * JUnit XML as CI systems render it: one suite per rule, one test case per (rule, catalog flow): the rows of one
 * flow that a rule flags for one cause are one failure listing them, not a failure each. A finding is a failure,
 * a suppressed finding a skipped case. Findings about the site rather than a row get cases of their own.
 */
export function renderJunit(report: AuditReport): string {
  const { result, lang } = report;
  const flows = flowsOf(report.rows);
  const flowOfKey = new Map<string, string>();
  for (const f of flows) for (const k of f.keys) flowOfKey.set(k, f.name);
  const suites = result.rules.map((id) => {
    const mine = result.findings.filter((f) => f.rule === id);
    const byFlow = new Map<string, Finding[]>();
    for (const f of mine) {
      const flow = f.key ? flowOfKey.get(f.key) : undefined;
      if (flow) byFlow.set(flow, [...(byFlow.get(flow) ?? []), f]);
    }
    const classname = `flowmatrix.audit.${id}`;
    const cases: Case[] =
      (auditRules[id] as AuditRule).scope === 'site'
        ? []
        : flows.map((f) => ({ name: f.name, classname, findings: byFlow.get(f.name) ?? [] }));
    const siteWide = mine.filter((f) => !f.key || !flowOfKey.has(f.key));
    for (const [i, f] of siteWide.entries())
      cases.push({ name: `${report.subject.id} #${i + 1}`, classname, findings: [f] });
    if (cases.length === 0) cases.push({ name: report.subject.id, classname, findings: [] });
    return { id, cases };
  });
  const count = (cases: readonly Case[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.findings.some((f) => !f.suppressed)).length,
    skipped: cases.filter((c) => c.findings.length > 0 && c.findings.every((f) => f.suppressed)).length,
  });
  const all = suites.flatMap((s) => s.cases);
  const total = count(all);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${xml(`flowmatrix audit ${report.subject.id}`)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" timestamp="${xml(report.today)}">`,
  );
  for (const s of suites) {
    const c = count(s.cases);
    out.push(
      `  <testsuite name="${xml(s.id)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}">`,
    );
    for (const tc of s.cases) {
      const open = `    <testcase classname="${xml(tc.classname)}" name="${xml(tc.name)}"`;
      const live = tc.findings.filter((f) => !f.suppressed);
      if (tc.findings.length === 0) out.push(`${open}/>`);
      else if (live.length === 0) {
        const sup = tc.findings[0]?.suppressed;
        out.push(
          `${open}>`,
          `      <skipped message="${xml(`suppressed: ${sup?.justification ?? ''} (${sup?.owner ?? ''}, ${sup?.expires ?? ''})`)}"/>`,
          '    </testcase>',
        );
      } else {
        const worst = live[0] as Finding;
        const rows = live.length > 1 ? ` (+${live.length - 1})` : '';
        const remediation = worst.remediation ? `\n→ ${worst.remediation[lang]}` : '';
        const body = `${live.map((f) => `[${f.severity}] ${f.message[lang]}`).join('\n')}${remediation}`;
        out.push(
          `${open}>`,
          `      <failure type="${xml(worst.severity)}" message="${xml(worst.message[lang] + rows)}">${xml(body)}</failure>`,
          '    </testcase>',
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
