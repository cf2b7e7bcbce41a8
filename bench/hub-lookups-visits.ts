/**
 * The other lookups at the hub on PGlite, over the statistics bench's data (bench/hub-stats-data.ts:
 * 3,000,000 visits with their bills and payments, 1,000,000 patients): visits, money (payments,
 * refunds, bills), patients found by name or record number, and one patient's visits; the first
 * page and pages deep in the list (a cursor taken half-way and near the end of the year), N runs
 * each, p50/p95 per page. The same page functions the `lookup.*` handlers run, on a bare PGlite
 * connection with the hub's lookup indexes. The data is made once (bench/out/hub-stats-pglite/,
 * shared with bench/hub-stats.ts), so a rerun only times.
 *
 *   npx tsx bench/hub-lookups-visits.ts      writes the section '## Hub lookups over 3,000,000 visits' of bench/RESULTS.md
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../main/domain/dates';
import type { SortKey } from '../main/hub/lookups/cursor';
import { pagePatients, pageVisits } from '../main/hub/lookups/lists-clinic';
import { pageMoney } from '../main/hub/lookups/lists-money';
import type { Page } from '../main/hub/lookups/page';
import { ensureStatsIndexes } from '../main/hub/stats/indexes';
import { openPglite } from './hub-stats';
import { ensureHubData, FULL, idOf, K, TODAY } from './hub-stats-data';
import { load, ms, OUT, stats, table, writeResultsSection } from './lib';

const RUNS = 20;
const LIMIT = 50;
const TARGET_MS = 1000;
const HEADING = '## Hub lookups over 3,000,000 visits';

interface Case {
  name: string;
  page: (after: SortKey | null) => Promise<Page<object>>;
  /** Sort keys to start from: none (first page), half-way, near the end. */
  keys: () => Promise<[string, SortKey | null][]>;
}

