/**
 * The whole clinical day through the API, across desks: walk-in → consultation (record,
 * prescription, exam, signing) → finish → bill paid → dispensed, exam result, chart.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../testing';
import { makePatient } from './consultation-testkit';

let fx: Fixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => fx.close());

it('a patient goes from the front desk through the consult room and the cashier to the pharmacy', () => {
  const reception = fx.login('reception');
  const doctor = fx.login('doctor');
  const cashier = fx.login('cashier');
  const pharmacist = fx.login('pharmacist');
  const patientId = makePatient(fx, { name: '钱七', allergies: '磺胺' });

  const { visit } = fx.ok(reception, 'frontdesk.walkIn', {
    patientId, doctorId: fx.ids.staff.doctor, payment: { method: 'cash', idempotencyKey: 'reg-1' },
  });
  fx.ok(doctor, 'queue.start', { visitId: visit.id });

  fx.ok(doctor, 'consultation.saveRecord', { visitId: visit.id, complaint: '发热伴咽痛2天', findings: '扁桃体Ⅱ度肿大', plan: '抗感染' });
  fx.ok(doctor, 'consultation.addDiagnosis', { visitId: visit.id, icd10: 'J03.9' });
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId: visit.id });
  const withLine = fx.ok(doctor, 'prescriptions.addItem', {
    prescriptionId: rx.id, drugId: fx.ids.drugs.amoxicillin, dose: 2, frequency: 'tid', route: 'po', days: 7,
  });
  expect(withLine.items[0]!.quantity).toBe(2); // 42 capsules, 24 a box
  expect(withLine.warnings).toEqual([]); // a sulfonamide allergy does not concern amoxicillin
  fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
  const exam = fx.ok(doctor, 'consultation.orderExam', { visitId: visit.id, examItemId: fx.ids.exams.bloodRoutine });
  fx.ok(doctor, 'consultation.sign', { visitId: visit.id });
  fx.ok(doctor, 'queue.finish', { visitId: visit.id });

  // Orders are closed with the consultation.
  const late = fx.call(doctor, 'prescriptions.create', { visitId: visit.id });
  expect(late).toMatchObject({ ok: false, error: { code: 'VISIT_NOT_IN_CONSULTATION' } });

  const { bill } = fx.ok(cashier, 'billing.build', { visitId: visit.id });
  expect(bill!.totalFen).toBe(2 * 1850 + 2500);
  fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: bill!.dueFen, idempotencyKey: 'bill-1' });

  expect(fx.ok(pharmacist, 'pharmacy.queue', {}).items.map((p) => p.id)).toEqual([rx.id]);
  const out = fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
  expect(out.movements.map((m) => [m.batchNo, m.quantity])).toEqual([['AMX-1', -2]]);
  fx.ok(doctor, 'consultation.recordExamResult', { examOrderId: exam.id, result: 'WBC 13.2×10⁹/L, N 82%' });

  const chart = fx.ok(doctor, 'consultation.history', { patientId });
  expect(chart.visits).toHaveLength(1);
  expect(chart.visits[0]).toMatchObject({
    status: 'discharged',
    record: { status: 'signed', complaint: '发热伴咽痛2天', diagnoses: [{ icd10: 'J03.9', text: '急性扁桃体炎', isPrimary: true }] },
    prescriptions: [{ id: rx.id, status: 'dispensed' }],
    examOrders: [{ id: exam.id, status: 'done', result: 'WBC 13.2×10⁹/L, N 82%' }],
  });
});
