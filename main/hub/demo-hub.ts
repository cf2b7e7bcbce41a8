/**
 * `--demo` runs the single-PC set-up (main/hub/in-process.ts) with the demo clinic at the hub, so
 * every screen, administration and statistics included, works from the first start. The demo is
 * written into the station's file (db/demo), master data too; the new hub is filled from that
 * file's log (main/hub/rebuild.ts), and the station's changes are then marked as the hub's (each
 * with its seq, the cursor at the log's end, the hub's id remembered), so pairing with its own
 * hub resends nothing and nothing of the demo is refused as master data from a desk.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import type { Station } from '../station/station';
import { adoptHub, markAcked, setCursor } from '../sync/local';
import { MAX_BATCH } from '../sync/protocol';
import { PgliteStore } from './pglite-store';
import { rebuildFromStation } from './rebuild';
import { hubIdOf } from './server';

/** Whether `dataDir` holds no hub yet (missing or empty). */
export function noHubIn(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** Fills a new hub in `dataDir` with the station's clinic and marks the station's log as the hub's. */
export async function seedHubFromStation(station: Station, stationFile: string, key: Buffer, dataDir: string, log: (line: string) => void = () => undefined): Promise<{ changes: number }> {
  mkdirSync(dataDir, { recursive: true });
  const store = await PgliteStore.open({ dataDir, log });
  try {
    // The station's own writes are all in its file: fold the WAL in so the reader sees them.
    station.raw.pragma('wal_checkpoint(TRUNCATE)');
    const report = await rebuildFromStation(stationFile, store, { key, now: station.now() });
    let cursor = 0;
    for (;;) {
      const page = await store.after(cursor, MAX_BATCH);
      if (page.changes.length > 0) markAcked(station, page.changes.map((c) => ({ id: c.id, seq: c.seq })));
      cursor = page.cursor;
      if (!page.more) break;
    }
    adoptHub(station, await hubIdOf(store));
    setCursor(station, cursor);
    log(`the demo clinic is at the hub: ${report.changes} changes`);
    return { changes: report.changes };
  } finally {
    await store.close();
  }
}
