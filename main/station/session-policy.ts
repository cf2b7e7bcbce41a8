/**
 * When a session must end, whatever its activity: its account was disabled or removed, its roles
 * changed, or it is older than the clinic's longest session (a shift). Pure: dispatch asks it on
 * every request with the account's row read from this station's replica (a primary-key lookup),
 * and the station asks it for every session when a synced change touches `accounts` and on its
 * sweep timer, so the UI is told at once.
 *
 * Roles changed: the session ends and the person logs in again (UNAUTHENTICATED, reason
 * 'roles_changed'), rather than the session taking the new roles silently: screens, menus and
 * cached data were chosen for the old roles, and a fresh log-in shows exactly what the new ones allow.
 */
import type { SessionEndReason } from '../api/procedures/accounts';
import type { Role } from '../domain/enums';

export interface SessionEnd {
  code: 'UNAUTHENTICATED' | 'ACCOUNT_DISABLED';
  reason: SessionEndReason;
  message: string;
  at: number;
}

/** The account as this station's replica has it now; undefined when the row is gone. */
export interface AccountStanding {
  active: boolean;
  roles: readonly Role[];
}

export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((r) => set.has(r));
}

/** The session's end time: its start plus the longest session. */
export function sessionEndsAt(createdAt: number, maxSessionMs: number): number {
  return createdAt + maxSessionMs;
}

export function sessionEnd(
  session: { createdAt: number; roles: readonly Role[] },
  standing: AccountStanding | undefined,
  now: number,
  maxSessionMs: number,
): SessionEnd | null {
  if (!standing || !standing.active) {
    return { code: 'ACCOUNT_DISABLED', reason: 'account_disabled', message: 'this account has been disabled', at: now };
  }
  if (!sameRoles(session.roles, standing.roles)) {
    return { code: 'UNAUTHENTICATED', reason: 'roles_changed', message: "this account's roles have changed; log in again", at: now };
  }
  if (now >= sessionEndsAt(session.createdAt, maxSessionMs)) {
    return { code: 'UNAUTHENTICATED', reason: 'session_expired', message: 'the session has reached its longest time; log in again', at: now };
  }
  return null;
}
