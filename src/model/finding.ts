import type { Text } from './text.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** A severity as reports write it, in each language. */
export const SEVERITY_TEXT: Record<Severity, { fr: string; en: string }> = {
  critical: { fr: 'critique', en: 'critical' },
  high: { fr: 'élevée', en: 'high' },
  medium: { fr: 'moyenne', en: 'medium' },
  low: { fr: 'faible', en: 'low' },
  info: { fr: 'info', en: 'info' },
};

/** SARIF 2.1.0 (OASIS), as code-scanning tools read it: the audit's and verify's reports. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';
/** A severity as a SARIF result level. */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

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
