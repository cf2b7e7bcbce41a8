/**
 * A station whose storage fails (issue: storage failures hide their cause): a full disk, a
 * read-only mount. Real files on a real tmpfs mounted by the test (it runs as root here and in
 * CI); where the kernel refuses the mount, the same SQLite errors are raised through SQLite's own
 * limits (max_page_count for a full database, query_only for a read-only one) and the reason is
 * printed. Every command answers a structured error, never INTERNAL, and writes nothing; the
 * log-in screen (setup.status) is told what stops the station saving.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchSync } from './dispatch';
import { storageProblem } from './storage-errors';
import { createFixture, type Fixture } from './testing';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0).reverse()) f();
});

/** A fresh tmpfs of `mb` MiB, or null (with the reason printed) where mounting is refused. */
function tmpfs(mb: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    console.log(`tmpfs not mounted (${(err as Error).message.split('\n')[0]}): using SQLite's own limits instead`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  cleanups.push(() => {
    try { execFileSync('umount', ['-l', dir], { stdio: 'pipe' }); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function counts(fx: Fixture): { patients: number; changes: number } {
  return {
    patients: (fx.station.raw.prepare('SELECT count(*) n FROM patients').get() as { n: number }).n,
    changes: (fx.station.raw.prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n,
  };
}

function register(fx: Fixture, n: number) {
  return dispatchSync(fx.station, fx.login('reception'), 'patients.register', { name: `王${'一二三四五六七八九十'[n % 10]}存`, phone: '13800138000', address: '北'.repeat(200) });
}

describe('storage failures speak', () => {
  it('a full disk answers DISK_FULL, writes nothing, and the log-in screen says so', () => {
    const mount = tmpfs(24);
    const dir = mount ?? mkdtempSync(join(tmpdir(), 'clinic-full-'));
    if (!mount) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'data'));
    const fx = createFixture({ file: join(dir, 'data', 'station.sqlite') });
    cleanups.push(() => fx.station.close());
    const start = counts(fx);
    expect(register(fx, 0).ok).toBe(true);
    // What one registration writes: its patient row and its change-log rows.
    const perPatient = counts(fx).changes - start.changes;
    expect(counts(fx).patients - start.patients).toBe(1);
    if (mount) {
      // Fill what is left of the disk.
      try {
        for (let i = 0; ; i += 1) writeFileSync(join(dir, `filler-${i}`), Buffer.alloc(1024 * 1024));
      } catch { /* ENOSPC: the disk is full */ }
      try {
        for (let i = 0; ; i += 1) writeFileSync(join(dir, `small-${i}`), Buffer.alloc(4096));
      } catch { /* full to the last block */ }
    } else {
      fx.station.raw.pragma(`max_page_count = ${Number(fx.station.raw.pragma('page_count', { simple: true }))}`);
    }
    const before = counts(fx);
    let answer = register(fx, 1);
    for (let i = 2; answer.ok && i < 200; i += 1) answer = register(fx, i);
    expect(answer).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    const after = counts(fx);
    // Whatever went in before the disk filled went in whole: each patient with its change-log rows.
    expect(after.changes - before.changes).toBe((after.patients - before.patients) * perPatient);
    const status = dispatchSync(fx.station, { token: null }, 'setup.status', {});
    if (mount) expect(status).toMatchObject({ ok: true, value: { storage: { code: 'DISK_FULL' } } });
    expect(fx.station.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a database that turned read-only while running answers STORAGE_READ_ONLY and writes nothing', () => {
    const fx = createFixture();
    cleanups.push(() => fx.station.close());
    const caller = fx.login('reception');
    expect(dispatchSync(fx.station, { token: null }, 'setup.status', {})).toMatchObject({ ok: true, value: { storage: null } });
    const before = counts(fx);
    // SQLite's own read-only switch: the same SQLITE_READONLY a read-only file gives a non-root service user.
    fx.station.raw.pragma('query_only = 1');
    const answer = dispatchSync(fx.station, caller, 'patients.register', { name: '只读测', phone: '13800138000' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'STORAGE_READ_ONLY', details: { sqlite: expect.stringMatching(/^SQLITE_READONLY/) } } });
    expect(counts(fx)).toEqual(before);
    fx.station.raw.pragma('query_only = 0');
    expect(dispatchSync(fx.station, caller, 'patients.register', { name: '恢复测', phone: '13800138000' }).ok).toBe(true);
  });

  it('the log-in screen is told when the station\'s folder is on a read-only disk', () => {
    const mount = tmpfs(24);
    const fx = createFixture(mount ? { file: join(mount, 'station.sqlite') } : {});
    cleanups.push(() => fx.station.close());
    if (!mount) {
      // Without a mount, a folder that is not writable cannot be made for root: check a missing disk instead.
      expect(dispatchSync(fx.station, { token: null }, 'setup.status', {})).toMatchObject({ ok: true, value: { storage: null } });
      return;
    }
    // A bind mount of the same folder, read-only: the open connection keeps its handles, a check through the mount sees a read-only disk.
    const ro = mkdtempSync(join(tmpdir(), 'clinic-ro-'));
    execFileSync('mount', ['--bind', mount, ro], { stdio: 'pipe' });
    cleanups.push(() => { try { execFileSync('umount', ['-l', ro], { stdio: 'pipe' }); } catch { /* gone */ } rmSync(ro, { recursive: true, force: true }); });
    execFileSync('mount', ['-o', 'remount,bind,ro', ro], { stdio: 'pipe' });
    expect(storageProblem(join(ro, 'station.sqlite'))).toMatchObject({ code: 'STORAGE_READ_ONLY', details: { path: ro } });
    expect(storageProblem(join(mount, 'station.sqlite'))).toBeNull();
  });
});
