/** For the domain tests: what a rule refused with. */
import { DomainError } from './errors';

/** Runs `fn` and returns the DomainError's code and details; anything else is a test failure. */
export function codeOf(fn: () => unknown): { code: string; details: Record<string, unknown> | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** Spells the digits of `s` in Chinese numerals, so a numbered test name is a valid personal name (names take no digits: INVALID_NAME). */
export function spelled(s: string | number): string {
  const digits = '零一二三四五六七八九';
  return String(s).replace(/[0-9]/g, (d) => digits[Number(d)]!);
}
