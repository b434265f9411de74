import type { Text } from './text.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/**
 * An audit or target finding about a matrix row (or the whole site when `key` is absent).
 * Produced by src/audit (rules) and by targets (rows a platform cannot express).
 */
export interface Finding {
  /** Rule id (`cleartext-flow`) or `target:<id>:<reason>` for target findings. */
  readonly rule: string;
  readonly severity: Severity;
  readonly catalog?: string;
  readonly flow?: string;
  readonly ref?: string;
  /** Matrix row key. */
  readonly key?: string;
  /** The firewall a target finding is about (a run over several firewalls reports each apart). */
  readonly firewall?: string;
  readonly message: Text;
  readonly remediation?: Text;
  /** Standard or source reference (`NIST SP 800-41r1 §4`, `seed 003 Notes`). */
  readonly reference?: string;
  /** Set when a suppression in the site covers it. */
  readonly suppressed?: { readonly justification: string; readonly owner: string; readonly expires: string };
}