async function main(): Promise<void> {
  const loadBefore = load();
  const db = await openPglite(join(OUT, 'hub-stats-pglite'));
  await ensureHubData(db, FULL, (s) => console.log(s));
  await ensureStatsIndexes(db);
  const year = { from: addDays(TODAY, -365), to: TODAY };
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);
  /** First page, and the sort keys of the rows `fractions` of the way through `from … order` (untimed set-up). */
  const keysOf = (from: string, keyCols: string, params: unknown[], toKey: (r: Record<string, unknown>) => SortKey) => async (): Promise<[string, SortKey | null][]> => {
    const n = await count(`SELECT count(*)::int AS n ${from}`, params);
    if (n <= 2 * LIMIT) return [[`first (all ${n})`, null]];
    const at = async (f: number) => toKey((await db.query<Record<string, unknown>>(`SELECT ${keyCols} ${from} ORDER BY ${keyCols} OFFSET ${Math.min(Math.floor(n * f), n - LIMIT)} LIMIT 1`, params)).rows[0]!);
    return [[`first (of ${n.toLocaleString('en')})`, null], ['half-way', await at(0.5)], ['near the end', await at(0.98)]];
  };
  const visitKey = (r: Record<string, unknown>): SortKey => [String(r.visit_date), String(r.id)];
  const moneyKey = (r: Record<string, unknown>): SortKey => [Number(r.created_at), String(r.id)];
  const spanMs = (await db.query<{ a: number; b: number }>(
    `SELECT min(checked_in_at)::float8 AS a, max(checked_in_at)::float8 AS b FROM visits WHERE visit_date BETWEEN $1 AND $2`, [year.from, year.to])).rows[0]!;
  const inYear = `created_at BETWEEN ${Math.floor(spanMs.a) - 86_400_000} AND ${Math.ceil(spanMs.b) + 86_400_000}`;
  const dep = idOf(K.dep, 3);
  const doctor = idOf(K.doc, 17);
  const patient = idOf(K.patient, 4242);
  const cases: Case[] = [
    { name: 'visits, one year', page: (a) => pageVisits(db, year, a, LIMIT),
      keys: keysOf('FROM visits WHERE visit_date BETWEEN $1 AND $2', 'visit_date, id', [year.from, year.to], visitKey) },
    { name: 'visits, one department', page: (a) => pageVisits(db, { ...year, departmentId: dep }, a, LIMIT),
      keys: keysOf('FROM visits WHERE visit_date BETWEEN $1 AND $2 AND department_id = $3', 'visit_date, id', [year.from, year.to, dep], visitKey) },
    { name: 'visits, doctor + status', page: (a) => pageVisits(db, { ...year, doctorId: doctor, status: 'discharged' }, a, LIMIT),
      keys: keysOf("FROM visits WHERE visit_date BETWEEN $1 AND $2 AND doctor_id = $3 AND status = 'discharged'", 'visit_date, id', [year.from, year.to, doctor], visitKey) },
    { name: 'visits, one patient (no dates)', page: (a) => pageVisits(db, { patientId: patient }, a, LIMIT),
      keys: keysOf('FROM visits WHERE patient_id = $1', 'visit_date, id', [patient], visitKey) },
    { name: 'payments, one year', page: (a) => pageMoney(db, { kind: 'payments', ...year }, a, LIMIT),
      keys: keysOf(`FROM payments WHERE ${inYear}`, 'created_at, id', [], moneyKey) },
    { name: 'payments, by card', page: (a) => pageMoney(db, { kind: 'payments', ...year, method: 'card' }, a, LIMIT),
      keys: keysOf(`FROM payments WHERE ${inYear} AND method = 'card'`, 'created_at, id', [], moneyKey) },
    { name: 'refunds, one year', page: (a) => pageMoney(db, { kind: 'refunds', ...year }, a, LIMIT),
      keys: keysOf(`FROM refunds WHERE ${inYear}`, 'created_at, id', [], moneyKey) },
    { name: 'bills, one year', page: (a) => pageMoney(db, { kind: 'bills', ...year }, a, LIMIT),
      keys: keysOf(`FROM bills WHERE ${inYear}`, 'created_at, id', [], moneyKey) },
    { name: 'patients, a name matching 1 in 9 ("患者1")', page: (a) => pagePatients(db, { query: '患者1' }, a, LIMIT),
      keys: async () => [['first', null], ['the 100th page', await patientKeyAt('患者1', 100 * LIMIT)]] },
    { name: 'patients, a full name ("患者424242")', page: (a) => pagePatients(db, { query: '患者424242' }, a, LIMIT), keys: async () => [['first', null]] },
    { name: 'patients, a record number ("H777777")', page: (a) => pagePatients(db, { query: 'H777777' }, a, LIMIT), keys: async () => [['first', null]] },
  ];
  async function patientKeyAt(prefix: string, offset: number): Promise<SortKey> {
    const r = (await db.query<{ name: string; id: string }>(`SELECT name, id FROM patients WHERE name LIKE $1 AND merged_into IS NULL ORDER BY name, id OFFSET ${offset} LIMIT 1`, [`${prefix}%`])).rows[0]!;
    return [r.name, r.id];
  }
  const rows: string[][] = [];
  let worst = 0;
  for (const c of cases) {
    for (const [where, key] of await c.keys()) {
      await c.page(key);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const t = performance.now();
        const page = await c.page(key);
        samples.push(performance.now() - t);
        if (page.rows.length === 0) throw new Error(`${c.name} ${where}: an empty page`);
      }
      const s = stats(samples);
      worst = Math.max(worst, s.p95);
      rows.push([c.name, where, ms(s.p50, 1), ms(s.p95, 1)]);
      console.log(`${c.name} / ${where}: p50 ${ms(s.p50, 1)} ms, p95 ${ms(s.p95, 1)} ms`);
    }
  }
  writeResultsSection(HEADING, [
    HEADING,
    '',
    `\`npx tsx bench/hub-lookups-visits.ts\` — ${new Date().toISOString().slice(0, 16)}Z, PGlite, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,`,
    `load average before/after: ${loadBefore} → ${load()} (the machine is shared with other work).`,
    'The statistics bench\'s data (3,000,000 visits over 1,500 days with a bill and a payment each, 1 % refunded, 1,000,000 patients; `bench/hub-stats-data.ts`);',
    `one year ends on ${TODAY}; a page is ${LIMIT} rows, read by keyset cursor (main/hub/lookups/) from the first page and from cursors deep in the list; ${RUNS} runs each.`,
    `Target (issue 16): well under a second a page. Worst p95: ${ms(worst, 1)} ms ${worst < TARGET_MS ? '(met)' : '(NOT met)'}.`,
    '',
    table(['list and filter', 'page', 'p50 ms', 'p95 ms'], rows),
    '',
  ].join('\n'));
  await db.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
