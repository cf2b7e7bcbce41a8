/**
 * Front-desk money and everyone's close of day, on a real station: a receptionist closes the
 * registration fees they took (and only those), and an administrator or a head cashier sees
 * every person's closes of a date with the totals by method; a cashier may not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { expectRefused } from './desk.testing';
import { inConsultation, key, newPatient, openDesk, paidWalkIn, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

/** Reception takes two registration fees in cash (15.00 each); the cashier 15.00 of a third patient's fee by card + a clinical bill in cash. */
function day() {
  paidWalkIn(fx, desk, newPatient(fx, desk));
  fx.advance(60_000);
  const v = inConsultation(fx, desk, newPatient(fx, desk)); // its fee: reception, cash
  const card = fx.ok(desk.reception, 'frontdesk.walkIn', {
    patientId: newPatient(fx, desk), doctorId: fx.ids.staff.doctor, payment: { method: 'card', idempotencyKey: key('reg') },
  });
  fx.advance(60_000);
  return { v, card };
}

describe("a receptionist's own close of day", () => {
  it('holds the fees they took at this desk, by method; the cashier’s day is apart', () => {
    day();
    const close = fx.ok(desk.reception, 'billing.closeDay', {});
    expect(close).toMatchObject({
      cashierId: fx.ids.accounts.reception, paymentCount: 3,
      totals: { paidFen: 4500, byMethod: { cash: { paymentCount: 2, paidFen: 3000 }, card: { paymentCount: 1, paidFen: 1500 } } },
    });
    expect(fx.ok(desk.reception, 'billing.dayCloses', {}).items.map((c) => c.id)).toEqual([close.id]);
    expectRefused(fx, desk.reception, 'billing.closeDay', {}, 'NOTHING_TO_CLOSE');
    expectRefused(fx, desk.cashier, 'billing.closeDay', {}, 'NOTHING_TO_CLOSE');
  });
});

describe("everyone's close of day for a date", () => {
  function twoCloses() {
    day();
    const front = fx.ok(desk.reception, 'billing.closeDay', {});
    const other = fx.ok(desk.frontcash, 'frontdesk.walkIn', {
      patientId: newPatient(fx, desk), doctorId: fx.ids.staff.doctor, payment: { method: 'qr', reference: 'WX-9', idempotencyKey: key('reg') },
    });
    expect(other.payment!.amountFen).toBe(1500);
    const second = fx.ok(desk.frontcash, 'billing.closeDay', {});
    return { front, second };
  }

  it('shows an administrator every person’s closes of the date and their totals added up by method', () => {
    const { front, second } = twoCloses();
    const all = fx.ok(desk.admin, 'billing.dayClosesOn', { date: '2026-11-23' });
    expect(all.closes.map((c) => c.id).sort()).toEqual([front.id, second.id].sort());
    expect(all.totals).toMatchObject({
      paymentCount: 4, paidFen: 6000, netFen: 6000,
      byMethod: { cash: { paidFen: 3000 }, card: { paidFen: 1500 }, qr: { paidFen: 1500, paymentCount: 1 }, insurance: { paidFen: 0 } },
    });
    expect(fx.ok(desk.admin, 'billing.dayClosesOn', { date: '2026-11-24' })).toMatchObject({ closes: [], totals: { paidFen: 0 } });
  });

  it('shows it to a cashier marked head cashier, and refuses it to a cashier or a receptionist', () => {
    twoCloses();
    expectRefused(fx, desk.cashier, 'billing.dayClosesOn', { date: '2026-11-23' }, 'FORBIDDEN');
    expectRefused(fx, desk.reception, 'billing.dayClosesOn', { date: '2026-11-23' }, 'FORBIDDEN');
    expectRefused(fx, desk.cashier, 'billing.dayCloses', { cashierId: fx.ids.accounts.reception }, 'FORBIDDEN');
    withMasterWriter(fx.station, (w) => w.update(accounts, fx.ids.accounts.cashier, { roles: ['cashier', 'head_cashier'] }));
    const head = fx.login('cashier');
    expect(fx.ok(head, 'billing.dayClosesOn', { date: '2026-11-23' }).closes).toHaveLength(2);
    expect(fx.ok(head, 'billing.dayCloses', { cashierId: fx.ids.accounts.reception }).total).toBe(1);
  });
});
