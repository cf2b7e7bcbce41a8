/**
 * Hub statistics over 3,000,000 visits (bench/hub-stats-data.ts), on PGlite and on PostgreSQL:
 * every statistic of main/hub/stats over the last 20 days and the last year, and the dashboard,
 * timed N times each; p50/p95 per statistic and engine. The data is made once and kept in
 * bench/out/ (PGlite's data folder; a PostgreSQL cluster folder started with pg_ctl), so a rerun
 * only times. The SQL runs on a bare connection of each engine (PGlite, node-postgres), i.e.
 * exactly what the hub store's `query` sends, without the store's sync machinery.
 *
 *   npx tsx bench/hub-stats.ts [--small] [--engine=PGlite|PostgreSQL] [--report]
 *     this section only (also `npm run bench -- hub-stats`); each engine's figures are kept in
 *     bench/out/hub-stats-<engine>.json, and the section (both engines' last figures) is written
 *     into bench/RESULTS.md; --report only rewrites the section.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { addDays } from '../main/domain/dates';
import { dashboard } from '../main/hub/stats/dashboard';
import { STATISTICS } from '../main/hub/stats/export';
import type { StatsDb } from '../main/hub/stats/range';
import { prepareRollups } from '../main/hub/stats/rollups';
import { freePort } from '../main/hub/postgres-testing';
import { ensureHubData, FULL, TODAY, type Exec, type Scale } from './hub-stats-data';
import { load, ms, OUT, stats, table, writeResultsSection } from './lib';

const run = promisify(execFile);
export const DASHBOARD_TARGET_MS = 300;
const RUNS = { twentyDays: 20, year: 20, dashboard: 30 };
/** Every statistic's p95 on PGlite must stay under this (issue 16). */
export const STATISTIC_TARGET_MS = 300;
const HEADING = '## Hub statistics';

type Db = StatsDb & Exec & { close(): Promise<void> };

export async function openPglite(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true });
  const db = new PGlite(dir);
  await db.waitReady;
  return { query: (t, p) => db.query(t, p), exec: (s) => db.exec(s), close: () => db.close() };
}

