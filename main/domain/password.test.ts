import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from './errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, WEAK_PASSWORD_REASONS, checkPasswordStrength } from './password';

function reasonOf(pw: string): string | null {
  try {
    checkPasswordStrength(pw);
    return null;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'WEAK_PASSWORD') return e.details?.reason as string;
    throw e;
  }
}

describe('checkPasswordStrength', () => {
  it.each(['abcdefg1', 'Password123', '1234567a', 'a1a1a1a1', 'correct horse battery 9', '密码密码密码密码1', 'Ab1!Ab1!', 'x'.repeat(127) + '1'])(
    'accepts %j',
    (pw) => expect(reasonOf(pw)).toBeNull(),
  );
  it.each([
    ['', 'too_short'],
    ['abc1', 'too_short'],
    ['abcdef1', 'too_short'], // 7
    ['密码1', 'too_short'],
    ['😀😀😀😀😀a1', 'too_short'], // 7 code points (12 UTF-16 units)
    ['a'.repeat(128) + '1', 'too_long'],
    ['abcdefgh', 'no_digit'],
    ['PASSWORD', 'no_digit'],
    ['password!!', 'no_digit'],
    ['12345678', 'no_letter'],
    ['1234 5678!', 'no_letter'],
    ['        ', 'no_letter'],
    ['!!!!!!!!', 'no_letter'],
  ])('refuses %j: %s', (pw, reason) => {
    expect(reasonOf(pw)).toBe(reason);
  });
  it('counts code points, not UTF-16 units', () => {
    expect(reasonOf('😀😀😀😀😀😀a1')).toBeNull(); // 8 code points
    expect(reasonOf('😀'.repeat(127) + '1')).toBe('no_letter'); // 128 code points, 255 units
  });
  it('never echoes the password in the error', () => {
    try {
      checkPasswordStrength('secret');
    } catch (e) {
      expect(JSON.stringify((e as DomainError).toBody())).not.toContain('secret');
      expect((e as DomainError).details).toEqual({ reason: 'too_short' });
    }
  });
  it('refuses a non-string', () => {
    expect(reasonOf(undefined as unknown as string)).toBe('too_short');
  });
  it('exports the limits and reasons', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(WEAK_PASSWORD_REASONS).toEqual(['too_short', 'too_long', 'no_letter', 'no_digit']);
  });
  it('accepts exactly: 8–128 code points with a letter and a digit (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 140 }), (pw) => {
        const n = [...pw].length;
        const ok = n >= 8 && n <= 128 && /[A-Za-z]/.test(pw) && /[0-9]/.test(pw);
        return (reasonOf(pw) === null) === ok;
      }),
    );
  });
});
