import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InsuranceType } from '../../domain/enums';
import { createFixture, type Fixture } from '../testing';
import { isRefundedCharge } from './billing-bills';
import { count, expectRefused } from './desk.testing';
import {
  addExamOrder, addPrescription, inConsultation, key, newPatient, openDesk, setExamStatus, setFeeAtCheckIn, setPrescriptionStatus,
  statusOf, walkIn, type Desk,
} from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

/**
 * A patient seen by the internal-medicine doctor, with two drugs (class A: 2 × 18.50 and
 * 1 × 22.00) and a blood count (25.00) to pay; plus a draft prescription and a cancelled exam
 * that must not be billed.
 */
function seen(insuranceType: InsuranceType = 'urban_employee') {
  const visit = inConsultation(fx, desk, newPatient(fx, desk, { insuranceType }));
  const rx = addPrescription(fx, visit, [[fx.ids.drugs.amoxicillin, 2, 1850], [fx.ids.drugs.ibuprofen, 1, 2200]]);
  addPrescription(fx, visit, [[fx.ids.drugs.noStock, 1, 3600]], 'draft');
  const exam = addExamOrder(fx, visit, fx.ids.exams.bloodRoutine, 2500);
  addExamOrder(fx, visit, fx.ids.exams.chestXray, 8000, 'cancelled');
  return { visit, rx, exam };
}

function finish(visitId: string) {
  return fx.ok(desk.doctor, 'queue.finish', { visitId });
}

function build(visitId: string) {
  const r = fx.ok(desk.cashier, 'billing.build', { visitId });
  return r.bill!;
}

const pay = (billId: string, method: 'cash' | 'card' | 'qr' | 'insurance', amountFen: number, extra: { tenderedFen?: number; reference?: string; idempotencyKey?: string } = {}) =>
  fx.ok(desk.cashier, 'billing.pay', { billId, method, amountFen, idempotencyKey: extra.idempotencyKey ?? key('pay'), ...extra });

