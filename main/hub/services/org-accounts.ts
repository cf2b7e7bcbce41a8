/**
 * Accounts administered at the hub: create, roles, linked person, password reset, disable/enable.
 * Never reads out a password hash. Guards: a username is unique; the clinic always keeps one
 * active admin account (LAST_ADMIN); an admin may neither disable their own account nor take
 * the admin role from it (OWN_ACCOUNT); a linked person must not have left (STAFF_LEFT) nor be
 * linked to another active account (ALREADY_EXISTS {field: 'staffId'}).
 *
 * There is no "must change the password at next log-in" flag in the accounts table, so a reset
 * sets the new password and nothing more (the person may change it with accounts.changePassword).
 * Sessions open at other stations are theirs; a disabled account cannot log in again anywhere
 * its row has replicated to.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AccountAdminView } from '../../api/procedures/org-schemas';
import type { Role } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { checkPasswordStrength } from '../../domain/password';
import { accounts, loginFailures, staff } from '../../../db/schema';
import { accountOf, type RequestContext } from '../../station/context';
import { preparedHash } from '../../station/step-up';
import { loadStaff } from './org-staff';

type AccountRow = typeof accounts.$inferSelect;

const accountColumns = {
  id: accounts.id, username: accounts.username, roles: accounts.roles, staffId: accounts.staffId, staffName: staff.name,
  active: accounts.active, createdAt: accounts.createdAt, updatedAt: accounts.updatedAt,
};

export function listAccounts(ctx: RequestContext): z.input<typeof AccountAdminView>[] {
  return ctx.db.select(accountColumns).from(accounts).leftJoin(staff, eq(staff.id, accounts.staffId)).orderBy(asc(accounts.username)).all();
}

export function accountView(ctx: RequestContext, id: string): z.input<typeof AccountAdminView> {
  const row = ctx.db.select(accountColumns).from(accounts).leftJoin(staff, eq(staff.id, accounts.staffId)).where(eq(accounts.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such account', { field: 'id', entity: 'account', id });
  return row;
}

function loadAccount(ctx: RequestContext, id: string): AccountRow {
  const row = ctx.db.select().from(accounts).where(eq(accounts.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such account', { field: 'id', entity: 'account', id });
  return row;
}

/** Each role once, in the order given. */
const uniqueRoles = (roles: Role[]): Role[] => [...new Set(roles)];

/** Active accounts holding the admin role, other than `exceptId`. */
function otherActiveAdmins(ctx: RequestContext, exceptId: string): number {
  const row = ctx.db.select({ n: sql<number>`count(*)` }).from(accounts).where(and(
    eq(accounts.active, true), ne(accounts.id, exceptId),
    sql`EXISTS (SELECT 1 FROM json_each(${accounts.roles}) WHERE json_each.value = 'admin')`,
  )).get();
  return row?.n ?? 0;
}

/** The person an account is to be linked to: exists, has not left, no other active account holds them. */
function checkLink(ctx: RequestContext, staffId: string, selfId: string | null): void {
  const person = loadStaff(ctx, staffId, 'staffId');
  if (person.status === 'left') throw new DomainError('STAFF_LEFT', `${person.name} has left`, { field: 'staffId', staffId });
  const other = ctx.db.select({ id: accounts.id, username: accounts.username }).from(accounts)
    .where(and(eq(accounts.staffId, staffId), eq(accounts.active, true), selfId ? ne(accounts.id, selfId) : undefined)).get();
  if (other) {
    throw new DomainError('ALREADY_EXISTS', `${person.name} already has the account ${other.username}`, {
      field: 'staffId', reason: 'staff_has_account', accountId: other.id, username: other.username,
    });
  }
}

export function createAccount(ctx: RequestContext, input: { username: string; roles: Role[]; password: string; staffId: string | null }): string {
  const taken = ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username)).get();
  if (taken) throw new DomainError('ALREADY_EXISTS', `the username ${input.username} is taken`, { field: 'username', value: input.username, id: taken.id });
  if (input.staffId !== null) checkLink(ctx, input.staffId, null);
  checkNewPassword(input.password);
  const id = ctx.write.insert(accounts, {
    username: input.username, passwordHash: preparedHash(ctx.prepared), roles: uniqueRoles(input.roles), staffId: input.staffId, active: true,
  });
  ctx.audit('create', 'accounts', id, null);
  return id;
}

/** The password policy, with the field named for the form. */
function checkNewPassword(password: string): void {
  try {
    checkPasswordStrength(password);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError(err.code, err.message, { ...err.details, field: 'password' });
    throw err;
  }
}

export function updateAccount(ctx: RequestContext, id: string, patch: { roles?: Role[] | undefined; staffId?: string | null | undefined }): void {
  const acc = loadAccount(ctx, id);
  const changes: { roles?: Role[]; staffId?: string | null } = {};
  if (patch.roles !== undefined) {
    const roles = uniqueRoles(patch.roles);
    const losesAdmin = acc.roles.includes('admin') && !roles.includes('admin');
    if (losesAdmin && id === accountOf(ctx).id) {
      throw new DomainError('OWN_ACCOUNT', 'you cannot remove the admin role from your own account', { field: 'roles', reason: 'remove_own_admin' });
    }
    if (losesAdmin && acc.active && otherActiveAdmins(ctx, id) === 0) {
      throw new DomainError('LAST_ADMIN', 'the last active admin account keeps the admin role', { field: 'roles', id });
    }
    if (roles.length !== acc.roles.length || roles.some((r, i) => r !== acc.roles[i])) changes.roles = roles;
  }
  if (patch.staffId !== undefined && patch.staffId !== acc.staffId) {
    if (patch.staffId !== null && acc.active) checkLink(ctx, patch.staffId, id);
    if (patch.staffId !== null && !acc.active) loadStaff(ctx, patch.staffId, 'staffId');
    changes.staffId = patch.staffId;
  }
  if (Object.keys(changes).length === 0) return;
  ctx.write.update(accounts, id, changes);
  ctx.audit('update', 'accounts', id, null);
}

export function resetPassword(ctx: RequestContext, id: string, password: string): void {
  const acc = loadAccount(ctx, id);
  checkNewPassword(password);
  ctx.write.update(accounts, id, { passwordHash: preparedHash(ctx.prepared) });
  // This station's lock-out for the name (local, not replicated) ends with the reset.
  ctx.db.delete(loginFailures).where(eq(loginFailures.username, acc.username)).run();
  ctx.throttle.forget(acc.username);
  ctx.audit('update', 'accounts', id, null);
}

export function setAccountActive(ctx: RequestContext, id: string, active: boolean): void {
  const acc = loadAccount(ctx, id);
  if (acc.active === active) return;
  if (!active) {
    if (id === accountOf(ctx).id) throw new DomainError('OWN_ACCOUNT', 'you cannot disable your own account', { field: 'active', reason: 'disable_own' });
    if (acc.roles.includes('admin') && otherActiveAdmins(ctx, id) === 0) {
      throw new DomainError('LAST_ADMIN', 'the last active admin account cannot be disabled', { field: 'active', id });
    }
  } else if (acc.staffId !== null) {
    checkLink(ctx, acc.staffId, id);
  }
  ctx.write.update(accounts, id, { active });
  ctx.audit('update', 'accounts', id, null);
}
