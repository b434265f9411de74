import type { Catalog } from '../model/catalog.js';
import { type Finding, severityRank } from '../model/finding.js';
import type { Issue } from '../model/issues.js';
import type { Matrix, MatrixRow } from '../model/matrix.js';
import type { Site } from '../model/site.js';
import type { PolicyEntry, Suppression } from '../model/site-policy.js';
import { colon, frenchSpaces, type Text } from '../model/text.js';
import { targetNameCapabilities } from './capabilities.js';
import { exposureRank } from './exposure.js';
import { rowName } from './rows.js';
import { type AuditRuleId, auditRuleIds, auditRules } from './rules/index.js';
import { applySuppressions } from './suppressions.js';
import {
  type AuditContext,
  type AuditFinding,
  type AuditOptions,
  type AuditRule,
  DEFAULT_AUDIT_OPTIONS,
  type NameCapabilities,
} from './types.js';

export interface AuditInput {
  readonly matrix: Matrix;
  readonly catalogs: readonly Catalog[];
  readonly policy?: readonly PolicyEntry[];
  readonly suppressions?: readonly Suppression[];
  /** `YYYY-MM-DD`: the caller's clock. */
  readonly today: string;
  readonly options?: Partial<AuditOptions>;
  /** Default: the target registry (src/targets). */
  readonly capabilitiesOf?: (platform: string) => NameCapabilities | undefined;
  /** Only these rules (default: all). */
  readonly rules?: readonly AuditRuleId[];
}

export interface AuditResult {
  /**
   * Sorted: severity (highest first), then exposure (from the Internet inwards first, broad ends first), then
   * rule, catalog, flow, key. Suppressed ones included, marked. Reports group them (formats/groups.ts).
   */
  readonly findings: AuditFinding[];
  /** Suppressions matching nothing. */
  readonly warnings: Issue[];
  /** Rules that ran (catalog mode skips site rules), for reports that list what was checked. */
  readonly rules: AuditRuleId[];
}

/** Pure: same input, same findings. No clock, no file system. */
export function runAudit(input: AuditInput): AuditResult {
  const ctx: AuditContext = {
    matrix: input.matrix,
    catalogs: input.catalogs,
    policy: input.policy ?? [],
    suppressions: input.suppressions ?? [],
    today: input.today,
    options: { ...DEFAULT_AUDIT_OPTIONS, ...input.options },
    capabilitiesOf: input.capabilitiesOf ?? targetNameCapabilities,
  };
  const ids = (input.rules ?? auditRuleIds).filter(
    (id) => input.matrix.mode === 'site' || auditRules[id].needs === 'catalog',
  );
  const raw = ids.flatMap((id) => findingsOf(auditRules[id], ctx));
  const { findings, warnings } = applySuppressions(dedupe(raw), ctx.suppressions, ctx.today);
  return { findings: findings.sort(byImportance), warnings, rules: ids };
}

function findingsOf(rule: AuditRule, ctx: AuditContext): AuditFinding[] {
  return rule.check(ctx).map((hit) => findingOf(rule, ctx, { ...hit, message: spaced(hit.message) }));
}

/** French messages get their no-break spaces here, once for every rule (`frenchSpaces`). */
const spaced = (t: Text): Text => ({ fr: frenchSpaces(t.fr), en: t.en });

function findingOf(rule: AuditRule, ctx: AuditContext, hit: ReturnType<AuditRule['check']>[number]): AuditFinding {
  return {
    rule: rule.id,
    severity: hit.severity ?? rule.severity,
    ...(hit.row
      ? {
          catalog: hit.row.catalog,
          flow: hit.row.flow,
          ref: hit.row.ref,
          key: hit.row.key,
          between: `${hit.row.source.role} → ${hit.row.destination.role}`,
          exposure: exposureRank(ctx.matrix, hit.row),
          cause: causeOf(hit.message, hit.row),
        }
      : {}),
    message: hit.message,
    messageId: hit.messageId,
    ...(hit.data ? { data: hit.data } : {}),
    ...(hit.sitePath ? { sitePath: hit.sitePath } : {}),
    remediation: spaced(rule.remediation),
    ...(rule.references[0] ? { reference: rule.references.join('; ') } : {}),
  };
}

/** Rules start a row's message with its name (`rowName`): the rest is the cause, the same for each row. */
function causeOf(message: Text, row: MatrixRow): Text {
  const strip = (text: string, prefix: string): string => (text.startsWith(prefix) ? text.slice(prefix.length) : text);
  return {
    fr: strip(message.fr, `${rowName(row, 'fr')}${colon('fr')} `),
    en: strip(message.en, `${rowName(row, 'en')}: `),
  };
}

/** The same message twice on one row (two legs saying the same) is one finding. */
function dedupe(findings: readonly AuditFinding[]): AuditFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.rule}|${f.key ?? ''}|${f.message.en}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const byImportance = (a: AuditFinding, b: AuditFinding): number =>
  severityRank(b.severity) - severityRank(a.severity) ||
  (b.exposure ?? -1) - (a.exposure ?? -1) ||
  a.rule.localeCompare(b.rule) ||
  (a.catalog ?? '').localeCompare(b.catalog ?? '') ||
  (a.flow ?? '').localeCompare(b.flow ?? '') ||
  (a.key ?? '').localeCompare(b.key ?? '') ||
  a.message.en.localeCompare(b.message.en);

/** A resolved site with what it says about the audit (its `policy:` and `suppressions:`). */
export interface AuditedSite {
  readonly matrix: Matrix;
  readonly site: Pick<Site, 'policy' | 'suppressions'>;
  readonly catalogs: ReadonlyMap<string, Catalog>;
}

/** The audit `flowmatrix audit SITE` runs, and the findings site documents (XLSX, HTML) show. */
export function auditSite(
  loaded: AuditedSite,
  today: string,
  choices: Pick<AuditInput, 'options' | 'rules'> = {},
): AuditResult {
  return runAudit({
    matrix: loaded.matrix,
    catalogs: [...loaded.catalogs.values()],
    policy: loaded.site.policy ?? [],
    suppressions: loaded.site.suppressions ?? [],
    today,
    ...choices,
  });
}

/** Unsuppressed findings at or above `level`: what `--fail-on` counts. */
export const blocking = (findings: readonly Finding[], level: Finding['severity']): Finding[] =>
  findings.filter((f) => !f.suppressed && severityRank(f.severity) >= severityRank(level));