/** A PostgreSQL cluster of Debian's binaries in `dir` (made once, as user postgres when root), started on a free port. */
export async function openPostgres(dir: string): Promise<Db> {
  const root = '/usr/lib/postgresql';
  const major = existsSync(root) ? (await run('ls', [root])).stdout.split('\n').filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!major) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
  const bin = join(root, major, 'bin');
  const asRoot = process.getuid?.() === 0;
  const pgRun = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  const data = join(dir, 'data');
  if (!existsSync(data)) {
    mkdirSync(dir, { recursive: true });
    if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
    await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  const port = await freePort();
  await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '120', 'start', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c max_wal_size=4GB -c work_mem=64MB`]);
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  return {
    query: async <T>(t: string, p?: unknown[]) => ({ rows: (await client.query(t, p)).rows as T[] }),
    exec: (s) => client.query(s),
    close: async () => {
      await client.end();
      await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
  };
}

interface Timing {
  p50: number;
  p95: number;
}

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up: not counted
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const s = stats(samples);
  return { p50: s.p50, p95: s.p95 };
}

const twentyDays = { from: addDays(TODAY, -19), to: TODAY };
const year = { from: addDays(TODAY, -365), to: TODAY };

interface EngineResult {
  engine: string;
  made: string;
  /** How the roll-ups came to be (built in this run: how long). */
  rollups: string;
  load: string;
  byStatistic: Record<string, { twentyDays: Timing; year: Timing; yearJitOff?: Timing }>;
  dashboard: Timing;
}

async function benchEngine(engine: string, db: Db, scale: Scale, log: (s: string) => void): Promise<EngineResult> {
  log(`${engine}: data…`);
  const loadBefore = load();
  const data = await ensureHubData(db, scale, log);
  const made = data.made ? `made in this run, ${ms(data.seconds, 0)} s` : `made earlier (${ms(data.seconds, 0)} s), reused`;
  log(`${engine}: roll-ups…`);
  const t0 = performance.now();
  const built = await prepareRollups(db);
  const rollups = built ? `built in this run (the backfill of an existing hub): ${ms((performance.now() - t0) / 1000, 0)} s` : 'built earlier, reused';
  log(`${engine}: ${rollups}`);
  const byStatistic: EngineResult['byStatistic'] = {};
  for (const [name, stat] of Object.entries(STATISTICS)) {
    const t20 = await timeIt(RUNS.twentyDays, () => stat.run(db, twentyDays));
    const tY = await timeIt(RUNS.year, () => stat.run(db, year));
    log(`${engine}: ${name} 20 days p50 ${ms(t20.p50)} ms, 1 year p50 ${ms(tY.p50)} ms`);
    byStatistic[name] = { twentyDays: t20, year: tY };
  }
  if (engine === 'PostgreSQL') {
    // The same year with PostgreSQL's JIT compilation off (on by default when the server has it).
    await db.query('SET jit = off');
    for (const [name, stat] of Object.entries(STATISTICS)) byStatistic[name]!.yearJitOff = await timeIt(RUNS.year, () => stat.run(db, year));
    await db.query('SET jit = on');
  }
  const dash = await timeIt(RUNS.dashboard, () => dashboard(db, TODAY));
  log(`${engine}: dashboard p50 ${ms(dash.p50)} ms p95 ${ms(dash.p95)} ms`);
  return { engine, made, rollups, load: `${loadBefore} → ${load()}`, byStatistic, dashboard: dash };
}

export interface HubStatsResult {
  markdown: string;
  dashboardP95Pglite: number;
}

const ENGINES = {
  PGlite: (tag: string) => openPglite(join(OUT, `hub-stats-pglite${tag}`)),
  PostgreSQL: (tag: string) => openPostgres(join(OUT, `hub-stats-postgres${tag}`)),
};
type Engine = keyof typeof ENGINES;
const resultFile = (engine: string, tag: string) => join(OUT, `hub-stats-${engine}${tag}.json`);

/** Runs the engines asked (both by default), keeps each one's figures in bench/out/, and reports both engines' last figures. */
export async function runHubStatsBench(log: (s: string) => void, scale: Scale = FULL, engines: readonly Engine[] = ['PGlite', 'PostgreSQL']): Promise<HubStatsResult> {
  const tag = scale === FULL ? '' : `-${scale.visits}`;
  for (const engine of engines) {
    const db = await ENGINES[engine](tag);
    try {
      writeFileSync(resultFile(engine, tag), JSON.stringify(await benchEngine(engine, db, scale, log), null, 1));
    } finally {
      await db.close();
    }
  }
  const results = (Object.keys(ENGINES) as Engine[]).map((e) =>
    existsSync(resultFile(e, tag)) ? (JSON.parse(readFileSync(resultFile(e, tag), 'utf8')) as EngineResult) : undefined);
  return report(scale, results);
}

function report(scale: Scale, [lite, post]: (EngineResult | undefined)[]): HubStatsResult {
  const cell = (t: Timing | undefined) => (t ? `${ms(t.p50, 1)} / ${ms(t.p95, 1)}` : 'not measured');
  const rows = Object.keys(STATISTICS).map((name) => {
    const a = lite?.byStatistic[name];
    const b = post?.byStatistic[name];
    return [name, cell(a?.twentyDays), cell(a?.year), cell(b?.twentyDays), cell(b?.year), cell(b?.yearJitOff)];
  });
  rows.push([`**dashboard** (${TODAY}, ${RUNS.dashboard} runs)`, cell(lite?.dashboard), '', cell(post?.dashboard), '', '']);
  const worst = lite ? Math.max(...Object.values(lite.byStatistic).flatMap((t) => [t.twentyDays.p95, t.year.p95])) : Number.NaN;
  const cpu = cpus();
  const p95 = lite?.dashboard.p95 ?? Number.NaN;
  const markdown = [
    HEADING,
    '',
    `Every statistic of \`main/hub/stats\`, read from the daily roll-ups (\`main/hub/stats/rollups.ts\`), over ${scale.visits.toLocaleString('en')} visits (${scale.perDay.toLocaleString('en')} a day, `
      + `${scale.patients.toLocaleString('en')} patients, a bill, payment and diagnosis per visit, a prescription for half of them; `
      + '`bench/hub-stats-data.ts`). Ranges end on the data\'s "today" ' + `${TODAY}: the last 20 days (${RUNS.twentyDays} runs) and the last `
      + `366 days (${RUNS.year} runs), after one warm-up run each; p50 / p95 in ms. Each run includes the statistic's check that the `
      + 'roll-ups are current (nothing stale here). The data is written straight into the typed tables, so the roll-ups are built as '
      + 'an existing hub builds them at its first start with this version (the backfill). '
      + 'The SQL runs on a bare connection (PGlite in-process on a data folder; PostgreSQL 15 over loopback, shared_buffers 512 MB), '
      + 'with the hub-only indexes of `main/hub/stats/indexes.ts`. `npx tsx bench/hub-stats.ts` (or `npm run bench -- hub-stats`) re-runs it.',
    '',
    table(['', ''], [
      ['machine', `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${ms(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`],
      ['load average (1/5/15 min), start → end', [lite, post].map((r) => (r ? `${r.engine}: ${r.load}` : '')).filter(Boolean).join('; ')
        + ' — the 2 cores are shared with other work, which inflates every figure'],
      ['data', [lite, post].map((r) => (r ? `${r.engine}: ${r.made}` : '')).filter(Boolean).join('; ')],
      ['roll-ups', [lite, post].map((r) => (r ? `${r.engine}: ${r.rollups}` : '')).filter(Boolean).join('; ')],
      ['target', lite ? `every statistic p95 < ${STATISTIC_TARGET_MS} ms on PGlite: worst ${ms(worst, 1)} ms, ${worst < STATISTIC_TARGET_MS ? 'met' : '**missed**'}; `
        + `dashboard p95 < ${DASHBOARD_TARGET_MS} ms on PGlite: ${ms(p95, 1)} ms, ${p95 < DASHBOARD_TARGET_MS ? 'met' : '**missed**'}`
        : `every statistic p95 < ${STATISTIC_TARGET_MS} ms on PGlite: **not measured yet** (run \`npx tsx bench/hub-stats.ts --engine=PGlite\`)`],
    ]),
    '',
    table(['statistic', 'PGlite 20 days', 'PGlite 1 year', 'PostgreSQL 20 days', 'PostgreSQL 1 year', 'PostgreSQL 1 year, jit off'], rows),
  ].join('\n');
  return { markdown, dashboardP95Pglite: p95 };
}

/** Puts this section into bench/RESULTS.md in place of the earlier one, leaving the others as they are. */
export function writeSection(section: string): void {
  writeResultsSection(HEADING, section);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const small = args.includes('--small');
  const engineArg = args.find((a) => a.startsWith('--engine='))?.slice('--engine='.length);
  if (engineArg !== undefined && !Object.hasOwn(ENGINES, engineArg)) throw new Error(`--engine=${Object.keys(ENGINES).join('|')}`);
  const engines: Engine[] = args.includes('--report') ? [] : engineArg ? [engineArg as Engine] : ['PGlite', 'PostgreSQL'];
  const log = (s: string) => console.error(`[hub-stats] ${s}`);
  runHubStatsBench(log, small ? { visits: 60_000, patients: 20_000, perDay: 2000 } : FULL, engines)
    .then((r) => {
      if (small) console.log(r.markdown);
      else writeSection(r.markdown);
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
