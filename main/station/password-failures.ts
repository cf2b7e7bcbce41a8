/**
 * Counting wrong passwords, wherever one is typed: log-in, unlock, the current password of a
 * password change (at the desk now; at the hub once it moves there: the hub calls the same
 * functions with the forwarding workstation as the source). The policy is in ./throttle.ts.
 *
 * `assertMayTry` runs before any hashing (a held-back source costs no CPU); `countPasswordFailure`
 * runs after the request's transaction has rolled back (`ctx.onFailure`), so a failure sticks.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { loginFailures } from '../../db/schema';
import { DomainError } from '../domain/errors';
import type { ClinicSettings } from './settings';
import { nextAttemptAt, throttlePolicy, type PasswordThrottle } from './throttle';

export interface FailureScope {
  db: Db;
  throttle: PasswordThrottle;
  settings: Pick<ClinicSettings, 'maxLoginFailures' | 'loginLockMs'>;
  now: () => number;
}

/** Failures for this username from every source since its last success (forgotten after a quiet day). */
export function accountFailures(scope: FailureScope, username: string): number {
  const row = scope.db.select().from(loginFailures).where(eq(loginFailures.username, username)).get();
  if (!row) return 0;
  return scope.now() - row.lastAt < throttlePolicy(scope.settings).forgetAfterMs ? row.count : 0;
}

/** Refuses (ACCOUNT_LOCKED {retryAt, scope: 'source'}) a source that must still wait before its next try of this username. */
export function assertMayTry(scope: FailureScope, source: string, username: string): void {
  const now = scope.now();
  const at = nextAttemptAt(throttlePolicy(scope.settings), scope.throttle.get(source, username), accountFailures(scope, username), now);
  if (at !== null) {
    throw new DomainError('ACCOUNT_LOCKED', 'too many wrong passwords from here; try again later', { retryAt: at, scope: 'source' });
  }
}

/** One wrong password for `username` from `source`: held against that source, and counted on the username's row. */
export function countPasswordFailure(scope: FailureScope, source: string, username: string): void {
  const now = scope.now();
  scope.throttle.fail(throttlePolicy(scope.settings), source, username, now);
  const count = accountFailures(scope, username) + 1;
  scope.db.insert(loginFailures).values({ username, count, lockedUntil: null, lastAt: now })
    .onConflictDoUpdate({ target: loginFailures.username, set: { count, lockedUntil: null, lastAt: now } }).run();
}

/** The right password from `source`: its failures and the username's count are cleared. */
export function clearPasswordFailures(scope: FailureScope, source: string, username: string): void {
  scope.throttle.succeed(source, username);
  scope.db.delete(loginFailures).where(eq(loginFailures.username, username)).run();
}
