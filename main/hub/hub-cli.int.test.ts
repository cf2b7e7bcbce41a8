/** `npm run hub` first-run setup: the hint, `--create-admin` from the environment or stdin, refused once an admin exists. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTs } from '../sync/fault-testing';
import { PgliteStore } from './pglite-store';
import { freePort } from './postgres-testing';

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
  it('writes one on demand, restores it into a new folder, refuses a folder in use and bad settings', async () => {
    const backups = join(dir, 'backups');
    const running = await hubRun(['--backup-dir', backups, '--backup-every', '0']);
    try {
      await running.waitFor(/no pairing code yet/);
      running.proc.stdin!.write('backup\n');
      await running.waitFor(/backup written: \S+hub-\d{8}T\d{6}Z\.tar\.gz/);
    } finally {
      await running.kill('SIGTERM');
    }
    expect(await running.exited, running.output()).toBe(0);
    const file = /backup written: (\S+)/.exec(running.output())![1]!;

    const target = join(dir, 'restored');
    const restore = runTs('main/cli/hub.ts', ['--data', target, '--restore', file]);
    expect(await restore.exited, restore.output()).toBe(0);
    expect(restore.output()).toMatch(/restored .* new id/);
    const store = await PgliteStore.open({ dataDir: target });
    try {
      expect([...(await store.rows('accounts')).values()].map((r) => r.values['username'])).toEqual(['boss']);
    } finally {
      await store.close();
    }

    const inUse = runTs('main/cli/hub.ts', ['--data', target, '--restore', file]);
    expect(await inUse.exited).toBe(1);
    expect(inUse.output()).toContain('--force');
    const badKeep = await hubRun(['--backup-keep', '0']);
    expect(await badKeep.exited).toBe(1);
    expect(badKeep.output()).toContain('--backup-keep');
  }, 240_000);
});