describe('billing.build', () => {
  it('bills issued prescriptions and ordered exams with the insurance split, worked by hand', () => {
    const { visit, rx, exam } = seen();
    const bill = build(visit.id);
    // Employee insurance: class A drugs 70 %, exams 60 %.
    // 3700 × 0.7 = 2590; 2200 × 0.7 = 1540; 2500 × 0.6 = 1500 → insurance 5630 of 8400, self-pay 2770.
    expect(bill).toMatchObject({ kind: 'clinical', status: 'open', totalFen: 8400, insuranceFen: 5630, selfPayFen: 2770, paidFen: 0, dueFen: 8400 });
    expect(bill.items.map((i) => [i.kind, i.refId, i.quantity, i.unitPriceFen, i.amountFen, i.insuranceFen])).toEqual([
      ['drug', rx.itemIds[0], 2, 1850, 3700, 2590],
      ['drug', rx.itemIds[1], 1, 2200, 2200, 1540],
      ['exam', exam, 1, 2500, 2500, 1500],
    ]);
    expect(bill.items[0]!.description).toBe('阿莫西林胶囊 0.25g×24粒');
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'create' AND entity = 'bill' AND entity_id = ?", bill.id)).toBe(1);
    expectRefused(fx, desk.cashier, 'billing.build', { visitId: visit.id }, 'NOTHING_TO_BILL');
  });

  it('bills a self-paying patient in full', () => {
    const { visit } = seen('self_pay');
    expect(build(visit.id)).toMatchObject({ totalFen: 8400, insuranceFen: 0, selfPayFen: 8400 });
  });

  it('bills the registration fee with the clinical bill when the fee policy is off', () => {
    setFeeAtCheckIn(fx, false);
    const visit = walkIn(fx, desk, newPatient(fx, desk)).visit;
    fx.ok(desk.doctor, 'queue.start', { visitId: visit.id });
    addPrescription(fx, visit, [[fx.ids.drugs.ibuprofen, 1, 2200]]);
    finish(visit.id);
    const bill = build(visit.id);
    expect(bill.items.map((i) => [i.kind, i.amountFen])).toEqual([['registration', 1500], ['drug', 2200]]);
    pay(bill.id, 'cash', 3700);
    expect(fx.ok(desk.cashier, 'frontdesk.visit', { visitId: visit.id })).toMatchObject({ feeStatus: 'paid', status: 'discharged' });
  });

  it('replaces an open bill with no money on it when more is prescribed, and drops what was cancelled', () => {
    const { visit, rx } = seen('self_pay');
    const first = build(visit.id);
    const more = addPrescription(fx, visit, [[fx.ids.drugs.ibuprofen, 2, 2200]]);
    const second = fx.ok(desk.cashier, 'billing.build', { visitId: visit.id });
    expect(second.voided).toEqual([first.id]);
    expect(statusOf(fx, 'bills', first.id)).toBe('void');
    expect(second.bill).toMatchObject({ totalFen: 8400 + 4400 });
    // The doctor cancels a prescription: paying the bill now is refused; building again drops it.
    setPrescriptionStatus(fx, more.prescriptionId, 'cancelled');
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: second.bill!.id, method: 'cash', amountFen: 100, idempotencyKey: 'stale' }, 'CONFLICT', { reason: 'bill_out_of_date' });
    const third = fx.ok(desk.cashier, 'billing.build', { visitId: visit.id });
    expect(third.voided).toEqual([second.bill!.id]);
    expect(third.bill!.totalFen).toBe(8400);
    expect(third.bill!.items.map((i) => i.refId)).toContain(rx.itemIds[0]);
  });

  it('leaves nothing to pay when every charge was cancelled: the bill is voided, the visit discharged', () => {
    const { visit, rx, exam } = seen();
    finish(visit.id);
    const bill = build(visit.id);
    setPrescriptionStatus(fx, rx.prescriptionId, 'cancelled');
    setExamStatus(fx, exam, 'cancelled');
    const r = fx.ok(desk.cashier, 'billing.build', { visitId: visit.id });
    expect(r).toMatchObject({ bill: null, voided: [bill.id] });
    expect(statusOf(fx, 'visits', visit.id)).toBe('discharged');
  });

  it('refuses a visit the doctor has not seen', () => {
    const v = walkIn(fx, desk, newPatient(fx, desk), { payment: { method: 'cash', idempotencyKey: 'r' } }).visit;
    expectRefused(fx, desk.cashier, 'billing.build', { visitId: v.id }, 'CONFLICT', { reason: 'not_seen', status: 'waiting' });
    expectRefused(fx, desk.cashier, 'billing.build', { visitId: '01900000-0000-7000-8000-000000000000' }, 'NOT_FOUND');
    expectRefused(fx, desk.reception, 'billing.build', { visitId: v.id }, 'FORBIDDEN');
  });
});

