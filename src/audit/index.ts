export { checkPolicy } from '../catalog/validate-policy.js';
export {
  ACCESS_TYPES,
  Policy,
  PolicyEntry,
  parsePolicyService,
  Suppression,
  Suppressions,
} from '../model/site-policy.js';
export { targetNameCapabilities } from './capabilities.js';
export { renderAuditRulesDoc } from './docs.js';
export {
  type AuditFormatId,
  type AuditReport,
  auditFormatIds,
  auditFormats,
  type SourceLocation,
} from './formats/index.js';
export { policyFor, violations } from './policy.js';
export { POLICY_CSV_COLUMNS, parseCsv, policyFromCsv, policyFromMatrix, policyToCsv } from './policy-csv.js';
export { type AuditRuleId, auditRuleIds, auditRules } from './rules/index.js';
export { type AuditedSite, type AuditInput, type AuditResult, auditSite, blocking, runAudit } from './run.js';
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
