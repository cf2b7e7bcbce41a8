/**
 * The sync benchmark (issue 3), `npm run bench -- sync`: 100,000 changes station A → hub →
 * station B beside the same records replicated by PouchDB (HospitalRun's way), live propagation
 * latency, and a new station's bootstrap from a hub holding up to 1,000,000 patients. Writes its
 * section of bench/RESULTS.md. Sizes can be made smaller for a try:
 *   SYNC_CHANGES=10000 SYNC_BOOTSTRAP=20000 npx tsx bench/sync.bench.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, writeResultsSection } from './lib';
import { s1, SYNC_HEADING as HEADING, syncReport, type SyncBenchResult } from './sync-report';
import { runPouch, type PouchResult } from './pouch-sync';
import { ensureBigHub, runBootstrap, type BigHub, type BootstrapResult } from './sync-bootstrap';
import { runEndToEnd, type E2eResult, type HubPlace } from './sync-e2e';
import { runLiveLatency } from './sync-live';
import { ensureSeedHub, seedOnPostgres, SYNC_OUT } from './sync-setup';
import { startPostgres } from '../main/hub/postgres-testing';

export { SYNC_E2E_TARGET_MS, SYNC_LIVE_P95_TARGET_MS, SYNC_POUCH_FACTOR, type SyncBenchResult } from './sync-report';


const CHANGES = Number(process.env['SYNC_CHANGES'] ?? 100_000);
const BOOTSTRAP = (process.env['SYNC_BOOTSTRAP'] ?? '100000,1000000').split(',').map(Number);
const LIVE_SAMPLES = Number(process.env['SYNC_LIVE_SAMPLES'] ?? 600);


/** The end-to-end runs: where the hub runs, its engine, mode, batch. */
const E2E_RUNS: { place: HubPlace; engine: 'PGlite' | 'PostgreSQL'; mode: 'live' | 'phased'; batch: number }[] = [
  { place: 'same process', engine: 'PGlite', mode: 'live', batch: 1000 },
  { place: 'own process', engine: 'PGlite', mode: 'live', batch: 1000 },
  { place: 'own process', engine: 'PGlite', mode: 'live', batch: 500 },
  { place: 'own process', engine: 'PGlite', mode: 'phased', batch: 1000 },
  { place: 'own process', engine: 'PostgreSQL', mode: 'live', batch: 1000 },
];
const POUCH_RUNS: { place: HubPlace; mode: 'live' | 'phased'; batch: number }[] = [
  { place: 'same process', mode: 'live', batch: 1000 },
  { place: 'own process', mode: 'live', batch: 1000 },
  { place: 'own process', mode: 'live', batch: 100 },
  { place: 'own process', mode: 'phased', batch: 1000 },
];

export async function runSyncBench(log: (s: string) => void): Promise<SyncBenchResult> {
  const loadAtStart = load();
  const startedAt = new Date().toISOString();
  const seed = await ensureSeedHub(log);
  const e2e: E2eResult[] = [];
  const pg = await startPostgres({ durable: true });
  try {
    for (const run of E2E_RUNS) {
      log(`${CHANGES.toLocaleString('en')} changes A → hub (${run.engine}, ${run.place}) → B, ${run.mode}, batches of ${run.batch}…`);
      const source = run.engine === 'PostgreSQL' ? await seedOnPostgres(pg) : seed.dataDir;
      e2e.push(await runEndToEnd(source, { changes: CHANGES, batch: run.batch, mode: run.mode, hubPlace: run.place, keepRows: e2e.length === 0, log }));
      log(`  ${s1(e2e[e2e.length - 1]!.wallMs)} s`);
    }
  } finally {
    await pg.stop();
  }
  /** What has been measured so far, kept on disk in case a later part fails. */
  const keep = (more: Record<string, unknown>) => writeFileSync(join(SYNC_OUT, 'partial.json'),
    JSON.stringify({ e2e: e2e.map((r) => ({ ...r, rows: undefined })), ...more }, null, 1));
  keep({});
  const rows = e2e[0]!.rows!;
  const pouch: PouchResult[] = [];
  for (const run of POUCH_RUNS) {
    log(`PouchDB (server in ${run.place}), ${run.mode}, batch_size ${run.batch}…`);
    pouch.push(await runPouch(rows, { mode: run.mode, batch: run.batch, serverPlace: run.place, log }));
    log(`  ${s1(pouch[pouch.length - 1]!.wallMs)} s`);
  }
  keep({ pouch });
  log(`live latency, ${LIVE_SAMPLES} samples…`);
  const live = await runLiveLatency(seed.dataDir, LIVE_SAMPLES);
  keep({ pouch, live });
  const boots: { big: BigHub; r: BootstrapResult }[] = [];
  const failed: string[] = [];
  for (const n of BOOTSTRAP) {
    log(`bootstrap at ${n.toLocaleString('en')} patients…`);
    try {
      const big = await ensureBigHub(n, log);
      boots.push({ big, r: await runBootstrap(big, 1000) });
      log(`  ${s1(boots[boots.length - 1]!.r.wallMs)} s`);
    } catch (err) {
      // Reported, not fatal: the other figures of the run still count.
      failed.push(`bootstrap at ${n.toLocaleString('en')} patients failed: ${err instanceof Error ? err.message : String(err)}`);
      log(failed[failed.length - 1]!);
    }
  }
  const loadAtEnd = load();
  return syncReport({ e2e, pouch, live, boots, failed, seedChanges: seed.changes, startedAt, loadAtStart, loadAtEnd });
}

/** Puts this section into bench/RESULTS.md in place of the earlier one, leaving the others as they are. */
export function writeSyncSection(section: string): void {
  writeResultsSection(HEADING, section);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const log = (s: string) => console.error(`[sync] ${s}`);
  runSyncBench(log)
    .then((r) => {
      if (process.env['SYNC_CHANGES'] || process.env['SYNC_BOOTSTRAP']) console.log(r.markdown);
      else writeSyncSection(r.markdown);
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
