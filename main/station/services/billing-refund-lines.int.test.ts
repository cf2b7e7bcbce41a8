/**
 * Refunds by line and payments in several methods, on a real station (SQLite file, the real
 * procedures): part quantities, the money back by method in proportion, the exam order and the
 * prescription line cancelled with it, and the refusals (over-refund, a line refunded twice), each
 * writing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused } from './desk.testing';
import { addExamOrder, addPrescription, inConsultation, key, newPatient, openDesk, statusOf, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

const ledgerRows = () => count(fx, 'SELECT (SELECT count(*) FROM refunds) + (SELECT count(*) FROM refund_items) + (SELECT count(*) FROM payments) n');

/**
 * A self-paying patient's bill: amoxicillin 4 × 18.50 = 74.00 and a blood count 25.00, total
 * 99.00, paid at once 60.00 by card + 39.00 in cash (one receipt).
 */
function paidBill(insuranceType: 'self_pay' | 'urban_employee' = 'self_pay') {
  const visit = inConsultation(fx, desk, newPatient(fx, desk, { insuranceType }));
  const rx = addPrescription(fx, visit, [[fx.ids.drugs.amoxicillin, 4, 1850]]);
  const examId = addExamOrder(fx, visit, fx.ids.exams.bloodRoutine, 2500);
  const bill = fx.ok(desk.cashier, 'billing.build', { visitId: visit.id }).bill!;
  const drug = bill.items.find((i) => i.kind === 'drug')!;
  const exam = bill.items.find((i) => i.kind === 'exam')!;
  return { visit, rx, examId, bill, drug, exam };
}

function payCardAndCash(billId: string, cardFen: number, cashFen: number) {
  return fx.ok(desk.cashier, 'billing.payParts', {
    billId, idempotencyKey: key('pay'), parts: [{ method: 'card', amountFen: cardFen, reference: 'POS-1' }, { method: 'cash', amountFen: cashFen, tenderedFen: 4000 }],
  });
}

describe('billing.payParts: one payment in several methods', () => {
  it('takes card + cash at once under one receipt number and settles the bill', () => {
    const { bill, rx } = paidBill();
    const paid = payCardAndCash(bill.id, 6000, 3900);
    expect(paid.payments.map((p) => [p.method, p.amountFen, p.receiptNo])).toEqual([
      ['card', 6000, paid.receiptNo], ['cash', 3900, paid.receiptNo],
    ]);
    expect(paid.receiptNo).toBe('R20261123-A1-0002'); // 0001 is the registration fee
    expect(paid.payments[1]!.changeFen).toBe(100);
    expect(paid.bill.status).toBe('paid');
    expect(statusOf(fx, 'prescriptions', rx.prescriptionId)).toBe('paid');
    expect(count(fx, 'SELECT count(DISTINCT receipt_no) n FROM payments WHERE bill_id = ?', bill.id)).toBe(1);
  });

  it('takes the same key again once, and refuses it for other parts', () => {
    const { bill } = paidBill();
    const input = { billId: bill.id, idempotencyKey: 'twice', parts: [{ method: 'card' as const, amountFen: 5000 }, { method: 'cash' as const, amountFen: 4900 }] };
    const first = fx.ok(desk.cashier, 'billing.payParts', input);
    const again = fx.ok(desk.cashier, 'billing.payParts', input);
    expect(again).toMatchObject({ replayed: true, receiptNo: first.receiptNo });
    expect(again.payments.map((p) => p.id)).toEqual(first.payments.map((p) => p.id));
    expectRefused(fx, desk.cashier, 'billing.payParts', { ...input, parts: [{ method: 'card', amountFen: 9900 }] }, 'CONFLICT', { reason: 'key_reused' });
    expect(count(fx, 'SELECT count(*) n FROM payments WHERE bill_id = ?', bill.id)).toBe(2);
  });

  it('refuses a whole payment when one part is wrong, writing nothing: too much, a method twice, a QR without reference', () => {
    const { bill } = paidBill();
    const before = ledgerRows();
    expectRefused(fx, desk.cashier, 'billing.payParts', {
      billId: bill.id, idempotencyKey: key(), parts: [{ method: 'card', amountFen: 6000 }, { method: 'cash', amountFen: 4000 }],
    }, 'OVERPAYMENT', { field: 'parts.1.amountFen' });
    expectRefused(fx, desk.cashier, 'billing.payParts', {
      billId: bill.id, idempotencyKey: key(), parts: [{ method: 'cash', amountFen: 100 }, { method: 'cash', amountFen: 100 }],
    }, 'VALIDATION', { field: 'parts', reason: 'duplicate_method' });
    expectRefused(fx, desk.cashier, 'billing.payParts', {
      billId: bill.id, idempotencyKey: key(), parts: [{ method: 'cash', amountFen: 100 }, { method: 'qr', amountFen: 100 }],
    }, 'VALIDATION', { field: 'parts.1.reference' });
    expect(ledgerRows()).toBe(before);
    expect(statusOf(fx, 'bills', bill.id)).toBe('open');
  });
});

