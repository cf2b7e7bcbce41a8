/** Test helpers for the documents tests (not a test file itself): one visit walked through the desks. */
import type { Input, Output, ProcedureName, Result } from '../../api/contract';
import { makeResidentId } from '../../domain/residentId';
import { dispatch } from '../dispatch';
import { withMasterWriter } from '../master';
import type { Fixture } from '../testing';

export type Caller = { token: string | null };
const MIN = 60_000;

/** Through the async dispatch, as the transports call (documents finish after the commit). */
export function call<N extends ProcedureName>(fx: Fixture, caller: Caller, name: N, input: Input<N>): Promise<Result<Output<N>>> {
  return dispatch(fx.station, caller, name, input);
}

export async function ok<N extends ProcedureName>(fx: Fixture, caller: Caller, name: N, input: Input<N>): Promise<Output<N>> {
  const r = await call(fx, caller, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export function pdfOf(file: { pdfBase64?: string | undefined }): Buffer {
  return Buffer.from(file.pdfBase64 ?? '', 'base64');
}

/**
 * A walk-in (张三丰, employee insurance, allergic to penicillin) paying the 15.00 fee in cash
 * (20.00 tendered); the doctor's record (signed, then amended), a prescription of ibuprofen
 * (22.00) and a blood count (25.00); the bill of 47.00 split 30.40 insurance / 16.60 self-pay,
 * paid by insurance and by cash (20.00 tendered, 3.40 change); the blood count refunded (25.00:
 * 16.60 cash, 8.40 insurance); the drug dispensed; the cashier's close of day.
 */
export function walkVisit(fx: Fixture) {
  withMasterWriter(fx.station, (w) => w.setSetting('idleLockMs', 12 * 60 * 60_000));
  const reception = fx.login('reception');
  const doctor = fx.login('doctor');
  const cashier = fx.login('cashier');
  const pharmacist = fx.login('pharmacist');
  const { patient } = fx.ok(reception, 'patients.register', {
    name: '张三丰', idNumber: makeResidentId('110105', '1958-04-09', 11, 'M'), phone: '13900000011',
    insuranceType: 'urban_employee', allergies: '青霉素',
  });
  const walkIn = fx.ok(reception, 'frontdesk.walkIn', {
    patientId: patient.id, doctorId: fx.ids.staff.doctor, payment: { method: 'cash', tenderedFen: 2000, idempotencyKey: 'reg-zhang' },
  });
  const visitId = walkIn.visit.id;
  fx.advance(10 * MIN);
  fx.ok(doctor, 'queue.call', {});
  fx.ok(doctor, 'queue.start', { visitId });
  fx.ok(doctor, 'consultation.saveRecord', { visitId, complaint: '咳嗽3天', presentIllness: '受凉后咳嗽', findings: '咽部充血', plan: '对症治疗' });
  fx.ok(doctor, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId });
  fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3 });
  const draftRx = fx.ok(doctor, 'prescriptions.create', { visitId });
  fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
  fx.ok(doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.bloodRoutine });
  fx.ok(doctor, 'consultation.sign', { visitId });
  fx.advance(5 * MIN);
  fx.ok(doctor, 'consultation.amend', { visitId, field: 'plan', newText: '多饮水，3天后复诊', reason: '补充医嘱' });
  fx.ok(doctor, 'queue.finish', { visitId });

  fx.advance(10 * MIN);
  const { bill } = fx.ok(cashier, 'billing.build', { visitId });
  const insurancePay = fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'insurance', amountFen: bill!.insuranceFen, reference: 'YB-1', idempotencyKey: 'pay-ins' });
  const billAfterInsurance = insurancePay.bill;
  fx.advance(MIN);
  const cashPay = fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: bill!.selfPayFen, tenderedFen: 2000, idempotencyKey: 'pay-cash' });
  fx.advance(5 * MIN);
  const refund = fx.ok(cashier, 'billing.refund', { billId: bill!.id, amountFen: 2500, reason: '患者拒绝抽血', idempotencyKey: 'rf-1' });
  fx.advance(5 * MIN);
  fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
  fx.advance(60 * MIN);
  const close = fx.ok(cashier, 'billing.closeDay', {});
  return {
    callers: { reception, doctor, cashier, pharmacist, admin: fx.login('admin') },
    patient, visitId, rxId: rx.id, draftRxId: draftRx.id, bill: bill!, billAfterInsurance,
    registrationPaymentId: walkIn.payment!.id, insurancePaymentId: insurancePay.payment.id, cashPaymentId: cashPay.payment.id,
    cashReceiptNo: cashPay.payment.receiptNo, refunds: refund.refunds, dayCloseId: close.id, closeNo: close.closeNo,
  };
}
export type Walk = ReturnType<typeof walkVisit>;
