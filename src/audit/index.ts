export { parsePolicyService, policyFor, violations } from './policy.js';
export { type AuditRuleId, auditRuleIds, auditRules } from './rules/index.js';
export { type AuditInput, type AuditResult, blocking, runAudit } from './run.js';
export { ACCESS_TYPES, Policy, PolicyEntry, Suppression, Suppressions } from './schemas.js';
export { applySuppressions, suppressionMatches } from './suppressions.js';
export {
  type AuditContext,
  type AuditOptions,
  type AuditRule,
  DEFAULT_AUDIT_OPTIONS,
  defineAuditRule,
  type NameCapabilities,
  type RuleHit,
} from './types.js';
