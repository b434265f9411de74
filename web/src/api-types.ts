/** The API's request and response shapes: the server's own (src/server/api-types.ts), so both sides stay in step. */
import type { ConflictBody, ValidationIssue } from '../../src/server/api-types.ts';

export type * from '../../src/server/api-types.ts';
export type ApiIssue = Omit<ValidationIssue, 'hint' | 'code'> & { hint?: string; code?: string };
export type SiteConflict = ConflictBody;
