/**
 * Password guessing, held back per source instead of per account. A source is where a request
 * came in (the desk's own Electron window, one web-host WebSocket peer address, a workstation the
 * hub forwards for): wrong passwords for a username from one source slow that source down for
 * that username, with a delay that doubles after the free tries, and nobody else. The account's
 * own desk, which has not failed, logs in and unlocks with the right password while a stranger
 * hammers the same username from elsewhere — an outsider can no longer lock staff out.
 *
 * Against a guesser spreading over many sources, the `login_failures` row (username PK, local to
 * this station, not replicated) counts every source's failures since the last success. Once that
 * count reaches the alarm, each source that has failed itself (one failure is enough) is held at
 * the doubling delay straight away; a source with no failure of its own still is not. The
 * per-source state is in memory (lost on restart: each source then gets one guess before the
 * alarm holds it again); the row survives restarts.
 *
 * The policy functions are pure; PasswordThrottle keeps the per-source state.
 */

export interface ThrottlePolicy {
  /** Wrong passwords a source may give for a username before delays start. */
  freeFailures: number;
  /** The first delay; it doubles with each further failure. */
  baseDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** Failures for a username from all sources at which every failing source loses its free tries. */
  accountAlarm: number;
  /** A source's (and the row's) failures are forgotten after this long without one. */
  forgetAfterMs: number;
}

export interface SourceFailures {
  failures: number;
  lastFailureAt: number;
}

export const FIRST_DELAY_MS = 1_000;
export const FORGET_AFTER_MS = 24 * 3_600_000;

/** The policy from the clinic settings: free tries = maxLoginFailures, the longest delay = loginLockMs. */
export function throttlePolicy(settings: { maxLoginFailures: number; loginLockMs: number }): ThrottlePolicy {
  return {
    freeFailures: settings.maxLoginFailures,
    baseDelayMs: FIRST_DELAY_MS,
    maxDelayMs: Math.max(settings.loginLockMs, FIRST_DELAY_MS),
    accountAlarm: settings.maxLoginFailures * 10,
    forgetAfterMs: FORGET_AFTER_MS,
  };
}

/** How long a source must wait after its last failure, given its failures and the username's failures everywhere. */
export function delayAfter(p: ThrottlePolicy, own: number, accountFailures: number): number {
  if (own <= 0) return 0;
  const counted = accountFailures >= p.accountAlarm ? Math.max(own, p.freeFailures) : own;
  if (counted < p.freeFailures) return 0;
  const doublings = Math.min(counted - p.freeFailures, 40);
  return Math.min(p.baseDelayMs * 2 ** doublings, p.maxDelayMs);
}

/** When the source may next try this username: null for now. */
export function nextAttemptAt(p: ThrottlePolicy, source: SourceFailures | undefined, accountFailures: number, now: number): number | null {
  if (!source || now - source.lastFailureAt >= p.forgetAfterMs) return null;
  const at = source.lastFailureAt + delayAfter(p, source.failures, accountFailures);
  return at > now ? at : null;
}

/** A source's failures after one more wrong password (forgotten ones start again at one). */
export function afterFailure(p: ThrottlePolicy, prev: SourceFailures | undefined, now: number): SourceFailures {
  const kept = prev && now - prev.lastFailureAt < p.forgetAfterMs ? prev.failures : 0;
  return { failures: kept + 1, lastFailureAt: now };
}

/** Most (source, username) pairs remembered; the oldest are dropped first, so memory stays bounded. */
export const MAX_TRACKED = 10_000;

/** Per-source failure state of one station, in memory. */
export class PasswordThrottle {
  private readonly bySourceUser = new Map<string, SourceFailures>();

  private static key(source: string, username: string): string {
    return `${source}\u0000${username.toLowerCase()}`;
  }

  get(source: string, username: string): SourceFailures | undefined {
    return this.bySourceUser.get(PasswordThrottle.key(source, username));
  }

  fail(p: ThrottlePolicy, source: string, username: string, now: number): SourceFailures {
    const key = PasswordThrottle.key(source, username);
    const next = afterFailure(p, this.bySourceUser.get(key), now);
    this.bySourceUser.delete(key); // re-inserted last: the Map's order is oldest first
    this.bySourceUser.set(key, next);
    while (this.bySourceUser.size > MAX_TRACKED) {
      const oldest = this.bySourceUser.keys().next().value;
      if (oldest === undefined) break;
      this.bySourceUser.delete(oldest);
    }
    return next;
  }

  /** A right password from this source: its failures for the username are forgotten. */
  succeed(source: string, username: string): void {
    this.bySourceUser.delete(PasswordThrottle.key(source, username));
  }

  /** An administrator set a new password: every source's failures for the username are forgotten. */
  forget(username: string): void {
    const suffix = `\u0000${username.toLowerCase()}`;
    for (const key of [...this.bySourceUser.keys()]) if (key.endsWith(suffix)) this.bySourceUser.delete(key);
  }

  get size(): number {
    return this.bySourceUser.size;
  }
}
