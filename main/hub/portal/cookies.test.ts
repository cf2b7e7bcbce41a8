import { describe, expect, it } from 'vitest';
import { clearedCookie, PORTAL_COOKIE, sessionCookie, tokenFromCookies } from './cookies';

describe('portal session cookie', () => {
  it('is HttpOnly, SameSite=Strict and Secure on HTTPS', () => {
    const c = sessionCookie('a'.repeat(43), 7 * 86_400_000, true);
    expect(c).toContain('HttpOnly');
    expect(c).toContain('SameSite=Strict');
    expect(c).toContain('Secure');
    expect(c).toContain('Max-Age=604800');
    expect(sessionCookie('a'.repeat(43), 1000, false)).not.toContain('Secure');
    expect(clearedCookie(true)).toContain('Max-Age=0');
  });

  it('reads only a well-formed token of its own name', () => {
    const token = 'Abc_-'.repeat(8);
    expect(tokenFromCookies(`x=1; ${PORTAL_COOKIE}=${token}; y=2`)).toBe(token);
    expect(tokenFromCookies(`${PORTAL_COOKIE}=short`)).toBeNull();
    expect(tokenFromCookies(`${PORTAL_COOKIE}=${token}' OR 1=1`)).toBeNull();
    expect(tokenFromCookies(`other=${token}`)).toBeNull();
    expect(tokenFromCookies(undefined)).toBeNull();
  });
});
