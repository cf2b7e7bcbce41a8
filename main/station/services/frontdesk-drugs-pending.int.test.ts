/**
 * The desk's visit rows say whether the patient still waits for drugs: a paid bill discharges the
 * visit in the data, but until the pharmacy dispenses her prescription the desk shows 待取药.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../testing';
import { makePatient } from './consultation-testkit';

let fx: Fixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => fx.close());

function seen(visitId: string) {
  const row = fx.ok(fx.login('reception'), 'frontdesk.today', {}).items.find((v) => v.id === visitId);
  return row && { status: row.status, drugsPending: row.drugsPending };
}

it('a prescription issued, paid and then dispensed: drugs pending until the pharmacy hands them over', () => {
  const reception = fx.login('reception');
  const doctor = fx.login('doctor');
  const cashier = fx.login('cashier');
  const pharmacist = fx.login('pharmacist');
  const patientId = makePatient(fx, { name: '孙八' });
  const { visit } = fx.ok(reception, 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor, payment: { method: 'cash', idempotencyKey: 'reg-dp' } });
  expect(seen(visit.id)).toEqual({ status: 'waiting', drugsPending: false });

  fx.ok(doctor, 'queue.start', { visitId: visit.id });
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId: visit.id });
  fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.amoxicillin, dose: 2, frequency: 'tid', route: 'po', days: 3 });
  expect(seen(visit.id)).toEqual({ status: 'in_consultation', drugsPending: false }); // a draft is not for the pharmacy yet
  fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
  fx.ok(doctor, 'queue.finish', { visitId: visit.id });
  expect(seen(visit.id)).toEqual({ status: 'awaiting_payment', drugsPending: true });

  const { bill } = fx.ok(cashier, 'billing.build', { visitId: visit.id });
  const paid = fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: bill!.dueFen, idempotencyKey: 'bill-dp' });
  expect(paid.visit).toMatchObject({ status: 'discharged', drugsPending: true });
  expect(seen(visit.id)).toEqual({ status: 'discharged', drugsPending: true });

  fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
  expect(seen(visit.id)).toEqual({ status: 'discharged', drugsPending: false });
});

it('a visit without a prescription has no drugs pending when it ends', () => {
  const reception = fx.login('reception');
  const doctor = fx.login('doctor');
  const { visit } = fx.ok(reception, 'frontdesk.walkIn', { patientId: makePatient(fx, { name: '周九' }), doctorId: fx.ids.staff.doctor, payment: { method: 'cash', idempotencyKey: 'reg-none' } });
  fx.ok(doctor, 'queue.start', { visitId: visit.id });
  fx.ok(doctor, 'queue.finish', { visitId: visit.id });
  expect(seen(visit.id)).toEqual({ status: 'discharged', drugsPending: false });
});
