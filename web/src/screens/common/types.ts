/**
 * The API shapes these screens read, as the web brief's contract states them (mirrored until the server's
 * src/server/api-types.ts is merged). Texts may arrive in both languages or already picked: see textOf.
 */

export type Lang = 'fr' | 'en';
export type Localized = string | { readonly fr?: string; readonly en?: string };
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export type Role = 'viewer' | 'requester' | 'approver' | 'implementer' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'requester', 'approver', 'implementer', 'admin'];

export interface SessionUser {
  readonly id: string | number;
  readonly username: string;
  readonly displayName?: string;
  readonly role: Role;
  readonly locale?: Lang;
}

export interface SiteSummary {
  readonly id: string | number;
  readonly name: string;
  readonly version: number;
}

export interface AuditFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: Localized;
  readonly remediation?: Localized | null;
  readonly catalog?: string | null;
  readonly flow?: string | null;
  readonly ref?: string | null;
  readonly key?: string | null;
  readonly row?: { readonly key?: string; readonly zones?: readonly string[] } | string | null;
  readonly zones?: readonly string[];
  readonly suppressed?: { readonly justification: string; readonly owner: string; readonly expires: string } | null;
}

export interface RulesEntry {
  readonly firewall: string;
  readonly target: string;
}

export interface RulesText {
  readonly filename: string;
  readonly text: string;
  readonly findings: readonly AuditFinding[];
}

export interface ConfigLocation {
  readonly file?: string;
  readonly line?: number;
  readonly text?: string;
  readonly chain: string;
  readonly index: number;
}

export type RowVerdict = 'permitted' | 'denied' | 'partial' | 'indeterminate';

export interface VerifyItem {
  readonly kind: 'row' | 'shadowed' | 'beyond-matrix' | 'unused' | 'any-to-any';
  readonly severity: Severity;
  readonly message: Localized;
  readonly row?: { readonly key: string; readonly catalog: string; readonly flow: string; readonly ref: string };
  readonly verdict?: RowVerdict;
  readonly locations: readonly ConfigLocation[];
  readonly details: readonly Localized[];
}

export interface VerifyReport {
  readonly site: string;
  readonly firewall: string;
  readonly format: string;
  readonly config: readonly string[];
  readonly items: readonly VerifyItem[];
  readonly counts: Readonly<Record<RowVerdict, number>>;
}

export type ProbeStatus = 'PASS' | 'FAIL' | 'WARN' | 'INCONCLUSIVE' | 'UNTESTABLE' | 'SKIPPED';

export interface ProbeResult {
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  readonly port?: number;
  readonly status: ProbeStatus;
  readonly summary: Localized;
  readonly evidence: readonly { readonly label: string; readonly value: string }[];
  readonly error?: string;
}

export interface ProbeReport {
  readonly tool: 'flowmatrix';
  readonly version: 1;
  readonly site: string;
  readonly source: string;
  readonly startedAt: string;
  readonly probes: readonly { readonly id: string; readonly title: Localized }[];
  readonly results: readonly ProbeResult[];
}

export interface Run {
  readonly id: string | number;
  readonly siteId?: string | number;
  readonly kind: 'verify' | 'probe';
  readonly at?: string;
  readonly by?: string;
  readonly firewall?: string;
  readonly summary?: string;
  readonly report?: VerifyReport | ProbeReport;
}

export interface VersionEntry {
  readonly version: number;
  readonly at: string;
  readonly by: string;
  readonly message?: string | null;
}

export interface DiffFieldChange {
  readonly field: string;
  readonly before: Localized;
  readonly after: Localized;
  readonly added?: string;
  readonly removed?: string;
}

export interface DiffChange {
  readonly key: string;
  readonly classes: readonly string[];
  readonly catalog: string;
  readonly flow: string;
  readonly ref: string;
  readonly source: string;
  readonly destination: string;
  readonly fields: readonly DiffFieldChange[];
}

export interface DiffJson {
  readonly counts: Readonly<Record<string, number>>;
  readonly unchanged: number;
  readonly changes: readonly DiffChange[];
}

export type ChangeState = 'draft' | 'submitted' | 'approved' | 'implemented' | 'verified' | 'rejected';
export const CHANGE_STATES: readonly ChangeState[] = [
  'draft',
  'submitted',
  'approved',
  'implemented',
  'verified',
  'rejected',
];

export interface ChangeSummary {
  readonly id: string | number;
  readonly siteId: string | number;
  readonly title: string;
  readonly state: ChangeState;
  readonly requester?: string;
  readonly requesterId?: string | number;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface ChangeDetail extends ChangeSummary {
  readonly description?: string;
  readonly yaml?: string;
  readonly baseVersion?: number;
  readonly comments: readonly {
    readonly id?: string | number;
    readonly by: string;
    readonly at: string;
    readonly text: string;
  }[];
  readonly evidence: readonly {
    readonly runId: string | number;
    readonly kind?: string;
    readonly summary?: string;
    readonly at?: string;
  }[];
  readonly transitions: readonly {
    readonly from?: ChangeState | null;
    readonly to: ChangeState;
    readonly by: string;
    readonly at: string;
  }[];
}

export interface UserEntry {
  readonly id: string | number;
  readonly username: string;
  readonly displayName?: string;
  readonly role: Role;
  readonly disabled?: boolean;
}

export interface TokenEntry {
  readonly id: string | number;
  readonly name: string;
  readonly scope: 'read' | 'write';
  readonly expiresAt: string;
  readonly createdAt?: string;
  readonly lastUsedAt?: string | null;
}

export interface LogEntry {
  readonly id: string | number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId?: string | number | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** A text in the user's language, whichever shape it arrived in. */
export function textOf(v: Localized | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return v[lang] ?? v[lang === 'fr' ? 'en' : 'fr'] ?? '';
}
