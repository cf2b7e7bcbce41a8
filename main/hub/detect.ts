/**
 * What offline work cannot prevent, found at the hub after each batch and kept as review tasks
 * for a person (DESIGN.md "Offline-first data and sync"), never silently dropped:
 * - the same resident ID number on two patient records (registered at two desks): merge them;
 * - a roster session holding more seats than its capacity (two desks booked the last seat):
 *   move a booking.
 * A task is keyed by what it is about, so finding it again updates it; when the hub sees the
 * problem gone (records merged, a booking cancelled) the task is marked resolved.
 * Seats are counted as the station counts them (main/station/services/seats.ts).
 */
import { SEAT_HOLDING_STATUSES } from '../station/services/seats';
import type { RowState } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';
import type { HubStore, ReviewTask } from './store';

const HOLDING: ReadonlySet<string> = new Set(SEAT_HOLDING_STATUSES);

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

/** Re-checks what the fresh changes can have affected. */
export async function detectAfterAppend(store: HubStore, fresh: readonly SequencedChangeT[], now: number): Promise<void> {
  const idNumbers = new Set<string>();
  const sessions = new Set<string>();
  const sessionOf = async (table: string, rowId: string, cols: SequencedChangeT['columns']) => {
    const sid = cols['session_id'] ?? value(await store.row(table, rowId), 'session_id');
    if (typeof sid === 'string') sessions.add(sid);
  };
  for (const c of fresh) {
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
}
