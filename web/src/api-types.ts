/**
 * The API's request and response shapes (WEB-BRIEF contract). Mirrored here until `src/server/api-types.ts` exists;
 * then this file re-exports from there.
 */
export type Locale = 'fr' | 'en';
export type Role = 'viewer' | 'requester' | 'approver' | 'implementer' | 'admin';
export interface Text {
  fr?: string;
  en?: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}
export interface Session {
  user: SessionUser | null;
  csrfToken: string;
  oidc: boolean;
}

export interface ApiIssue {
  line: number;
  col: number;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
  path?: string;
}
export interface ApiErrorBody {
  error: { code: string; message: string; hint?: string; issues?: ApiIssue[] };
  [extra: string]: unknown;
}

export interface CatalogSummary {
  id: string;
  title: Text;
  version: number;
  flowCount: number;
  builtIn: boolean;
}

export interface SiteSummary {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}
export interface SiteDoc extends SiteSummary {
  yaml: string;
}
export interface SiteConflict extends ApiErrorBody {
  current: { yaml: string; version: number; updatedBy: string };
  diff: unknown;
}

export interface MatrixColumn {
  key: string;
  label: string;
}
export interface MatrixPage {
  total: number;
  columns: MatrixColumn[];
  rows: Record<string, unknown>[];
}
export interface SavedView {
  id: string;
  name: string;
  query: string;
}

export interface ZoneCell {
  from: string;
  to: string;
  rows: number;
  violations: number;
}
export interface ZonesReport {
  zones: (string | { id: string; title?: Text; kind?: string })[];
  cells: ZoneCell[];
}

export interface Topology {
  zones: { id: string; title?: Text; kind?: string }[];
  firewalls: { id: string; name?: string; platform?: string; zones: string[] }[];
  roles: { id: string; zone?: string; title?: Text; catalog?: string }[];
  hosts: { id: string; zone?: string; address?: string | string[] }[];
  edges: { id?: string; from: string; to: string; flow?: string; label?: string; services?: string; rows?: number }[];
}
