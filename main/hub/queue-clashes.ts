/**
 * Queue numbers two desks gave while apart (main/domain/queue-numbers.ts), settled at the hub by
 * its admin station: it applies the hub's log in order, so after each batch it looks at the
 * doctors and days whose visits the batch brought, and renumbers the later arrivals of a clashing
 * number with a change of its own (published through the hub like any admin write, so every desk
 * gets it and tells its people with a notice: main/sync/apply.ts). Each renumbering is audited.
 * What it decides depends only on the visits it holds, and it holds the log in the hub's order,
 * so the numbers end the same on every replica.
 */
import type Database from 'better-sqlite3';
import { auditLog, visits } from '../../db/schema';
import { settleQueueClashes, type QueuedVisit, type Renumbering } from '../domain/queue-numbers';
import type { Station } from '../station/station';
import { Writer } from '../station/writer';

/** "doctorId\u0001date" of the visits `changes` bring a queue number to. */
export function doctorDaysOf(raw: Database.Database, changes: Iterable<{ table: string; rowId: string; columns: Readonly<Record<string, unknown>> }>): Set<string> {
  const out = new Set<string>();
  const read = raw.prepare('SELECT doctor_id AS doctor, visit_date AS date FROM visits WHERE id = ?');
  for (const c of changes) {
    if (c.table !== 'visits' || !('queue_no' in c.columns)) continue;
    const row = read.get(c.rowId) as { doctor: string; date: string } | undefined;
    if (row) out.add(`${row.doctor}\u0001${row.date}`);
  }
  return out;
}

/** Every doctor and day with visits on `date` (the admin station's sweep at start). */
export function doctorDaysOn(raw: Database.Database, date: string): Set<string> {
  const rows = raw.prepare('SELECT DISTINCT doctor_id AS doctor FROM visits WHERE visit_date = ?').all(date) as { doctor: string }[];
  return new Set(rows.map((r) => `${r.doctor}\u0001${date}`));
}

/** Renumbers the clashing visits of these doctors and days in one transaction; answers what it changed. */
export function settleQueueNumbers(station: Station, doctorDays: Iterable<string>): Renumbering[] {
  const read = station.raw.prepare(`SELECT id, queue_no AS queueNo, checked_in_at AS checkedInAt, patient_id AS patientId
    FROM visits WHERE doctor_id = ? AND visit_date = ?`);
  const done: Renumbering[] = [];
  const write = new Writer({ db: station.db, device: station.device, clock: station.clock, now: station.now, allowMasterData: true });
  station.raw.transaction(() => {
    for (const key of doctorDays) {
      const [doctor, date] = key.split('\u0001') as [string, string];
      const rows = read.all(doctor, date) as (QueuedVisit & { patientId: string })[];
      const patientOf = new Map(rows.map((r) => [r.id, r.patientId]));
      for (const r of settleQueueClashes(rows)) {
        write.update(visits, r.visitId, { queueNo: r.to });
        write.insert(auditLog, {
          at: station.now(), accountId: 'hub', device: station.device, action: 'update', entity: 'visit', entityId: r.visitId,
          patientId: patientOf.get(r.visitId) ?? null, procedure: 'queue.renumber',
          detail: `queue number ${r.from} → ${r.to}: another desk gave ${r.from} to a patient who arrived earlier`,
        });
        done.push(r);
      }
    }
    if (done.length > 0) station.saveClock();
  }).immediate();
  if (done.length > 0) station.emit('data.changed', { tables: ['audit_log', 'visits'] });
  return done;
}
