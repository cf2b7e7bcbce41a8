/**
 * Applying changes from the hub to a station's SQLite replica, in one transaction per batch.
 *
 * Not through the Writer (that would log them again as this station's changes): each received
 * change is stored in change_log as it came, with its hub seq; then every touched row is
 * recomputed as the merge (main/sync/merge.ts) of ALL its known changes — local unsent ones
 * included: the batch's own in hand, the others found through the change_log_row index (which
 * holds their ids) and read by id — and only the columns that differ are written. So the row is the same whatever order the changes arrived in.
 * A row whose insert has not arrived yet waits (its changes are kept) until it does. Rows of
 * changes already here (our own, coming back with their seq) are merged again as well: the
 * Writer writes local changes straight to the row, and the merge may overrule one.
 * A roster session of today or later that this batch stops (it was open here) raises the
 * station's 'notice' event once the batch has committed: the stop-clinic notice at every desk.
 * So does a visit of today or later whose queue number the batch changes (the hub settled a
 * clash of two desks apart: main/hub/queue-clashes.ts), so the patient can be told.
 */
import { getTableName } from 'drizzle-orm';
import { localDate } from '../domain/dates';
import type { SessionPeriod } from '../domain/enums';
import { ClockError, hlcParse, hlcReceive } from '../domain/hlc';
import { queueRenumberedNotice } from '../domain/queue-numbers';
import { sessionStoppedNotice } from '../domain/roster';
import type { Station } from '../station/station';
import { REPLICATED_TABLES } from '../station/tables';
import { changedColumns, mergeRow, rowValues, type ColumnValue, type MergeInput } from './merge';
import { heldRows, holdOrphans, saveHeldRows, type HeldRow, type WrittenRow } from './held-rows';
import type { ChangeLogRow } from './local';
import { setCursor } from './local';
import type { ChangeT } from './protocol';
import { prepared } from './prepared';

export interface ApplyResult {
  /** Changes new to this station. */
  received: number;
  /** Changes it already had (its own coming back, or a repeat). */
  known: number;
  /** Rows written. */
  rowsWritten: number;
  /** Rows whose insert has not arrived yet. */
  waiting: number;
  tables: string[];
  /** Rows that could not be written because they break a unique index here (kept in change_log; a person must look). */
  conflicts: { table: string; rowId: string; message: string }[];
  /** Rows held aside after this batch because a parent is missing here (main/sync/held-rows.ts), newly held ones and ones still held. */
  held: HeldRow[];
  /** Rows held before that landed in this batch (their parent came). */
  landed: { table: string; rowId: string }[];
}

interface TableInfo {
  columns: Set<string>;
  pk: string;
}

const REPLICATED = new Set(REPLICATED_TABLES.map((t) => getTableName(t)));
const infoCache = new WeakMap<object, Map<string, TableInfo>>();

function tableInfo(station: Station, table: string): TableInfo | undefined {
  if (!REPLICATED.has(table)) return undefined;
  let byTable = infoCache.get(station.raw);
  if (!byTable) infoCache.set(station.raw, (byTable = new Map()));
  let info = byTable.get(table);
  if (!info) {
    const cols = station.raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
    if (cols.length === 0) return undefined;
    info = { columns: new Set(cols.map((c) => c.name)), pk: cols.find((c) => c.pk === 1)?.name ?? 'id' };
    byTable.set(table, info);
  }
  return info;
}

function toMergeInput(r: ChangeLogRow): MergeInput {
  return { id: r.id, hlc: r.hlc, table: r.table_name, rowId: r.row_id, op: r.op, columns: JSON.parse(r.columns) as Record<string, ColumnValue> };
}

/**
 * Applies a batch of changes from the hub (each with its seq). Idempotent by change id: a change
 * already here only gets its seq filled in. `cursor`, when given, is stored in the same transaction.
 */
/**
 * `pushed`: the changes are this station's own, exactly as its change_log holds them, just
 * acknowledged by the hub: their seqs are stored and their rows merged again, without reading
 * them back first.
 */
/**
 * `remerge`: rows to merge again from change_log alone (rows of changes just set aside: they
 * converge on what the hub has; a row whose insert was set aside stays as it is here).
 */
