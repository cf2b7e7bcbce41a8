/** `npm run hub` first-run setup: the hint, `--create-admin` from the environment or stdin, refused once an admin exists. */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTs } from '../sync/fault-testing';
import { PgliteStore } from './pglite-store';
import { freePort } from './postgres-testing';
import { enforcePrivateTree } from './private-files';

const PASS = 'clinic backup passphrase 2026';

const dir = mkdtempSync(join(tmpdir(), 'clinic-hub-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function hubRun(args: string[], env: Record<string, string> = {}, stdin?: string) {
  const port = await freePort();
  const hub = runTs('main/cli/hub.ts', ['--data', join(dir, 'hub'), '--port', String(port), '--no-web', ...args], env);
  if (stdin !== undefined) hub.proc.stdin!.end(stdin);
  return hub;
}

describe('hub CLI: the first admin', () => {
  it('hints on a new hub, creates the admin from CLINIC_ADMIN_PASSWORD, then refuses a second one and a weak password from stdin', async () => {
    const fresh = await hubRun([]);
    try {
      await fresh.waitFor(/no pairing code yet: .*type "code"/);
      expect(fresh.output()).toContain('--create-admin <username>');
      expect(fresh.output()).toMatch(/hub listening on .* admin station HUB/);
    } finally {
      await fresh.kill('SIGTERM');
    }
    expect(await fresh.exited, fresh.output()).toBe(0);

    const create = await hubRun(['--create-admin', 'boss'], { CLINIC_ADMIN_PASSWORD: 'Clinic2026boss' });
    try {
      await create.waitFor(/no pairing code yet/);
      expect(create.output()).toContain('admin account boss created');
      expect(create.output()).not.toContain('--create-admin <username>');
      expect(create.output()).not.toContain('Clinic2026boss');
    } finally {
      await create.kill('SIGTERM');
    }
    expect(await create.exited, create.output()).toBe(0);

    const weak = await hubRun(['--create-admin', 'boss2'], {}, 'short\n');
    expect(await weak.exited).toBe(1);
    expect(weak.output()).toMatch(/WEAK_PASSWORD|password refused: too_short/);

    const second = await hubRun(['--create-admin', 'boss2'], {}, 'Clinic2026boss\n');
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('an admin account exists already');

    const store = await PgliteStore.open({ dataDir: join(dir, 'hub') });
    try {
      const names = [...(await store.rows('accounts')).values()].map((r) => r.values['username']);
      expect(names).toEqual(['boss']);
    } finally {
      await store.close();
    }
  }, 180_000);
});

describe('hub CLI: backups', () => {
  it('with no passphrase says backups are off and writes none; with one writes an encrypted one, restores it with the passphrase, refuses a wrong one and restores nothing', async () => {
    const backups = join(dir, 'backups');
    const none = await hubRun(['--backup-dir', backups]);
    try {
      await none.waitFor(/no pairing code yet/);
      expect(none.output()).toMatch(/!!! no backup passphrase: backups are OFF until one is given/);
      none.proc.stdin!.write('backup\n');
      await none.waitFor(/backup failed: no backup passphrase/);
    } finally {
      await none.kill('SIGTERM');
    }
    expect(await none.exited, none.output()).toBe(0);
    expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);

    const env = { CLINIC_BACKUP_PASSPHRASE: PASS };
    const running = await hubRun(['--backup-dir', backups, '--backup-every', '0'], env);
    try {
      await running.waitFor(/no pairing code yet/);
      running.proc.stdin!.write('backup\n');
      await running.waitFor(/backup written: \S+hub-\d{8}T\d{6}Z\.tar\.gz\.enc/);
    } finally {
      await running.kill('SIGTERM');
    }
    expect(await running.exited, running.output()).toBe(0);
    const file = /backup written: (\S+)/.exec(running.output())![1]!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The hub's data folder after a run: nothing in it open to other users.
    expect(enforcePrivateTree(join(dir, 'hub')).fixed).toEqual([]);

    // A wrong passphrase on stdin: refused, nothing restored.
    const target = join(dir, 'restored');
    const wrong = runTs('main/cli/hub.ts', ['--data', target, '--restore', file]);
    wrong.proc.stdin!.end('not the passphrase at all\n');
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toMatch(/backup passphrase is wrong/);
    expect(existsSync(target)).toBe(false);

    // The right one, from a key file of mode 600 (one of 644 is refused first).
    const keyFile = join(dir, 'backup.key');
    writeFileSync(keyFile, `${PASS}\n`, { mode: 0o644 });
    const unsafe = runTs('main/cli/hub.ts', ['--data', target, '--restore', file, '--backup-key-file', keyFile]);
    expect(await unsafe.exited).toBe(1);
    expect(unsafe.output()).toMatch(/backup key file .* has mode 644/);
    chmodSync(keyFile, 0o600);
    const restore = runTs('main/cli/hub.ts', ['--data', target, '--restore', file, '--backup-key-file', keyFile]);
    expect(await restore.exited, restore.output()).toBe(0);
    expect(restore.output()).toMatch(/restored .* new id/);
    const store = await PgliteStore.open({ dataDir: target });
    try {
      expect([...(await store.rows('accounts')).values()].map((r) => r.values['username'])).toEqual(['boss']);
    } finally {
      await store.close();
    }

    const inUse = runTs('main/cli/hub.ts', ['--data', target, '--restore', file], env);
    expect(await inUse.exited).toBe(1);
    expect(inUse.output()).toContain('--force');
    const badKeep = await hubRun(['--backup-keep', '0']);
    expect(await badKeep.exited).toBe(1);
    expect(badKeep.output()).toContain('--backup-keep');
  }, 300_000);
});
