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
}

const LINE_COLUMNS = 'v.id, v.priority, v.queue_order AS queueOrder, v.queue_no AS queueNo, v.status, v.fee_status AS feeStatus, v.called_at AS calledAt';

function lineVisit(r: VisitLine): LineVisit {
  return { ...r, priority: r.priority === 1 };
}

/** The positions of `patientIds`' visits of today (newest check-in last; done and cancelled ones after the rest), by the hub's replica. */
export function queuePositions(r: QueueReader, patientIds: readonly string[]): z.input<typeof QueueView> {
  const date = clinicToday(r);
  if (patientIds.length === 0) return { date, items: [] };
  const mine = r.raw.prepare(`SELECT ${LINE_COLUMNS}, v.patient_id AS patientId, p.name AS memberName, v.doctor_id AS doctorId,
      st.name AS doctorName, d.name AS departmentName, rm.name AS roomName, v.call_count AS callCount
    FROM visits v JOIN patients p ON p.id = v.patient_id JOIN staff st ON st.id = v.doctor_id JOIN departments d ON d.id = v.department_id
    LEFT JOIN roster_sessions s ON s.id = v.session_id LEFT JOIN rooms rm ON rm.id = s.room_id
    WHERE v.visit_date = ? AND v.patient_id IN (${patientIds.map(() => '?').join(', ')})
    ORDER BY v.checked_in_at, v.id`).all(date, ...patientIds) as MineRow[];
  const lines = new Map<string, LineVisit[]>();
  const lineOf = r.raw.prepare(`SELECT ${LINE_COLUMNS} FROM visits v WHERE v.doctor_id = ? AND v.visit_date = ? AND v.status = 'waiting'`);
  const items = mine.map((m): QueuePosition => {
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
  });
  return { date, items: openFirst(items) };
}
