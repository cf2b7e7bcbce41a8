/**
 * PouchDB's server (express-pouchdb over PouchDB on LevelDB, in a folder) in its own process, as a
 * CouchDB server runs apart from its clients: for the sync benchmark's fair comparison when the
 * clinic's hub runs in its own process. Forked by bench/pouch-sync.ts (bench/child.ts).
 */
import { serveBenchParent } from './child';
import { startPouchServer } from './pouch-server';
import { cpuSince } from './sync-measure';

export type PouchChildOp = 'meter' | 'report';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || !process.send) throw new Error('usage: forked with IPC, argv: <server folder>');
  const server = await startPouchServer(dir);
  let cpu0 = process.cpuUsage();
  serveBenchParent<PouchChildOp>({ url: server.url }, async (op) => {
    if (op === 'meter') cpu0 = process.cpuUsage();
    else return { cpuMs: cpuSince(cpu0) };
    return null;
  }, () => server.close());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