describe('billing.pay', () => {
  it('takes a bill in parts and methods; when full: bill paid, prescriptions and exams paid, visit discharged', () => {
    const { visit, rx, exam } = seen();
    finish(visit.id);
    const bill = build(visit.id);
    const ins = pay(bill.id, 'insurance', 5630, { reference: 'YB-0001' });
    expect(ins.payment).toMatchObject({ method: 'insurance', amountFen: 5630, reference: 'YB-0001', receiptNo: 'R20261123-A1-0002' });
    expect(ins.bill).toMatchObject({ status: 'open', insurancePaidFen: 5630, dueFen: 2770 });
    const cash = pay(bill.id, 'cash', 1000, { tenderedFen: 2000 });
    expect(cash.payment).toMatchObject({ tenderedFen: 2000, changeFen: 1000, receiptNo: 'R20261123-A1-0003' });
    expect(statusOf(fx, 'prescriptions', rx.prescriptionId)).toBe('issued');
    expect(cash.visit.status).toBe('awaiting_payment');
    const qr = pay(bill.id, 'qr', 1770, { reference: 'WX-778899' });
    expect(qr.bill).toMatchObject({ status: 'paid', paidFen: 8400, dueFen: 0, paidAt: fx.clock.t });
    expect(qr.visit).toMatchObject({ status: 'discharged', dischargedAt: fx.clock.t });
    expect(statusOf(fx, 'prescriptions', rx.prescriptionId)).toBe('paid');
    expect(statusOf(fx, 'exam_orders', exam)).toBe('paid');
    // The draft prescription and the cancelled exam were never billed and are untouched.
    expect(count(fx, "SELECT count(*) n FROM prescriptions WHERE status = 'draft'")).toBe(1);
    expect(count(fx, "SELECT count(*) n FROM exam_orders WHERE status = 'cancelled'")).toBe(1);
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 1, idempotencyKey: 'late' }, 'ILLEGAL_TRANSITION', { entity: 'bill', from: 'paid' });
  });

  it('keeps a visit still in consultation waiting: paid exams mid-consultation do not discharge it', () => {
    const { visit } = seen('self_pay');
    const bill = build(visit.id);
    pay(bill.id, 'card', 8400);
    expect(statusOf(fx, 'visits', visit.id)).toBe('in_consultation');
    expect(finish(visit.id).status).toBe('discharged');
  });

  it('refuses overpayment of either part, writing nothing', () => {
    const { visit } = seen();
    const bill = build(visit.id);
    pay(bill.id, 'insurance', 5630);
    pay(bill.id, 'card', 2000);
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'insurance', amountFen: 1, idempotencyKey: 'o1' }, 'OVERPAYMENT', { part: 'insurance', dueFen: 0 });
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 771, idempotencyKey: 'o2' }, 'OVERPAYMENT', { part: 'self_pay', dueFen: 770 });
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 700, tenderedFen: 500, idempotencyKey: 'o3' }, 'INVALID_MONEY', { field: 'tenderedFen' });
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'qr', amountFen: 700, idempotencyKey: 'o4' }, 'VALIDATION', { field: 'reference' });
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'card', amountFen: 700, tenderedFen: 700, idempotencyKey: 'o5' }, 'VALIDATION', { field: 'tenderedFen' });
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'card', amountFen: 0, idempotencyKey: 'o6' }, 'VALIDATION');
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'card', amountFen: 10.5, idempotencyKey: 'o7' }, 'VALIDATION');
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: '01900000-0000-7000-8000-000000000000', method: 'card', amountFen: 1, idempotencyKey: 'o8' }, 'NOT_FOUND', { field: 'billId' });
  });

  it('takes a payment sent twice with the same key once', () => {
    const { visit } = seen('self_pay');
    const bill = build(visit.id);
    const first = pay(bill.id, 'cash', 4000, { idempotencyKey: 'same-key', tenderedFen: 5000 });
    const payments = count(fx, 'SELECT count(*) n FROM payments');
    const changes = count(fx, 'SELECT count(*) n FROM change_log');
    const again = pay(bill.id, 'cash', 4000, { idempotencyKey: 'same-key', tenderedFen: 5000 });
    expect(again.replayed).toBe(true);
    expect(again.payment).toEqual(first.payment);
    expect(count(fx, 'SELECT count(*) n FROM payments')).toBe(payments);
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(changes);
    expect(again.bill.paidFen).toBe(4000);
    // The same key for something else is a mistake, refused.
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 100, idempotencyKey: 'same-key' }, 'CONFLICT', { field: 'idempotencyKey', reason: 'key_reused' });
  });

  it('lets the front desk take registration fees only; a person with both roles takes any bill', () => {
    const { visit } = seen('self_pay');
    const bill = build(visit.id);
    expectRefused(fx, desk.reception, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 100, idempotencyKey: 'rc' }, 'FORBIDDEN', { reason: 'registration_only' });
    expect(fx.ok(desk.frontcash, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 100, idempotencyKey: 'fc' }).payment.amountFen).toBe(100);
    for (const who of [desk.doctor, desk.pharmacist, desk.admin]) {
      expectRefused(fx, who, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 100, idempotencyKey: 'x' }, 'FORBIDDEN');
    }
  });
});

