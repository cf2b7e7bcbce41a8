/** WAL checkpoints happen when the station is quiet, not inside a command's commit. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from './testing';

let fx: Fixture;
beforeAll(() => {
  fx = createFixture();
});
afterAll(() => fx.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle WAL checkpoint', () => {
  it('a command writes only the WAL; the database file is brought up to date once the station is quiet', async () => {
    expect(fx.station.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
    const file = join(fx.dir, 'station.sqlite');
    await sleep(500); // let the fixture's own writes settle and checkpoint
    const before = statSync(file).mtimeMs;
    const reception = fx.login('reception');
    fx.ok(reception, 'patients.register', { name: '钱七', phone: '13900000077' });
    expect(statSync(file).mtimeMs).toBe(before);
    await sleep(800);
    expect(statSync(file).mtimeMs).toBeGreaterThan(before);
  });
});
