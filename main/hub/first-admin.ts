/**
 * First-run setup: a new hub has no accounts, so nobody could log in to create them. The hub
 * prints how to make the first admin (`npm run hub -- --create-admin <username>`, the password
 * from stdin or CLINIC_ADMIN_PASSWORD); once an active admin exists, accounts are made on the
 * admin screens and this is refused.
 */
import { accounts } from '../../db/schema';
import { Username } from '../api/procedures/org-schemas';
import { DomainError } from '../domain/errors';
import { checkPasswordStrength } from '../domain/password';
import { withMasterWriter } from '../station/master';
import { hashPassword, type ScryptParams } from '../station/password';
import type { Station } from '../station/station';
import type { AdminStation } from './admin-station';

export const FIRST_ADMIN_HINT = [
  'no admin account yet: create the first one with',
  '  npm run hub -- --create-admin <username>',
  '(the password is read from stdin, or from CLINIC_ADMIN_PASSWORD; at least 8 characters with a letter and a digit)',
].join('\n');

/** An active account holding the admin role, in this replica. */
export function hasActiveAdmin(station: Station): boolean {
  const rows = station.raw.prepare('SELECT roles FROM accounts WHERE active = 1').all() as { roles: string }[];
  return rows.some((r) => (JSON.parse(r.roles) as string[]).includes('admin'));
}

/** Creates the first admin account and publishes it; refused once an active admin exists. */
export async function createFirstAdmin(
  admin: AdminStation, username: string, password: string, opts: { scrypt?: ScryptParams } = {},
): Promise<string> {
  const parsed = Username.safeParse(username);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', `not a username: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field: 'username' });
  }
  const name = parsed.data;
  checkPasswordStrength(password);
  const { station } = admin;
  await admin.catchUp();
  if (hasActiveAdmin(station)) {
    throw new DomainError('CONFLICT', 'an admin account exists already: make further accounts on the admin screens', { field: 'username' });
  }
  if (station.raw.prepare('SELECT 1 FROM accounts WHERE username = ?').get(name)) {
    throw new DomainError('CONFLICT', `the username ${name} is taken`, { field: 'username' });
  }
  const id = withMasterWriter(station, (w) =>
    w.insert(accounts, { username: name, passwordHash: hashPassword(password, opts.scrypt), roles: ['admin'], staffId: null }));
  await admin.flush();
  return id;
}
