/**
 * A stay in a bed on the bill (issue 16): billed once the patient leaves the bed, per night at the
 * ward's rate (观察室, ¥50.00 a night in the fixture); the visit cannot be discharged while the
 * patient is still in a bed; the stay is billed once, and is not refundable as undelivered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../domain/dates';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused } from './desk.testing';
import { inConsultation, key, newPatient, openDesk, statusOf, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

describe('a stay in a bed', () => {
  it('is billed when the patient leaves the bed: nights × the ward rate, once; the visit waits for it', () => {
    const visit = inConsultation(fx, desk, newPatient(fx, desk, { insuranceType: 'urban_employee' }));
    const stay = fx.ok(desk.doctor, 'consultation.admit', { visitId: visit.id, bedId: fx.ids.beds.bed1 });
    fx.ok(desk.doctor, 'queue.finish', { visitId: visit.id });
    // Still in the bed: nothing to bill yet, and the visit is not settled.
    expect(fx.ok(desk.cashier, 'billing.visit', { visitId: visit.id }).unbilled).toEqual([]);
    expectRefused(fx, desk.cashier, 'billing.discharge', { visitId: visit.id }, 'CONFLICT', { reason: 'still_admitted' });
    expect(statusOf(fx, 'visits', visit.id)).toBe('awaiting_payment');

    fx.advance(2 * DAY_MS + 3_600_000);
    // Two days on: the people log in again.
    const doctor = fx.login('doctor');
    const cashier = fx.login('cashier');
    fx.ok(doctor, 'consultation.discharge', { admissionId: stay.id });
    const { bill } = fx.ok(cashier, 'billing.build', { visitId: visit.id });
    expect(bill!.items.map((i) => [i.kind, i.description, i.quantity, i.unitPriceFen, i.amountFen])).toEqual([['bed', '床位费 观察室 1床', 2, 5000, 10000]]);
    // Not covered by insurance: the patient pays it all.
    expect(bill).toMatchObject({ totalFen: 10000, insuranceFen: 0, selfPayFen: 10000 });
    expectRefused(fx, cashier, 'billing.build', { visitId: visit.id }, 'NOTHING_TO_BILL');

    fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: 10000, tenderedFen: 10000, idempotencyKey: key('pay') });
    expect(statusOf(fx, 'visits', visit.id)).toBe('discharged');
    // The nights were lived: not refundable as undelivered.
    expectRefused(fx, cashier, 'billing.refund', { billId: bill!.id, lines: [{ itemId: bill!.items[0]!.id, quantity: 1 }], reason: '多收', idempotencyKey: key('rf') }, 'ALREADY_DELIVERED');
    expect(count(fx, 'SELECT count(*) n FROM refunds')).toBe(0);
  });

  it('is one night for a day case, and nothing for a ward without a rate', () => {
    const visit = inConsultation(fx, desk, newPatient(fx, desk));
    const stay = fx.ok(desk.doctor, 'consultation.admit', { visitId: visit.id, bedId: fx.ids.beds.bed1 });
    fx.advance(60_000);
    fx.ok(desk.doctor, 'consultation.discharge', { admissionId: stay.id });
    expect(fx.ok(desk.cashier, 'billing.visit', { visitId: visit.id }).unbilled.map((c) => [c.kind, c.quantity, c.amountFen])).toEqual([['bed', 1, 5000]]);

    fx.station.raw.prepare('UPDATE wards SET daily_rate_fen = 0').run();
    expect(fx.ok(desk.cashier, 'billing.visit', { visitId: visit.id }).unbilled).toEqual([]);
  });
});
