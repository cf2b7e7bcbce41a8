import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beds, examItems } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { auditCount, count, expectRefused, makePatient, makeVisit, setStatus } from './consultation-testkit';

let fx: Fixture;
let doctor: { token: string };
let doctor2: { token: string };
const UNKNOWN = '0190f0f0-0000-7000-8000-000000000000';

beforeEach(() => {
  fx = createFixture();
  doctor = fx.login('doctor');
  doctor2 = fx.login('doctor2');
});
afterEach(() => fx.close());

describe('exam orders', () => {
  it('are ordered from the exam items at their price, for the visit in consultation', () => {
    const { visitId, patientId } = makeVisit(fx);
    const o = fx.ok(doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.bloodRoutine, note: '空腹' });
    expect(o).toMatchObject({
      visitId, patientId, code: 'E001', name: '血常规', category: 'lab', status: 'ordered', priceFen: 2500, note: '空腹', result: null,
      orderedBy: fx.ids.staff.doctor,
    });
    expect(auditCount(fx, 'create', 'exam_order', o.id)).toBe(1);
    expect(fx.ok(doctor, 'consultation.getRecord', { visitId }).examOrders.map((e) => e.id)).toEqual([o.id]);
  });

  it('are refused outside the consultation, to another doctor, for unknown or withdrawn exams', () => {
    const { visitId } = makeVisit(fx);
    for (const status of ['waiting', 'awaiting_payment', 'cancelled'] as const) {
      const other = makeVisit(fx, { status });
      expectRefused(fx, doctor, 'consultation.orderExam', { visitId: other.visitId, examItemId: fx.ids.exams.chestXray }, 'VISIT_NOT_IN_CONSULTATION', { status });
    }
    expectRefused(fx, doctor2, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.chestXray }, 'FORBIDDEN');
    expectRefused(fx, fx.login('cashier'), 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.chestXray }, 'FORBIDDEN');
    expectRefused(fx, doctor, 'consultation.orderExam', { visitId, examItemId: UNKNOWN }, 'NOT_FOUND', { field: 'examItemId' });
    withMasterWriter(fx.station, (w) => w.update(examItems, fx.ids.exams.chestXray, { active: false }));
    expectRefused(fx, doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.chestXray }, 'VALIDATION', { field: 'examItemId', reason: 'inactive' });
  });

  it('are cancelled while not paid; paid and done orders stay', () => {
    const { visitId } = makeVisit(fx);
    const a = fx.ok(doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.bloodRoutine });
    const b = fx.ok(doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.chestXray });
    expectRefused(fx, doctor2, 'consultation.cancelExam', { examOrderId: a.id }, 'FORBIDDEN');
    expect(fx.ok(doctor, 'consultation.cancelExam', { examOrderId: a.id }).status).toBe('cancelled');
    expectRefused(fx, doctor, 'consultation.cancelExam', { examOrderId: a.id }, 'ILLEGAL_TRANSITION', { from: 'cancelled', to: 'cancelled' });
    setStatus(fx, 'exam_orders', b.id, 'paid'); // billing took the money
    expectRefused(fx, doctor, 'consultation.cancelExam', { examOrderId: b.id }, 'ILLEGAL_TRANSITION', { entity: 'exam_order', from: 'paid', to: 'cancelled', reason: 'refund_at_cashier' });
    expectRefused(fx, doctor, 'consultation.cancelExam', { examOrderId: UNKNOWN }, 'NOT_FOUND');
  });

  it('get their result once paid: paid → done', () => {
    const { visitId, patientId } = makeVisit(fx);
    const o = fx.ok(doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.bloodRoutine });
    expectRefused(fx, doctor, 'consultation.recordExamResult', { examOrderId: o.id, result: 'WBC 12.1' }, 'NOT_PAID');
    setStatus(fx, 'exam_orders', o.id, 'paid');
    const done = fx.ok(doctor2, 'consultation.recordExamResult', { examOrderId: o.id, result: 'WBC 12.1×10⁹/L' });
    expect(done).toMatchObject({ status: 'done', result: 'WBC 12.1×10⁹/L' });
    expectRefused(fx, doctor, 'consultation.recordExamResult', { examOrderId: o.id, result: 'again' }, 'ILLEGAL_TRANSITION', { from: 'done', to: 'done' });
    expect(fx.ok(doctor, 'consultation.history', { patientId }).visits[0]!.examOrders[0]).toMatchObject({ status: 'done', result: 'WBC 12.1×10⁹/L' });
  });
});

