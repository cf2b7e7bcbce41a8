/**
 * The demo clinic at a hub (issue 14): `--demo` puts it at an in-process hub so every screen works
 * from the first start, and a desk that holds master data of its own (the demo's) meeting a hub
 * rebuilt from it syncs instead of looping on refusals. Real demo file, real PGlite, real
 * socket.io over loopback, real procedures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoClinic } from '../demo/index';
import { dispatch } from '../station/dispatch';
import { TEST_STATION_KEY } from '../station/keys.testing';
import { Station } from '../station/station';
import { pendingCount, setAsideChanges } from '../sync/local';
import { ownMasterData, pairStation, storedCredential } from '../sync/pair';
import { connected, emptyStation, until } from '../sync/testing';
import { createFixture } from '../station/testing';
import { startTestClinicHub } from './admin.testing';
import { noHubIn, seedHubFromStation } from './demo-hub';
import { startInProcessHub } from './in-process';
import { PgliteStore } from './pglite-store';
import { rebuildFromStation } from './rebuild';
import { startClinicHub } from './run';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A small demo clinic (a week of history) in a new station file. */
function demoStation(): { station: Station; file: string; dir: string; password: string; admin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-demo-hub-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'station.sqlite');
  const demo = createDemoClinic(file, { key: TEST_STATION_KEY, historyDays: 7 });
  const station = new Station({ file, key: TEST_STATION_KEY });
  cleanups.push(() => station.close());
  const admin = demo.accounts.find((a) => a.roles.includes('admin'))!.username;
  return { station, file, dir, password: demo.password, admin };
}

function count(station: Station, table: string): number {
  return (station.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('the demo clinic at a hub', () => {
  it('--demo: the hub in the desk\'s process holds the demo, the desk pairs with nothing to resend, and admin screens answer at once', async () => {
    const d = demoStation();
    const hubDir = join(d.dir, 'hub');
    expect(noHubIn(hubDir)).toBe(true);
    const { changes } = await seedHubFromStation(d.station, d.file, TEST_STATION_KEY, hubDir);
    expect(noHubIn(hubDir)).toBe(false);
    expect(pendingCount(d.station)).toBe(0);
    const hub = await startInProcessHub(d.station, { dataDir: hubDir, port: 0, adminKey: TEST_STATION_KEY });
    cleanups.push(() => hub.close());
    const client = await connected(d.station, hub.clinic.hub);
    cleanups.push(() => client.stop());
    expect(pendingCount(d.station)).toBe(0);
    expect(setAsideChanges(d.station).count).toBe(0);
    // The hub's own station holds the clinic: the demo's patients and accounts are there.
    await hub.clinic.admin.idle();
    expect(count(hub.clinic.admin.station, 'patients')).toBe(count(d.station, 'patients'));
    expect(count(hub.clinic.admin.station, 'accounts')).toBe(count(d.station, 'accounts'));
    expect(changes).toBeGreaterThan(count(d.station, 'patients'));
    // An admin logs in at the desk and uses screens that run at the hub.
    const login = await dispatch(d.station, { token: null }, 'accounts.login', { username: d.admin, password: d.password });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    const devices = await dispatch(d.station, { token: login.value.token }, 'devices.list', {});
    if (!devices.ok) throw new Error(JSON.stringify(devices.error));
    expect(devices.value.devices.map((x) => x.device)).toEqual([d.station.device]);
  }, 300_000);

  it('a desk holding master data of its own, paired with a hub rebuilt from its file, resends its changes and the hub takes the ones it has: nothing refused, nothing waiting', async () => {
    // The fixture's small clinic, written at the desk as the demo is (master data included).
    const dir = mkdtempSync(join(tmpdir(), 'clinic-rebuilt-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const fx = createFixture({ file: join(dir, 'station.sqlite') });
    cleanups.push(fx.close);
    const store = await PgliteStore.open({ dataDir: join(dir, 'hub') });
    cleanups.push(() => store.close());
    fx.station.raw.pragma('wal_checkpoint(TRUNCATE)');
    await rebuildFromStation(join(dir, 'station.sqlite'), store, { key: TEST_STATION_KEY, now: fx.clock.t });
    const clinic = await startClinicHub({ store, adminFile: join(dir, 'admin.sqlite'), adminKey: TEST_STATION_KEY, port: 0, now: () => fx.clock.t });
    cleanups.push(() => clinic.close());
    expect(ownMasterData(fx.station).ownMasterData?.count).toBeGreaterThan(10);
    const { code } = await clinic.hub.issuePairingCode();
    const paired = await pairStation(fx.station, clinic.hub.url, code);
    if (!paired.ok) throw new Error(JSON.stringify(paired.error));
    const lastSeq = await store.lastSeq();
    const c = await connected(fx.station, clinic.hub);
    cleanups.push(() => c.stop());
    expect(pendingCount(fx.station)).toBe(0);
    expect(setAsideChanges(fx.station).count).toBe(0);
    // Acknowledged, not appended again.
    expect(await store.lastSeq()).toBe(lastSeq);
  }, 300_000);

  it('a desk holding master data the hub does not have is refused at pairing, at once and audited, and the code stays good', async () => {
    const t = await startTestClinicHub(await PgliteStore.template());
    cleanups.push(t.close);
    const fx = createFixture({ device: 'D9' });
    cleanups.push(fx.close);
    const { code } = await t.clinic.hub.issuePairingCode();
    const refused = await pairStation(fx.station, t.clinic.hub.url, code);
    expect(refused).toMatchObject({ ok: false, error: { code: 'MASTER_DATA_ELSEWHERE', message: expect.stringContaining('rebuild the hub from this station') as string } });
    expect(storedCredential(fx.station)).toBeNull();
    await t.clinic.admin.idle();
    await until(() => t.clinic.admin.station.raw.prepare("SELECT 1 FROM audit_log WHERE action = 'refuse' AND procedure = 'MASTER_DATA_ELSEWHERE'").get() !== undefined);
    // No wrong code was tried: an empty station pairs with the same code.
    const fresh = emptyStation('E1', t.clock);
    cleanups.push(fresh.close);
    expect((await pairStation(fresh.station, t.clinic.hub.url, code)).ok).toBe(true);
  }, 300_000);
});
