/**
 * Money and stock taken twice, end to end on PGlite and on PostgreSQL: two real stations sync
 * with a real hub over socket.io; offline, each takes the payment of the same bill
 * (`billing.pay`) and each dispenses the same prescription (`pharmacy.dispense`). After sync,
 * `reviews.list` shows both tasks with both sides (each payment and dispense with its desk and
 * person); a refund of the extra and a return of the extra resolve them; replicas end identical.
 * When the extra cannot come back, an administrator marks the task handled (`reviews.resolve`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../api/contract';
import { billedPrescription } from '../detect-money.testing';
import { eachHubStore } from '../stores.testing';
import { DeskAt, twoDesksOnHub } from '../../sync/clinic-offline.testing';
import { stockMovements } from '../../../db/schema';
import { replicatedChecksums, writeAs, type TestHub } from '../../sync/testing';
import { dispatch } from '../../station/dispatch';

const STORES = eachHubStore();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function setup(hubOf: () => Promise<TestHub>) {
  const { fx, b, sync } = await twoDesksOnHub(hubOf, cleanups);
  const a = new DeskAt(fx.station);
  const reviews = async (user: 'admin' | 'reception' | 'frontcash', input: Input<'reviews.list'> = {}) => {
    const r = await dispatch(fx.station, a.as(user), 'reviews.list', input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  return { fx, a, bd: new DeskAt(b), sync, reviews };
}

describe.each(STORES)('money and stock taken twice over sync (hub store on %s)', (_name, hubOf) => {
  it('a bill paid and a prescription dispensed at two desks offline: both tasks with both sides; refund and return resolve them', async () => {
    const { fx, a, bd, sync, reviews } = await setup(hubOf);
    const rx = billedPrescription(fx, a, '周八');
    await sync(a.station);
    await sync(bd.station);

    // Offline: each cash desk takes the payment, each pharmacy hands the box over.
    fx.advance(60_000);
    const payA = a.ok('cashier', 'billing.pay', { billId: rx.billId, method: 'cash', amountFen: rx.dueFen, tenderedFen: 5000, idempotencyKey: 'pay-a' });
    expect(payA.bill.status).toBe('paid');
    a.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId });
    fx.advance(1_000);
    const payB = bd.ok('cashier', 'billing.pay', { billId: rx.billId, method: 'card', amountFen: rx.dueFen, reference: 'POS-778', idempotencyKey: 'pay-b' });
    expect(payB.bill.status).toBe('paid');
    bd.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId });
    await sync(a.station);
    expect((await reviews('admin')).items).toEqual([]);
    await sync(bd.station);
    await sync(a.station);

    const list = await reviews('admin');
    expect(list.openCount).toBe(2);
    const over = list.items.find((t) => t.kind === 'bill_overpaid');
    if (over?.kind !== 'bill_overpaid') throw new Error(`expected bill_overpaid in ${JSON.stringify(list.items)}`);
    expect(over.key).toBe(`bill_overpaid:${rx.billId}`);
    expect(over.bill).toMatchObject({ id: rx.billId, patientId: rx.patientId, patientName: '周八', status: 'paid', totalFen: 2200, paidFen: 4400, overFen: 2200, refundedFen: 0 });
    expect(over.payments.map((p) => [p.id, p.method, p.amountFen, p.device, p.cashierName])).toEqual([
      [payA.payment.id, 'cash', 2200, 'A1', '陈静'], [payB.payment.id, 'card', 2200, 'B1', '陈静'],
    ]);
    expect(over.payments.map((p) => p.receiptNo)).toEqual([payA.payment.receiptNo, payB.payment.receiptNo]);

    const twice = list.items.find((t) => t.kind === 'prescription_dispensed_twice');
    if (twice?.kind !== 'prescription_dispensed_twice') throw new Error(`expected prescription_dispensed_twice in ${JSON.stringify(list.items)}`);
    expect(twice.prescription).toMatchObject({ id: rx.rxId, patientName: '周八', status: 'dispensed' });
    expect(twice.lines).toEqual([{ itemId: rx.itemId, drugId: fx.ids.drugs.ibuprofen, drugName: '布洛芬缓释胶囊', spec: '0.3g×20粒', unit: '盒', prescribed: 1, dispensed: 2 }]);
    expect(twice.movements.map((m) => [m.kind, m.quantity, m.device, m.byName, m.batchNo])).toEqual([
      ['dispense', -1, 'A1', '刘洋', 'IBU-1'], ['dispense', -1, 'B1', '刘洋', 'IBU-1'],
    ]);
    // Reception sees them; reviews.get answers the same.
    expect((await reviews('reception')).openCount).toBe(2);
    const got = await dispatch(a.station, a.as('admin'), 'reviews.get', { key: twice.key });
    expect(got.ok && got.value.kind).toBe('prescription_dispensed_twice');

    // At desk A (it holds both payments now), the front cash desk refunds the extra; the pharmacist takes the box back.
    const refund = a.ok('frontcash', 'billing.refund', { billId: rx.billId, amountFen: over.bill!.overFen, reason: '重复收费', idempotencyKey: 'refund-extra' });
    expect(refund.bill.paidFen).toBe(2200);
    a.ok('pharmacist', 'pharmacy.returnItem', { itemId: rx.itemId, quantity: 1, reason: '重复发药，患者退回' });
    await sync(a.station);
    expect(await reviews('admin')).toEqual({ items: [], openCount: 0 });
    const all = await reviews('admin', { includeResolved: true });
    const resolvedOver = all.items.find((t) => t.kind === 'bill_overpaid');
    if (resolvedOver?.kind !== 'bill_overpaid') throw new Error('resolved task missing');
    expect([resolvedOver.resolvedAt !== null, resolvedOver.bill?.overFen, resolvedOver.refunds.map((r) => [r.amountFen, r.device, r.reason])])
      .toEqual([true, 0, [[2200, 'A1', '重复收费']]]);
    const resolvedTwice = all.items.find((t) => t.kind === 'prescription_dispensed_twice');
    if (resolvedTwice?.kind !== 'prescription_dispensed_twice') throw new Error('resolved task missing');
    expect([resolvedTwice.resolvedAt !== null, resolvedTwice.lines[0]?.dispensed, resolvedTwice.movements.map((m) => m.kind)])
      .toEqual([true, 1, ['dispense', 'dispense', 'return']]);

    await sync(bd.station);
    expect(replicatedChecksums(bd.station)).toEqual(replicatedChecksums(a.station));
  });

  it('the extra cannot come back: an administrator marks it handled with a note, audited; refusals; a further dispense opens it again', async () => {
    const { fx, a, bd, sync, reviews } = await setup(hubOf);
    const rx = billedPrescription(fx, a, '吴九');
    a.ok('cashier', 'billing.pay', { billId: rx.billId, method: 'card', amountFen: rx.dueFen, idempotencyKey: 'pay-once' });
    await sync(a.station);
    await sync(bd.station);
    a.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId });
    bd.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId });
    await sync(a.station);
    await sync(bd.station);
    const key = `prescription_dispensed_twice:${rx.rxId}`;
    expect((await reviews('admin')).items.map((t) => t.key)).toEqual([key]); // paid once: no money task

    const resolve = (user: 'admin' | 'reception', input: unknown) => dispatch(a.station, a.as(user), 'reviews.resolve', input as Input<'reviews.resolve'>);
    const audits = () => a.count("SELECT count(*) n FROM audit_log WHERE entity = 'review_task' AND action = 'update'");
    expect(await resolve('reception', { key, note: '患者已服用' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await resolve('admin', { key, note: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'note' } } });
    expect(await resolve('admin', { key: 'duplicate_patient:110101199001011234', note: 'x' }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'key', reason: 'resolves_itself' } } });
    expect(audits()).toBe(0);
    expect(await resolve('admin', { key: 'prescription_dispensed_twice:nope', note: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'key' } } });

    const marked = await resolve('admin', { key, note: '多发的一盒患者已带走，按规定补收' });
    if (!marked.ok || marked.value.kind !== 'prescription_dispensed_twice') throw new Error(JSON.stringify(marked));
    expect(marked.value.resolvedAt).toBe(fx.clock.t);
    expect(marked.value.handled).toEqual({ note: '多发的一盒患者已带走，按规定补收', byName: '周强', at: fx.clock.t });
    // The audit row is written with the request (the unknown key above left one too, as a refused print does).
    expect(audits()).toBe(2);
    expect(await reviews('admin')).toEqual({ items: [], openCount: 0 });
    expect(await resolve('admin', { key, note: 'again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'already_resolved' } } });

    // Another change on the prescription that hands over nothing more keeps it handled; more handed over opens it again.
    await sync(a.station);
    a.ok('pharmacist', 'pharmacy.returnItem', { itemId: rx.itemId, quantity: 1, reason: '患者退回一盒' });
    await sync(a.station);
    expect((await reviews('admin')).openCount).toBe(0);
    writeAs(a.station, (w) => w.insert(stockMovements, {
      drugId: fx.ids.drugs.ibuprofen, batchId: fx.ids.batches.ibuprofen, kind: 'dispense', quantity: -2, refId: rx.itemId,
      byAccount: fx.ids.accounts.pharmacist, createdAt: fx.clock.t,
    }));
    await sync(a.station);
    const [again] = (await reviews('admin')).items;
    if (again?.kind !== 'prescription_dispensed_twice') throw new Error(`expected the task open again, got ${JSON.stringify(again)}`);
    expect([again.key, again.resolvedAt, again.handled, again.lines[0]?.dispensed]).toEqual([key, null, null, 3]);
  });
});
