/**
 * Slow password hashing. New hashes are argon2id at OWASP's cost (19 MiB, 2 passes, 1 lane) from
 * @node-rs/argon2, which hashes on its own threads; hashes made by earlier builds and by the demo
 * seeder are scrypt (`scrypt$N$r$p$salt$hash`) and keep verifying, with node:crypto's async scrypt
 * (libuv's thread pool). Either way the event loop never waits for a hash: the async functions are
 * what request paths use, and at most HASH_CONCURRENCY hashes run at once (the rest queue), so a
 * burst of log-ins cannot take every core or all memory.
 *
 * The synchronous scrypt functions remain for the demo seeder (reproducible files) and tools.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, verifySync as argon2VerifySync } from '@node-rs/argon2';

export interface ScryptParams { N: number; r: number; p: number }
/** ~40 ms a hash on the reference machine; parameters are stored in the hash so they can grow. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

/** OWASP Password Storage Cheat Sheet, argon2id: m = 19 MiB, t = 2, p = 1. */
/** Algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax). */
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How many hashes may run at once; the rest wait their turn. */
export const HASH_CONCURRENCY = 2;

/** `salt` is for reproducible demo files only; leave it out everywhere else. */
export function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ScryptHash { N: number; r: number; p: number; salt: Buffer; expected: Buffer }

function parseScrypt(stored: string): ScryptHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { N, r, p, salt: Buffer.from(parts[4]!, 'base64'), expected: Buffer.from(parts[5]!, 'base64') };
}

/**
 * Synchronous check of a scrypt or argon2id hash (tools, tests, and the synchronous log-in until it
 * moves to verifyPasswordAsync: a password changed at the hub is argon2id); request paths use verifyPasswordAsync.
 */
export function verifyPassword(password: string, stored: string): boolean {
  if (stored.startsWith('$argon2')) {
    try {
      return argon2VerifySync(stored, password);
    } catch {
      return false;
    }
  }
  const h = parseScrypt(stored);
  if (!h) return false;
  const actual = scryptSync(password, h.salt, h.expected.length, { N: h.N, r: h.r, p: h.p, maxmem: 128 * h.N * h.r * 2 });
  return timingSafeEqual(actual, h.expected);
}

/** A tiny FIFO semaphore: at most `limit` tasks run at once. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  /** Tasks running and waiting now (tests, diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

export const hashing = new Limiter(HASH_CONCURRENCY);

/** A new argon2id hash (PHC string), off the event loop. */
export function hashPasswordAsync(password: string): Promise<string> {
  return hashing.run(() => argon2Hash(password, ARGON2_PARAMS));
}

/** Checks a password against an argon2id or scrypt hash, off the event loop; false for anything unreadable. */
export function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  return hashing.run(async () => {
    if (stored.startsWith('$argon2')) {
      try {
        return await argon2Verify(stored, password);
      } catch {
        return false;
      }
    }
    const h = parseScrypt(stored);
    if (!h) return false;
    const actual = await new Promise<Buffer>((resolve, reject) => {
      scrypt(password, h.salt, h.expected.length, { N: h.N, r: h.r, p: h.p, maxmem: 128 * h.N * h.r * 2 }, (err, key) => (err ? reject(err) : resolve(key)));
    });
    return actual.length === h.expected.length && timingSafeEqual(actual, h.expected);
  });
}

/** True for a hash of an older kind or cost (scrypt): the hub rehashes it at the next successful log-in. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`);
}
