/**
 * A hub in its own process for the sync benchmark, as a clinic runs it (`npm run hub` on its own
 * PC): PGlite in a data folder, started like the tests start one (main/sync/testing.ts), its
 * store metered (bench/sync-measure.ts). Forked by bench/sync-hub-process.ts; talks over IPC:
 *   → { ready: { url, certificate } } once listening
 *   ← { id, op: 'lastSeq' | 'meter' | 'report' | 'close' }   → { id, value }
 */
import { PgliteStore } from '../main/hub/pglite-store';
import { startTestHubOn } from '../main/sync/testing';
import { cpuSince, meterStore } from './sync-measure';

export type HubChildOp = 'lastSeq' | 'meter' | 'report' | 'close';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir || !process.send) throw new Error('usage: forked with IPC, argv: <hub data folder>');
  const send = (msg: unknown) => process.send!(msg);
  const th = await startTestHubOn(await PgliteStore.open({ dataDir }));
  let meters: ReturnType<typeof meterStore> | undefined;
  let cpu0 = process.cpuUsage();
  process.on('message', (msg: { id: number; op: HubChildOp }) => {
    void (async () => {
      switch (msg.op) {
        case 'lastSeq':
          return send({ id: msg.id, value: await th.store.lastSeq() });
        case 'meter':
          meters?.restore();
          meters = meterStore(th.store);
          cpu0 = process.cpuUsage();
          return send({ id: msg.id, value: null });
        case 'report': {
          meters?.restore();
          const value = meters ? { append: meters.append, after: meters.after, detection: meters.detection, cpuMs: cpuSince(cpu0) } : null;
          meters = undefined;
          return send({ id: msg.id, value });
        }
        case 'close':
          await th.close();
          send({ id: msg.id, value: null });
          return process.disconnect();
      }
    })().catch((err: unknown) => send({ id: msg.id, error: err instanceof Error ? err.message : String(err) }));
  });
  send({ ready: { url: th.hub.url, certificate: th.hub.certificate } });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
