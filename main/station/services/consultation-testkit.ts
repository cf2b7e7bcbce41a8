/**
 * Test helpers for the consultation, prescription and pharmacy tests (not a test file itself):
 * patients and visits in the state a test needs, written directly as the front desk would have.
 */
import type { ExamOrderStatus, PrescriptionStatus, VisitStatus } from '../../domain/enums';
import { pinyinKeys } from '../../domain/pinyin';
import { drugs, examOrders, patients, prescriptions, visits } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { TEST_START, TODAY, type Fixture } from '../testing';

let serial = 0;

/** The catalog's safety fields for the fixture's drugs: amoxicillin (a penicillin, at most 4 a dose) and ibuprofen (an NSAID, at most 2). */
export function withSafetyFields(fx: Fixture): void {
  withMasterWriter(fx.station, (w) => {
    w.update(drugs, fx.ids.drugs.amoxicillin, { ingredients: '阿莫西林', drugClasses: 'penicillin', maxDose: 4 });
    w.update(drugs, fx.ids.drugs.ibuprofen, { ingredients: '布洛芬', drugClasses: 'nsaid', maxDose: 2 });
  });
}

export function makePatient(fx: Fixture, opts: { name?: string; allergies?: string | null } = {}): string {
  const name = opts.name ?? '张三';
  const keys = pinyinKeys(name);
  serial += 1;
  return withMasterWriter(fx.station, (w) => w.insert(patients, {
    recordNo: `T1-${String(serial).padStart(7, '0')}`, name, sex: 'M', birthDate: '1980-05-06', insuranceType: 'self_pay',
    allergies: opts.allergies ?? null, pinyinFull: keys.full, pinyinInitials: keys.initials,
  }));
}

export interface VisitOpts {
  patientId?: string;
  doctor?: 'doctor' | 'doctor2';
  status?: VisitStatus;
  followUpOf?: string;
  checkedInAt?: number;
  visitDate?: string;
}

/** A visit with the doctor, in the given state (in consultation unless told). */
export function makeVisit(fx: Fixture, opts: VisitOpts = {}): { visitId: string; patientId: string } {
  const patientId = opts.patientId ?? makePatient(fx);
  const doctor = opts.doctor ?? 'doctor';
  const at = opts.checkedInAt ?? TEST_START;
  serial += 1;
  const visitId = withMasterWriter(fx.station, (w) => w.insert(visits, {
    patientId, visitDate: opts.visitDate ?? TODAY, doctorId: fx.ids.staff[doctor],
    departmentId: doctor === 'doctor' ? fx.ids.departments.internal : fx.ids.departments.paeds,
    queueNo: `A1-${String(serial % 1000).padStart(3, '0')}`, queueOrder: at, visitType: opts.followUpOf ? 'follow_up' : 'first',
    followUpOf: opts.followUpOf ?? null, priority: false, status: opts.status ?? 'in_consultation', feeFen: 0,
    feeStatus: 'not_required', checkedInAt: at, callCount: 0,
  }));
  return { visitId, patientId };
}

/** Sets a status directly, as another desk would (billing paying a prescription, the queue finishing a visit). */
export function setStatus(fx: Fixture, table: 'visits', id: string, status: VisitStatus): void;
export function setStatus(fx: Fixture, table: 'prescriptions', id: string, status: PrescriptionStatus): void;
export function setStatus(fx: Fixture, table: 'exam_orders', id: string, status: ExamOrderStatus): void;
export function setStatus(fx: Fixture, table: 'visits' | 'prescriptions' | 'exam_orders', id: string, status: string): void {
  withMasterWriter(fx.station, (w) => {
    if (table === 'visits') w.update(visits, id, { status: status as VisitStatus });
    else if (table === 'prescriptions') w.update(prescriptions, id, { status: status as PrescriptionStatus });
    else w.update(examOrders, id, { status: status as ExamOrderStatus });
  });
}

import { count } from '../testing-expect';

export { count, expectRefused } from '../testing-expect';

export function auditCount(fx: Fixture, action: string, entity: string, entityId: string): number {
  return count(fx, 'SELECT count(*) n FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ?', action, entity, entityId);
}
