/**
 * Priority reasons and payment methods from the data dictionary (issue 16) on a real SQLite desk:
 * a fresh clinic takes the built-in codes; once the clinic keeps its own list, an unknown or stopped
 * code is refused at its field with nothing written, and a visit keeps a code stopped since. A
 * clinic's own payment method (医保卡) is taken like card and named by the dictionary on the
 * receipt (pdftotext), in the close of day and on its report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dictionaryEntries } from '../../../db/schema';
import { flatText } from '../../documents/testPdf';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused } from '../testing-expect';
import { ok, pdfOf } from './documents.testing';
import { addPrescription, inConsultation, key, newPatient, openDesk, paidWalkIn, walkIn, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

type Kind = 'priority_reason' | 'payment_method';
/** Entries as the hub would have replicated them. */
function addEntries(kind: Kind, entries: [code: string, name: string, nameEn: string, active?: boolean][]): void {
  withMasterWriter(fx.station, (w) => {
    entries.forEach(([code, name, nameEn, active], i) => w.insert(dictionaryEntries, { kind, code, name, nameEn, sortOrder: (i + 1) * 10, active: active ?? true }));
  });
}
function stop(kind: Kind, code: string): void {
  withMasterWriter(fx.station, (w) => {
    const id = fx.station.raw.prepare('SELECT id FROM dictionary_entries WHERE kind = ? AND code = ?').pluck().get(kind, code) as string;
    w.update(dictionaryEntries, id, { active: false });
  });
}

describe('priority reasons', () => {
  it('a fresh clinic (no entries) takes the built-in reasons and nothing else', () => {
    const p = newPatient(fx, desk);
    expect(walkIn(fx, desk, p, { priority: true, priorityReason: 'pregnant' }).visit).toMatchObject({ priority: true, priorityReason: 'pregnant' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: newPatient(fx, desk), doctorId: fx.ids.staff.doctor, priority: true, priorityReason: 'vip' },
      'VALIDATION', { field: 'priorityReason', reason: 'unknown_code', kind: 'priority_reason', value: 'vip' });
  });

  it("the clinic's list replaces the built-in one: its own reason taken, a stopped or unlisted one refused writing nothing; a visit keeps a code stopped since", () => {
    addEntries('priority_reason', [['elderly', '老年人', 'Elderly'], ['blood_donor', '无偿献血者', 'Blood donor'], ['veteran', '军人', 'Veteran', false]]);
    const a = paidWalkIn(fx, desk, newPatient(fx, desk), { priority: true, priorityReason: 'blood_donor' }).visit;
    expect(a.priorityReason).toBe('blood_donor');
    const p = newPatient(fx, desk);
    const d = fx.ids.staff.doctor;
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, priority: true, priorityReason: 'veteran' }, 'VALIDATION', { field: 'priorityReason', reason: 'inactive' });
    // A built-in code the clinic's list does not hold.
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, priority: true, priorityReason: 'pregnant' }, 'VALIDATION', { field: 'priorityReason', reason: 'unknown_code' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, priority: true, priorityReason: 'not a code!' }, 'VALIDATION', { field: 'priorityReason' });
    expect(count(fx, 'SELECT count(*) n FROM visits WHERE patient_id = ?', p)).toBe(0);
    stop('priority_reason', 'blood_donor');
    expect(fx.ok(desk.reception, 'frontdesk.visit', { visitId: a.id }).priorityReason).toBe('blood_donor');
    expect(fx.ok(desk.doctor, 'queue.mine', {}).firstVisits.find((v) => v.id === a.id)?.priorityReason).toBe('blood_donor');
    // The desk's select names stopped codes too.
    expect(fx.ok(desk.reception, 'dictionary.entries', { kind: 'priority_reason' }).items.map((e) => e.code)).toEqual(['elderly']);
    expect(fx.ok(desk.reception, 'dictionary.entries', { kind: 'priority_reason', withStopped: true }).items.map((e) => e.code)).toEqual(['elderly', 'blood_donor', 'veteran']);
  });
});

/** A self-paying patient's amoxicillin, 2 × 18.50 = 37.00, to pay. */
function openBill(name: string) {
  const visit = inConsultation(fx, desk, newPatient(fx, desk, { name, insuranceType: 'self_pay' }));
  addPrescription(fx, visit, [[fx.ids.drugs.amoxicillin, 2, 1850]]);
  return fx.ok(desk.cashier, 'billing.build', { visitId: visit.id }).bill!;
}

