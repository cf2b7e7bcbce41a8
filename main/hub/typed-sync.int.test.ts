/**
 * The hub's typed tables through the real sync path, on both hub engines: stations run real
 * commands (dispatch → services → Writer → change_log), push over socket.io, and the hub's typed
 * rows then equal the stations' SQLite rows, column by column, in every replicated table. Two
 * devices that changed the same rows offline end with the merged winner in the typed row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchSync } from '../station/dispatch';
import { createFixture, logInAs, type Fixture } from '../station/testing';
import type { Station } from '../station/station';
import { addExamOrder, addPrescription, inConsultation, key, newPatient, openDesk, paidWalkIn } from '../station/services/frontdesk.testing';
import { connected, emptyStation, REPLICATED_NAMES, replicatedChecksums } from '../sync/testing';
import { eachHubStore } from './stores.testing';
import { hubTypedRows, typedRowDifferences } from './typed-rows.testing';

const STORES = eachHubStore();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function login(station: Station, username: string): { token: string } {
  return logInAs(station, username);
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function count(fx: Fixture, table: string): number {
  return (fx.station.raw.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

describe.each(STORES)('typed tables through sync (hub on %s)', (_name, hubOf) => {
  it('after a day of real commands is pushed, every typed row equals the station row, column by column', async () => {
    const th = await hubOf();
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const desk = openDesk(fx);

    // A registration paid at the desk; a consultation with drugs and an exam, billed and paid in two ways, part refunded.
    paidWalkIn(fx, desk, newPatient(fx, desk, { name: '王小明' }));
    fx.advance(60_000);
    const visit = inConsultation(fx, desk, newPatient(fx, desk, { name: '李小红', insuranceType: 'urban_employee' }));
    addPrescription(fx, visit, [[fx.ids.drugs.amoxicillin, 2, 1850], [fx.ids.drugs.ibuprofen, 1, 2200]]);
    addExamOrder(fx, visit, fx.ids.exams.bloodRoutine, 2500);
    fx.advance(60_000);
    fx.ok(desk.doctor, 'queue.finish', { visitId: visit.id });
    const bill = fx.ok(desk.cashier, 'billing.build', { visitId: visit.id }).bill!;
    fx.ok(desk.cashier, 'billing.pay', { billId: bill.id, method: 'insurance', amountFen: bill.insuranceFen, reference: 'YB-0001', idempotencyKey: key('pay') });
    fx.ok(desk.cashier, 'billing.pay', { billId: bill.id, method: 'cash', amountFen: 1000, tenderedFen: 2000, idempotencyKey: key('pay') });
    fx.ok(desk.cashier, 'billing.pay', { billId: bill.id, method: 'card', amountFen: bill.selfPayFen - 1000, reference: 'SLIP-1', idempotencyKey: key('pay') });
    fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, amountFen: 500, reason: '退药', idempotencyKey: key('refund') });

    const a = await connected(fx.station, th.hub);
    await a.stop();
    for (const table of ['patients', 'visits', 'bills', 'payments']) expect(count(fx, table), table).toBeGreaterThanOrEqual(2);
    expect(await typedRowDifferences(fx.station, th.store, REPLICATED_NAMES)).toEqual([]);
    const hubPayments = await hubTypedRows(th.store, 'payments');
    // Two registration fees in cash, then insurance, cash and card on the bill: integers come back as numbers.
    expect([...hubPayments.values()].map((p) => [p['method'], typeof p['amount_fen']]).sort())
      .toEqual([['card', 'number'], ['cash', 'number'], ['cash', 'number'], ['cash', 'number'], ['insurance', 'number']]);

    // Later edits (updates of rows the hub already has) reach the typed rows too.
    fx.advance(60_000);
    fx.ok(desk.reception, 'patients.update', { id: visit.patientId, phone: '13912345678', address: '上海市' });
    fx.ok(desk.reception, 'patients.update', { id: visit.patientId, address: null });
    const b = await connected(fx.station, th.hub);
    await b.stop();
    expect(await typedRowDifferences(fx.station, th.store, REPLICATED_NAMES)).toEqual([]);
    expect((await hubTypedRows(th.store, 'patients')).get(visit.patientId)).toMatchObject({ phone: '13912345678', address: null });
  });

  it('two devices change the same rows offline: the typed row is the merged winner, as on both stations', async () => {
    const th = await hubOf();
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const desk = openDesk(fx);
    const walk = paidWalkIn(fx, desk, newPatient(fx, desk, { name: '赵大' }));
    const patientId = walk.visit.patientId;
    await (await connected(fx.station, th.hub)).stop();
    const other = emptyStation('B1', fx.clock);
    cleanups.push(other.close);
    await (await connected(other.station, th.hub)).stop();
    const b = other.station;
    const bReception = login(b, 'reception');

    // Offline. A1 first: a new phone and name, and the doctor starts the visit.
    fx.advance(1000);
    fx.ok(desk.reception, 'patients.update', { id: patientId, name: '赵大甲', phone: '13800000001' });
    fx.ok(desk.doctor, 'queue.start', { visitId: walk.visit.id });
    // B1 later: another name and an address (the later name wins), and cancels the visit (a
    // visit in consultation is further along than cancelled: A1's status wins).
    fx.advance(1000);
    ok(dispatchSync(b, bReception, 'patients.update', { id: patientId, name: '赵大乙', address: '杭州' }));
    ok(dispatchSync(b, bReception, 'frontdesk.cancelVisit', { visitId: walk.visit.id, reason: '病人离开' }));

    // B reaches the hub first, then A, then B again (so both have everything).
    for (const s of [b, fx.station, b]) await (await connected(s, th.hub)).stop();
    expect(replicatedChecksums(b)).toEqual(replicatedChecksums(fx.station));

    const merged = (await th.store.row('patients', patientId))!.values;
    const typed = (await hubTypedRows(th.store, 'patients')).get(patientId)!;
    expect(typed).toMatchObject({ name: '赵大乙', phone: '13800000001', address: '杭州' });
    for (const [col, value] of Object.entries(merged)) expect(typed[col], col).toEqual(value);
    expect((await hubTypedRows(th.store, 'visits')).get(walk.visit.id)).toMatchObject({ status: 'in_consultation' });
    expect(await typedRowDifferences(fx.station, th.store, REPLICATED_NAMES)).toEqual([]);
    expect(await typedRowDifferences(b, th.store, REPLICATED_NAMES)).toEqual([]);
  });
});
