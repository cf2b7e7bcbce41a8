/**
 * The last box, dispensed at two desks while apart (issue: replicas that never silently diverge).
 * Before, stock showed −1 at both desks after sync and nobody was told (only one prescription
 * dispensed twice was detected). Now the hub opens a review task for the batch with each dispense,
 * its prescription and desk; the pharmacy screen marks the batch; a pharmacist's adjustment with a
 * reason brings it back to zero and the task resolves itself. On both hub engines.
 */
import { describe, expect, it } from 'vitest';
import { eachHubStore } from '../hub/stores.testing';
import { dispatch } from '../station/dispatch';
import type { Fixture } from '../station/testing';
import { DeskAt, syncInOrder, twoDesksOnHub } from './clinic-offline.testing';
import { cleanupsAfterEach } from './hooks.testing';
import { replicatedChecksums } from './testing';

const STORES = eachHubStore();
const cleanups = cleanupsAfterEach();

/** A patient seen, prescribed one box of ibuprofen, billed and paid at desk A: a prescription waiting at the pharmacy. */
function paidPrescription(fx: Fixture, a: DeskAt, name: string, n: number): string {
  const patientId = a.ok('reception', 'patients.register', { name, phone: `1380013${String(8000 + n)}` }).patient.id;
  const { visit } = a.ok('reception', 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: `reg-${n}` } });
  a.ok('doctor2', 'queue.start', { visitId: visit.id });
  const rx = a.ok('doctor2', 'prescriptions.create', { visitId: visit.id });
  const line = a.ok('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'qd', route: 'po', days: 1 });
  expect(line.items[0]!.quantity).toBe(1);
  a.ok('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
  a.ok('doctor2', 'queue.finish', { visitId: visit.id });
  const bill = a.ok('cashier', 'billing.build', { visitId: visit.id }).bill!;
  a.ok('cashier', 'billing.pay', { billId: bill.id, method: 'cash', amountFen: bill.dueFen, idempotencyKey: `pay-${n}` });
  return rx.id;
}

describe.each(STORES)('the last box dispensed at two desks while apart (hub on %s)', (_engine, hubOf) => {
  it('stock below zero is a review task naming both dispenses; an adjustment with a reason resolves it', async () => {
    const { th, fx, b: other } = await twoDesksOnHub(hubOf, cleanups);
    const stations = [fx.station, other];
    const [a, b] = stations.map((s) => new DeskAt(s)) as [DeskAt, DeskAt];
    const batchId = fx.ids.batches.ibuprofen;
    const onHand = (d: DeskAt) => d.count('SELECT coalesce(sum(quantity), 0) n FROM stock_movements WHERE batch_id = ?', batchId);
    // One box left on the shelf.
    a.ok('pharmacist', 'pharmacy.adjust', { batchId, quantity: 1 - onHand(a), reason: '盘点' });
    const rx1 = paidPrescription(fx, a, '甲一', 1);
    const rx2 = paidPrescription(fx, a, '乙二', 2);
    await syncInOrder(th.hub, stations);
    expect([onHand(a), onHand(b)]).toEqual([1, 1]);

    // Apart: each pharmacy desk hands over the last box to its own patient.
    fx.advance(60_000);
    a.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx1 });
    fx.advance(1_000);
    b.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx2 });
    await syncInOrder(th.hub, [...stations, ...stations]);
    await th.hub.settled();
    expect([onHand(a), onHand(b)]).toEqual([-1, -1]);
    expect(replicatedChecksums(b.station)).toEqual(replicatedChecksums(a.station));

    const key = `stock_below_zero:${batchId}`;
    expect(await th.store.getTask(key)).toMatchObject({ kind: 'stock_below_zero', resolvedAt: null, details: { batchId, onHand: -1 } });
    const view = await dispatch(fx.station, a.as('admin'), 'reviews.get', { key });
    expect(view.ok && view.value).toMatchObject({ kind: 'stock_below_zero', batch: { id: batchId, onHand: -1 } });
    const dispenses = view.ok && view.value.kind === 'stock_below_zero' ? view.value.movements.filter((m) => m.kind === 'dispense') : [];
    expect(dispenses.map((m) => [m.device, m.patientName]).sort()).toEqual([['A1', '甲一'], ['B1', '乙二']]);
    // A person cannot simply mark it handled: it resolves with the stock.
    expect(await dispatch(fx.station, a.as('admin'), 'reviews.resolve', { key, note: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // The pharmacist counts one box that had not been booked in and records it.
    b.ok('pharmacist', 'pharmacy.adjust', { batchId, quantity: 1, reason: '离线重复发药盘点' });
    await syncInOrder(th.hub, [other, fx.station]);
    await th.hub.settled();
    expect([onHand(a), onHand(b)]).toEqual([0, 0]);
    expect(await th.store.getTask(key)).toMatchObject({ resolvedAt: expect.any(Number) });
  });
});
