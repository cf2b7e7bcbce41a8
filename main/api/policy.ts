/** Access policy: pure functions, decided once per request by dispatch. */
import type { Role } from '../domain/enums';
import type { Access } from './define';

export function needsSession(access: Access): boolean {
  return access !== 'public';
}

export function isAllowed(access: Access, roles: readonly Role[]): boolean {
  if (access === 'public' || access === 'any') return true;
  return access.some((r) => roles.includes(r));
}

/** Procedures a locked (idle) session may still call. */
export const CALLABLE_WHILE_LOCKED = new Set(['accounts.unlock', 'accounts.logout', 'accounts.me']);

/**
 * Who sees every person's close of day (any date, every desk, the totals by method): an
 * administrator, or a cashier marked head cashier (the role 'head_cashier', given at the hub like
 * any role). Everyone else sees their own closes only.
 */
export function seesEveryonesDayClose(roles: readonly Role[]): boolean {
  return roles.includes('admin') || roles.includes('head_cashier');
}