describe('payment methods', () => {
  it("a clinic's own method is taken like card and named by the dictionary on the receipt, the close of day and its report", async () => {
    addEntries('payment_method', [['cash', '现金', 'Cash'], ['card', '银行卡', 'Card'], ['yb_card', '医保卡', 'Medical insurance card']]);
    expect(fx.ok(desk.cashier, 'dictionary.entries', { kind: 'payment_method' }).items.map((e) => e.code)).toEqual(['cash', 'card', 'yb_card']);
    const bill = openBill('钱七');
    // Not cash: nothing tendered.
    expectRefused(fx, desk.cashier, 'billing.pay', { billId: bill.id, method: 'yb_card', amountFen: 3700, tenderedFen: 5000, idempotencyKey: 'yb-0' }, 'VALIDATION', { field: 'tenderedFen' });
    const paid = fx.ok(desk.cashier, 'billing.payParts', {
      billId: bill.id, idempotencyKey: 'yb-1', parts: [{ method: 'yb_card', amountFen: 3000, reference: 'YB-88' }, { method: 'cash', amountFen: 700, tenderedFen: 1000 }],
    });
    expect(paid.payments.map((p) => [p.method, p.amountFen, p.changeFen])).toEqual([['yb_card', 3000, null], ['cash', 700, 300]]);
    expect(paid.bill.status).toBe('paid');
    const receipt = flatText(pdfOf(await ok(fx, desk.cashier, 'documents.receipt', { paymentId: paid.payments[0]!.id })));
    expect(receipt).toContain('支付方式：医保卡¥30.00；现金¥7.00');
    const en = flatText(pdfOf(await ok(fx, desk.cashier, 'documents.receipt', { paymentId: paid.payments[0]!.id, lang: 'en' })));
    expect(en).toContain('Paidby:Medicalinsurancecard¥30.00;Cash¥7.00');

    const r = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 1000, reason: '少开一盒', paymentId: paid.payments[0]!.id, idempotencyKey: 'yb-r' });
    expect(r.refunds.map((x) => [x.method, x.amountFen])).toEqual([['yb_card', 1000]]);
    const close = fx.ok(desk.cashier, 'billing.closeDay', {});
    expect(close.totals.byMethod['yb_card']).toEqual({ paymentCount: 1, paidFen: 3000, refundCount: 1, refundedFen: 1000, netFen: 2000 });
    // The drawer holds the cash alone: the clinic's method counts beside card, not in the cash.
    expect(close.totals.byMethod['cash']).toMatchObject({ paidFen: 700, netFen: 700 });
    expect(Object.keys(close.totals.byMethod)).toEqual(['cash', 'card', 'qr', 'insurance', 'yb_card']);
    expect(fx.ok(desk.admin, 'billing.dayClosesOn', { date: close.businessDate }).totals.byMethod['yb_card']).toMatchObject({ netFen: 2000 });
    // Stopped since: the report still names it.
    stop('payment_method', 'yb_card');
    const report = flatText(pdfOf(await ok(fx, desk.cashier, 'documents.dayReport', { dayCloseId: close.id })));
    expect(report).toContain('医保卡');
  });

  it('refuses an unknown or stopped method at its field, writing nothing; the built-in ones stay without an entry', () => {
    addEntries('payment_method', [['yb_card', '医保卡', ''], ['company', '单位记账', 'Company account', false]]);
    const bill = openBill('孙八');
    const pay = (method: string) => ({ billId: bill.id, method, amountFen: 3700, idempotencyKey: key('pm') });
    expectRefused(fx, desk.cashier, 'billing.pay', pay('wechat'), 'VALIDATION', { field: 'method', reason: 'unknown_code', kind: 'payment_method', value: 'wechat' });
    expectRefused(fx, desk.cashier, 'billing.pay', pay('company'), 'VALIDATION', { field: 'method', reason: 'inactive' });
    expectRefused(fx, desk.cashier, 'billing.pay', pay('bad code'), 'VALIDATION', { field: 'method' });
    expectRefused(fx, desk.cashier, 'billing.payParts', {
      billId: bill.id, idempotencyKey: 'pp', parts: [{ method: 'card', amountFen: 1000 }, { method: 'company', amountFen: 2700 }],
    }, 'VALIDATION', { field: 'parts.1.method', reason: 'inactive' });
    // The registration fee at the front desk goes through the same check.
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', {
      patientId: newPatient(fx, desk), doctorId: fx.ids.staff.doctor, payment: { method: 'company', idempotencyKey: 'reg-x' },
    }, 'VALIDATION', { field: 'method', reason: 'inactive' });
    expect(count(fx, 'SELECT count(*) n FROM payments WHERE bill_id = ?', bill.id)).toBe(0);
    // Card has no entry here: still taken. Once its entry is stopped, refused.
    addEntries('payment_method', [['card', '银行卡', 'Card']]);
    stop('payment_method', 'card');
    expectRefused(fx, desk.cashier, 'billing.pay', pay('card'), 'VALIDATION', { field: 'method', reason: 'inactive', value: 'card' });
    expect(fx.ok(desk.cashier, 'billing.pay', pay('cash')).payment.method).toBe('cash');
  });
});
