import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payments } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused } from './desk.testing';
import { addExamOrder, addPrescription, inConsultation, key, newPatient, openDesk, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

const zero = { paymentCount: 0, paidFen: 0, refundCount: 0, refundedFen: 0, netFen: 0 };

/**
 * The morning worked by hand. Front desk: two registration fees in cash, 15.00 each.
 * Cashier: a self-paying patient's 37.00 of drugs, paid 20.00 cash + 17.00 QR, of which 5.00
 * is refunded to the QR code; an employee-insured patient's 25.00 blood count, 15.00 insurance
 * (60 %) + 10.00 card.
 *   cashier:   cash 2000 (1) · qr 1700 (1) − 500 (1) = 1200 · card 1000 (1) · insurance 1500 (1)
 *              paid 6200 in 4, refunded 500 in 1, net 5700
 *   reception: cash 3000 (2)
 */
function morning() {
  const pay = (who: { token: string }, billId: string, method: 'cash' | 'card' | 'qr' | 'insurance', amountFen: number, extra = {}) =>
    fx.ok(who, 'billing.pay', { billId, method, amountFen, idempotencyKey: key(), ...extra }).payment;
  const v1 = inConsultation(fx, desk, newPatient(fx, desk, { insuranceType: 'self_pay' }));
  fx.advance(60_000);
  const v2 = inConsultation(fx, desk, newPatient(fx, desk, { insuranceType: 'urban_employee' }));
  addPrescription(fx, v1, [[fx.ids.drugs.amoxicillin, 2, 1850]]);
  addExamOrder(fx, v2, fx.ids.exams.bloodRoutine, 2500);
  fx.advance(60_000);
  const b1 = fx.ok(desk.cashier, 'billing.build', { visitId: v1.id }).bill!;
  const b2 = fx.ok(desk.cashier, 'billing.build', { visitId: v2.id }).bill!;
  expect([b1.totalFen, b2.totalFen, b2.insuranceFen]).toEqual([3700, 2500, 1500]);
  const cash = pay(desk.cashier, b1.id, 'cash', 2000, { tenderedFen: 5000 });
  const qr = pay(desk.cashier, b1.id, 'qr', 1700, { reference: 'WX-1' });
  pay(desk.cashier, b2.id, 'insurance', 1500);
  pay(desk.cashier, b2.id, 'card', 1000);
  fx.advance(60_000);
  fx.ok(desk.cashier, 'billing.refund', { billId: b1.id, amountFen: 500, reason: '少开一盒', paymentId: qr.id, idempotencyKey: key() });
  fx.advance(60_000);
  return { b1, b2, cash, qr };
}

describe('close of day', () => {
  it('totals payments less refunds by method, against figures worked by hand, and lists the rows it holds', () => {
    const startedAt = fx.clock.t;
    morning();
    const preview = fx.ok(desk.cashier, 'billing.dayPreview', {});
    const close = fx.ok(desk.cashier, 'billing.closeDay', {});
    expect(preview.totals).toEqual(close.totals);
    expect(close).toMatchObject({
      closeNo: 'D20261123-A1-01', cashierId: fx.ids.accounts.cashier, cashierName: '陈静', device: 'A1', businessDate: '2026-11-23',
      toAt: fx.clock.t, paymentCount: 4, refundCount: 1,
    });
    expect(close.fromAt).toBeGreaterThan(startedAt);
    expect(close.totals).toEqual({
      paymentCount: 4, paidFen: 6200, refundCount: 1, refundedFen: 500, netFen: 5700,
      byMethod: {
        cash: { paymentCount: 1, paidFen: 2000, refundCount: 0, refundedFen: 0, netFen: 2000 },
        card: { paymentCount: 1, paidFen: 1000, refundCount: 0, refundedFen: 0, netFen: 1000 },
        qr: { paymentCount: 1, paidFen: 1700, refundCount: 1, refundedFen: 500, netFen: 1200 },
        insurance: { paymentCount: 1, paidFen: 1500, refundCount: 0, refundedFen: 0, netFen: 1500 },
      },
    });
    // The close lists what it holds; the ledger rows themselves are never updated.
    expect(count(fx, "SELECT count(*) n FROM day_close_entries WHERE day_close_id = ? AND entry_table = 'payments'", close.id)).toBe(4);
    expect(count(fx, "SELECT count(*) n FROM day_close_entries WHERE day_close_id = ? AND entry_table = 'refunds'", close.id)).toBe(1);
    expect(count(fx, 'SELECT count(*) n FROM payments WHERE day_close_id IS NOT NULL')).toBe(0);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name IN ('payments', 'refunds') AND op = 'update'")).toBe(0);
    // The front desk's own fees are its own to close.
    expect(count(fx, `SELECT count(*) n FROM payments p WHERE cashier_id = ?
      AND NOT EXISTS (SELECT 1 FROM day_close_entries e WHERE e.entry_id = p.id)`, fx.ids.accounts.reception)).toBe(2);
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE entity = 'day_close' AND entity_id = ?", close.id)).toBe(1);
    // Nothing left: refused, nothing written; the preview starts where the close ended.
    expectRefused(fx, desk.cashier, 'billing.closeDay', {}, 'NOTHING_TO_CLOSE');
    expect(fx.ok(desk.cashier, 'billing.dayPreview', {})).toMatchObject({ fromAt: close.toAt, totals: { ...zero } });
    const front = fx.ok(desk.reception, 'billing.closeDay', {});
    expect(front).toMatchObject({ closeNo: 'D20261123-A1-02', paymentCount: 2, totals: { paidFen: 3000, netFen: 3000, byMethod: { cash: { paymentCount: 2, paidFen: 3000 } } } });
  });

  it('starts the next close where the last ended; a refund of an earlier day counts in the day it is given', () => {
    const { b1, cash } = morning();
    const first = fx.ok(desk.cashier, 'billing.closeDay', {});
    fx.advance(3_600_000);
    const cashier = fx.login('cashier'); // the old session locked itself while idle
    fx.ok(cashier, 'billing.refund', { billId: b1.id, amountFen: 200, reason: '找零错误', paymentId: cash.id, idempotencyKey: 'later' });
    fx.advance(60_000);
    const second = fx.ok(cashier, 'billing.closeDay', {});
    expect(second).toMatchObject({ closeNo: 'D20261123-A1-02', fromAt: first.toAt, toAt: fx.clock.t, paymentCount: 0, refundCount: 1 });
    expect(second.totals).toMatchObject({ paidFen: 0, refundedFen: 200, netFen: -200, byMethod: { cash: { refundCount: 1, refundedFen: 200, netFen: -200 } } });
    // The first close keeps its figures.
    expect(fx.ok(cashier, 'billing.dayCloses', {}).items.map((c) => [c.closeNo, c.totals.netFen])).toEqual([
      ['D20261123-A1-02', -200], ['D20261123-A1-01', 5700],
    ]);
  });

  it('closes only what this account took at this workstation', () => {
    const { b1 } = morning();
    withMasterWriter(fx.station, (w) => w.insert(payments, {
      billId: b1.id, receiptNo: 'R20261123-B2-0001', method: 'cash', amountFen: 999, idempotencyKey: 'other-desk',
      cashierId: fx.ids.accounts.cashier, device: 'B2', createdAt: fx.clock.t,
    }));
    const close = fx.ok(desk.cashier, 'billing.closeDay', {});
    expect(close.totals.paidFen).toBe(6200);
    expect(count(fx, "SELECT count(*) n FROM payments p WHERE device = 'B2' AND NOT EXISTS (SELECT 1 FROM day_close_entries e WHERE e.entry_id = p.id)")).toBe(1);
  });

  it('numbers closes by the clinic’s date', () => {
    morning();
    fx.ok(desk.cashier, 'billing.closeDay', {});
    fx.advance(86_400_000);
    const reception = fx.login('reception');
    const cashier = fx.login('cashier');
    const v = fx.ok(reception, 'frontdesk.walkIn', {
      patientId: newPatient(fx, { ...desk, reception }), doctorId: fx.ids.staff.doctor, payment: { method: 'card', idempotencyKey: 'next-day' },
    });
    expect(v.payment!.receiptNo).toBe('R20261124-A1-0001');
    expect(fx.ok(reception, 'billing.closeDay', {})).toMatchObject({ closeNo: 'D20261124-A1-01', businessDate: '2026-11-24', totals: { paidFen: 3000 + 1500 } });
    expectRefused(fx, cashier, 'billing.closeDay', {}, 'NOTHING_TO_CLOSE');
  });

  it('lists my own closes; an administrator lists anyone’s', () => {
    morning();
    const mine = fx.ok(desk.cashier, 'billing.closeDay', {});
    const theirs = fx.ok(desk.reception, 'billing.closeDay', {});
    expect(fx.ok(desk.cashier, 'billing.dayCloses', {})).toMatchObject({ total: 1, items: [{ id: mine.id }] });
    expect(fx.ok(desk.reception, 'billing.dayCloses', { cashierId: fx.ids.accounts.reception }).items.map((c) => c.id)).toEqual([theirs.id]);
    expectRefused(fx, desk.cashier, 'billing.dayCloses', { cashierId: fx.ids.accounts.reception }, 'FORBIDDEN', { field: 'cashierId' });
    expect(fx.ok(desk.admin, 'billing.dayCloses', {}).total).toBe(2);
    expect(fx.ok(desk.admin, 'billing.dayCloses', { cashierId: fx.ids.accounts.cashier }).items.map((c) => c.id)).toEqual([mine.id]);
    expect(fx.ok(desk.admin, 'billing.dayCloses', { page: { limit: 1, offset: 1 } }).items).toHaveLength(1);
    for (const who of [desk.doctor, desk.pharmacist]) expectRefused(fx, who, 'billing.dayCloses', {}, 'FORBIDDEN');
    expectRefused(fx, desk.admin, 'billing.closeDay', {}, 'FORBIDDEN');
  });
});
