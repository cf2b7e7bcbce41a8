/**
 * What offline work cannot prevent, found at the hub after each batch and kept as review tasks
 * for a person (DESIGN.md "Offline-first data and sync"), never silently dropped:
 * - the same resident ID number on two patient records (registered at two desks): merge them;
 * - a roster session holding more seats than its capacity (two desks booked the last seat):
 *   move a booking.
 * - rows of a patient record that was merged away (written offline at a desk that had not heard
 *   of the merge yet): move them onto the record kept (`patients.mergeLeftovers`).
 * A task is keyed by what it is about, so finding it again updates it; when the hub sees the
 * problem gone (records merged, a booking cancelled) the task is marked resolved.
 * Seats are counted as the station counts them (main/station/services/seats.ts).
 */
import { SEAT_HOLDING_STATUSES } from '../station/services/seats';
import type { RowState } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';
import { PATIENT_ROW_TABLES } from '../api/procedures/reviews';
import type { HubStore, ReviewTask } from './store';

const HOLDING: ReadonlySet<string> = new Set(SEAT_HOLDING_STATUSES);
const PATIENT_ROWS: ReadonlySet<string> = new Set(PATIENT_ROW_TABLES);
const LEFTOVERS = 'merged_patient_rows:';

function value(state: RowState | undefined, column: string): string | number | null {
  return state?.values[column] ?? null;
}

async function setTask(store: HubStore, key: string, kind: ReviewTask['kind'], details: Record<string, unknown> | null, now: number): Promise<void> {
  const existing = await store.getTask(key);
  if (details) {
    await store.putTask({ key, kind, details, createdAt: existing?.createdAt ?? now, updatedAt: now, resolvedAt: null });
  } else if (existing && existing.resolvedAt === null) {
    await store.putTask({ ...existing, updatedAt: now, resolvedAt: now });
  }
}

async function checkIdNumber(store: HubStore, idNumber: string, now: number): Promise<void> {
  const rows = await store.rowsWhere('patients', 'id_number', idNumber);
  const live = [...rows.entries()].filter(([, s]) => s.inserted !== null && value(s, 'merged_into') === null).map(([id]) => id).sort();
  await setTask(store, `duplicate_patient:${idNumber}`, 'duplicate_patient', live.length > 1 ? { idNumber, patientIds: live } : null, now);
}

async function checkSession(store: HubStore, sessionId: string, now: number): Promise<void> {
  const session = await store.row('roster_sessions', sessionId);
  const capacity = value(session, 'capacity');
  if (typeof capacity !== 'number') return;
  const appointments = [...(await store.rowsWhere('appointments', 'session_id', sessionId)).entries()]
    .filter(([, s]) => HOLDING.has(String(value(s, 'status')))).map(([id]) => id).sort();
  const walkIns = [...(await store.rowsWhere('visits', 'session_id', sessionId)).entries()]
    .filter(([, s]) => value(s, 'appointment_id') === null && value(s, 'status') !== 'cancelled').map(([id]) => id).sort();
  const booked = appointments.length + walkIns.length;
  await setTask(store, `session_overbooked:${sessionId}`, 'session_overbooked',
    booked > capacity ? { sessionId, capacity, booked, appointmentIds: appointments, walkInVisitIds: walkIns } : null, now);
}

/** Live rows still on a merged-away record: a task naming the record and where it went, counts per table. */
async function checkMergedRows(store: HubStore, patientId: string, now: number): Promise<void> {
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
export async function detectAfterAppend(store: HubStore, fresh: readonly SequencedChangeT[], now: number): Promise<void> {
  const idNumbers = new Set<string>();
  const sessions = new Set<string>();
  const sessionOf = async (table: string, rowId: string, cols: SequencedChangeT['columns']) => {
    const sid = cols['session_id'] ?? value(await store.row(table, rowId), 'session_id');
    if (typeof sid === 'string') sessions.add(sid);
  };
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
      // The old number too, when a record's ID number was corrected.
      const current = value(await store.row('patients', c.rowId), 'id_number');
      for (const n of [c.columns['id_number'], current]) if (typeof n === 'string' && n !== '') idNumbers.add(n);
    } else if ((c.table === 'appointments' || c.table === 'visits') && ['session_id', 'status', 'appointment_id'].some((k) => k in c.columns)) {
      await sessionOf(c.table, c.rowId, c.columns);
    } else if (c.table === 'roster_sessions' && 'capacity' in c.columns) {
      sessions.add(c.rowId);
    }
  }
  for (const n of idNumbers) await checkIdNumber(store, n, now);
  for (const s of sessions) await checkSession(store, s, now);
  // Rows moved away from a merged record: its open task may be done (the move names only the new patient).
  const open = new Set<string>();
  if (rowsMoved) {
    for (const t of await store.tasks({ openOnly: true })) if (t.kind === 'merged_patient_rows') open.add(t.key.slice(LEFTOVERS.length));
  }
  // Of the patients the batch touched, only merged-away ones matter (the common case, a new visit of a live patient, is none).
  for (const p of new Set([...(await mergedAmong(store, [...mergedPatients])), ...open])) await checkMergedRows(store, p, now);
}

/** The ids among `ids` of records merged into another, one query per 500 (the typed table is current). */
async function mergedAmong(store: HubStore, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await store.query<{ id: string }>(
      `SELECT id FROM patients WHERE merged_into IS NOT NULL AND id IN (${chunk.map((_, k) => `$${k + 1}`).join(', ')})`, chunk);
    out.push(...res.rows.map((r) => String(r.id)));
  }
  return out;
}
