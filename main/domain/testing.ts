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
