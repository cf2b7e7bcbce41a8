/**
 * A station with its sync client in a process of its own, for the fault tests
 * (main/sync/faults.int.test.ts), which SIGKILL it mid-push and start it again on the same file:
 *   tsx main/sync/fault-station.ts <sqlite file> <hub url> <batch size>
 * Prints "synced <cursor>" once nothing is pending and a full run has finished, then exits.
 */
import { Station } from '../station/station';
import { SyncClient } from './client';
import { getCursor, pendingCount } from './local';
import { TEST_STATION_KEY } from '../station/keys.testing';

const [file, url, batch] = process.argv.slice(2);
if (!file || !url) throw new Error('usage: fault-station.ts <sqlite file> <hub url> <batch size>');
const station = new Station({ key: TEST_STATION_KEY, file });
const client = new SyncClient(station, { url, batchSize: Number(batch ?? 100), timeoutMs: 5_000, reconnectDelayMs: 50 });
client.start();
const started = Date.now();
const timer = setInterval(() => {
  if (Date.now() - started > 60_000) {
    console.error(`gave up: ${pendingCount(station)} pending, error ${JSON.stringify(client.state.error)}`);
    process.exit(2);
  }
  if (!client.state.online || client.state.lastSyncAt === null || pendingCount(station) > 0) return;
  clearInterval(timer);
  void client.idle().then(async () => {
    if (pendingCount(station) > 0) return;
    console.log(`synced ${getCursor(station)}`);
    await client.stop();
    station.close();
    process.exit(0);
  });
}, 20);
