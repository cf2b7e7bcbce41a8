/**
 * Password policy (the hashing lives with the accounts service). A password needs at least
 * 8 characters (code points), at most 128 (a slow hash of megabytes is a denial of service),
 * and at least one letter and one digit (any script: 密码2024abc counts).
 */
import { DomainError } from './errors';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const WEAK_PASSWORD_REASONS = ['too_short', 'too_long', 'no_letter', 'no_digit'] as const;
export type WeakPasswordReason = (typeof WEAK_PASSWORD_REASONS)[number];

const weak = (reason: WeakPasswordReason): never => {
  throw new DomainError('WEAK_PASSWORD', `password refused: ${reason}`, { reason });
};

/** Throws WEAK_PASSWORD {reason} unless the password meets the policy. Never echoes it. */
export function checkPasswordStrength(pw: string): void {
  if (typeof pw !== 'string') weak('too_short');
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) weak('too_short');
  if (length > PASSWORD_MAX_LENGTH) weak('too_long');
  if (!/\p{L}/u.test(pw)) weak('no_letter');
  if (!/\p{Nd}/u.test(pw)) weak('no_digit');
}
