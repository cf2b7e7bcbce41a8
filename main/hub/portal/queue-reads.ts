/**
 * Today's queue positions of a set of patients, read from the hub's admin replica (what the desks
 * have synced): each visit of today with its doctor's whole line of the day, placed by
 * queue-position.ts.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { QueuePositionView, QueueView } from '../../api/patient-contract';
import type { FeeStatus, VisitStatus } from '../../domain/enums';
import { clinicToday } from '../../station/services/patients-fields';
import type { ClinicSettings } from '../../station/settings';
import { aheadOf, openFirst, stateOf, type LineVisit } from './queue-position';

export type QueuePosition = z.input<typeof QueuePositionView>;
export interface QueueReader { raw: Database.Database; now: () => number; settings: ClinicSettings }

interface VisitLine { id: string; priority: number; queueOrder: number; queueNo: string; status: VisitStatus; feeStatus: FeeStatus; calledAt: number | null }
interface MineRow extends VisitLine {
  patientId: string; memberName: string; doctorId: string; doctorName: string; departmentName: string; roomName: string | null; callCount: number;
  checkedInAt: number | null;
}

const LINE_COLUMNS = 'v.id, v.priority, v.queue_order AS queueOrder, v.queue_no AS queueNo, v.status, v.fee_status AS feeStatus, v.called_at AS calledAt';

function lineVisit(r: VisitLine): LineVisit {
  return { ...r, priority: r.priority === 1 };
}

/** Bound parameters per statement, well under SQLite's limit. */
const CHUNK = 500;

/**
 * Today's positions of each account's members (`membersOf`: account → patient ids), newest
 * check-in last and done or cancelled ones after the rest, by the hub's replica: the members' visits in one read (per 500 patients), each
 * doctor's line of the day read once however many accounts wait for that doctor.
 */
export function queuePositionsOf(r: QueueReader, membersOf: ReadonlyMap<string, readonly string[]>): Map<string, z.input<typeof QueueView>> {
  const date = clinicToday(r);
  const all = [...new Set([...membersOf.values()].flat())];
  const mine: MineRow[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    const ids = all.slice(i, i + CHUNK);
    mine.push(...r.raw.prepare(`SELECT ${LINE_COLUMNS}, v.patient_id AS patientId, p.name AS memberName, v.doctor_id AS doctorId,
        st.name AS doctorName, d.name AS departmentName, rm.name AS roomName, v.call_count AS callCount, v.checked_in_at AS checkedInAt
      FROM visits v JOIN patients p ON p.id = v.patient_id JOIN staff st ON st.id = v.doctor_id JOIN departments d ON d.id = v.department_id
      LEFT JOIN roster_sessions s ON s.id = v.session_id LEFT JOIN rooms rm ON rm.id = s.room_id
      WHERE v.visit_date = ? AND v.patient_id IN (${ids.map(() => '?').join(', ')})`).all(date, ...ids) as MineRow[]);
  }
  mine.sort((a, b) => (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = new Map<string, LineVisit[]>();
  const lineOf = r.raw.prepare(`SELECT ${LINE_COLUMNS} FROM visits v WHERE v.doctor_id = ? AND v.visit_date = ? AND v.status = 'waiting'`);
  const positionOf = (m: MineRow): QueuePosition => {
    let line = lines.get(m.doctorId);
    if (!line) {
      line = (lineOf.all(m.doctorId, date) as VisitLine[]).map(lineVisit);
      lines.set(m.doctorId, line);
    }
    const visit = lineVisit(m);
    return {
      visitId: m.id, memberId: m.patientId, memberName: m.memberName, date, queueNo: m.queueNo, doctorName: m.doctorName,
      departmentName: m.departmentName, roomName: m.roomName, state: stateOf(visit), ahead: aheadOf(visit, line),
      calledAt: m.calledAt, callCount: m.callCount,
    };
  };
  const positions = new Map(mine.map((m) => [m.id, { patientId: m.patientId, position: positionOf(m) }]));
  const out = new Map<string, z.input<typeof QueueView>>();
  for (const [account, ids] of membersOf) {
    const members = new Set(ids);
    out.set(account, { date, items: openFirst([...positions.values()].filter((p) => members.has(p.patientId)).map((p) => p.position)) });
  }
  return out;
}

/** The positions of `patientIds`' visits of today (newest check-in last; done and cancelled ones after the rest), by the hub's replica. */
export function queuePositions(r: QueueReader, patientIds: readonly string[]): z.input<typeof QueueView> {
  return queuePositionsOf(r, new Map([['', patientIds]])).get('')!;
}
