/**
 * The hub packaged on its own (build/hub/build.mjs): the bundle is built, started with plain
 * Node from the app folder, opens its data folder and its admin station (the migrations copied
 * beside it), and a station pairs with it over socket.io.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { pairStation } from '../sync/pair';
import { emptyStation } from '../sync/testing';
import { runTs } from '../sync/fault-testing';
import { freePort } from './postgres-testing';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = `out/hub-test-${process.pid}`;
const data = mkdtempSync(join(tmpdir(), 'clinic-hub-bundle-'));
afterAll(() => {
  rmSync(resolve(ROOT, OUT), { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

describe('the hub bundle', () => {
  it('builds, starts under plain Node, and pairs a station', async () => {
    await promisify(execFile)(process.execPath, ['build/hub/build.mjs', '--outdir', OUT], { cwd: ROOT });
    expect(existsSync(resolve(ROOT, OUT, 'hub.mjs'))).toBe(true);
    expect(existsSync(resolve(ROOT, OUT, 'migrations/sqlite/meta/_journal.json'))).toBe(true);

    const port = await freePort();
    // runTs starts `node --import tsx <file>`: the bundle is plain JavaScript and runs the same way.
    const hub = runTs(`${OUT}/hub.mjs`, ['--data', data, '--port', String(port), '--no-web']);
    const station = emptyStation('Q7');
    const stranger = emptyStation('Q8');
    try {
      // No code at start: the admin asks for one at the console.
      await hub.waitFor(/no pairing code yet/, 90_000);
      expect(hub.output()).not.toMatch(/pairing code \d{6}/);
      hub.proc.stdin!.write('code\n');
      const [, code] = (await hub.waitFor(/pairing code (\d{6})/))!;
      expect(hub.output()).toMatch(/hub listening on https:\/\/127\.0\.0\.1:\d+ \(data .*, admin station HUB, last seq \d+/);
      const answer = await pairStation(station.station, `http://127.0.0.1:${port}`, code!);
      expect(answer.ok).toBe(true);
      const wrong = await pairStation(stranger.station, `http://127.0.0.1:${port}`, '000000');
      expect(wrong.ok).toBe(false);
    } finally {
      station.close();
      stranger.close();
      await hub.kill('SIGTERM');
    }
    expect(await hub.exited, hub.output()).toBe(0);
  }, 180_000);
});
