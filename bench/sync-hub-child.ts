/**
 * A hub in its own process for the sync benchmark, as a clinic runs it (`npm run hub` on its own
 * PC): PGlite in a data folder (or a PostgreSQL database), started like the tests start one (main/sync/testing.ts), its
 * store metered (bench/sync-measure.ts). Forked by bench/sync-hub-process.ts (bench/child.ts).
 */
import { PgliteStore } from '../main/hub/pglite-store';
import { PostgresHubStore } from '../main/hub/postgres-store';
import { startTestHubOn } from '../main/sync/testing';
import { serveBenchParent } from './child';
import { cpuSince, meterStore } from './sync-measure';

export type HubChildOp = 'lastSeq' | 'meter' | 'report' | 'projected';

async function main(): Promise<void> {
  const where = process.argv[2];
  if (!where || !process.send) throw new Error('usage: forked with IPC, argv: <hub data folder | postgres:// URL>');
  const store = where.startsWith('postgres://') ? await PostgresHubStore.open(where) : await PgliteStore.open({ dataDir: where });
  const th = await startTestHubOn(store);
  let meters: ReturnType<typeof meterStore> | undefined;
  let cpu0 = process.cpuUsage();
  serveBenchParent<HubChildOp>({ url: th.hub.url, certificate: th.hub.certificate }, async (op) => {
    switch (op) {
      case 'lastSeq':
        return th.store.lastSeq();
      case 'projected':
        // At the projection's own pace: nothing hurries it.
        return th.store.projected(await th.store.lastSeq());
      case 'meter':
        meters?.restore();
        meters = meterStore(th.store);
        cpu0 = process.cpuUsage();
        return null;
      case 'report': {
        meters?.restore();
        const value = meters ? { append: meters.append, after: meters.after, detection: meters.detection, projection: meters.projection(), cpuMs: cpuSince(cpu0) } : null;
        meters = undefined;
        return value;
      }
    }
  }, () => th.close());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
