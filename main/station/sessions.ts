/** Log-in sessions of one station, in memory. An idle session locks; unlocking needs the password. */
import { randomBytes } from 'node:crypto';
import type { Account } from './context';

export interface Session {
  token: string;
  account: Account;
  createdAt: number;
  lastActiveAt: number;
  lockedAt: number | null;
}

export class Sessions {
  private readonly byToken = new Map<string, Session>();
  constructor(private readonly idleLockMs: () => number) {}

  create(account: Account, now: number): Session {
    const s: Session = { token: randomBytes(24).toString('base64url'), account, createdAt: now, lastActiveAt: now, lockedAt: null };
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
  }

  end(token: string): void {
    this.byToken.delete(token);
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
