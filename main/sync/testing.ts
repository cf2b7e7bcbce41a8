/**
 * Test helpers for sync: a real hub on loopback over a PGlite store started from a dumped
 * template, empty stations that bootstrap from the hub, and a station-side Writer for setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { PgliteStore } from '../hub/pglite-store';
import { startHub, type Hub, type HubOptions } from '../hub/server';
import type { HubStore } from '../hub/store';
import { tableChecksums } from '../station/checksum';
import { Station } from '../station/station';
import { REPLICATED_TABLES } from '../station/tables';
import { TEST_START } from '../station/testing';
import { Writer } from '../station/writer';
import { SyncClient, type SyncClientOptions } from './client';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { setMeta } from './local';
import { HUB_CERT_KEY, pinOf, pinnedTls } from './pin';
import { TEST_STATION_KEY } from '../station/keys.testing';

export interface TestHub {
  hub: Hub;
  store: HubStore;
  close: () => Promise<void>;
}

/** A hub on loopback over a store loaded from `template`; open to every device unless `open: false`. */
export async function startTestHub(template: Blob | File, opts: Partial<HubOptions> = {}): Promise<TestHub> {
  return startTestHubOn(await PgliteStore.open({ loadDataDir: template }), opts);
}

/**
 * A hub on loopback over `store` (closed with the hub); open to every device unless `open: false`;
 * taking master data from stations (the fixture station seeds the clinic) unless told otherwise.
 */
export async function startTestHubOn(store: HubStore, opts: Partial<HubOptions> = {}): Promise<TestHub> {
  const hub = await startHub({ store, open: true, masterDataFromStations: true, ...opts });
  let closed: Promise<void> | undefined;
  // Idempotent: a test may stop its hub midway and still leave it to the cleanup.
  return { hub, store, close: () => (closed ??= (async () => { await hub.close(); await store.close(); })()) };
}

/** An empty station (no master data: it bootstraps from the hub) on a file in its own temp folder. */
export function emptyStation(device: string, clock: { t: number } = { t: TEST_START }): { station: Station; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `clinic-sync-${device}-`));
  const station = new Station({ key: TEST_STATION_KEY, file: join(dir, 'station.sqlite'), device, now: () => clock.t });
  return { station, close: () => { station.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Writes as an ordinary station would (no master data), in one transaction; tells listeners. */
export function writeAs<T>(station: Station, fn: (w: Writer) => T): T {
  const write = new Writer({ db: station.db, device: station.device, clock: station.clock, now: station.now, allowMasterData: false });
  const out = station.raw.transaction(() => {
    const v = fn(write);
    station.saveClock();
    return v;
  }).immediate();
  station.emit('data.changed', { tables: [...write.touched] });
  return out;
}

export const REPLICATED_NAMES = REPLICATED_TABLES.map((t) => getTableName(t)).sort();

export function replicatedChecksums(station: Station): Record<string, string> {
  return tableChecksums(station.raw, REPLICATED_NAMES);
}

/** Where a station finds a hub: its address and certificate (a hub in this process, or one in another). */
export type HubAddress = Pick<Hub, 'url' | 'certificate'>;

export function client(station: Station, hub: HubAddress, opts: Partial<SyncClientOptions> = {}): SyncClient {
  const c = new SyncClient(station, { url: hub.url, pin: pinOf(hub.certificate), reconnectDelayMs: 50, ...opts });
  return c;
}

/** A bare socket.io connection to the hub (protocol tests), pinned to its certificate like a station. */
export function rawSocket(hub: HubAddress, opts: Partial<ManagerOptions & SocketOptions> = {}): Socket {
  return io(hub.url, { transports: ['websocket'], ...pinnedTls(pinOf(hub.certificate)), ...opts });
}

/** Pins `certificate` in the station file as pairing would (a station started in a child process). */
export function pinInFile(file: string, certificate: string): void {
  const station = new Station({ key: TEST_STATION_KEY, file });
  try {
    station.raw.transaction(() => setMeta(station, HUB_CERT_KEY, certificate)).immediate();
  } finally {
    station.close();
  }
}

/** Connects, waits for the first full sync, and returns the client; fails with the client's error if it has one. */
export async function connected(station: Station, hub: HubAddress, opts: Partial<SyncClientOptions> = {}): Promise<SyncClient> {
  const c = client(station, hub, opts);
  c.start();
  try {
    await until(() => {
      if (c.state.error) throw new Error(`sync failed: ${c.state.error.code} ${c.state.error.message}`);
      return c.state.online && c.state.lastSyncAt !== null;
    }, 30_000);
    await c.idle();
  } catch (err) {
    await c.stop();
    throw err;
  }
  return c;
}

/** Waits until `check` holds, polling. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
