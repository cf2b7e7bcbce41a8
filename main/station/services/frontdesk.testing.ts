/** Test helpers for the front desk, queue and billing tests (not a test file itself). */
import type { Input, Output } from '../../api/contract';
import { examOrders, prescriptionItems, prescriptions } from '../../../db/schema';
import type { ExamOrderStatus, InsuranceType, PrescriptionStatus } from '../../domain/enums';
import { prescriptionNo } from '../../domain/numbers';
import { withMasterWriter } from '../master';
import type { Fixture } from '../testing';

export type Caller = { token: string };

export interface Desk {
  reception: Caller;
  doctor: Caller;
  doctor2: Caller;
  cashier: Caller;
  frontcash: Caller;
  pharmacist: Caller;
  admin: Caller;
}

export function openDesk(fx: Fixture): Desk {
  return {
    reception: fx.login('reception'), doctor: fx.login('doctor'), doctor2: fx.login('doctor2'), cashier: fx.login('cashier'),
    frontcash: fx.login('frontcash'), pharmacist: fx.login('pharmacist'), admin: fx.login('admin'),
  };
}

let patientSeq = 0;
const NAMES = ['张伟', '王芳芳', '李娜', '刘洋洋', '陈静怡', '杨磊', '赵敏', '黄强', '周杰', '吴刚', '徐丽', '孙悦'];

/** Registers a patient and returns its id. */
export function newPatient(fx: Fixture, desk: Desk, opts: { name?: string; insuranceType?: InsuranceType } = {}): string {
  const name = opts.name ?? NAMES[patientSeq++ % NAMES.length]!;
  const input: Input<'patients.register'> = { name, ...(opts.insuranceType ? { insuranceType: opts.insuranceType } : {}) };
  return fx.ok(desk.reception, 'patients.register', input).patient.id;
}

type WalkInInput = Input<'frontdesk.walkIn'>;

/** A walk-in with the internal-medicine doctor (fee 15.00) unless told otherwise. */
export function walkIn(fx: Fixture, desk: Desk, patientId: string, extra: Partial<WalkInInput> = {}): Output<'frontdesk.walkIn'> {
  const target = extra.sessionId === undefined && extra.doctorId === undefined ? { doctorId: fx.ids.staff.doctor } : {};
  return fx.ok(desk.reception, 'frontdesk.walkIn', { patientId, ...target, ...extra });
}

let keySeq = 0;
export function key(prefix = 'k'): string {
  return `${prefix}-${++keySeq}`;
}

/** A walk-in whose registration fee is paid in cash at once. */
export function paidWalkIn(fx: Fixture, desk: Desk, patientId: string, extra: Partial<WalkInInput> = {}) {
  return walkIn(fx, desk, patientId, { payment: { method: 'cash', idempotencyKey: key('reg') }, ...extra });
}

/** A paid walk-in the doctor has started seeing. */
export function inConsultation(fx: Fixture, desk: Desk, patientId: string, extra: Partial<WalkInInput> = {}) {
  const r = paidWalkIn(fx, desk, patientId, extra);
  const doctor = r.visit.doctorId === fx.ids.staff.doctor2 ? desk.doctor2 : desk.doctor;
  return fx.ok(doctor, 'queue.start', { visitId: r.visit.id });
}

let rxSeq = 0;
/**
 * Writes a prescription directly (until the consultation procedures exist): items of
 * [drugId, quantity, unitPriceFen].
 */
export function addPrescription(
  fx: Fixture, visit: { id: string; patientId: string; doctorId: string },
  items: [drugId: string, quantity: number, unitPriceFen: number][], status: PrescriptionStatus = 'issued',
): { prescriptionId: string; itemIds: string[] } {
  return withMasterWriter(fx.station, (w) => {
    const prescriptionId = w.insert(prescriptions, {
      // The station's own prescription format (the hub refuses numbers of no device), on a day no test prescribes on.
      rxNo: prescriptionNo(fx.station.device, '2000-01-01', ++rxSeq), visitId: visit.id, patientId: visit.patientId, doctorId: visit.doctorId, status,
      issuedAt: status === 'draft' ? null : fx.clock.t,
    });
    const itemIds = items.map(([drugId, quantity, unitPriceFen], i) => w.insert(prescriptionItems, {
      prescriptionId, drugId, seq: i + 1, dose: 1, doseUnit: '粒', frequency: 'tid', route: 'po', days: 3,
      quantity, unitPriceFen, amountFen: quantity * unitPriceFen,
    }));
    return { prescriptionId, itemIds };
  });
}

export function addExamOrder(
  fx: Fixture, visit: { id: string; patientId: string; doctorId: string }, examItemId: string, priceFen: number,
  status: ExamOrderStatus = 'ordered',
): string {
  return withMasterWriter(fx.station, (w) => w.insert(examOrders, {
    visitId: visit.id, patientId: visit.patientId, examItemId, orderedBy: visit.doctorId, status, priceFen,
  }));
}

export function setPrescriptionStatus(fx: Fixture, prescriptionId: string, status: PrescriptionStatus): void {
  withMasterWriter(fx.station, (w) => w.update(prescriptions, prescriptionId, { status }));
}

export function setExamStatus(fx: Fixture, orderId: string, status: ExamOrderStatus): void {
  withMasterWriter(fx.station, (w) => w.update(examOrders, orderId, { status }));
}

export function setFeeAtCheckIn(fx: Fixture, on: boolean): void {
  withMasterWriter(fx.station, (w) => w.setSetting('feeAtCheckIn', on));
}

export function statusOf(fx: Fixture, table: string, id: string): string {
  return (fx.station.raw.prepare(`SELECT status FROM ${table} WHERE id = ?`).get(id) as { status: string }).status;
}
