/**
 * Request and response types of the JSON API (docs/api.md). The browser app imports these; the routes return
 * them. Dates travel as ISO 8601 strings.
 */

export type Role = 'viewer' | 'requester' | 'approver' | 'implementer' | 'admin';
export type Locale = 'fr' | 'en';
export type ChangeState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'implemented' | 'verified';

export interface ApiErrorBody {
  error: { code: string; message: string; hint?: string; issues?: unknown[] };
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}
export interface SessionResponse {
  user: SessionUser | null;
  csrfToken: string;
  oidc: boolean;
}
export interface LoginRequest {
  username: string;
  password: string;
}
/** The CSRF token changes at sign-in: use this one from now on. */
export interface LoginResponse {
  user: SessionUser;
  csrfToken: string;
}
export interface MeRequest {
  locale: Locale;
}

export interface Text {
  fr: string;
  en: string;
}
export interface CatalogSummary {
  id: string;
  title: Text;
  version: number;
  flowCount: number;
  builtIn: boolean;
}
export interface VersionEntry {
  version: number;
  at: string;
  by: string;
  message: string;
}

export interface SiteSummary {
  id: number;
  name: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}
export interface Site extends SiteSummary {
  yaml: string;
}
export interface CreateSiteRequest {
  name: string;
  yaml: string;
}
export interface CreateSiteResponse {
  id: number;
  name: string;
  version: number;
}
export interface UpdateSiteRequest {
  yaml: string;
  baseVersion: number;
  message?: string;
}
export interface UpdateSiteResponse {
  version: number;
}
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}
/** 409 on `PUT /api/sites/:id`: someone saved since `baseVersion`; `diff` is base → current, line by line. */
export interface ConflictBody extends ApiErrorBody {
  current: { yaml: string; version: number; updatedBy: string };
  diff: DiffLine[];
}
export interface ValidationIssue {
  line: number;
  col: number;
  /** In English; `fr` holds the French when the check says it (every problem of loading a site does). */
  message: string;
  hint: string;
  severity: 'error' | 'warning';
  code: string;
  fr?: { message: string; hint: string };
}
export interface ValidateRequest {
  yaml: string;
}
export interface ValidateResponse {
  issues: ValidationIssue[];
}

export interface MatrixColumn {
  key: string;
  label: string;
}
export interface MatrixRow {
  /** Index of the line in the whole (unfiltered, unsorted) matrix: stable for a site version. */
  line: number;
  /** The matrix row's stable key (several lines share it: one per service × port range). */
  key: string;
  values: Record<string, string>;
}
export interface MatrixResponse {
  total: number;
  offset: number;
  columns: MatrixColumn[];
  rows: MatrixRow[];
}
export interface SavedView {
  id: number;
  name: string;
  query: string;
  createdAt: string;
  owner: string;
}
export interface CreateViewRequest {
  name: string;
  query: string;
}

export interface ZoneCell {
  from: string;
  to: string;
  /** Matrix lines from → to. */
  rows: number;
  /** Lines the site's zone policy does not allow (0 without a policy). */
  violations: number;
}
export interface ZonesResponse {
  zones: { name: string; cidrs: string[] }[];
  cells: ZoneCell[];
}

export interface TopologyResponse {
  zones: { id: string; name: string; cidrs: string[] }[];
  firewalls: { id: string; name: string; platform: string; zones: string[] }[];
  roles: { id: string; catalog: string; role: string; zone: string | null; hosts: string[] }[];
  hosts: { id: string; name: string; zone: string | null; addresses: string[] }[];
  /** Per flow between two roles: its protocols and ports as the matrix screen says them (`tcp 443`), in its language. */
  edges: { id: string; from: string; to: string; flow: string; catalog: string; ports: string[]; rows: number }[];
}

export interface AuditFinding {
  id: string;
  rule: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  message: string;
  remediation?: string;
  catalog?: string;
  flow?: string;
  row?: string;
  reference?: string;
  suppressed: { justification: string; owner: string; expires: string } | null;
}
export interface AuditResponse {
  findings: AuditFinding[];
  warnings: ValidationIssue[];
}
export interface SuppressionRequest {
  rule?: string;
  flow?: string;
  key?: string;
  justification: string;
  owner: string;
  expires: string;
  baseVersion?: number;
}

/** `GET /api/verify/formats`: a syntax verify reads (the CLI's `--format` word), declared by its target. */
export interface VerifyFormat {
  id: string;
  title: string;
  target?: string;
}

export interface RulesEntry {
  firewall: string;
  target: string;
  /** True for the firewall's own platform (the others are the same rules printed for another target). */
  platform: boolean;
  /** True when `firewall` names the site's outbound proxy (its targets are proxy configurations, e.g. PAC, Squid). */
  proxy?: boolean;
}
/** `POST /api/sites/:id/verify` answers the verify JSON report (`schema: flowmatrix-verify/1`) with the run's id. */
export interface VerifyResponse {
  runId: number;
  schema: 'flowmatrix-verify/1';
  counts: { permitted: number; partial: number; denied: number; indeterminate: number };
  [field: string]: unknown;
}
export interface RulesResponse {
  filename: string;
  text: string;
  findings: AuditFinding[];
}

export interface VerifyRequest {
  firewall: string;
  /** A verify config format id, or `auto`. */
  format: string;
  files: { name: string; text: string }[];
}
export interface RunSummary {
  id: number;
  siteId: number;
  kind: 'verify' | 'probe';
  firewall: string | null;
  siteVersion: number;
  at: string;
  by: string;
}
export interface Run extends RunSummary {
  report: unknown;
}

export interface ChangeSummary {
  id: number;
  siteId: number;
  siteName: string;
  title: string;
  state: ChangeState;
  requester: string;
  createdAt: string;
  updatedAt: string;
}
export interface Change extends ChangeSummary {
  description: string;
  yaml: string;
  baseVersion: number;
  comments: { id: number; author: string; text: string; at: string }[];
  evidence: { id: number; runId: number; kind: 'verify' | 'probe'; by: string; at: string }[];
  transitions: { from: ChangeState; to: ChangeState; by: string; at: string }[];
  /** The states the caller may move it to now. */
  allowed: ChangeState[];
}
export interface CreateChangeRequest {
  siteId: number;
  title: string;
  description: string;
  yaml: string;
}

export interface UserEntry {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
  disabled: boolean;
  oidc: boolean;
  createdAt: string;
}
export interface CreateUserRequest {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
}
export interface UpdateUserRequest {
  role?: Role;
  disabled?: boolean;
}
export interface TokenEntry {
  id: number;
  name: string;
  scope: 'read' | 'write';
  expiresAt: string;
  createdAt: string;
  revoked: boolean;
}
export interface CreateTokenRequest {
  name: string;
  scope: 'read' | 'write';
  /** 1 to 365 days. */
  expiresInDays: number;
}
/** The secret is shown once. */
export interface CreateTokenResponse extends TokenEntry {
  token: string;
}
export interface LogEntry {
  id: string;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}