describe('billing.refund by line', () => {
  it('refunds part of a line back to card and cash in proportion, with one refund number; the pharmacy hands over the rest', () => {
    const { bill, drug, rx } = paidBill();
    payCardAndCash(bill.id, 6000, 3900);
    // 1 of 4 boxes = 18.50, of 99.00 paid 60.00 card / 39.00 cash → 11.21 card + 7.29 cash (largest remainder).
    const r = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 1 }], reason: '多开一盒', idempotencyKey: 'r1' });
    expect(r.refunds.map((x) => [x.method, x.amountFen])).toEqual([['card', 1121], ['cash', 729]]);
    expect(new Set(r.refunds.map((x) => x.refundNo))).toEqual(new Set(['RF20261123-A1-0001']));
    expect(r.bill).toMatchObject({ status: 'paid', paidFen: 9900 - 1850, refundedFen: 1850 });
    expect(r.bill.items.find((i) => i.id === drug.id)!.refundedQuantity).toBe(1);
    expect(count(fx, 'SELECT quantity n FROM refund_items WHERE bill_item_id = ?', drug.id)).toBe(1);
    // The prescription is paid still, and the pharmacy hands over 3 boxes.
    expect(statusOf(fx, 'prescriptions', rx.prescriptionId)).toBe('paid');
    const out = fx.ok(desk.pharmacist, 'pharmacy.dispense', { prescriptionId: rx.prescriptionId });
    expect(out.movements.reduce((s, m) => s - m.quantity, 0)).toBe(3);
  });

  it('refunds the rest of a line to exactly what it cost, and then the line is cancelled: the pharmacy has nothing of it to hand over', () => {
    const { bill, drug, rx } = paidBill();
    payCardAndCash(bill.id, 6000, 3900);
    fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 1 }], reason: '多开', idempotencyKey: key() });
    const rest = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 3 }], reason: '不要了', idempotencyKey: key() });
    expect(rest.bill.refundedFen).toBe(7400);
    expect(rest.refunds[0]!.refundNo).toBe('RF20261123-A1-0002');
    expectRefused(fx, desk.pharmacist, 'pharmacy.dispense', { prescriptionId: rx.prescriptionId }, 'NOT_PAID', { reason: 'refunded' });
    expect(fx.ok(desk.pharmacist, 'pharmacy.queue', {}).items.map((p) => p.id)).not.toContain(rx.prescriptionId);
  });

  it('cancels the exam order of a refunded exam line: it can no longer be done', () => {
    const { bill, exam, examId } = paidBill();
    payCardAndCash(bill.id, 6000, 3900);
    expect(statusOf(fx, 'exam_orders', examId)).toBe('paid');
    const r = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: exam.id, quantity: 1 }], reason: '检查取消', idempotencyKey: key() });
    expect(r.refunds.reduce((s, x) => s + x.amountFen, 0)).toBe(2500);
    expect(statusOf(fx, 'exam_orders', examId)).toBe('cancelled');
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'update' AND entity = 'exam_order' AND entity_id = ?", examId)).toBe(1);
  });

  it('sends the insurance part of a line back to the insurance payment and the rest to the patient’s', () => {
    const { bill, exam } = paidBill('urban_employee');
    // Employee insurance covers the exam at 60 %: the insurance part as the bill says, then the rest in cash.
    fx.ok(desk.cashier, 'billing.pay', { billId: bill.id, method: 'insurance', amountFen: bill.insuranceFen, idempotencyKey: key() });
    fx.ok(desk.cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.selfPayFen, idempotencyKey: key() });
    const r = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: exam.id, quantity: 1 }], reason: '检查取消', idempotencyKey: key() });
    expect(r.refunds.map((x) => [x.method, x.amountFen])).toEqual([['insurance', exam.insuranceFen], ['cash', exam.amountFen - exam.insuranceFen]]);
  });

  it('refunds every line → the bill is refunded', () => {
    const { bill, drug, exam } = paidBill();
    payCardAndCash(bill.id, 6000, 3900);
    const r = fx.ok(desk.cashier, 'billing.refund', {
      billId: bill.id, lines: [{ itemId: drug.id, quantity: 4 }, { itemId: exam.id, quantity: 1 }], reason: '全部退', idempotencyKey: key(),
    });
    expect(r.refunds.map((x) => [x.method, x.amountFen])).toEqual([['card', 6000], ['cash', 3900]]);
    expect(r.bill).toMatchObject({ status: 'refunded', paidFen: 0 });
  });

  it('refuses more than is left of a line and a line refunded in full already, writing nothing', () => {
    const { bill, drug, exam } = paidBill();
    payCardAndCash(bill.id, 6000, 3900);
    fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: exam.id, quantity: 1 }, { itemId: drug.id, quantity: 2 }], reason: '退', idempotencyKey: key() });
    const before = ledgerRows();
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 3 }], reason: '退', idempotencyKey: key() },
      'REFUND_EXCEEDS_PAID', { field: 'lines.0.quantity', refundableQuantity: 2 });
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 1 }, { itemId: exam.id, quantity: 1 }], reason: '退', idempotencyKey: key() },
      'ALREADY_REFUNDED', { field: 'lines.1.itemId' });
    expect(ledgerRows()).toBe(before);
  });

  it('refuses a dispensed line, an open bill, lines and an amount together, and a line of another bill', () => {
    const { bill, drug, rx } = paidBill();
    const other = paidBill();
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 1 }], reason: '退', idempotencyKey: key() }, 'BILL_NOT_PAID');
    payCardAndCash(bill.id, 6000, 3900);
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 1 }], amountFen: 100, reason: '退', idempotencyKey: key() },
      'VALIDATION', { field: 'lines' });
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: other.drug.id, quantity: 1 }], reason: '退', idempotencyKey: key() },
      'NOT_FOUND', { field: 'lines.0.itemId' });
    fx.ok(desk.pharmacist, 'pharmacy.dispense', { prescriptionId: rx.prescriptionId });
    const before = ledgerRows();
    expectRefused(fx, desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 1 }], reason: '退', idempotencyKey: key() }, 'ALREADY_DELIVERED');
    expect(ledgerRows()).toBe(before);
  });

  it('takes a line refund sent twice once, and refuses the key for other lines', () => {
    const { bill, drug } = paidBill();
    payCardAndCash(bill.id, 6000, 3900);
    const input = { billId: bill.id, lines: [{ itemId: drug.id, quantity: 2 }], reason: '退', idempotencyKey: 'once' };
    const first = fx.ok(desk.cashier, 'billing.refund', input);
    const again = fx.ok(desk.cashier, 'billing.refund', input);
    expect(again.replayed).toBe(true);
    expect(again.refunds.map((r) => r.id)).toEqual(first.refunds.map((r) => r.id));
    expectRefused(fx, desk.cashier, 'billing.refund', { ...input, lines: [{ itemId: drug.id, quantity: 1 }] }, 'CONFLICT', { reason: 'key_reused' });
    expect(count(fx, 'SELECT sum(quantity) n FROM refund_items')).toBe(2);
  });
});
