import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PERSON_TOKEN_MAX_MS, signPersonToken, verifyPersonToken } from './person-token';

const secret = randomBytes(32);
const T = Date.parse('2026-12-04T08:00:00Z');
const ACCOUNT = '01900000-0000-7000-8000-000000000001';

describe('person tokens', () => {
  it('verify for the account and device they were issued to, until they expire', () => {
    const { token, expiresAt } = signPersonToken(secret, { accountId: ACCOUNT, device: 'A1', now: T });
    expect(expiresAt).toBe(T + PERSON_TOKEN_MAX_MS);
    expect(verifyPersonToken(secret, token, 'A1', T + 1000)).toEqual({ ok: true, claims: { a: ACCOUNT, d: 'A1', i: T, e: expiresAt } });
    expect(verifyPersonToken(secret, token, 'A1', expiresAt - 1).ok).toBe(true);
    expect(verifyPersonToken(secret, token, 'A1', expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('never live longer than the maximum, whatever is asked', () => {
    const { expiresAt } = signPersonToken(secret, { accountId: ACCOUNT, device: 'A1', now: T, ttlMs: 10 * PERSON_TOKEN_MAX_MS });
    expect(expiresAt).toBe(T + PERSON_TOKEN_MAX_MS);
    const short = signPersonToken(secret, { accountId: ACCOUNT, device: 'A1', now: T, ttlMs: 5_000 });
    expect(verifyPersonToken(secret, short.token, 'A1', T + 5_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused from another device', () => {
    const { token } = signPersonToken(secret, { accountId: ACCOUNT, device: 'A1', now: T });
    expect(verifyPersonToken(secret, token, 'B1', T)).toEqual({ ok: false, reason: 'device' });
  });

  it('are refused when signed with another secret or tampered with', () => {
    const { token } = signPersonToken(secret, { accountId: ACCOUNT, device: 'A1', now: T });
    expect(verifyPersonToken(randomBytes(32), token, 'A1', T)).toEqual({ ok: false, reason: 'signature' });
    const [body, sig] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, a: '01900000-0000-7000-8000-0000000000ff' })).toString('base64url');
    expect(verifyPersonToken(secret, `${forged}.${sig}`, 'A1', T)).toEqual({ ok: false, reason: 'signature' });
    const longer = Buffer.from(JSON.stringify({ ...claims, e: T + 10 * PERSON_TOKEN_MAX_MS })).toString('base64url');
    expect(verifyPersonToken(secret, `${longer}.${sig}`, 'A1', T + 2 * PERSON_TOKEN_MAX_MS)).toEqual({ ok: false, reason: 'signature' });
    const flipped = sig.slice(0, -2) + (sig.endsWith('AA') ? 'AB' : 'AA');
    expect(verifyPersonToken(secret, `${body}.${flipped}`, 'A1', T)).toEqual({ ok: false, reason: 'signature' });
  });

  it('are refused when malformed, even when the malformed body is signed', () => {
    for (const bad of ['', 'abc', 'a.b.c', '.x', 'x.']) expect(verifyPersonToken(secret, bad, 'A1', T)).toEqual({ ok: false, reason: expect.stringMatching(/malformed|signature/) });
    const sign = (payload: string) => {
      const body = Buffer.from(payload).toString('base64url');
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    };
    expect(verifyPersonToken(secret, sign('not json'), 'A1', T)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyPersonToken(secret, sign(JSON.stringify({ a: ACCOUNT, d: 'A1', i: T })), 'A1', T)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyPersonToken(secret, sign(JSON.stringify({ a: ACCOUNT, d: 'A1', i: T, e: T + 1000, roles: ['admin'] })), 'A1', T)).toEqual({ ok: false, reason: 'malformed' });
    // Signed, but claiming a lifetime beyond the maximum or issued in the future.
    expect(verifyPersonToken(secret, sign(JSON.stringify({ a: ACCOUNT, d: 'A1', i: T, e: T + PERSON_TOKEN_MAX_MS + 1 })), 'A1', T)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPersonToken(secret, sign(JSON.stringify({ a: ACCOUNT, d: 'A1', i: T + 3_600_000, e: T + 7_200_000 })), 'A1', T)).toEqual({ ok: false, reason: 'expired' });
  });
});
