import { describe, expect, it } from 'vitest';
import { hashPassword, hashPasswordAsync, Limiter, needsRehash, verifyPassword, verifyPasswordAsync } from './password';

describe('password hashing', () => {
  it('makes argon2id hashes at OWASP cost that verify, and refuses a wrong password', async () => {
    const h = await hashPasswordAsync('秘密2024abc');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPasswordAsync('秘密2024abc', h)).toBe(true);
    expect(await verifyPasswordAsync('秘密2024abd', h)).toBe(false);
    // The synchronous check knows them too (a password changed at the hub reaches desks whose log-in is synchronous).
    expect(verifyPassword('秘密2024abc', h)).toBe(true);
    expect(verifyPassword('秘密2024abd', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('still verifies scrypt hashes of earlier builds (async and sync) and marks them for rehash', async () => {
    const old = hashPassword('clinic2024', { N: 1 << 10, r: 8, p: 1 });
    expect(await verifyPasswordAsync('clinic2024', old)).toBe(true);
    expect(await verifyPasswordAsync('clinic2025', old)).toBe(false);
    expect(verifyPassword('clinic2024', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('answers false, never throws, for an unreadable stored hash', async () => {
    for (const bad of ['', 'scrypt$x$8$1$AA$AA', '$argon2id$garbage', 'plain-text']) {
      expect(await verifyPasswordAsync('whatever1', bad)).toBe(false);
      expect(verifyPassword('whatever1', bad)).toBe(false);
    }
  });

  it('leaves the event loop free while it hashes: a timer set before the hash fires before it ends', async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => { order.push('timer'); resolve(); }, 0));
    const hashed = hashPasswordAsync('clinic2024').then(() => order.push('hash'));
    await Promise.all([timer, hashed]);
    expect(order).toEqual(['timer', 'hash']);
  });

  it('runs at most `limit` tasks at once, the rest in order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const gates: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) => limiter.run(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
      done.push(i);
    }));
    for (let k = 0; k < 5; k += 1) {
      await new Promise((r) => setImmediate(r));
      expect(limiter.load.running).toBeLessThanOrEqual(2);
      gates.shift()?.();
    }
    await Promise.all(tasks);
    expect(most).toBe(2);
    expect(done).toEqual([0, 1, 2, 3, 4]);
  });
});