describe('admissions', () => {
  it('admit to a free bed, show on the bed list, discharge frees the bed', () => {
    const { visitId, patientId } = makeVisit(fx);
    const a = fx.ok(doctor, 'consultation.admit', { visitId, bedId: fx.ids.beds.bed1 });
    expect(a).toMatchObject({
      patientId, visitId, bedId: fx.ids.beds.bed1, bedLabel: '1床', wardName: '观察室', status: 'admitted', admittedAt: fx.clock.t,
      admittedBy: fx.ids.staff.doctor, dischargedAt: null,
    });
    expect(auditCount(fx, 'create', 'admission', a.id)).toBe(1);
    const list = fx.ok(doctor2, 'consultation.beds', {}).beds;
    expect(list.map((b) => [b.label, b.occupant?.patientName ?? null])).toEqual([['1床', '张三'], ['2床', null]]);
    expect(auditCount(fx, 'read', 'admission', a.id)).toBe(1);

    fx.advance(60_000);
    const d = fx.ok(doctor2, 'consultation.discharge', { admissionId: a.id, note: '好转' });
    expect(d).toMatchObject({ status: 'discharged', dischargedAt: fx.clock.t, dischargeNote: '好转' });
    expect(fx.ok(doctor, 'consultation.beds', {}).beds.every((b) => b.occupant === null)).toBe(true);
    expectRefused(fx, doctor, 'consultation.discharge', { admissionId: a.id }, 'ILLEGAL_TRANSITION', { entity: 'admission', from: 'discharged' });
    expect(fx.ok(doctor, 'consultation.history', { patientId }).visits[0]!.admissions).toEqual([d]);
  });

  it('refuse an occupied bed (BED_OCCUPIED) and a patient already in a bed (ALREADY_ADMITTED)', () => {
    const first = makeVisit(fx);
    fx.ok(doctor, 'consultation.admit', { visitId: first.visitId, bedId: fx.ids.beds.bed1 });
    const second = makeVisit(fx, { patientId: makePatient(fx, { name: '李四' }) });
    expectRefused(fx, doctor, 'consultation.admit', { visitId: second.visitId, bedId: fx.ids.beds.bed1 }, 'BED_OCCUPIED', { bedId: fx.ids.beds.bed1 });
    const again = makeVisit(fx, { patientId: first.patientId });
    expectRefused(fx, doctor, 'consultation.admit', { visitId: again.visitId, bedId: fx.ids.beds.bed2 }, 'ALREADY_ADMITTED', { bedId: fx.ids.beds.bed1 });
    expect(count(fx, "SELECT count(*) n FROM admissions WHERE status = 'admitted'")).toBe(1);
  });

  it('refuse outside the consultation, another doctor, other roles, unknown and withdrawn beds', () => {
    const { visitId } = makeVisit(fx);
    const waiting = makeVisit(fx, { status: 'waiting' });
    expectRefused(fx, doctor, 'consultation.admit', { visitId: waiting.visitId, bedId: fx.ids.beds.bed1 }, 'VISIT_NOT_IN_CONSULTATION');
    expectRefused(fx, doctor2, 'consultation.admit', { visitId, bedId: fx.ids.beds.bed1 }, 'FORBIDDEN');
    expectRefused(fx, fx.login('reception'), 'consultation.admit', { visitId, bedId: fx.ids.beds.bed1 }, 'FORBIDDEN');
    expectRefused(fx, fx.login('cashier'), 'consultation.beds', {}, 'FORBIDDEN');
    expectRefused(fx, doctor, 'consultation.admit', { visitId, bedId: UNKNOWN }, 'NOT_FOUND', { field: 'bedId' });
    expectRefused(fx, doctor, 'consultation.discharge', { admissionId: UNKNOWN }, 'NOT_FOUND');
    withMasterWriter(fx.station, (w) => w.update(beds, fx.ids.beds.bed2, { active: false }));
    expectRefused(fx, doctor, 'consultation.admit', { visitId, bedId: fx.ids.beds.bed2 }, 'VALIDATION', { field: 'bedId', reason: 'inactive' });
    expect(fx.ok(doctor, 'consultation.beds', {}).beds.map((b) => b.label)).toEqual(['1床']);
  });
});
