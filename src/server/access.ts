import type { Role } from '../store/schema.js';

/**
 * Who may call what: every route of the API, once, with the roles allowed. The server refuses a route that is not
 * in this table (fail closed), and test/server/access.test.ts walks it role by role.
 *
 * `public`: anyone, signed in or not. Other entries list roles; `admin` may do everything.
 */
export type Access = 'public' | readonly Role[];

const READ: readonly Role[] = ['viewer', 'requester', 'approver', 'implementer', 'admin'];
const EDIT: readonly Role[] = ['requester', 'approver', 'implementer', 'admin'];
const RUN: readonly Role[] = ['implementer', 'admin'];
const AUDITORS: readonly Role[] = ['approver', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

export const ACCESS = {
  'GET /api/session': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'PATCH /api/me': READ,

  'GET /api/catalogs': READ,
  'GET /api/catalogs/:id': READ,
  'GET /api/catalogs/:id/versions': READ,
  'GET /api/catalogs/:id/versions/:v': READ,
  'GET /api/catalogs/:id/diff': READ,

  'GET /api/sites': READ,
  'POST /api/sites': EDIT,
  'GET /api/sites/:id': READ,
  'PUT /api/sites/:id': EDIT,
  'DELETE /api/sites/:id': ADMIN,
  'POST /api/sites/:id/validate': READ,
  'POST /api/validate': READ,

  'GET /api/sites/:id/matrix': READ,
  'GET /api/sites/:id/matrix/export': READ,
  'GET /api/sites/:id/views': READ,
  'POST /api/sites/:id/views': READ,
  'DELETE /api/sites/:id/views/:viewId': READ,
  'GET /api/sites/:id/zones': READ,
  'GET /api/sites/:id/topology': READ,

  'GET /api/sites/:id/audit': READ,
  'POST /api/sites/:id/suppressions': EDIT,

  'GET /api/sites/:id/rules': READ,
  'GET /api/sites/:id/rules/:firewall/:target': READ,
  'GET /api/sites/:id/rules/:firewall/:target/download': READ,

  'GET /api/verify/formats': READ,
  'POST /api/sites/:id/verify': RUN,
  'POST /api/sites/:id/probe-reports': RUN,
  'GET /api/sites/:id/runs': READ,
  'GET /api/runs/:id': READ,

  'GET /api/sites/:id/versions': READ,
  'GET /api/sites/:id/versions/:v': READ,
  'GET /api/sites/:id/diff': READ,

  'GET /api/changes': READ,
  'POST /api/changes': EDIT,
  'GET /api/changes/:id': READ,
  // Which transition a role may make is decided per state (changes-flow.ts); this says who may ask at all.
  'POST /api/changes/:id/transition': EDIT,
  'POST /api/changes/:id/comments': READ,
  'POST /api/changes/:id/evidence': RUN,

  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'GET /api/tokens': READ,
  'POST /api/tokens': READ,
  'DELETE /api/tokens/:id': READ,
  'GET /api/log': AUDITORS,
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ACCESS;

export const allows = (access: Access, role: Role | undefined): boolean =>
  access === 'public' || (role !== undefined && access.includes(role));
