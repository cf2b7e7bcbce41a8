/**
 * The hub's proof of a person: after a password checked at the hub, a token the hub signs with a
 * secret of its own (HMAC-SHA256), binding the account, the device whose socket asked for it and
 * when it expires. A forwarded 'call' carries it; the hub believes no account id a station names.
 * Pure functions: the secret lives in the hub store's meta (main/hub/people.ts), never replicated.
 *
 * Format: base64url(JSON claims) "." base64url(HMAC-SHA256(secret, that first part)).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** A token lives at most this long (a working day and then some); a person logs in again after. */
export const PERSON_TOKEN_MAX_MS = 12 * 60 * 60 * 1000;

export const PersonClaims = z.object({
  /** Account id. */
  a: z.string().min(1).max(64),
  /** Device whose socket the token was issued to. */
  d: z.string().min(1).max(16),
  /** Issued at, expires at (UTC ms). */
  i: z.number().int().nonnegative(),
  e: z.number().int().nonnegative(),
}).strict();
export type PersonClaimsT = z.infer<typeof PersonClaims>;

export type TokenRefusal = 'malformed' | 'signature' | 'expired' | 'device';
export type TokenCheck = { ok: true; claims: PersonClaimsT } | { ok: false; reason: TokenRefusal };

function mac(secret: Buffer, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/** A token for `accountId` at `device`, valid from `now` for `ttlMs` (capped at PERSON_TOKEN_MAX_MS). */
export function signPersonToken(secret: Buffer, claims: { accountId: string; device: string; now: number; ttlMs?: number }): { token: string; expiresAt: number } {
  const ttl = Math.min(claims.ttlMs ?? PERSON_TOKEN_MAX_MS, PERSON_TOKEN_MAX_MS);
  const c: PersonClaimsT = { a: claims.accountId, d: claims.device, i: claims.now, e: claims.now + ttl };
  const body = Buffer.from(JSON.stringify(c)).toString('base64url');
  return { token: `${body}.${mac(secret, body).toString('base64url')}`, expiresAt: c.e };
}

/**
 * Checks a token's signature first (nothing unsigned is parsed further), then its claims, its
 * expiry (and an issue time not in the future beyond a minute of skew, nor a lifetime beyond the
 * maximum) and that it is used from the device it was issued to.
 */
export function verifyPersonToken(secret: Buffer, token: string, device: string, now: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [body, sig] = parts as [string, string];
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = PersonClaims.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  const c = claims.data;
  if (c.e <= now || c.e - c.i > PERSON_TOKEN_MAX_MS || c.i > now + 60_000) return { ok: false, reason: 'expired' };
  if (c.d !== device) return { ok: false, reason: 'device' };
  return { ok: true, claims: c };
}
