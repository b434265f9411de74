/**
 * The API shapes these screens read, as the web brief's contract states them (mirrored until the server's
 * src/server/api-types.ts is merged). Texts may arrive in both languages or already picked: see textOf.
 */

export type Lang = 'fr' | 'en';
export type Localized = string | { readonly fr?: string; readonly en?: string };
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export type Role = Api.Role;
export const ROLES: readonly Role[] = ['viewer', 'requester', 'approver', 'implementer', 'admin'];

export type { SessionUser } from '../../api-types.ts';

import type * as Api from '../../../../src/server/api-types.ts';

/** A finding as the audit route sends it; the zones of its row when the server adds them (else from the matrix). */
export type AuditFinding = Api.AuditFinding & {
  readonly key?: string;
  readonly ref?: string;
  readonly zones?: readonly string[];
  readonly zoneFrom?: string;
  readonly zoneTo?: string;
};
export type RulesEntry = Api.RulesEntry;
export type VerifyFormat = Api.VerifyFormat;
export type RulesText = Api.RulesResponse;

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

export type RunSummary = Api.RunSummary;
export type Run = Api.Run;
export type VersionEntry = Api.VersionEntry;

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

export type ChangeState = Api.ChangeState;
export const CHANGE_STATES: readonly ChangeState[] = [
  'draft',
  'submitted',
  'approved',
  'implemented',
  'verified',
  'rejected',
];

export type ChangeSummary = Api.ChangeSummary;
export type ChangeDetail = Api.Change;
export type UserEntry = Api.UserEntry;
export type TokenEntry = Api.TokenEntry;
export type CreatedToken = Api.CreateTokenResponse;
export type LogEntry = Api.LogEntry;

/** A text in the user's language, whichever shape it arrived in. */
export function textOf(v: Localized | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return v[lang] ?? v[lang === 'fr' ? 'en' : 'fr'] ?? '';
}