export function applyRemoteChanges(
  station: Station, changes: readonly ChangeT[], opts: { cursor?: number; pushed?: boolean; remerge?: readonly { table: string; rowId: string }[] } = {},
): ApplyResult {
  const raw = station.raw;
  const storedStmt = prepared(raw, 'SELECT * FROM change_log WHERE id = ?');
  const seqStmt = prepared(raw, 'UPDATE change_log SET seq = ? WHERE id = ? AND seq IS NULL');
  const insertStmt = prepared(raw,
    'INSERT INTO change_log (id, hlc, device, table_name, row_id, op, columns, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Answered from the change_log_row index alone (it ends with the id: migration 0004).
  const rowIdsStmt = prepared(raw, 'SELECT id FROM change_log WHERE table_name = ? AND row_id = ?').pluck();
  const result: ApplyResult = { received: 0, known: 0, rowsWritten: 0, waiting: 0, tables: [], conflicts: [], held: [], landed: [] };
  const touched = new Set<string>();
  const stopped: string[] = [];
  const renumbered: { visitId: string; from: string; to: string }[] = [];
  let freshlyHeld: HeldRow[] = [];

  raw.transaction(() => {
    // Parents and children of one batch may come in any order: check foreign keys at commit.
    raw.pragma('defer_foreign_keys = ON');
    // Each touched row with the changes of it this batch brought (as stored here), by change id.
    const affected = new Map<string, { table: string; rowId: string; changes: Map<string, MergeInput> }>();
    const note = (c: MergeInput): void => {
      const key = `${c.table}\u0001${c.rowId}`;
      let row = affected.get(key);
      if (!row) affected.set(key, (row = { table: c.table, rowId: c.rowId, changes: new Map() }));
      row.changes.set(c.id, c);
    };
    // Rows held for a missing parent are written again each time: they land once it is here.
    const wasHeld = heldRows(station);
    for (const r of [...(opts.remerge ?? []), ...wasHeld]) {
      const key = `${r.table}\u0001${r.rowId}`;
      if (!affected.has(key)) affected.set(key, { table: r.table, rowId: r.rowId, changes: new Map() });
    }
    /** Rows this batch wrote, with what they were before: the ones whose parents are missing are put back. */
    const written: WrittenRow[] = [];
    for (const c of changes) {
      if (opts.pushed) {
        result.known += 1;
        if (c.seq !== null) seqStmt.run(c.seq, c.id);
        note(c);
        continue;
      }
      const have = storedStmt.get(c.id) as ChangeLogRow | undefined;
      if (have) {
        result.known += 1;
        if (have.seq === null && c.seq !== null) seqStmt.run(c.seq, c.id);
        // Our own change coming back: its row is merged again too, so a local write that the
        // merge rule overrules (a status set backwards, an edit of a ledger row) converges here.
        note(toMergeInput(have));
        continue;
      }
      insertStmt.run(c.id, c.hlc, c.device, c.table, c.rowId, c.op, JSON.stringify(c.columns), c.seq);
      result.received += 1;
      note(c);
      try {
        station.clock.hlc = hlcReceive(station.clock.hlc, hlcParse(c.hlc), station.hlcNow());
      } catch (err) {
        // A clock far ahead of ours (or a full counter) must not block sync: the merge orders by
        // the change's own HLC anyway; our clock just does not follow it.
        if (!(err instanceof ClockError)) throw err;
      }
    }
    /** Every known change of a row: this batch's as they are, the others read from change_log. */
    const allChangesOf = (table: string, rowId: string, inBatch: Map<string, MergeInput>): MergeInput[] => {
      const all = [...inBatch.values()];
      for (const id of rowIdsStmt.all(table, rowId) as string[]) {
        if (inBatch.has(id)) continue;
        const stored = storedStmt.get(id) as ChangeLogRow;
        // A change the hub refused is set aside: it no longer counts (main/sync/local.ts setAside).
        if (stored.refused_code == null) all.push(toMergeInput(stored));
      }
      return all.sort((x, y) => (x.hlc < y.hlc ? -1 : x.hlc > y.hlc ? 1 : 0));
    };
    /**
     * A renumbering of a visit (the hub's update of its queue number) told to this desk: the number
     * it held here, or the one its insert in this batch gave, and the number it has now.
     */
    const noteRenumbering = (rowId: string, current: Record<string, unknown> | undefined, values: Record<string, ColumnValue>, inBatch: Map<string, MergeInput>): void => {
      const changes = [...inBatch.values()];
      if (!changes.some((c) => c.op === 'update' && 'queue_no' in c.columns)) return;
      const from = current ? current['queue_no'] : changes.find((c) => c.op === 'insert')?.columns['queue_no'];
      const to = values['queue_no'];
      if (typeof from === 'string' && typeof to === 'string' && from !== to) renumbered.push({ visitId: rowId, from, to });
    };
    // One statement writes a row (UPDATE or INSERT), and a statement that fails is undone alone
    // (SQLite's statement journal): a conflicting row is skipped, the batch goes on.
    const writeRow = (table: string, rowId: string, info: TableInfo, inBatch: Map<string, MergeInput>): void => {
      const state = mergeRow(allChangesOf(table, rowId, inBatch));
      const values = Object.fromEntries(Object.entries(rowValues(table, state)).filter(([k]) => info.columns.has(k)));
      const current = prepared(raw, `SELECT * FROM "${table}" WHERE "${info.pk}" = ?`).get(rowId) as Record<string, unknown> | undefined;
      if (table === 'visits') noteRenumbering(rowId, current, values, inBatch);
      if (current) {
        const diff = changedColumns({ ...state, values }, current);
        const cols = Object.keys(diff);
        if (cols.length === 0) return;
        if (table === 'roster_sessions' && diff['stopped'] === 1 && current['stopped'] !== 1) stopped.push(rowId);
        written.push({ table, pk: info.pk, rowId, before: current });
        prepared(raw, `UPDATE "${table}" SET ${cols.map((k) => `"${k}" = ?`).join(', ')} WHERE "${info.pk}" = ?`)
          .run(...cols.map((k) => diff[k]), rowId);
      } else if (state.inserted !== null || info.pk !== 'id') {
        // Keyed rows (settings) are written whole by every change, so they upsert.
        const cols = Object.keys(values);
        if (!cols.includes(info.pk)) values[info.pk] = rowId;
        const all = Object.keys(values);
        prepared(raw, `INSERT INTO "${table}" (${all.map((k) => `"${k}"`).join(', ')}) VALUES (${all.map(() => '?').join(', ')})`)
          .run(...all.map((k) => values[k]));
        written.push({ table, pk: info.pk, rowId, before: undefined });
      } else {
        result.waiting += 1;
        return;
      }
      result.rowsWritten += 1;
      touched.add(table);
    };
    for (const { table, rowId, changes: inBatch } of affected.values()) {
      const info = tableInfo(station, table);
      if (!info) continue;
      try {
        writeRow(table, rowId, info, inBatch);
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
        result.conflicts.push({ table, rowId, message: (err as Error).message });
      }
    }
    if (result.conflicts.length > 0) rememberConflicts(station, result.conflicts, station.now());
    // Before commit: a row whose parent is missing here is held, never the whole batch failed.
    const held = holdOrphans(raw, written);
    const since = new Map(wasHeld.map((h) => [`${h.table}\u0001${h.rowId}`, h.since]));
    const heldKeys = new Set(held.map((h) => `${h.table}\u0001${h.rowId}`));
    const at = station.now();
    // A held row this batch did not get to write (its insert still missing) stays held.
    const writtenKeys = new Set(written.map((w) => `${w.table}\u0001${w.rowId}`));
    const still = wasHeld.filter((h) => !heldKeys.has(`${h.table}\u0001${h.rowId}`) && !writtenKeys.has(`${h.table}\u0001${h.rowId}`));
    result.held = [...still, ...held.map((h) => ({ ...h, since: since.get(`${h.table}\u0001${h.rowId}`) ?? at }))];
    const nowHeld = new Set(result.held.map((h) => `${h.table}\u0001${h.rowId}`));
    result.landed = wasHeld.filter((h) => !nowHeld.has(`${h.table}\u0001${h.rowId}`)).map((h) => ({ table: h.table, rowId: h.rowId }));
    freshlyHeld = result.held.filter((h) => !since.has(`${h.table}\u0001${h.rowId}`));
    result.rowsWritten -= held.length;
    if (wasHeld.length > 0 || held.length > 0) saveHeldRows(station, result.held);
    if (opts.cursor !== undefined) setCursor(station, opts.cursor);
    station.saveClock();
  }).immediate();

  result.tables = [...touched].sort();
  if (touched.has('settings')) station.reloadSettings();
  if (touched.size > 0) station.emit('data.changed', { tables: result.tables });
  for (const id of stopped) {
    const notice = stopNotice(station, id);
    if (notice) station.emit('notice', notice);
  }
  for (const r of renumbered) {
    const notice = renumberNotice(station, r);
    if (notice) station.emit('notice', notice);
  }
  for (const c of result.conflicts) station.emit('notice', conflictNotice(c, station.now()));
  for (const h of freshlyHeld) station.emit('notice', heldNotice(h));
  return result;
}

/** The notice of a visit the hub renumbered; none for a past day. */
function renumberNotice(station: Station, r: { visitId: string; from: string; to: string }) {
  const v = prepared(station.raw, `SELECT v.visit_date AS date, coalesce(p.name, '') AS patient, coalesce(st.name, '') AS doctor
    FROM visits v LEFT JOIN patients p ON p.id = v.patient_id LEFT JOIN staff st ON st.id = v.doctor_id WHERE v.id = ?`)
    .get(r.visitId) as { date: string; patient: string; doctor: string } | undefined;
  if (!v || v.date < localDate(station.now(), station.settings.timeZone)) return undefined;
  return queueRenumberedNotice({ ...r, patientName: v.patient, doctorName: v.doctor, at: station.now() });
}

/** Where a station keeps the rows it could not write (station_meta, local): shown until they are resolved. */
export const CONFLICTS_META = 'sync_conflicts';
const MAX_REMEMBERED = 200;

export interface RememberedConflict { table: string; rowId: string; message: string; at: number }

/** The rows this station holds changes of but could not write, newest first. */
export function syncConflicts(station: Station): RememberedConflict[] {
  const row = prepared(station.raw, 'SELECT value FROM station_meta WHERE key = ?').get(CONFLICTS_META) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as RememberedConflict[]) : [];
}

