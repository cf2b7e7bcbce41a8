/**
 * Who a desk's person is, as the hub sees it: a password checked against the hub's own replica
 * (its admin station) answers a signed person token; a forwarded call's token is checked and its
 * account read afresh from that replica (exists, active, its roles). Nothing a station says about
 * an account is believed. The signing secret lives in the hub store's meta, never in the log.
 */
import { randomBytes } from 'node:crypto';
import type { ErrorBody } from '../domain/errors';
import type { Account } from '../station/context';
import { hashPasswordAsync, verifyPasswordAsync } from '../station/password';
import type { Station } from '../station/station';
import { signPersonToken, verifyPersonToken, type TokenRefusal } from './person-token';
import type { HubStore } from './store';

const SECRET_KEY = 'person_token_secret';

/** The hub's token secret, made on first use. */
export async function personTokenSecret(store: HubStore): Promise<Buffer> {
  const known = await store.getMeta(SECRET_KEY);
  if (known) return Buffer.from(known, 'hex');
  const secret = randomBytes(32);
  await store.setMeta(SECRET_KEY, secret.toString('hex'));
  return secret;
}

export type Authenticated = { ok: true; account: Account } | { ok: false; error: ErrorBody; accountId: string | null };
export type LoggedIn = { ok: true; token: string; accountId: string; expiresAt: number } | { ok: false; error: ErrorBody; accountId: string | null };

interface AccountRow { id: string; username: string; roles: string; staffId: string | null; active: number; staffName: string | null; passwordHash: string }

const TOKEN_REASONS: Record<TokenRefusal, string> = {
  malformed: 'the person token is malformed',
  signature: 'the person token was not signed by this hub',
  expired: 'the person token has expired: log in again',
  device: 'the person token was issued to another device',
};

let dummy: Promise<string> | undefined;

export class HubPeople {
  constructor(private readonly station: Station, private readonly secret: Buffer) {}

  private row(where: 'id' | 'username', value: string): AccountRow | undefined {
    return this.station.raw.prepare(`SELECT a.id, a.username, a.roles, a.staff_id AS staffId, a.active, a.password_hash AS passwordHash,
      s.name AS staffName FROM accounts a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.${where} = ?`).get(value) as AccountRow | undefined;
  }

  /** The password of `username`, checked at the hub: a token for `device`, or BAD_CREDENTIALS / ACCOUNT_DISABLED. */
  async login(username: string, password: string, device: string): Promise<LoggedIn> {
    const row = this.row('username', username);
    // Verify even for an unknown name, so timing does not tell which names exist.
    dummy ??= hashPasswordAsync(randomBytes(16).toString('hex'));
    const ok = await verifyPasswordAsync(password, row?.passwordHash ?? await dummy);
    if (!ok || !row) return { ok: false, error: { code: 'BAD_CREDENTIALS', message: 'wrong username or password' }, accountId: row?.id ?? null };
    if (row.active !== 1) return { ok: false, error: { code: 'ACCOUNT_DISABLED', message: 'this account is disabled at the hub' }, accountId: row.id };
    const { token, expiresAt } = signPersonToken(this.secret, { accountId: row.id, device, now: this.station.now() });
    return { ok: true, token, accountId: row.id, expiresAt };
  }

  /** The account a forwarded call's token proves, from this replica; UNAUTHENTICATED (details.reason) or ACCOUNT_DISABLED. */
  authenticate(token: string | undefined, device: string): Authenticated {
    if (!token) return unauthenticated('missing', 'a call to the hub needs a person logged in at the hub: no person token', null);
    const checked = verifyPersonToken(this.secret, token, device, this.station.now());
    if (!checked.ok) return unauthenticated(checked.reason, TOKEN_REASONS[checked.reason], null);
    const row = this.row('id', checked.claims.a);
    if (!row) return unauthenticated('unknown-account', 'the hub does not know this account', checked.claims.a);
    if (row.active !== 1) return { ok: false, error: { code: 'ACCOUNT_DISABLED', message: 'this account is disabled at the hub' }, accountId: row.id };
    return {
      ok: true,
      account: { id: row.id, username: row.username, displayName: row.staffName ?? row.username, roles: JSON.parse(row.roles) as Account['roles'], staffId: row.staffId },
    };
  }
}

function unauthenticated(reason: TokenRefusal | 'missing' | 'unknown-account', message: string, accountId: string | null): Authenticated {
  return { ok: false, error: { code: 'UNAUTHENTICATED', message, details: { reason } }, accountId };
}
