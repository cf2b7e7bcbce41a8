/**
 * Log in/out, idle lock and unlock (the password change runs at the hub: main/hub/services/accounts-password.ts). Passwords are checked off the event loop:
 * each of these has a pre-step (main/station/handler.ts withPreStep) that reads the stored hash
 * and verifies it on the hashing threads before the transaction, and hands its verdict to the
 * handler. Wrong passwords count per source and username (main/station/password-failures.ts);
 * in a session, too many wrong unlocks or current passwords end it.
 */
import { eq } from 'drizzle-orm';
import type { ParsedInput } from '../../api/contract';
import type { accountProcedures } from '../../api/procedures/accounts';
import { DomainError } from '../../domain/errors';
import { accounts, staff } from '../../../db/schema';
import type { Account, PreContext, RequestContext } from '../context';
import { withPreStep, type HandlersFor } from '../handler';
import { hashPasswordAsync, verifyPasswordAsync } from '../password';
import { assertMayTry, clearPasswordFailures, countPasswordFailure } from '../password-failures';
import { sessionEndsAt } from '../session-policy';

function currentSession(ctx: RequestContext) {
  const s = ctx.sessions.get(ctx.sessionToken, ctx.now());
  if (!s) throw new DomainError('UNAUTHENTICATED', 'log in first');
  return s;
}

function sessionInfo(ctx: RequestContext, token: string, account: Account, createdAt: number) {
  return {
    token,
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    staffId: account.staffId,
    device: ctx.device,
    idleLockMs: ctx.settings.idleLockMs,
    endsAt: sessionEndsAt(createdAt, ctx.settings.maxSessionMs),
  };
}

/** A pre-step's verdict on a password: right or not, and the hash it was checked against. */
export interface PasswordVerdict {
  ok: boolean;
  /** The stored hash that was checked; the handler refuses if it has changed since (a password change in between). */
  hash: string | null;
}

export function hashOf(db: PreContext['db'], where: { id: string } | { username: string }): string | undefined {
  const cond = 'id' in where ? eq(accounts.id, where.id) : eq(accounts.username, where.username);
  return db.select({ h: accounts.passwordHash }).from(accounts).where(cond).get()?.h;
}

let dummy: Promise<string> | undefined;
/** Verified against for an unknown name, so timing does not tell which names exist. */
function dummyHash(): Promise<string> {
  dummy ??= hashPasswordAsync('not a real password');
  return dummy;
}

/** Loads the hash, refuses a held-back source before any hashing, verifies off the event loop. */
export async function checkPassword(pre: PreContext, username: string, stored: string | undefined, password: string): Promise<PasswordVerdict> {
  assertMayTry(pre, pre.source, username);
  const ok = await verifyPasswordAsync(password, stored ?? (await dummyHash()));
  return { ok: ok && stored !== undefined, hash: stored ?? null };
}

/**
 * A wrong password typed inside a session (unlock, current password): counted for the source and,
 * once the session has had maxLoginFailures of them, the session ends (answer UNAUTHENTICATED,
 * reason too_many_password_failures: the person logs in again). Counted after the rollback.
 */
export function wrongPasswordInSession(ctx: RequestContext, username: string, error: DomainError): DomainError {
  const s = ctx.sessions.get(ctx.sessionToken, ctx.now());
  const failures = (s?.passwordFailures ?? 0) + 1;
  const ends = s !== undefined && failures >= ctx.settings.maxLoginFailures;
  ctx.onFailure(() => {
    countPasswordFailure(ctx, ctx.source, username);
    if (!s) return;
    s.passwordFailures = failures;
    if (ends) {
      ctx.sessions.end(s.token, {
        code: 'UNAUTHENTICATED', reason: 'too_many_password_failures', message: 'too many wrong passwords; log in again', at: ctx.now(),
      });
    }
  });
  if (ends) return new DomainError('UNAUTHENTICATED', 'too many wrong passwords; log in again', { reason: 'too_many_password_failures' });
  return error;
}

export const accountHandlers = {
  'accounts.login': withPreStep(
    (pre, { username, password }: ParsedInput<'accounts.login'>) => checkPassword(pre, username, hashOf(pre.db, { username }), password),
    (ctx, { username }, verdict: PasswordVerdict) => {
      const now = ctx.now();
      // Again here: attempts that were waiting for a hash while this source's failures mounted are held back too.
      assertMayTry(ctx, ctx.source, username);
      if (!verdict.ok) {
        ctx.onFailure(() => countPasswordFailure(ctx, ctx.source, username));
        throw new DomainError('BAD_CREDENTIALS', 'wrong username or password');
      }
      const row = ctx.db.select({ a: accounts, staffName: staff.name }).from(accounts)
        .leftJoin(staff, eq(staff.id, accounts.staffId)).where(eq(accounts.username, username)).get();
      if (!row || row.a.passwordHash !== verdict.hash) throw new DomainError('BAD_CREDENTIALS', 'wrong username or password');
      if (!row.a.active) throw new DomainError('ACCOUNT_DISABLED', 'this account is disabled');
      clearPasswordFailures(ctx, ctx.source, username);
      const account: Account = {
        id: row.a.id, username: row.a.username, displayName: row.staffName ?? row.a.username, roles: row.a.roles, staffId: row.a.staffId,
      };
      const s = ctx.sessions.create(account, now);
      return sessionInfo(ctx, s.token, account, s.createdAt);
    },
  ),

  'accounts.logout': (ctx) => {
    if (ctx.sessionToken) ctx.sessions.end(ctx.sessionToken);
    return { ok: true as const };
  },

  'accounts.me': (ctx) => {
    const s = currentSession(ctx);
    const { token: _t, ...info } = sessionInfo(ctx, s.token, s.account, s.createdAt);
    return { ...info, lockedAt: s.lockedAt };
  },

  'accounts.lock': (ctx) => {
    ctx.sessions.lock(currentSession(ctx), ctx.now());
    return { ok: true as const };
  },

  'accounts.unlock': withPreStep(
    (pre, { password }: ParsedInput<'accounts.unlock'>) => {
      const me = pre.account;
      if (!me) throw new DomainError('UNAUTHENTICATED', 'log in first');
      return checkPassword(pre, me.username, hashOf(pre.db, { id: me.id }), password);
    },
    (ctx, _input, verdict: PasswordVerdict) => {
      const s = currentSession(ctx);
      assertMayTry(ctx, ctx.source, s.account.username);
      const row = ctx.db.select().from(accounts).where(eq(accounts.id, s.account.id)).get();
      if (!row || !row.active) throw new DomainError('ACCOUNT_DISABLED', 'this account is disabled');
      if (!verdict.ok || row.passwordHash !== verdict.hash) {
        throw wrongPasswordInSession(ctx, s.account.username, new DomainError('BAD_CREDENTIALS', 'wrong password', { field: 'password' }));
      }
      clearPasswordFailures(ctx, ctx.source, s.account.username);
      ctx.sessions.unlock(s, ctx.now());
      return { ok: true as const };
    },
  ),

  'accounts.hubLogin': (ctx) => {
    const s = currentSession(ctx);
    // dispatch asked the hub before this transaction (main/station/hub-login.ts); at the hub itself there is nothing to hold.
    if (ctx.prepared.hubToken) s.hubToken = ctx.prepared.hubToken;
    return { ok: true as const };
  },

} satisfies Omit<HandlersFor<typeof accountProcedures>, 'accounts.changePassword'>;
