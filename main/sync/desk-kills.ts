/**
 * Desk kills in the middle of real commands, shared by the test (main/sync/faults-desk.int.test.ts)
 * and the soak (bench/soak.ts): a desk process (main/sync/fault-desk.ts) runs commands on a real
 * station file and is SIGKILLed at a random moment, K times over; after each kill the file is
 * reopened and checked: integrity_check ok, every reported commit present, and the change log
 * equal to the rows (the change log folded through the merge gives the rows as they are).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { rosterSessions } from '../../db/schema';
import { withMasterWriter } from '../station/master';
import { TEST_STATION_KEY } from '../station/keys.testing';
import { Station } from '../station/station';
import { REPLICATED_TABLES } from '../station/tables';
import { createFixture, TEST_START } from '../station/testing';
import { getTableName } from 'drizzle-orm';
import { runTs, seeded } from './fault-testing';
import type { ChangeLogRow } from './local';
import { mergeAll, rowKey, rowValues, type ColumnValue } from './merge';

/** What the parent tells one desk run. */
export interface DeskPlan {
  run: number;
  clockStart: number;
  sessionId: string;
  examItemId: string;
}

export interface DeskKillReport {
  kills: number;
  /** Commands reported committed (printed after they returned ok), over all runs. */
  reported: number;
  /** Reported commits missing from the reopened file. */
  lost: number;
  /** Change-log entries in the file at the end. */
  changes: number;
  /** Every failed check, in words (empty when nothing was lost or torn). */
  problems: string[];
  ms: number;
}

/**
 * Rows of the replicated tables that differ from what their change-log entries fold to (and
 * entries with no row, rows with no entry), in words. Empty when the change log is the rows.
 */
export function changeLogMismatches(station: Station): string[] {
  const log = station.raw.prepare('SELECT * FROM change_log ORDER BY hlc, id').all() as ChangeLogRow[];
  const states = mergeAll(log.map((r) => ({
    id: r.id, hlc: r.hlc, table: r.table_name, rowId: r.row_id, op: r.op, columns: JSON.parse(r.columns) as Record<string, ColumnValue>,
  })));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of REPLICATED_TABLES.map((t) => getTableName(t))) {
    // The row id of the change log is the primary key (id; settings: key).
    const pk = (station.raw.prepare(`SELECT name FROM pragma_table_info('${name}') WHERE pk = 1`).get() as { name: string }).name;
    for (const row of station.raw.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
      const id = String(row[pk]);
      const key = rowKey(name, id);
      seen.add(key);
      const state = states.get(key);
      if (!state) {
        problems.push(`${name} ${id}: a row with no change-log entry`);
        continue;
      }
      for (const [col, value] of Object.entries(rowValues(name, state))) {
        if (!Object.is(row[col] ?? null, value)) problems.push(`${name} ${id}.${col}: row ${JSON.stringify(row[col])}, change log ${JSON.stringify(value)}`);
      }
    }
  }
  for (const key of states.keys()) if (!seen.has(key)) problems.push(`${key.replace('\u0001', ' ')}: change-log entries with no row`);
  return problems;
}

/** What one run's output says was committed, checked against the reopened file; answers the missing ones. */
export function missingCommits(station: Station, output: string): { reported: number; missing: string[] } {
  const has = (table: string, id: string) => station.raw.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).get(id) !== undefined;
  const missing: string[] = [];
  let reported = 0;
  // Only whole lines: a line cut by the kill was not fully reported.
  for (const line of output.split('\n').slice(0, -1)) {
    const [head, kind, a, ...rest] = line.split(' ');
    if (head !== 'ok' || !kind || !a) continue;
    reported += 1;
    const b = rest[0];
    if (kind === 'patient' && !has('patients', a)) missing.push(line);
    if (kind === 'visit' && (!has('visits', a) || (b && b !== '-' && !has('payments', b)))) missing.push(line);
    if (kind === 'paid' && (!has('bills', a) || !b || !has('payments', b))) missing.push(line);
    if (kind === 'address') {
      const row = station.raw.prepare('SELECT address FROM patients WHERE id = ?').get(a) as { address: string | null } | undefined;
      if (row?.address !== rest.join(' ')) missing.push(line);
    }
  }
  return { reported, missing };
}

/**
 * K runs of a desk process on one station file, each SIGKILLed after a random delay (up to
 * `maxDelayMs` after it is ready), the file checked after each kill.
 */
export async function runDeskKills(opts: { kills: number; seed: number; maxDelayMs?: number; log?: (s: string) => void }): Promise<DeskKillReport> {
  const t0 = Date.now();
  const random = seeded(opts.seed);
  const fx = createFixture({ device: 'K1' });
  const file = join(fx.dir, 'station.sqlite');
  // Room for every walk-in of the run in one session of the test day.
  withMasterWriter(fx.station, (w) => w.update(rosterSessions, fx.ids.sessions.todayPaeds, { capacity: 1_000_000 }));
  const planBase = { sessionId: fx.ids.sessions.todayPaeds, examItemId: fx.ids.exams.bloodRoutine };
  fx.station.close();
  const report: DeskKillReport = { kills: 0, reported: 0, lost: 0, changes: 0, problems: [], ms: 0 };
  try {
    for (let run = 0; run < opts.kills; run++) {
      // Each run's clock starts a minute after the last one's (runs last far less on the test day's clock).
      const plan: DeskPlan = { ...planBase, run, clockStart: TEST_START + run * 60_000 };
      const desk = runTs('main/sync/fault-desk.ts', [file, JSON.stringify(plan)]);
      try {
        await desk.waitFor(/^ready$/m, 120_000);
        await new Promise((r) => setTimeout(r, random() * (opts.maxDelayMs ?? 1_500)));
        if (desk.proc.exitCode !== null) throw new Error(`the desk stopped by itself (${desk.proc.exitCode}):\n${desk.output()}`);
        await desk.kill('SIGKILL');
      } finally {
        await desk.kill('SIGKILL');
      }
      report.kills += 1;
      const station = new Station({ key: TEST_STATION_KEY, file });
      try {
        const integrity = station.raw.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') report.problems.push(`run ${run}: integrity_check ${String(integrity)}`);
        const { reported, missing } = missingCommits(station, desk.output());
        report.reported += reported;
        report.lost += missing.length;
        for (const m of missing) report.problems.push(`run ${run}: reported but missing: ${m}`);
        for (const m of changeLogMismatches(station)) report.problems.push(`run ${run}: ${m}`);
        report.changes = (station.raw.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
        opts.log?.(`desk kill ${run + 1}/${opts.kills}: ${reported} commits reported, ${missing.length} missing, ${report.changes} changes in the log`);
      } finally {
        station.close();
      }
    }
  } finally {
    rmSync(fx.dir, { recursive: true, force: true });
  }
  report.ms = Date.now() - t0;
  return report;
}
