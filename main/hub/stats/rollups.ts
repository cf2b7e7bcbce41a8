/**
 * The statistics' daily roll-ups (tables in main/hub/pg-schema.ts): made at store open for the
 * data already there (`prepareRollups`, idempotent: again only when their SQL changed or the
 * typed tables were filled again), kept by triggers that note the days a write makes stale
 * (./rollups-triggers.ts) and by `stats_rollups_refresh` (./rollups-refresh.ts), which the
 * projection runs when it has caught up and every statistic runs before it reads
 * (`rolledUp`), so a statistic always sees the typed tables as they are.
 */
import { createHash } from 'node:crypto';
import { ROLLUP_TABLES, ROLLUP_TABLES_DDL } from '../pg-schema';
import { STATS_INDEXES_DDL } from './indexes';
import { clinicTimeZone, type StatsDb } from './range';
import { REFRESH_FUNCTION } from './rollups-refresh';
import { rollupTriggerStatements } from './rollups-triggers';

/** The state key holding the version the roll-ups were last built whole for. */
const VERSION_KEY = 'version';

/** A fingerprint of the roll-ups' tables and SQL: when it changes, an opening hub builds them again. */
export function rollupsVersion(): string {
  return createHash('sha256').update(JSON.stringify([ROLLUP_TABLES_DDL, REFRESH_FUNCTION, rollupTriggerStatements()])).digest('hex').slice(0, 16);
}

const statements = (ddl: string) => ddl.split(';\n').map((s) => s.trim().replace(/;$/, '')).filter(Boolean);

/**
 * Run when a store opens, after the typed tables are ready, in its transaction: creates the
 * tables, indexes, function and triggers, and builds the roll-ups whole when they were built
 * for another version, never, or `rebuild` (the typed tables were filled again). Answers
 * whether it built them.
 */
export async function prepareRollups(tx: StatsDb, opts: { rebuild?: boolean } = {}): Promise<boolean> {
  const version = rollupsVersion();
  // Made for this version already (and the typed tables, which carry the triggers, not made again): two reads.
  if (!opts.rebuild && (await tx.query<{ ok: boolean }>(`SELECT to_regclass('stats_rollup_state') IS NOT NULL AS ok`)).rows[0]?.ok === true) {
    const current = await tx.query<{ value: string }>('SELECT value FROM stats_rollup_state WHERE key = $1', [VERSION_KEY]);
    if (current.rows[0]?.value === version) return false;
  }
  for (const s of statements(ROLLUP_TABLES_DDL)) await tx.query(s);
  for (const s of STATS_INDEXES_DDL) await tx.query(s);
  await tx.query(REFRESH_FUNCTION);
  for (const s of rollupTriggerStatements()) await tx.query(s);
  await rebuildRollups(tx);
  return true;
}

/** Empties the roll-ups and builds every day again from the typed tables (idempotent). */
export async function rebuildRollups(tx: StatsDb): Promise<void> {
  for (const t of ROLLUP_TABLES) await tx.query(`DELETE FROM ${t}`);
  await tx.query('DELETE FROM stats_rollup_dirty');
  // No time zone: the refresh makes the 'time' days again whole.
  await tx.query(`DELETE FROM stats_rollup_state WHERE key = 'time_zone'`);
  await tx.query(`INSERT INTO stats_rollup_dirty (family, day)
    SELECT DISTINCT 'visit', visit_date FROM visits WHERE visit_date IS NOT NULL
    UNION SELECT DISTINCT 'session', date FROM roster_sessions WHERE date IS NOT NULL`);
  await refreshRollups(tx);
  await tx.query(`INSERT INTO stats_rollup_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [VERSION_KEY, rollupsVersion()]);
}

/** Recomputes the days the triggers noted, in the clinic's time zone as it is now; answers how many. */
export async function refreshRollups(db: StatsDb, timeZone?: string): Promise<number> {
  const tz = timeZone ?? await clinicTimeZone(db);
  const r = await db.query<{ n: unknown }>('SELECT stats_rollups_refresh($1) AS n', [tz]);
  return Number(r.rows[0]?.n ?? 0);
}

const DIRECT = new WeakSet<object>();

/** The same database, its statistics read without the roll-ups (the direct queries): for comparing both. */
export function withoutRollups(db: StatsDb): StatsDb {
  const direct: StatsDb = { query: (text, params) => db.query(text, params) };
  DIRECT.add(direct);
  return direct;
}

/**
 * Whether a statistic reads the roll-ups: they exist in this database (a store made them at
 * open; a bare database the statistics tests or the benchmark fill may lack them), and are
 * brought up to date first.
 */
export async function rolledUp(db: StatsDb, timeZone: string): Promise<boolean> {
  if (DIRECT.has(db)) return false;
  const fn = await db.query<{ ok: boolean }>(`SELECT to_regproc('stats_rollups_refresh') IS NOT NULL AS ok`);
  if (fn.rows[0]?.ok !== true) return false;
  await refreshRollups(db, timeZone);
  return true;
}
