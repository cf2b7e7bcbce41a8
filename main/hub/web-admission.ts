/**
 * Who may log in at the hub's own web host (the admin screens on --web-port): accounts with the
 * admin role only. A workstation's people use their workstation; the hub's web port serves the
 * admin station's whole replica, so nobody else gets a session there. Pure policy.
 */
import type { ErrorBody } from '../domain/errors';
import type { Role } from '../domain/enums';

export function admitAtHubWeb(account: { username: string; roles: readonly Role[] }): ErrorBody | null {
  if (account.roles.includes('admin')) return null;
  return {
    code: 'FORBIDDEN',
    message: `${account.username} is not an admin: the hub's admin screens take admin accounts only; log in at a workstation instead`,
    details: { reason: 'hub_admin_only' },
  };
}
