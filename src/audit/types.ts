import type { Catalog } from '../model/catalog.js';
import type { Finding, Severity } from '../model/finding.js';
import type { YamlPath } from '../model/issues.js';
import type { Matrix, MatrixRow } from '../model/matrix.js';
import type { PolicyEntry, Suppression } from '../model/site-policy.js';
import type { Text } from '../model/text.js';

/** What a platform can do with names, as far as the audit needs to know (from src/targets capabilities). */
export interface NameCapabilities {
  readonly fqdn: boolean;
  readonly wildcardFqdn: boolean;
}

export interface AuditOptions {
  /** A port range wider than this many ports through a firewall is a finding. */
  readonly maxPortRange: number;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = { maxPortRange: 1024 };

/** Everything a rule may look at. Plain values: no clock, no file system. */
export interface AuditContext {
  readonly matrix: Matrix;
  /** The catalogs behind the matrix (constraints live there, not in the matrix). */
  readonly catalogs: readonly Catalog[];
  readonly policy: readonly PolicyEntry[];
  readonly suppressions: readonly Suppression[];
  /** The day the audit is for, `YYYY-MM-DD`: given by the caller (the CLI passes the clock), never read here. */
  readonly today: string;
  readonly options: AuditOptions;
  /** Name capabilities of a firewall platform; undefined when the platform is not a known target. */
  readonly capabilitiesOf: (platform: string) => NameCapabilities | undefined;
}

/** One thing a rule found: about a row (most), or about the whole site. */
export interface RuleHit {
  readonly row?: MatrixRow;
  /** Which of the rule's messages. */
  readonly messageId: string;
  readonly message: Text;
  /** Overrides the rule's default severity (e.g. "not stated" is lower than "too old"). */
  readonly severity?: Severity;
  /** Values the message was built from, for tests and JSON (assert these, not prose). */
  readonly data?: Readonly<Record<string, string | number>>;
  /** For findings about the site file itself (a suppression): where in it. */
  readonly sitePath?: YamlPath;
}

/** A finding as the audit returns it: the model's Finding plus what reports use to place and explain it. */
export interface AuditFinding extends Finding {
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly sitePath?: YamlPath;
  /** The message without the row's name: findings of one rule, flow and cause are grouped by it. */
  readonly cause?: Text;
  /** `source-role → destination-role` of the row, to list the rows of a group. */
  readonly between?: string;
  /** How exposed the row is (higher first within a severity): see exposureRank. */
  readonly exposure?: number;
}

export type RuleCategory = 'encryption' | 'authentication' | 'exposure' | 'filtering' | 'support' | 'documentation';

export interface AuditRule {
  /** Equal to the file name under src/audit/rules/ and the registry key. */
  readonly id: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** `site`: needs zones and firewalls, does nothing when a catalog is audited alone. */
  readonly needs: 'catalog' | 'site';
  /** `site`: findings are about the site file (not rows); reports do not list one case per row. */
  readonly scope?: 'rows' | 'site';
  readonly title: Text;
  readonly rationale: Text;
  readonly remediation: Text;
  /** Standards and source documents (`NIST SP 800-41r1 §4.1`, `seed 003 Notes`). */
  readonly references: readonly string[];
  readonly check: (ctx: AuditContext) => readonly RuleHit[];
}

/** Identity helper: checks the shape and keeps the literal type. */
export const defineAuditRule = <R extends AuditRule>(rule: R): R => rule;

export type { Finding, MatrixRow };