/** In apply's transaction: kept with the changes, so a conflict is never only in a log line. */
function rememberConflicts(station: Station, conflicts: ApplyResult['conflicts'], at: number): void {
  const fresh = conflicts.map((c) => ({ ...c, at }));
  const keys = new Set(fresh.map((c) => `${c.table}\u0001${c.rowId}`));
  const kept = syncConflicts(station).filter((c) => !keys.has(`${c.table}\u0001${c.rowId}`));
  prepared(station.raw, 'INSERT INTO station_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(CONFLICTS_META, JSON.stringify([...fresh, ...kept].slice(0, MAX_REMEMBERED)));
}

/** The notice a desk shows for a row it received but could not write (the hub opens a review task for it). */
function conflictNotice(c: ApplyResult['conflicts'][number], at: number) {
  return {
    id: `sync_conflict:${c.table}:${c.rowId}`,
    kind: 'sync_conflict' as const,
    message: `同步冲突：${c.table} ${c.rowId} 未能写入本机（已在中心生成待处理任务）/ Sync conflict: a ${c.table} row could not be written here; the hub lists it under review tasks`,
    at,
  };
}

/** The notice a desk shows for a row it holds until its parent arrives (the hub lists it if that takes long). */
function heldNotice(h: HeldRow) {
  return {
    id: `sync_held:${h.table}:${h.rowId}`,
    kind: 'sync_held' as const,
    message: `同步等待：${h.table} ${h.rowId} 所属的 ${h.parentTable} ${h.parentId} 尚未到达本机，该记录暂不显示，到达后自动写入 / Sync waiting: a ${h.table} row belongs to ${h.parentTable} ${h.parentId}, which has not reached this desk; it is held and written once that arrives`,
    at: h.since,
  };
}

/** The stop-clinic notice for a session stopped by a change from the hub; none for a past day. */
function stopNotice(station: Station, sessionId: string) {
  const s = prepared(station.raw, `SELECT r.date, r.period, r.stop_reason AS reason, r.updated_at AS at,
      coalesce(st.name, '') AS doctor, coalesce(d.name, '') AS department
    FROM roster_sessions r LEFT JOIN staff st ON st.id = r.doctor_id LEFT JOIN departments d ON d.id = r.department_id
    WHERE r.id = ?`).get(sessionId) as { date: string; period: SessionPeriod; reason: string | null; at: number; doctor: string; department: string } | undefined;
  if (!s || s.date < localDate(station.now(), station.settings.timeZone)) return undefined;
  return sessionStoppedNotice({
    sessionId, date: s.date, period: s.period, doctorName: s.doctor, departmentName: s.department, reason: s.reason ?? '', at: s.at,
  });
}
