/**
 * A single-PC clinic needs no separate hub: the station runs one in its own process (a setting
 * kept in station_meta: `hub_mode = in-process`, with the hub's data folder). The hub is the
 * usual one (sync server, admin station, PGlite in a data folder) on loopback unless told
 * otherwise, and the station pairs with it by itself, so later a second PC can join it by the
 * pairing code and the clinic grows without moving its data.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Station } from '../station/station';
import { getMeta, setMeta } from '../sync/local';
import { pairStation, storedCredential } from '../sync/pair';
import { createFirstAdmin } from './first-admin';
import { PgliteStore } from './pglite-store';
import { startClinicHub, type ClinicHub } from './run';
import { hubIdOf } from './server';
import { stationKeyFor } from '../station/keys';

export interface InProcessHubOptions {
  /** The hub's data folder; left out: the one this station used before. */
  dataDir?: string;
  host?: string;
  port?: number;
  /** The first admin account, for a new clinic (refused once an admin exists). */
  firstAdmin?: { username: string; password: string };
  log?: (line: string) => void;
  /** The admin station's key; left out: main/station/keys.ts finds (or makes) it. */
  adminKey?: Buffer;
}

export interface InProcessHub {
  clinic: ClinicHub;
  url: string;
  close(): Promise<void>;
}

/** The data folder of the hub this station runs in-process, or null when it does not. */
export function inProcessHubDir(station: Station): string | null {
  return getMeta(station, 'hub_mode') === 'in-process' ? getMeta(station, 'hub_data') ?? null : null;
}

/** Starts the in-process hub, pairs this station with it when needed, and remembers the setting. */
export async function startInProcessHub(station: Station, opts: InProcessHubOptions): Promise<InProcessHub> {
  const dataDir = resolve(opts.dataDir ?? inProcessHubDir(station) ?? 'data/hub');
  mkdirSync(join(dataDir, 'admin'), { recursive: true });
  const log = opts.log ?? (() => undefined);
  const store = await PgliteStore.open({ dataDir, log });
  let clinic: ClinicHub;
  try {
    const adminFile = join(dataDir, 'admin', `station-${await hubIdOf(store)}.sqlite`);
    clinic = await startClinicHub({
      store, adminFile, adminKey: opts.adminKey ?? stationKeyFor(adminFile, { log }).key,
      host: opts.host ?? '127.0.0.1', port: opts.port ?? 5190, log,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const close = async () => {
    await clinic.close();
    await store.close();
  };
  // This station reaches its own hub over loopback, whatever address the LAN sees it on.
  const ownUrl = clinic.hub.url.replace(/^https:\/\/(0\.0\.0\.0|\[::\])(?=:)/, 'https://127.0.0.1');
  try {
    if (opts.firstAdmin) await createFirstAdmin(clinic.admin, opts.firstAdmin.username, opts.firstAdmin.password);
    if (!storedCredential(station) || getMeta(station, 'hub_data') !== dataDir) {
      const { code } = await clinic.hub.issuePairingCode();
      const answer = await pairStation(station, ownUrl, code);
      if (!answer.ok) throw new Error(`the station could not pair with its own hub: ${answer.error.code} ${answer.error.message}`);
    }
    station.raw.transaction(() => {
      setMeta(station, 'hub_mode', 'in-process');
      setMeta(station, 'hub_data', dataDir);
      setMeta(station, 'hub_url', ownUrl);
    }).immediate();
  } catch (err) {
    await close();
    throw err;
  }
  return { clinic, url: ownUrl, close };
}
