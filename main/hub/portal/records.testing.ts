/**
 * Test helpers for the patient's records: a visit walked through the desks of the hub's own
 * station (front desk, doctor, cashier) through the real dispatch, as staff would, so the portal
 * reads what the desks wrote.
 */
import type { Input, Output, ProcedureName } from '../../api/contract';
import { dispatchSync } from '../../station/dispatch';
import { logInAs } from '../../station/testing';
import type { TestClinicHub } from '../admin.testing';

/** A staff member's call at the hub's own station (logged in as `who`), through the real dispatch. */
export function deskCall<N extends ProcedureName>(t: TestClinicHub, who: string, name: N, input: Input<N>): Output<N> {
  const st = t.clinic.admin.station;
  const r = dispatchSync(st, logInAs(st, who), name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as Output<N>;
}

export interface SeenVisit {
  visitId: string;
  /** Issued: ibuprofen 1 tablet twice a day by mouth for 3 days, after meals. */
  rxId: string;
  rxNo: string;
  /** Issued, then voided by the doctor (only with `voided`). */
  voidedRxId: string | null;
  /** Left as a draft: never shown to the patient. */
  draftRxId: string;
  examOrderId: string;
  /** The registration fee's payment; the clinical bill's (only when finished). */
  registrationPaymentId: string;
  billPaymentId: string | null;
}

/**
 * A walk-in of `patientId` with doctor 1 or `doctor` (fee paid in cash), called and seen: a record (cough,
 * J06.9), an issued prescription, a draft one, a blood count ordered. `finish`: the record signed,
 * the consultation finished, the bill paid in cash. Otherwise the visit stays in consultation with
 * its record a draft.
 */
export function seenVisit(t: TestClinicHub, patientId: string, key: string, opts: { finish: boolean; voided?: boolean; doctor?: 'doctor' | 'doctor2' }): SeenVisit {
  const doc = opts.doctor ?? 'doctor';
  const walkIn = deskCall(t, 'reception', 'frontdesk.walkIn', {
    patientId, doctorId: t.ids.staff[doc], payment: { method: 'cash', tenderedFen: 10_000, idempotencyKey: `reg-${key}` },
  });
  const visitId = walkIn.visit.id;
  deskCall(t, doc, 'queue.call', { visitId });
  deskCall(t, doc, 'queue.start', { visitId });
  deskCall(t, doc, 'consultation.saveRecord', { visitId, complaint: '咳嗽三天', presentIllness: '受凉后咳嗽', findings: '咽部充血', plan: '多饮水' });
  deskCall(t, doc, 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
  const rx = deskCall(t, doc, 'prescriptions.create', { visitId });
  deskCall(t, doc, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: t.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3, note: '饭后服用' });
  const issued = deskCall(t, doc, 'prescriptions.issue', { prescriptionId: rx.id });
  let voidedRxId: string | null = null;
  if (opts.voided) {
    const other = deskCall(t, doc, 'prescriptions.create', { visitId });
    deskCall(t, doc, 'prescriptions.addItem', { prescriptionId: other.id, drugId: t.ids.drugs.amoxicillin, dose: 2, frequency: 'tid', route: 'po', days: 2 });
    deskCall(t, doc, 'prescriptions.issue', { prescriptionId: other.id });
    deskCall(t, doc, 'prescriptions.cancel', { prescriptionId: other.id, reason: '剂量调整' });
    voidedRxId = other.id;
  }
  const draft = deskCall(t, doc, 'prescriptions.create', { visitId });
  const exam = deskCall(t, doc, 'consultation.orderExam', { visitId, examItemId: t.ids.exams.bloodRoutine });
  let billPaymentId: string | null = null;
  if (opts.finish) {
    deskCall(t, doc, 'consultation.sign', { visitId });
    deskCall(t, doc, 'queue.finish', { visitId });
    const { bill } = deskCall(t, 'cashier', 'billing.build', { visitId });
    if (!bill) throw new Error('no bill');
    billPaymentId = deskCall(t, 'cashier', 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.selfPayFen, tenderedFen: bill.selfPayFen, idempotencyKey: `bill-${key}` }).payment.id;
  }
  return {
    visitId, rxId: rx.id, rxNo: issued.rxNo, voidedRxId, draftRxId: draft.id, examOrderId: exam.id,
    registrationPaymentId: walkIn.payment!.id, billPaymentId,
  };
}

/**
 * A visit of `patientId` seen by doctor 1 or `doctor` (as seenVisit, not finished) and admitted to
 * `bed` (1床 or 2床 of the ward 观察室, ¥50.00 a day).
 */
export function admittedVisit(t: TestClinicHub, patientId: string, key: string, opts: { bed: 'bed1' | 'bed2'; doctor?: 'doctor' | 'doctor2' }): SeenVisit & { admissionId: string } {
  const doc = opts.doctor ?? 'doctor';
  const seen = seenVisit(t, patientId, key, { finish: false, doctor: doc });
  const admission = deskCall(t, doc, 'consultation.admit', { visitId: seen.visitId, bedId: t.ids.beds[opts.bed] });
  return { ...seen, admissionId: admission.id };
}