describe('billing.refund', () => {
  function paidBill() {
    const s = seen('self_pay');
    finish(s.visit.id);
    const bill = build(s.visit.id);
    const cash = pay(bill.id, 'cash', 5000).payment;
    fx.advance(1000);
    const qr = pay(bill.id, 'qr', 3400, { reference: 'WX-1' }).payment;
    fx.advance(1000);
    return { ...s, bill, cash, qr };
  }

  it('writes reversal rows back to the newest payments first, with the reason; the bill is refunded when nothing is left', () => {
    const { bill, cash, qr, rx } = paidBill();
    const r1 = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 4000, reason: '药品未取', idempotencyKey: 'rf-1' });
    expect(r1.refunds.map((x) => [x.paymentId, x.method, x.amountFen, x.reason])).toEqual([[qr.id, 'qr', 3400, '药品未取'], [cash.id, 'cash', 600, '药品未取']]);
    expect(r1.bill).toMatchObject({ status: 'paid', paidFen: 4400, refundedFen: 4000, refundableFen: 4400 });
    expect(r1.bill.payments.map((p) => p.refundedFen)).toEqual([600, 3400]);
    expect(count(fx, 'SELECT count(*) n FROM payments WHERE amount_fen IN (5000, 3400)')).toBe(2); // never edited
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 4401, reason: 'x', idempotencyKey: 'rf-2' }, 'REFUND_EXCEEDS_PAID', { refundableFen: 4400 });
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 1, reason: 'x', paymentId: qr.id, idempotencyKey: 'rf-3' }, 'REFUND_EXCEEDS_PAID', { refundableFen: 0 });
    const r2 = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 4400, reason: '全部退费', paymentId: cash.id, idempotencyKey: 'rf-4' });
    expect(r2.bill).toMatchObject({ status: 'refunded', paidFen: 0, refundedFen: 8400 });
    expect(isRefundedCharge(fx.station, rx.itemIds[0]!)).toBe(true);
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 1, reason: 'x', idempotencyKey: 'rf-5' }, 'ILLEGAL_TRANSITION', { entity: 'bill', from: 'refunded', to: 'refunded' });
  });

  it('takes a refund sent twice once', () => {
    const { bill } = paidBill();
    const first = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 4000, reason: 'r', idempotencyKey: 'twice' });
    const rows = count(fx, 'SELECT count(*) n FROM refunds');
    const again = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 4000, reason: 'r', idempotencyKey: 'twice' });
    expect(again.replayed).toBe(true);
    expect(again.refunds).toEqual(first.refunds);
    expect(count(fx, 'SELECT count(*) n FROM refunds')).toBe(rows);
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 10, reason: 'r', idempotencyKey: 'twice' }, 'CONFLICT', { reason: 'key_reused' });
  });

  it('refuses to refund what was handed over: a dispensed drug, a done exam', () => {
    const { bill, rx, exam } = paidBill();
    setPrescriptionStatus(fx, rx.prescriptionId, 'dispensed');
    // Paid 8400; drugs 5900 dispensed → only the exam's 2500 can go back.
    const d = expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 2501, reason: 'x', idempotencyKey: 'd1' }, 'ALREADY_DELIVERED', { refundableFen: 2500 });
    expect((d!['delivered'] as unknown[]).length).toBe(2);
    expect(fx.ok(desk.cashier, 'billing.get', { billId: bill.id }).refundableFen).toBe(2500);
    setExamStatus(fx, exam, 'done');
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 1, reason: 'x', idempotencyKey: 'd2' }, 'ALREADY_DELIVERED', { refundableFen: 0 });
  });

  it('refunds a registration fee only by cancelling the waiting visit, and never once the doctor has begun', () => {
    const waiting = walkIn(fx, desk, newPatient(fx, desk), { payment: { method: 'cash', idempotencyKey: 'reg-a' } });
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: waiting.bill!.id, amountFen: 1500, reason: 'x', idempotencyKey: 'g1' }, 'CONFLICT', { reason: 'cancel_visit_to_refund' });
    const seenVisit = inConsultation(fx, desk, newPatient(fx, desk));
    const regBill = fx.ok(desk.cashier, 'billing.visit', { visitId: seenVisit.id }).bills[0]!;
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: regBill.id, amountFen: 1500, reason: 'x', idempotencyKey: 'g2' }, 'ALREADY_DELIVERED');
    expectRefused(fx, desk.reception, 'billing.refund', { billId: regBill.id, amountFen: 1500, reason: 'x', idempotencyKey: 'g3' }, 'FORBIDDEN');
  });

  it('refuses a void bill', () => {
    const w = walkIn(fx, desk, newPatient(fx, desk));
    fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: w.visit.id, reason: 'x' });
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: w.bill!.id, amountFen: 1, reason: 'x', idempotencyKey: 'v1' }, 'ILLEGAL_TRANSITION', { from: 'void' });
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: w.bill!.id, method: 'cash', amountFen: 1, idempotencyKey: 'v2' }, 'ILLEGAL_TRANSITION', { from: 'void', to: 'paid' });
  });
});

