import { ACCESS_TYPES } from '../model/site-policy.js';
import type { Lang } from '../model/text.js';
import { auditRuleIds, auditRules } from './rules/index.js';
import type { AuditRule } from './types.js';

const SECTION: Record<
  Lang,
  {
    title: string;
    intro: string;
    severity: string;
    scope: string;
    site: string;
    catalog: string;
    why: string;
    fix: string;
    refs: string;
  }
> = {
  en: {
    title: 'English',
    intro:
      'Each rule is a file under `src/audit/rules/` (the id is the file name). Rules marked *site* need zones and firewalls and do nothing when a catalog is audited alone (`flowmatrix audit --catalog ID`).',
    severity: 'Default severity',
    scope: 'Needs',
    site: 'site',
    catalog: 'catalog or site',
    why: 'Why',
    fix: 'Remediation',
    refs: 'References',
  },
  fr: {
    title: 'Français',
    intro:
      'Chaque règle est un fichier de `src/audit/rules/` (l’identifiant est le nom du fichier). Les règles marquées *site* ont besoin des zones et des pare-feu et ne font rien quand un catalogue est audité seul (`flowmatrix audit --catalog ID`).',
    severity: 'Gravité par défaut',
    scope: 'Nécessite',
    site: 'site',
    catalog: 'catalogue ou site',
    why: 'Pourquoi',
    fix: 'Remédiation',
    refs: 'Références',
  },
};

function ruleSection(r: AuditRule, lang: Lang): string[] {
  const s = SECTION[lang];
  return [
    `### \`${r.id}\` — ${r.title[lang]}`,
    '',
    `${s.severity}: **${r.severity}** · ${s.scope}: ${r.needs === 'site' ? s.site : s.catalog} · ${r.category}`,
    '',
    `**${s.why}.** ${r.rationale[lang]}`,
    '',
    `**${s.fix}.** ${r.remediation[lang]}`,
    '',
    `${s.refs}: ${r.references.join('; ')}`,
    '',
  ];
}

/** docs/audit-rules.md, generated from the rule files so it cannot drift from them. */
export function renderAuditRulesDoc(): string {
  const out: string[] = [
    '# Audit rules',
    '',
    '<!-- Generated from src/audit/rules by renderAuditRulesDoc (src/audit/docs.ts); test/audit/docs.test.ts checks it is up to date (UPDATE_DOCS=1 rewrites it). -->',
    '',
    '| id | severity | needs | title |',
    '|---|---|---|---|',
    ...auditRuleIds.map((id) => {
      const r: AuditRule = auditRules[id];
      return `| \`${id}\` | ${r.severity} | ${r.needs} | ${r.title.en} / ${r.title.fr} |`;
    }),
    '',
    '## Site file: `policy:` and `suppressions:`',
    '',
    '```yaml',
    'policy:                      # zone pairs; the most specific entry wins (from→to, from→any, any→to, any→any)',
    `  - { from: internet, to: lan, access: block-all }            # ${ACCESS_TYPES.join(' | ')}`,
    '  - { from: lan, to: internet, access: allow-only, services: [tcp/80, tcp/443, udp/53], severity: medium }',
    'suppressions:                # rule, flow (id or catalog/flow) and/or key; all given must match',
    '  - { rule: weak-auth, flow: exchange-2007/cas-imap4, justification: "legacy tool, replaced in Q3", owner: messaging-team, expires: 2026-09-30 }',
    'metadata:                    # rows chosen by catalog, flow, key, from and/or to (roles); later entries win per fact',
    '  - { flow: exchange-2007/edge-smtp-in, owner: messaging-team, ticket: CHG-1234, review: 2026-06-30, expires: 2026-12-31 }',
    '```',
    '',
    'A row past its `expires` day is a finding (`flow-expired`), one past its `review` day another, lower',
    '(`flow-review-due`). "Today" is `--today`, else `FLOWMATRIX_TODAY`, else the clock. See docs/site-files.md.',
    '',
    'A suppressed finding stays in every report, marked, and does not count for `--fail-on`. After `expires` the',
    'suppression hides nothing and is itself a finding (`suppression-expired`); one that matches no finding is a warning.',
    'The zone policy goes to and from CSV with `flowmatrix policy export SITE` / `flowmatrix policy import CSV [--site SITE]`',
    '(columns `From zone, To zone, Severity, Access Type, Services, Comment`); `policy export --from-flows` derives it from the flows.',
    '',
    '## Order and groups',
    '',
    'Findings are ordered by severity, then by exposure: a row from an external zone into an internal one first, then into',
    'the perimeter, then out to external zones, then across an internal firewall, then inside one zone; within each, rows',
    'with an end that is every address (`any`, `0.0.0.0/0`, `::/0`) before those with a wide end (an IPv4 /8 or IPv6 /32 or',
    'more) before the rest. Findings of one rule with one cause on one catalog flow (DNS in cleartext from two servers)',
    'are one group: the text, Markdown and SARIF reports show one entry listing its rows, JUnit one test case per rule',
    'and catalog flow; the JSON report keeps one finding per row, each with its `group` index into `groups`.',
    '',
    'Cleartext is split in two: `cleartext-flow` (high) for protocols that have a secure alternative, and',
    '`cleartext-by-design` (low, info for ICMP) for ICMP, DNS on port 53, NTP and DHCP, whose design has no encryption.',
    'An "any" or very wide end through a firewall is ranked by the trust of the zones it joins (`any-address-across-firewall`,',
    '`broad-exposure`): from the Internet into an internal zone is critical, into the perimeter medium.',
    '',
  ];
  for (const lang of ['en', 'fr'] as const) {
    out.push(`## ${SECTION[lang].title}`, '', SECTION[lang].intro, '');
    for (const id of auditRuleIds) out.push(...ruleSection(auditRules[id], lang));
  }
  return out.join('\n');
}
