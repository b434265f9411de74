export { targetNameCapabilities } from './capabilities.js';
export { renderAuditRulesDoc } from './docs.js';
export {
  type AuditFormatId,
  type AuditReport,
  auditFormatIds,
  auditFormats,
  type SourceLocation,
} from './formats/index.js';
export { checkPolicy, parsePolicyService, policyFor, violations } from './policy.js';
export { POLICY_CSV_COLUMNS, parseCsv, policyFromCsv, policyFromMatrix, policyToCsv } from './policy-csv.js';
export { type AuditRuleId, auditRuleIds, auditRules } from './rules/index.js';
export { type AuditedSite, type AuditInput, type AuditResult, auditSite, blocking, runAudit } from './run.js';
export { ACCESS_TYPES, Policy, PolicyEntry, Suppression, Suppressions } from './schemas.js';
export { applySuppressions, suppressionMatches } from './suppressions.js';
export {
  type AuditContext,
  type AuditFinding,
  type AuditOptions,
  type AuditRule,
  DEFAULT_AUDIT_OPTIONS,
  defineAuditRule,
  type NameCapabilities,
  type RuleHit,
} from './types.js';
