/**
 * The same records replicated as HospitalRun syncs them (bench only): a PouchDB database on
 * client A, replicated over HTTP on loopback to a CouchDB-compatible server (express-pouchdb
 * over PouchDB), and replicated down to client B's PouchDB. All three on PouchDB's LevelDB
 * adapter (leveldown's prebuilt binary), in folders on disk; the server in the clients' process
 * or in its own (bench/pouch-server-child.ts) — wherever the clinic's hub runs in the same run. One document per row (`patients:<id>`, `visits:<id>`), each update a new
 * revision saved on A before replication starts (as A's changes are written before its push).
 *
 *  - live: B replicates continuously from the server (HospitalRun's `live: true`) while A
 *    replicates up; from A's replication starting until B has written every document.
 *  - phased: A replicates up to completion (push phase); then B replicates down (pull phase).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PouchDB from 'pouchdb';
import { forkBenchChild } from './child';
import type { PouchChildOp } from './pouch-server-child';
import { startPouchServer } from './pouch-server';
import type { HubPlace } from './sync-e2e';
import { cpuSince } from './sync-measure';
import { SYNC_OUT, type WrittenRow } from './sync-setup';

export interface PouchResult {
  mode: 'live' | 'phased';
  serverPlace: HubPlace;
  batch: number;
  docs: number;
  revisions: number;
  writeMs: number;
  wallMs: number;
  cpuMs: number;
  /** The server process's CPU when it runs on its own. */
  serverCpuMs: number | null;
  pushMs: number | null;
  pullMs: number | null;
  adapter: string;
  verified: boolean;
}

const CHILD = fileURLToPath(new URL('./pouch-server-child.ts', import.meta.url));

type Doc = { _id: string; _rev?: string; [key: string]: unknown };

/** The server in this process, or in its own (bench/pouch-server-child.ts); cpuMs: its CPU when apart. */
async function startServer(dir: string, place: HubPlace): Promise<{ url: string; meter: () => Promise<void>; cpuMs: () => Promise<number | null>; close: () => Promise<void> }> {
  if (place === 'same process') {
    const s = await startPouchServer(dir);
    return { ...s, meter: async () => undefined, cpuMs: async () => null };
  }
  const child = await forkBenchChild<{ url: string }, PouchChildOp>(CHILD, [dir]);
  return {
    url: child.ready.url,
    meter: () => child.ask<void>('meter'),
    cpuMs: async () => (await child.ask<{ cpuMs: number }>('report')).cpuMs,
    close: () => child.close(),
  };
}

/** Saves every row's versions on `db`: all first versions, then each update as the next revision. */
async function writeDocs(db: PouchDB, rows: readonly WrittenRow[]): Promise<number> {
  let revisions = 0;
  const CHUNK = 1000;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const revs = new Map<string, string>();
    const depth = Math.max(...chunk.map((r) => r.versions.length));
    for (let v = 0; v < depth; v++) {
      const docs: Doc[] = [];
      for (const r of chunk) {
        const version = r.versions[v];
        if (!version) continue;
        const _id = `${r.table}:${String(version['id'])}`;
        const rev = revs.get(_id);
        docs.push({ ...version, _id, type: r.table, ...(rev ? { _rev: rev } : {}) });
      }
      const res = await db.bulkDocs(docs);
      for (const x of res) {
        if (!('ok' in x)) throw new Error(`PouchDB write failed: ${JSON.stringify(x)}`);
        revs.set(x.id, x.rev);
      }
      revisions += docs.length;
    }
  }
  return revisions;
}

/** Resolves (with the time) once a live replication has written `docs` documents (its counts are running totals). */
function writtenAll(rep: ReturnType<typeof PouchDB.replicate>, docs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    rep.on('change', (info) => {
      if (info.docs_written >= docs) resolve(performance.now());
    });
    rep.on('error', reject);
  });
}

/** Cancels a live replication and waits for it to end, so no request of it is still out when the server closes. */
async function stopLive(rep: ReturnType<typeof PouchDB.replicate> | null): Promise<void> {
  if (!rep) return;
  rep.cancel();
  await rep.then(() => undefined, () => undefined);
}

export async function runPouch(rows: readonly WrittenRow[], opts: { mode: 'live' | 'phased'; batch: number; serverPlace?: HubPlace; log: (s: string) => void }): Promise<PouchResult> {
  const serverPlace = opts.serverPlace ?? 'same process';
  // A new folder each run: PouchDB's LevelDB adapter keeps every store it opened (by path) open for the process.
  const dir = join(SYNC_OUT, `pouch-${opts.mode}-${opts.batch}-${Date.now()}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer(join(dir, 'server'), serverPlace);
  const a = new PouchDB(join(dir, 'a'));
  const b = new PouchDB(join(dir, 'b'));
  const remoteUrl = `${server.url}/clinic`;
  const remote = new PouchDB(remoteUrl);
  let live: ReturnType<typeof PouchDB.replicate> | null = null;
  try {
    await remote.info(); // creates the server's database
    opts.log(`  PouchDB: writing ${rows.length.toLocaleString('en')} documents at A…`);
    const tw = performance.now();
    const revisions = await writeDocs(a, rows);
    const writeMs = performance.now() - tw;
    const docs = rows.length;
    const repOpts = { batch_size: opts.batch, batches_limit: 10 };

    await server.meter();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let pushMs: number | null = null;
    let pullMs: number | null = null;
    let t1: number;
    if (opts.mode === 'live') {
      live = PouchDB.replicate(remote, b, { ...repOpts, live: true, retry: true });
      const done = writtenAll(live, docs);
      await PouchDB.replicate(a, remote, repOpts);
      t1 = await done;
    } else {
      await PouchDB.replicate(a, remote, repOpts);
      const tPushed = performance.now();
      pushMs = tPushed - t0;
      await PouchDB.replicate(remote, b, repOpts);
      t1 = performance.now();
      pullMs = t1 - tPushed;
    }
    const wallMs = t1 - t0;
    const cpuMs = cpuSince(cpu0);
    const serverCpuMs = await server.cpuMs();
    await stopLive(live);
    live = null;
    // Every document there, each at its last revision (a discharged visit).
    const info = await b.info();
    opts.log(`  PouchDB ${opts.mode}/${opts.batch}: B has ${info.doc_count} of ${docs} documents`);
    const visits = rows.filter((r) => r.table === 'visits');
    const sample = visits.filter((_, i) => i % 997 === 0);
    let verified = info.doc_count === docs;
    for (const r of sample) {
      const d: Record<string, unknown> = await b.get(`visits:${String(r.versions[0]!['id'])}`).catch(() => ({}));
      if (d['status'] !== 'discharged' || !String(d['_rev']).startsWith(`${r.versions.length}-`)) verified = false;
    }
    return { mode: opts.mode, serverPlace, batch: opts.batch, docs, revisions, writeMs, wallMs, cpuMs, serverCpuMs, pushMs, pullMs, adapter: a.adapter, verified };
  } finally {
    await stopLive(live);
    await a.close();
    await b.close();
    await remote.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
