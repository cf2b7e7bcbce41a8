/** The hub turns what offline desks could not prevent into review tasks, and resolves them when fixed. */
import { afterEach, describe, expect, it } from 'vitest';
import { appointments, patients } from '../../db/schema';
import type { Station } from '../station/station';
import { DeskAt, twoDesksOnHub } from '../sync/clinic-offline.testing';
import { writeAs, type TestHub } from '../sync/testing';
import { billedPrescription } from './detect-money.testing';
import { eachHubStore } from './stores.testing';

/** Detection reads the store (rows by a column, tasks): on both stores. */
const STORES = eachHubStore();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const setup = (hubOf: () => Promise<TestHub>) => twoDesksOnHub(hubOf, cleanups);

const register = (s: Station, name: string, recordNo: string, idNumber: string | null) =>
  writeAs(s, (w) => w.insert(patients, { recordNo, name, sex: 'M', idNumber, pinyinFull: 'x', pinyinInitials: 'x' }));

describe.each(STORES)('hub detection (store on %s)', (_name, hubOf) => {
  it('the same resident ID registered at two desks offline becomes a task; merging resolves it', async () => {
    const { th, fx, b, sync } = await setup(hubOf);
    const ID = '11010119900307451X';
    const p1 = register(fx.station, '张伟', 'A1-000001', ID);
    const p2 = register(b, '张伟', 'B1-000001', ID);
    register(b, '李娜', 'B1-000002', '110101199001011234');
    register(b, '无证', 'B1-000003', null);
    await sync(fx.station);
    expect(await th.store.tasks()).toEqual([]);
    await sync(b);
    const open = await th.store.tasks({ openOnly: true });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ key: `duplicate_patient:${ID}`, kind: 'duplicate_patient', resolvedAt: null, details: { idNumber: ID, patientIds: [p1, p2].sort() } });

    await sync(fx.station);
    writeAs(fx.station, (w) => w.update(patients, p2, { mergedInto: p1 }));
    await sync(fx.station);
    expect(await th.store.tasks({ openOnly: true })).toEqual([]);
    expect((await th.store.tasks())[0]?.resolvedAt).not.toBeNull();
  });

  it('rows written offline on a record another desk merged away become a task; moving them resolves it', async () => {
    const { th, fx, b, sync } = await setup(hubOf);
    const keep = register(fx.station, '张伟', 'A1-000001', null);
    const gone = register(fx.station, '张伟', 'A1-000002', null);
    await sync(fx.station);
    await sync(b);
    // A merges (the rows it held moved already); B, not knowing, books the merged record.
    writeAs(fx.station, (w) => w.update(patients, gone, { mergedInto: keep }));
    const late = writeAs(b, (w) => w.insert(appointments, { patientId: gone, sessionId: fx.ids.sessions.tomorrow, status: 'pending', source: 'phone' }));
    await sync(fx.station);
    expect(await th.store.tasks()).toEqual([]);
    await sync(b);
    const [task] = await th.store.tasks({ openOnly: true });
    expect(task).toMatchObject({ key: `merged_patient_rows:${gone}`, kind: 'merged_patient_rows', details: { patientId: gone, into: keep, rows: { appointments: 1 } } });
    // A new row on a live patient raises nothing.
    writeAs(b, (w) => w.insert(appointments, { patientId: keep, sessionId: fx.ids.sessions.todayAfternoon, status: 'pending', source: 'phone' }));
    await sync(b);
    expect(await th.store.tasks({ openOnly: true })).toHaveLength(1);

    writeAs(b, (w) => w.update(appointments, late, { patientId: keep }));
    await sync(b);
    expect(await th.store.tasks({ openOnly: true })).toEqual([]);
    expect((await th.store.getTask(`merged_patient_rows:${gone}`))?.resolvedAt).not.toBeNull();
  });

  it('a session booked past capacity at two desks becomes a task; a cancellation resolves it', async () => {
    const { th, fx, b, sync } = await setup(hubOf);
    const session = fx.ids.sessions.tomorrow; // capacity 2
    const p = register(fx.station, '王芳', 'A1-000001', null);
    await sync(fx.station);
    await sync(b);
    const book = (s: Station) => writeAs(s, (w) => w.insert(appointments, { patientId: p, sessionId: session, status: 'confirmed', source: 'counter' }));
    book(fx.station);
    const last = book(fx.station);
    book(b);
    await sync(fx.station);
    expect(await th.store.tasks()).toEqual([]);
    await sync(b);
    const [task] = await th.store.tasks({ openOnly: true });
    expect(task).toMatchObject({ kind: 'session_overbooked', details: { sessionId: session, capacity: 2, booked: 3 } });

    await sync(fx.station);
    writeAs(fx.station, (w) => w.update(appointments, last, { status: 'cancelled' }));
    await sync(fx.station);
    expect(await th.store.tasks({ openOnly: true })).toEqual([]);
  });

  it('a bill paid and a prescription dispensed at two desks offline become tasks; a refund and a return resolve them', async () => {
    const { th, fx, b, sync } = await setup(hubOf);
    const a = new DeskAt(fx.station);
    const bd = new DeskAt(b);
    const rx = billedPrescription(fx, a, '赵六');
    expect(rx.dueFen).toBe(2200);
    await sync(fx.station);
    await sync(b);
    // Both desks offline: each takes the payment, each hands the drugs over.
    fx.advance(1_000);
    const payA = a.ok('cashier', 'billing.pay', { billId: rx.billId, method: 'card', amountFen: rx.dueFen, idempotencyKey: 'pay-a' }).payment;
    const dispA = a.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId }).movements;
    fx.advance(1_000);
    const payB = bd.ok('cashier', 'billing.pay', { billId: rx.billId, method: 'qr', amountFen: rx.dueFen, reference: 'WX-1', idempotencyKey: 'pay-b' }).payment;
    const dispB = bd.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId }).movements;
    await sync(fx.station);
    expect(await th.store.tasks()).toEqual([]);
    await sync(b);
    const open = await th.store.tasks({ openOnly: true });
    expect(open.map((t) => t.key).sort()).toEqual([`bill_overpaid:${rx.billId}`, `prescription_dispensed_twice:${rx.rxId}`]);
    expect(await th.store.getTask(`bill_overpaid:${rx.billId}`)).toMatchObject({
      kind: 'bill_overpaid', resolvedAt: null,
      details: {
        billId: rx.billId, visitId: rx.visitId, patientId: rx.patientId, totalFen: 2200, paidFen: 4400, overFen: 2200,
        payments: [
          { id: payA.id, amountFen: 2200, method: 'card', device: 'A1', createdAt: payA.createdAt },
          { id: payB.id, amountFen: 2200, method: 'qr', device: 'B1', createdAt: payB.createdAt },
        ],
      },
    });
    expect(await th.store.getTask(`prescription_dispensed_twice:${rx.rxId}`)).toMatchObject({
      kind: 'prescription_dispensed_twice', resolvedAt: null,
      details: {
        prescriptionId: rx.rxId, patientId: rx.patientId,
        items: [{ itemId: rx.itemId, drug: '布洛芬缓释胶囊', prescribed: 1, dispensed: 2 }],
        movements: [
          { id: dispA[0]!.id, itemId: rx.itemId, kind: 'dispense', device: 'A1', quantity: -1 },
          { id: dispB[0]!.id, itemId: rx.itemId, kind: 'dispense', device: 'B1', quantity: -1 },
        ],
      },
    });

    // Desk A hears of it: a partial refund leaves it open (with what is still over), the rest resolves it.
    await sync(fx.station);
    a.ok('cashier', 'billing.refund', { billId: rx.billId, amountFen: 1000, reason: '重复收费', idempotencyKey: 'ref-1' });
    await sync(fx.station);
    expect((await th.store.getTask(`bill_overpaid:${rx.billId}`))?.details).toMatchObject({ paidFen: 3400, overFen: 1200, refundedFen: 1000 });
    a.ok('cashier', 'billing.refund', { billId: rx.billId, amountFen: 1200, reason: '重复收费', idempotencyKey: 'ref-2' });
    a.ok('pharmacist', 'pharmacy.returnItem', { itemId: rx.itemId, quantity: 1, reason: '重复发药，患者退回' });
    await sync(fx.station);
    expect(await th.store.tasks({ openOnly: true })).toEqual([]);
    expect((await th.store.tasks()).map((t) => [t.kind, t.resolvedAt !== null])).toEqual([['bill_overpaid', true], ['prescription_dispensed_twice', true]]);
  });

  it('one payment, one dispense, a day close stamping the payments: no task', async () => {
    const { th, fx, sync } = await setup(hubOf);
    const a = new DeskAt(fx.station);
    const rx = billedPrescription(fx, a, '孙七');
    a.ok('cashier', 'billing.pay', { billId: rx.billId, method: 'card', amountFen: rx.dueFen, idempotencyKey: 'pay-1' });
    a.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: rx.rxId });
    a.ok('cashier', 'billing.closeDay', {});
    await sync(fx.station);
    expect(await th.store.tasks()).toEqual([]);
  });
});
