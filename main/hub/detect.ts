/**
 * What offline work cannot prevent, found at the hub after each batch and kept as review tasks
 * for a person (DESIGN.md "Offline-first data and sync"), never silently dropped:
 * - the same resident ID number on two patient records (registered at two desks): merge them;
 * - a roster session holding more seats than its capacity (two desks booked the last seat):
 *   move a booking.
 * - a bill paid twice (two cashiers offline), a prescription dispensed twice (two pharmacists
 *   offline): main/hub/detect-money.ts.
 * - rows of a patient record that was merged away (written offline at a desk that had not heard
 *   of the merge yet): move them onto the record kept (`patients.mergeLeftovers`).
 * - a medical record written at two desks, a batch dispensed below zero: main/hub/detect-clinical.ts.
 * A task is keyed by what it is about, so finding it again updates it; when the hub sees the
 * problem gone (records merged, a booking cancelled) the task is marked resolved.
 * Seats are counted as the station counts them (main/station/services/seats.ts).
 */
import { SEAT_HOLDING_STATUSES } from '../station/services/seats';
import type { RowState } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';
import { PATIENT_ROW_TABLES } from '../api/procedures/reviews';
import { detectClinical } from './detect-clinical';
import { detectMoneyAndStock } from './detect-money';
import { setTask } from './detect-task';
import type { DetectionStore, ReviewTask } from './store';

const HOLDING: ReadonlySet<string> = new Set(SEAT_HOLDING_STATUSES);
const PATIENT_ROWS: ReadonlySet<string> = new Set(PATIENT_ROW_TABLES);
const LEFTOVERS = 'merged_patient_rows:';

function value(state: RowState | undefined, column: string): string | number | null {
  return state?.values[column] ?? null;
}

/** Which of `keys` have an open task (one query per batch instead of one per key). */
async function openKeys(store: DetectionStore): Promise<Set<string>> {
  return new Set((await store.tasks({ openOnly: true })).map((t) => t.key));
}

/** `key`'s task set or resolved; a problem that is not there and had no open task costs nothing. */
async function settle(store: DetectionStore, open: Set<string>, key: string, kind: ReviewTask['kind'], details: Record<string, unknown> | null, now: number): Promise<void> {
  if (details || open.has(key)) await setTask(store, key, kind, details, now);
}

async function checkIdNumbers(store: DetectionStore, idNumbers: string[], open: Set<string>, now: number): Promise<void> {
  if (idNumbers.length === 0) return;
  // The typed table holds this batch: detection runs once the projection has reached it.
  const rows = (await store.query<{ id: string; id_number: string }>(
    'SELECT id, id_number FROM patients WHERE id_number = ANY($1::text[]) AND merged_into IS NULL ORDER BY id', [idNumbers])).rows;
  const live = new Map<string, string[]>();
  for (const r of rows) live.set(r.id_number, [...(live.get(r.id_number) ?? []), String(r.id)]);
  for (const n of idNumbers) {
    const ids = live.get(n) ?? [];
    await settle(store, open, `duplicate_patient:${n}`, 'duplicate_patient', ids.length > 1 ? { idNumber: n, patientIds: ids } : null, now);
  }
}

async function checkSession(store: DetectionStore, sessionId: string, open: Set<string>, now: number): Promise<void> {
  const session = await store.row('roster_sessions', sessionId);
  const capacity = value(session, 'capacity');
  if (typeof capacity !== 'number') return;
  const appointments = [...(await store.rowsWhere('appointments', 'session_id', sessionId)).entries()]
    .filter(([, s]) => HOLDING.has(String(value(s, 'status')))).map(([id]) => id).sort();
  const walkIns = [...(await store.rowsWhere('visits', 'session_id', sessionId)).entries()]
    .filter(([, s]) => value(s, 'appointment_id') === null && value(s, 'status') !== 'cancelled').map(([id]) => id).sort();
  const booked = appointments.length + walkIns.length;
  await settle(store, open, `session_overbooked:${sessionId}`, 'session_overbooked',
    booked > capacity ? { sessionId, capacity, booked, appointmentIds: appointments, walkInVisitIds: walkIns } : null, now);
}

/**
 * Whether a change can change a session's seat count. Statuses only move forward (merge.ts), so
 * an update to a seat-holding appointment status (or to any visit status but cancelled) holds
 * the seat it held: only new rows, moved rows and releases count.
 */
function touchesSeats(c: SequencedChangeT): boolean {
  if (c.op === 'insert' || 'session_id' in c.columns) return true;
  if (c.table === 'appointments') return 'status' in c.columns && !HOLDING.has(String(c.columns['status']));
  return 'appointment_id' in c.columns || c.columns['status'] === 'cancelled';
}

