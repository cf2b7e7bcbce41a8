/**
 * A single-PC clinic: `npm run serve -- --with-hub` runs the hub in the station's own process,
 * the station pairs with it by itself, the first admin made there reaches the station, and the
 * setting is remembered at the next start. Real processes, real PGlite, real socket.io.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTs } from '../sync/fault-testing';
import { until } from '../sync/testing';
import { freePort } from './postgres-testing';
import { openKeyed } from '../../db/cipher';
import { stationKeyFor } from '../station/keys';

const dir = mkdtempSync(join(tmpdir(), 'clinic-in-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'station.sqlite');

function usernames(): string[] {
  // The serve process made the station's key; with no OS keystore here, in the key file beside it.
  const db = openKeyed(file, stationKeyFor(file, { keystore: null, readOnly: true }).key, { readonly: true });
  try {
    return (db.prepare('SELECT username FROM accounts').all() as { username: string }[]).map((r) => r.username);
  } finally {
    db.close();
  }
}

async function serve(args: string[], env: Record<string, string> = {}) {
  const port = await freePort();
  return runTs('main/cli/serve.ts', ['--file', file, '--port', '0', '--static', dir, '--hub-port', String(port), ...args], env);
}

describe('the hub in the station process', () => {
  it('starts, pairs, makes the first admin, syncs it to the station, and is remembered', async () => {
    const first = await serve(['--with-hub', '--hub-data', join(dir, 'hub'), '--create-admin', 'boss'], { CLINIC_ADMIN_PASSWORD: 'Clinic2026boss' });
    try {
      await first.waitFor(/syncing with the hub at https:\/\/127\.0\.0\.1:\d+/, 120_000);
      expect(first.output()).toMatch(/in-process hub on https:\/\/127\.0\.0\.1:\d+ \(data .*hub\)/);
      await until(() => usernames().includes('boss'), 30_000);
    } finally {
      await first.kill('SIGTERM');
    }
    expect(await first.exited, first.output()).toBe(0);

    // Next start: no flag, the station remembers its hub (on a new port this time).
    const again = await serve([]);
    try {
      await again.waitFor(/syncing with the hub at https:\/\/127\.0\.0\.1:\d+/, 120_000);
      expect(again.output()).toContain('in-process hub on');
    } finally {
      await again.kill('SIGTERM');
    }
    expect(await again.exited, again.output()).toBe(0);
  }, 300_000);

  it('refuses options that do not go together', async () => {
    const both = await serve(['--with-hub', '--hub', 'http://127.0.0.1:1']);
    expect(await both.exited).toBe(1);
    expect(both.output()).toContain('leave out --hub');
    const adminAlone = await serve(['--create-admin', 'boss']);
    expect(await adminAlone.exited).toBe(1);
    expect(adminAlone.output()).toContain('--create-admin goes with --with-hub');
  }, 120_000);
});
