/** Log-in sessions of one station, in memory. An idle session locks; unlocking needs the password. */
import { randomBytes } from 'node:crypto';
import type { Account } from './context';
import type { SessionEnd } from './session-policy';

export interface Session {
  token: string;
  account: Account;
  createdAt: number;
  lastActiveAt: number;
  lockedAt: number | null;
  /** Wrong passwords typed in this session (unlock, password change); too many end it. */
  passwordFailures: number;
  /** The hub's proof of this person (main/hub/person-token.ts), kept in memory only; absent while the hub was unreachable. */
  hubToken?: import('./station').HubToken;
}

export type SessionEndListener = (token: string, end: SessionEnd) => void;

/** How many ended sessions' reasons are kept, so a later call with that token is told why (oldest dropped first). */
const ENDED_KEPT = 1_000;

export class Sessions {
  private readonly byToken = new Map<string, Session>();
  private readonly endListeners = new Set<SessionEndListener>();
  private readonly endedWhy = new Map<string, SessionEnd>();
  constructor(private readonly idleLockMs: () => number) {}

  create(account: Account, now: number): Session {
    const s: Session = {
      token: randomBytes(24).toString('base64url'), account, createdAt: now, lastActiveAt: now, lockedAt: null, passwordFailures: 0,
    };
    this.byToken.set(s.token, s);
    return s;
  }

  /** The session for a token, locking it first if it has been idle too long. */
  get(token: string | null | undefined, now: number): Session | undefined {
    if (!token) return undefined;
    const s = this.byToken.get(token);
    if (s && s.lockedAt === null && now - s.lastActiveAt > this.idleLockMs()) s.lockedAt = s.lastActiveAt + this.idleLockMs();
    return s;
  }

  touch(s: Session, now: number): void {
    s.lastActiveAt = now;
  }

  lock(s: Session, now: number): void {
    s.lockedAt ??= now;
  }

  unlock(s: Session, now: number): void {
    s.lockedAt = null;
    s.lastActiveAt = now;
    s.passwordFailures = 0;
  }

  /** Ends a session. With `why` (the station ended it, not the person), the UI holding it is told. */
  end(token: string, why?: SessionEnd): void {
    const had = this.byToken.delete(token);
    if (!had || !why) return;
    this.endedWhy.set(token, why);
    if (this.endedWhy.size > ENDED_KEPT) this.endedWhy.delete(this.endedWhy.keys().next().value!);
    for (const fn of this.endListeners) fn(token, why);
  }

  /** Why the station ended the session of this token, if it did (recently). */
  endedBecause(token: string | null | undefined): SessionEnd | undefined {
    return token ? this.endedWhy.get(token) : undefined;
  }

  /** Called with the token and the reason whenever the station ends a session; returns the unsubscribe function. */
  onEnd(fn: SessionEndListener): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  all(): Session[] {
    return [...this.byToken.values()];
  }

  /** Lock every idle session; returns those newly locked (so the UI can be told). */
  sweep(now: number): Session[] {
    const locked: Session[] = [];
    for (const s of this.byToken.values()) {
      if (s.lockedAt === null && now - s.lastActiveAt > this.idleLockMs()) {
        s.lockedAt = now;
        locked.push(s);
      }
    }
    return locked;
  }
}
