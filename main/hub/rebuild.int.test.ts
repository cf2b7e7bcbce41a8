/**
 * A hub whose disk is lost, rebuilt from one station's replica: real stations synced through a
 * real hub over socket.io, then a new PGlite store filled from one station's SQLite file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../db/schema';
import { REPLICATED_TABLES } from '../station/tables';
import { createFixture, type Fixture } from '../station/testing';
import { getCursor, pendingCount } from '../sync/local';
import { connected, emptyStation, startTestHub, startTestHubOn, until, writeAs, type TestHub } from '../sync/testing';
import { getTableName } from 'drizzle-orm';
import { PgliteStore } from './pglite-store';
import { rebuildFromStation } from './rebuild';
import { rolledUp, rollupsVersion } from './stats/rollups';
import { TEST_STATION_KEY } from '../station/keys.testing';
import { Station } from '../station/station';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
}, 120_000);

const names = REPLICATED_TABLES.map((t) => getTableName(t));

describe('rebuilding the hub from a station', { timeout: 120_000 }, () => {
  let th: TestHub;
  let fx: Fixture;
  let b: ReturnType<typeof emptyStation>;
  const dir = mkdtempSync(join(tmpdir(), 'clinic-rebuild-'));
  afterAll(async () => {
    b?.close();
    fx?.close();
    await th?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has every change the lost hub had, plus the station’s unsent work, under a new hub id', async () => {
    th = await startTestHub(template);
    fx = createFixture({ device: 'A1' });
    b = emptyStation('B2', fx.clock);
    const ca = await connected(fx.station, th.hub);
    const cb = await connected(b.station, th.hub);
    // Work at both desks: A registers; B edits A's patient (so A's log holds B's change too).
    const reception = fx.login('reception');
    const { patient } = fx.ok(reception, 'patients.register', { name: '周一', phone: '13900000031' });
    await until(() => b.station.db.select().from(patients).all().some((p) => p.id === patient.id), 20_000);
    writeAs(b.station, (w) => w.update(patients, patient.id, { address: '南京路 1 号' }));
    await until(() => pendingCount(b.station) === 0, 20_000);
    const lastSeq = await th.store.lastSeq();
    await until(() => getCursor(fx.station) === lastSeq, 20_000);
    await ca.stop();
    // B's last change reaches the old hub but never A: only B can give it back.
    writeAs(b.station, (w) => w.update(patients, patient.id, { emergencyName: '周一家属' }));
    await until(() => pendingCount(b.station) === 0, 20_000);
    await cb.stop();
    // A keeps working with the hub gone: this change was never sent.
    fx.ok(reception, 'patients.register', { name: '周二', phone: '13900000032' });
    expect(pendingCount(fx.station)).toBe(1 + 1); // the patient row and its audit row

    const rebuilt = await PgliteStore.open({ loadDataDir: template });
    try {
      const oldHubId = await th.store.getMeta('hub_id');
      const report = await rebuildFromStation(join(fx.dir, 'station.sqlite'), rebuilt, { key: TEST_STATION_KEY, now: fx.clock.t });
      expect(report.changes).toBe(lastSeq + 2);
      expect(report.fromDevices).toEqual(['A1', 'B2']);
      expect(report.hubId).not.toBe(oldHubId);
      expect(await rebuilt.getMeta('hub_id')).toBe(report.hubId);
      expect(await rebuilt.lastSeq()).toBe(lastSeq + 2);
      // Every row the old hub had is the same on the rebuilt one (merge state included), but
      // for the change A never received.
      for (const name of names) {
        const before = await th.store.rows(name);
        const after = await rebuilt.rows(name);
        for (const [id, state] of before) if (id !== patient.id) expect(after.get(id), `${name} ${id}`).toEqual(state);
      }
      const people = [...(await rebuilt.rows('patients')).values()].map((s) => s.values['name']);
      expect(people).toEqual(expect.arrayContaining(['周一', '周二']));
      expect((await rebuilt.row('patients', patient.id))?.values['address']).toBe('南京路 1 号');
      // The statistics' roll-ups were built whole for this version, and are what the statistics read.
      expect((await rebuilt.query<{ value: string }>(`SELECT value FROM stats_rollup_state WHERE key = 'version'`)).rows[0]?.value).toBe(rollupsVersion());
      expect(await rolledUp(rebuilt, 'Asia/Shanghai')).toBe(true);

      // Not twice into the same store.
      await expect(rebuildFromStation(join(fx.dir, 'station.sqlite'), rebuilt, { key: TEST_STATION_KEY })).rejects.toThrow(/not empty/);
    } catch (err) {
      await rebuilt.close();
      throw err;
    }
    // B meets the rebuilt hub (another id): it pulls from the start and resends all its own
    // work; the hub keeps what it has (by change id) and regains B's change A never saw, and B
    // gets A's change that never reached the old hub.
    const th2 = await startTestHubOn(rebuilt);
    try {
      const seqBefore = await rebuilt.lastSeq();
      expect((await rebuilt.row('patients', patient.id))?.values['emergency_name'] ?? null).toBeNull();
      const cb2 = await connected(b.station, th2.hub);
      await until(() => b.station.db.select().from(patients).all().some((p) => p.name === '周二'), 20_000);
      expect(pendingCount(b.station)).toBe(0);
      expect((await rebuilt.row('patients', patient.id))?.values['emergency_name']).toBe('周一家属');
      expect(await rebuilt.lastSeq()).toBe(seqBefore + 1);
      expect(getCursor(b.station)).toBe(seqBefore + 1);
      await cb2.stop();
    } finally {
      await th2.close();
    }
  });

  it('refuses a file that is not a station database, and a missing file', async () => {
    const store = await PgliteStore.open({ loadDataDir: template });
    try {
      const notStation = join(dir, 'other.sqlite');
      writeFileSync(notStation, '');
      await expect(rebuildFromStation(notStation, store, { key: TEST_STATION_KEY })).rejects.toThrow(/not a station database/);
      await expect(rebuildFromStation(join(dir, 'missing.sqlite'), store, { key: TEST_STATION_KEY })).rejects.toThrow();
      // A station file with another key than the one given: STORAGE_KEY_WRONG, nothing appended.
      const encrypted = join(dir, 'encrypted.sqlite');
      new Station({ file: encrypted, key: TEST_STATION_KEY, device: 'Q7' }).close();
      await expect(rebuildFromStation(encrypted, store, { key: Buffer.alloc(32, 1) })).rejects.toMatchObject({ code: 'STORAGE_KEY_WRONG' });
      expect(await store.lastSeq()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