/** Current value of `column` of rows `ids` in a typed table (one query per 500). */
async function columnOf(store: DetectionStore, table: string, column: string, ids: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 500) {
    const res = await store.query<{ id: string; v: string | null }>(`SELECT id, ${column} AS v FROM ${table} WHERE id = ANY($1::text[])`, [ids.slice(i, i + 500)]);
    for (const r of res.rows) out.set(String(r.id), r.v === null ? null : String(r.v));
  }
  return out;
}

/** Live rows still on a merged-away record: a task naming the record and where it went, counts per table. */
async function checkMergedRows(store: DetectionStore, patientId: string, now: number): Promise<void> {
  const into = value(await store.row('patients', patientId), 'merged_into');
  let details: Record<string, unknown> | null = null;
  if (typeof into === 'string') {
    // The typed tables are current: the append that led here updated them in its transaction.
    const counts = (await store.query<Record<string, unknown>>(
      `SELECT ${PATIENT_ROW_TABLES.map((t) => `(SELECT count(*) FROM ${t} WHERE patient_id = $1)::int AS "${t}"`).join(', ')}`, [patientId])).rows[0] ?? {};
    const rows: Record<string, number> = {};
    for (const table of PATIENT_ROW_TABLES) if (Number(counts[table] ?? 0) > 0) rows[table] = Number(counts[table]);
    if (Object.keys(rows).length > 0) details = { patientId, into, rows };
  }
  await setTask(store, `${LEFTOVERS}${patientId}`, 'merged_patient_rows', details, now);
}

/** Re-checks what the fresh changes can have affected. */
export async function detectAfterAppend(store: DetectionStore, fresh: readonly SequencedChangeT[], now: number): Promise<void> {
  const idNumbers = new Set<string>();
  const sessions = new Set<string>();
  const patientRows: string[] = [];
  const seatRows = { appointments: [] as string[], visits: [] as string[] };
  // Records whose rows to look at: merged ones, and the patients new or moved rows point at.
  const mergedPatients = new Set<string>();
  let rowsMoved = false;
  for (const c of fresh) {
    if (c.table === 'patients' && 'merged_into' in c.columns) mergedPatients.add(c.rowId);
    if (PATIENT_ROWS.has(c.table) && 'patient_id' in c.columns) {
      rowsMoved = true;
      if (typeof c.columns['patient_id'] === 'string') mergedPatients.add(c.columns['patient_id']);
    }
    if (c.table === 'patients' && ('id_number' in c.columns || 'merged_into' in c.columns)) {
      const n = c.columns['id_number'];
      if (typeof n === 'string' && n !== '') idNumbers.add(n);
      patientRows.push(c.rowId); // and its number as merged (a correction may have lost)
    } else if ((c.table === 'appointments' || c.table === 'visits') && touchesSeats(c)) {
      const sid = c.columns['session_id'];
      if (typeof sid === 'string') sessions.add(sid);
      else seatRows[c.table].push(c.rowId);
    } else if (c.table === 'roster_sessions' && 'capacity' in c.columns) {
      sessions.add(c.rowId);
    }
  }
  for (const n of (await columnOf(store, 'patients', 'id_number', patientRows)).values()) if (n) idNumbers.add(n);
  for (const table of ['appointments', 'visits'] as const) {
    for (const sid of (await columnOf(store, table, 'session_id', seatRows[table])).values()) if (sid) sessions.add(sid);
  }
  const open = idNumbers.size + sessions.size > 0 ? await openKeys(store) : new Set<string>();
  await checkIdNumbers(store, [...idNumbers].sort(), open, now);
  for (const s of sessions) await checkSession(store, s, open, now);
  // Rows moved away from a merged record: its open task may be done (the move names only the new patient).
  const leftovers = new Set<string>();
  if (rowsMoved) {
    for (const t of await store.tasks({ openOnly: true })) if (t.kind === 'merged_patient_rows') leftovers.add(t.key.slice(LEFTOVERS.length));
  }
  // Of the patients the batch touched, only merged-away ones matter (the common case, a new visit of a live patient, is none).
  for (const p of new Set([...(await mergedAmong(store, [...mergedPatients])), ...leftovers])) await checkMergedRows(store, p, now);
  await detectMoneyAndStock(store, fresh, now);
  await detectClinical(store, fresh, now);
}

/** The ids among `ids` of records merged into another, one query per 500 (the typed table is current). */
async function mergedAmong(store: DetectionStore, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await store.query<{ id: string }>(
      `SELECT id FROM patients WHERE merged_into IS NOT NULL AND id IN (${chunk.map((_, k) => `$${k + 1}`).join(', ')})`, chunk);
    out.push(...res.rows.map((r) => String(r.id)));
  }
  return out;
}
