/** Slow password hashing with scrypt from node:crypto (no native add-on to ship). */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams { N: number; r: number; p: number }
/** ~40 ms a hash on the reference machine; parameters are stored in the hash so they can grow. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

/** `salt` is for reproducible demo files only; leave it out everywhere else. */
export function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const actual = scryptSync(password, salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return timingSafeEqual(actual, expected);
}
