import type { ChangeState, Role } from '../store/schema.js';

/**
 * The life of a change request: draft → submitted → approved → implemented → verified, or rejected once
 * submitted. Each move names the roles that may make it; `notRequester` moves are refused to the change's own
 * requester whatever their role (nobody approves their own request).
 */
interface Move {
  readonly from: ChangeState;
  readonly to: ChangeState;
  readonly roles: readonly Role[];
  readonly notRequester?: true;
  readonly ownerOnly?: true;
}

export const MOVES: readonly Move[] = [
  { from: 'draft', to: 'submitted', roles: ['requester', 'approver', 'implementer', 'admin'], ownerOnly: true },
  { from: 'submitted', to: 'draft', roles: ['requester', 'approver', 'implementer', 'admin'], ownerOnly: true },
  { from: 'submitted', to: 'approved', roles: ['approver', 'admin'], notRequester: true },
  { from: 'submitted', to: 'rejected', roles: ['approver', 'admin'], notRequester: true },
  { from: 'approved', to: 'implemented', roles: ['implementer', 'admin'] },
  { from: 'implemented', to: 'verified', roles: ['implementer', 'admin'] },
];

export type MoveCheck = { ok: true } | { ok: false; reason: string };

export function checkMove(
  change: { state: ChangeState; requesterId: number },
  to: ChangeState,
  user: { id: number; role: Role },
): MoveCheck {
  const move = MOVES.find((m) => m.from === change.state && m.to === to);
  if (!move)
    return {
      ok: false,
      reason: `a change request goes from ${change.state} to ${allowedFrom(change.state).join(' or ') || 'nowhere'}, not ${to}`,
    };
  const own = change.requesterId === user.id;
  if (move.notRequester && own) return { ok: false, reason: 'nobody approves or rejects their own change request' };
  if (move.ownerOnly && !own && user.role !== 'admin')
    return { ok: false, reason: 'only its requester moves a change request to and from draft' };
  if (!move.roles.includes(user.role))
    return { ok: false, reason: `the role "${user.role}" may not move a change request to ${to}` };
  return { ok: true };
}

const allowedFrom = (state: ChangeState): ChangeState[] => MOVES.filter((m) => m.from === state).map((m) => m.to);

/** The states this user may move this change to now. */
export const allowedMoves = (change: { state: ChangeState; requesterId: number }, user: { id: number; role: Role }) =>
  allowedFrom(change.state).filter((to) => checkMove(change, to, user).ok);
