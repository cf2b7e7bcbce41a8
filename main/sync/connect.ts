/**
 * How a running station joins its hub: pair once with the code shown at the hub (the address
 * and credential are then kept in station_meta), and from then on sync with the hub it paired
 * with at every start, without being told again.
 */
import type { Station } from '../station/station';
import { SyncClient } from './client';
import { getMeta } from './local';
import { pairStation, storedCredential } from './pair';

export interface HubConnectOptions {
  /** The hub's address, e.g. http://192.168.1.10:5190; left out: the one stored at pairing. */
  url?: string;
  /** A pairing code from the hub, for a station that has not paired yet. */
  pairCode?: string;
}

export function storedHubUrl(station: Station): string | null {
  return getMeta(station, 'hub_url') ?? null;
}

/** Pairs when asked to, then starts syncing; null when this station has no hub (a standalone PC). */
export async function connectToHub(station: Station, opts: HubConnectOptions): Promise<SyncClient | null> {
  const url = opts.url ?? storedHubUrl(station);
  if (!url) {
    if (opts.pairCode) throw new Error('a pairing code needs the hub address (--hub URL)');
    return null;
  }
  if (opts.pairCode) {
    const answer = await pairStation(station, url, opts.pairCode);
    if (!answer.ok) throw new Error(`pairing with ${url} refused: ${answer.error.code} ${answer.error.message}`);
  } else if (!storedCredential(station)) {
    console.warn(`this station has not paired with ${url} yet: start it once with --pair CODE (the code the hub shows)`);
  }
  const client = new SyncClient(station, { url });
  client.start();
  return client;
}
