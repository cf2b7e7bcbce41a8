/** Log in/out, lock-out after repeated failures, idle lock, password change. */
import { eq } from 'drizzle-orm';
import type { accountProcedures } from '../../api/procedures/accounts';
import { DomainError } from '../../domain/errors';
import { checkPasswordStrength } from '../../domain/password';
import { accounts, loginFailures, staff } from '../../../db/schema';
import { accountOf, type Account, type RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { hashPassword, verifyPassword } from '../password';

function currentSession(ctx: RequestContext) {
  const s = ctx.sessions.get(ctx.sessionToken, ctx.now());
  if (!s) throw new DomainError('UNAUTHENTICATED', 'log in first');
  return s;
}

function recordFailure(ctx: RequestContext, username: string): void {
  const now = ctx.now();
  const prev = ctx.db.select().from(loginFailures).where(eq(loginFailures.username, username)).get();
  const count = (prev && (prev.lockedUntil ?? 0) <= now && prev.count >= ctx.settings.maxLoginFailures ? 0 : prev?.count ?? 0) + 1;
  const lockedUntil = count >= ctx.settings.maxLoginFailures ? now + ctx.settings.loginLockMs : null;
  ctx.db.insert(loginFailures).values({ username, count, lockedUntil, lastAt: now })
    .onConflictDoUpdate({ target: loginFailures.username, set: { count, lockedUntil, lastAt: now } }).run();
}

function sessionInfo(ctx: RequestContext, token: string, account: Account) {
  return {
    token,
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    staffId: account.staffId,
    device: ctx.device,
    idleLockMs: ctx.settings.idleLockMs,
  };
}

export const accountHandlers = {
  'accounts.login': (ctx, { username, password }) => {
    const now = ctx.now();
    const failures = ctx.db.select().from(loginFailures).where(eq(loginFailures.username, username)).get();
    if (failures?.lockedUntil && failures.lockedUntil > now) {
      throw new DomainError('ACCOUNT_LOCKED', 'too many failed log-ins; try again later', { until: failures.lockedUntil });
    }
    const row = ctx.db.select({ a: accounts, staffName: staff.name }).from(accounts)
      .leftJoin(staff, eq(staff.id, accounts.staffId)).where(eq(accounts.username, username)).get();
    // Verify even for an unknown name, so timing does not tell which names exist.
    const ok = verifyPassword(password, row?.a.passwordHash ?? dummyHash()) && row !== undefined;
    if (!ok || !row) {
      ctx.onFailure(() => recordFailure(ctx, username));
      throw new DomainError('BAD_CREDENTIALS', 'wrong username or password');
    }
    if (!row.a.active) throw new DomainError('ACCOUNT_DISABLED', 'this account is disabled');
    if (failures) ctx.db.delete(loginFailures).where(eq(loginFailures.username, username)).run();
    const account: Account = {
      id: row.a.id, username: row.a.username, displayName: row.staffName ?? row.a.username, roles: row.a.roles, staffId: row.a.staffId,
    };
    const s = ctx.sessions.create(account, now);
    return sessionInfo(ctx, s.token, account);
  },

  'accounts.logout': (ctx) => {
    if (ctx.sessionToken) ctx.sessions.end(ctx.sessionToken);
    return { ok: true as const };
  },

  'accounts.me': (ctx) => {
    const s = currentSession(ctx);
    const { token: _t, ...info } = sessionInfo(ctx, s.token, s.account);
    return { ...info, lockedAt: s.lockedAt };
  },

  'accounts.lock': (ctx) => {
    ctx.sessions.lock(currentSession(ctx), ctx.now());
    return { ok: true as const };
  },

  'accounts.unlock': (ctx, { password }) => {
    const s = currentSession(ctx);
    const row = ctx.db.select().from(accounts).where(eq(accounts.id, s.account.id)).get();
    if (!row || !row.active) throw new DomainError('ACCOUNT_DISABLED', 'this account is disabled');
    if (!verifyPassword(password, row.passwordHash)) throw new DomainError('BAD_CREDENTIALS', 'wrong password');
    ctx.sessions.unlock(s, ctx.now());
    return { ok: true as const };
  },

  'accounts.changePassword': (ctx, { currentPassword, newPassword }) => {
    const me = accountOf(ctx);
    const row = ctx.db.select().from(accounts).where(eq(accounts.id, me.id)).get();
    if (!row || !verifyPassword(currentPassword, row.passwordHash)) {
      throw new DomainError('BAD_CREDENTIALS', 'the current password is wrong', { field: 'currentPassword' });
    }
    checkPasswordStrength(newPassword);
    // Accounts are master data, but people change their own password at any station; the change
    // replicates to the hub like any other.
    ctx.write.update(accounts, me.id, { passwordHash: hashPassword(newPassword) }, { selfService: true });
    return { ok: true as const };
  },
} satisfies HandlersFor<typeof accountProcedures>;

let dummy: string | undefined;
function dummyHash(): string {
  dummy ??= hashPassword('not a real password');
  return dummy;
}