describe('visits awaiting payment and discharge', () => {
  it('lists the cashier’s visits with what is unbilled and open, until paid', () => {
    const { visit } = seen();
    finish(visit.id);
    const other = seen('self_pay').visit;
    const list = fx.ok(desk.cashier, 'billing.awaiting', {});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: visit.id, unbilledFen: 8400, openDueFen: 0, openBillIds: [] });
    const bill = build(visit.id);
    expect(fx.ok(desk.cashier, 'billing.awaiting', {}).items[0]).toMatchObject({ unbilledFen: 0, openDueFen: 8400, openBillIds: [bill.id] });
    pay(bill.id, 'insurance', 5630);
    pay(bill.id, 'card', 2770);
    expect(fx.ok(desk.cashier, 'billing.awaiting', {}).total).toBe(0);
    expect(other.status).toBe('in_consultation');
    expectRefused(fx, desk.reception, 'billing.awaiting', {}, 'FORBIDDEN');
  });

  it('shows a visit’s bills and unbilled charges, audited', () => {
    const { visit } = seen();
    const v = fx.ok(desk.cashier, 'billing.visit', { visitId: visit.id });
    expect(v.bills.map((b) => [b.kind, b.status])).toEqual([['registration', 'paid']]);
    expect(v.unbilled.map((c) => c.kind)).toEqual(['drug', 'drug', 'exam']);
    expect(v.unbilledFen).toBe(8400);
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'read' AND entity = 'bill' AND patient_id = ?", visit.patientId)).toBe(1);
  });

  it('discharges by hand a visit that owes nothing, and refuses one that owes', () => {
    const { visit, rx, exam } = seen();
    finish(visit.id);
    expectRefused(fx, desk.cashier, 'billing.discharge', { visitId: visit.id }, 'BILL_NOT_PAID', { unbilledFen: 8400 });
    setPrescriptionStatus(fx, rx.prescriptionId, 'cancelled');
    setExamStatus(fx, exam, 'cancelled');
    expect(fx.ok(desk.cashier, 'billing.discharge', { visitId: visit.id })).toMatchObject({ status: 'discharged', dischargedAt: fx.clock.t });
    expectRefused(fx, desk.cashier, 'billing.discharge', { visitId: visit.id }, 'ILLEGAL_TRANSITION', { from: 'discharged', to: 'discharged' });
    const waiting = walkIn(fx, desk, newPatient(fx, desk)).visit;
    expectRefused(fx, desk.cashier, 'billing.discharge', { visitId: waiting.id }, 'ILLEGAL_TRANSITION', { from: 'waiting', to: 'discharged' });
  });
});
