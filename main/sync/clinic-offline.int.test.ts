/**
 * A clinic day split across three desks and a hub, through the real procedures. Everyone is
 * connected while the morning is prepared (a consulted and prescribed patient whose bill awaits
 * payment, a paid prescription waiting at the pharmacy, a session with one seat left); then all
 * three desks lose the hub and keep working:
 *   A (front desk + consult room): registers a resident ID that B registers too, books the last
 *     seat, and the doctor cancels the prescription the cashier is being paid for at C;
 *   B (pharmacy + second front desk): registers the same resident ID, dispenses the paid
 *     prescription, edits a patient's phone;
 *   C (billing desk + front cash): takes the payment of the bill, books the last seat too.
 * They reconnect C, A, B, and everyone syncs twice. Every replicated table must end identical
 * everywhere; what offline work could not prevent (one resident ID on two records, a session over
 * capacity) is a review task at the hub; ledgers (payment, stock movements) hold each row once;
 * statuses merged to the furthest along. On both hub engines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eachHubStore } from '../hub/stores.testing';
import { countSeats } from '../station/services/seats';
import { residentId } from '../station/services/desk.testing';
import type { Station } from '../station/station';
import { createFixture, TODAY, type Fixture } from '../station/testing';
import { DeskAt, syncInOrder } from './clinic-offline.testing';
import { pendingCount } from './local';
import { emptyStation, replicatedChecksums, type TestHub } from './testing';

const STORES = eachHubStore();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A walk-in with the paediatrician through consultation, one prescribed line, issued, signed and finished. */
function consultedAndPrescribed(fx: Fixture, a: DeskAt, patientId: string, drugId: string, key: string) {
  const { visit } = a.ok('reception', 'frontdesk.walkIn', { patientId, doctorId: fx.ids.staff.doctor2, payment: { method: 'cash', idempotencyKey: key } });
  a.ok('doctor2', 'queue.start', { visitId: visit.id });
  a.ok('doctor2', 'consultation.saveRecord', { visitId: visit.id, complaint: '咳嗽3天', findings: '咽红', plan: '对症' });
  a.ok('doctor2', 'consultation.addDiagnosis', { visitId: visit.id, icd10: 'J06.9' });
  const rx = a.ok('doctor2', 'prescriptions.create', { visitId: visit.id });
  const line = a.ok('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId, dose: 1, frequency: 'tid', route: 'po', days: 3 });
  a.ok('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
  a.ok('doctor2', 'consultation.sign', { visitId: visit.id });
  a.ok('doctor2', 'queue.finish', { visitId: visit.id });
  return { visitId: visit.id, rxId: rx.id, quantity: line.items[0]!.quantity };
}

function seatsLeftIn(station: Station, fx: Fixture, sessionId: string): number {
  return countSeats({ raw: station.raw }, { id: sessionId, doctorId: fx.ids.staff.doctor, date: TODAY, capacity: 3 }).seatsLeft;
}

function one<T>(station: Station, sql: string, ...params: unknown[]): T {
  return station.raw.prepare(sql).get(...params) as T;
}

describe.each(STORES)('a clinic day worked offline at three desks converges (hub on %s)', (_engine, hubOf) => {
  it('duplicate registration, last seat booked twice, payment, conflicting cancel, dispense and edits: identical data, tasks at the hub', async () => {
    const th: TestHub = await hubOf();
    cleanups.push(th.close);
    const fx = createFixture({ device: 'A1' });
    cleanups.push(fx.close);
    const others = [emptyStation('B1', fx.clock), emptyStation('C1', fx.clock)];
    for (const o of others) cleanups.push(o.close);
    const stations = [fx.station, others[0]!.station, others[1]!.station];
    const [a, b, c] = stations.map((s) => new DeskAt(s)) as [DeskAt, DeskAt, DeskAt];
    const morning = fx.ids.sessions.todayMorning; // capacity 3, the internist's
    const ibuprofen = fx.ids.drugs.ibuprofen; // one batch of 100 boxes

    // ---- Online: the morning is prepared; B and C bootstrap from the hub. ----
    await syncInOrder(th.hub, stations);
    const patient = (name: string) => a.ok('reception', 'patients.register', { name, phone: '13800138000' }).patient.id;
    const [owes, collects, booked1, booked2, lastA, lastC] = ['钱七', '孙八', '周九', '吴十', '郑一', '王二'].map(patient) as [string, string, string, string, string, string];
    const billed = consultedAndPrescribed(fx, a, owes, fx.ids.drugs.amoxicillin, 'reg-owes');
    const toDispense = consultedAndPrescribed(fx, a, collects, ibuprofen, 'reg-collects');
    a.ok('reception', 'appointments.book', { patientId: booked1, sessionId: morning });
    a.ok('reception', 'appointments.book', { patientId: booked2, sessionId: morning });
    await syncInOrder(th.hub, stations);
    // The billing desk bills both visits; the second is paid at once, the first awaits payment.
    const bill = c.ok('cashier', 'billing.build', { visitId: billed.visitId }).bill!;
    const paidBill = c.ok('cashier', 'billing.build', { visitId: toDispense.visitId }).bill!;
    c.ok('cashier', 'billing.pay', { billId: paidBill.id, method: 'cash', amountFen: paidBill.dueFen, idempotencyKey: 'pay-collects' });
    await syncInOrder(th.hub, [stations[2]!, ...stations]);
    for (const s of stations) {
      expect(seatsLeftIn(s, fx, morning)).toBe(1);
      expect(one<{ status: string }>(s, 'SELECT status FROM bills WHERE id = ?', bill.id).status).toBe('open');
      expect(one<{ status: string }>(s, 'SELECT status FROM prescriptions WHERE id = ?', toDispense.rxId).status).toBe('paid');
      expect(pendingCount(s)).toBe(0);
    }
    const stockBefore = a.count('SELECT sum(quantity) n FROM stock_movements WHERE drug_id = ?', ibuprofen);

    // ---- Offline: every desk keeps working on what it holds. ----
    const idNumber = residentId('1990-04-12', 'F');
    fx.advance(60_000);
    const dupA = a.ok('reception', 'patients.register', { name: '林小红', idNumber, phone: '13700000001' });
    expect(dupA.warnings).toEqual([]); // A cannot see B's record
    fx.advance(1_000);
    const dupB = b.ok('reception', 'patients.register', { name: '林小红', idNumber, phone: '13700000001' });
    expect(dupB.warnings).toEqual([]);
    expect(dupB.patient.recordNo).not.toBe(dupA.patient.recordNo); // numbers carry the device code

    // The last seat, at two desks.
    fx.advance(1_000);
    const apptA = a.ok('reception', 'appointments.book', { patientId: lastA, sessionId: morning });
    const apptC = c.ok('frontcash', 'appointments.book', { patientId: lastC, sessionId: morning });
    // Each of them sees the session full now: another booking is refused there.
    expect(c.call('frontcash', 'appointments.book', { patientId: owes, sessionId: morning })).toMatchObject({ ok: false, error: { code: 'SESSION_FULL' } });
    expect(a.call('reception', 'appointments.book', { patientId: owes, sessionId: morning })).toMatchObject({ ok: false, error: { code: 'SESSION_FULL' } });

    // The bill is paid at C while, at A, the doctor cancels the prescription it pays for.
    fx.advance(1_000);
    const pay = c.ok('cashier', 'billing.pay', { billId: bill.id, method: 'card', amountFen: bill.dueFen, idempotencyKey: 'pay-owes' });
    expect(pay.bill.status).toBe('paid');
    // The patient's card terminal timed out and the cashier pressed again: the same key, no new row.
    expect(c.ok('cashier', 'billing.pay', { billId: bill.id, method: 'card', amountFen: bill.dueFen, idempotencyKey: 'pay-owes' }).replayed).toBe(true);
    fx.advance(1_000);
    expect(a.ok('doctor2', 'prescriptions.cancel', { prescriptionId: billed.rxId, reason: '患者拒绝' }).status).toBe('cancelled');

    // The pharmacy hands over the prescription paid before the hub went away.
    fx.advance(1_000);
    const handed = b.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: toDispense.rxId });
    expect(handed.movements.map((m) => m.quantity)).toEqual([-toDispense.quantity]);

    // Ordinary edits: the same patient's phone at A then B (B's is later), the address at C.
    fx.advance(1_000);
    a.ok('reception', 'patients.update', { id: booked1, phone: '13911111111' });
    fx.advance(1_000);
    b.ok('reception', 'patients.update', { id: booked1, phone: '13922222222' });
    c.ok('frontcash', 'patients.update', { id: booked1, address: '北京市朝阳区' });
    a.ok('doctor', 'patients.update', { id: lastC, address: '上海市' });

    // Before the hub hears of it, the desks disagree.
    const rxStatus = (s: Station, id: string) => one<{ status: string }>(s, 'SELECT status FROM prescriptions WHERE id = ?', id).status;
    expect(stations.map((s) => rxStatus(s, billed.rxId))).toEqual(['cancelled', 'issued', 'paid']);
    expect(stations.map((s) => rxStatus(s, toDispense.rxId))).toEqual(['paid', 'dispensed', 'paid']);
    expect(stations.map((s) => replicatedChecksums(s)['patients'])).not.toEqual(Array(3).fill(replicatedChecksums(fx.station)['patients']));

    // ---- Reconnect C, A, B; then everyone twice more. ----
    await syncInOrder(th.hub, [stations[2]!, stations[0]!, stations[1]!]);
    await syncInOrder(th.hub, [...stations, ...stations]);
    await th.hub.settled();

    const expected = replicatedChecksums(fx.station);
    for (const s of stations) {
      expect(replicatedChecksums(s), s.device).toEqual(expected);
      expect(pendingCount(s), s.device).toBe(0);
    }
    for (const s of stations) {
      // Both records of the resident ID are there (a person merges them, not the sync).
      expect(one<{ n: number }>(s, 'SELECT count(*) n FROM patients WHERE id_number = ?', idNumber).n).toBe(2);
      // The session holds both last-seat bookings: over capacity, and counted so.
      expect(countSeats({ raw: s.raw }, { id: morning, doctorId: fx.ids.staff.doctor, date: TODAY, capacity: 3 }).booked).toBe(4);
      // One payment of the bill, as taken at C; the bill paid, and the prescription paid beats cancelled.
      expect(s.raw.prepare('SELECT device, method, amount_fen FROM payments WHERE bill_id = ?').all(bill.id))
        .toEqual([{ device: 'C1', method: 'card', amount_fen: bill.dueFen }]);
      expect(one<{ status: string }>(s, 'SELECT status FROM bills WHERE id = ?', bill.id).status).toBe('paid');
      // The cancel lost: its time does not stay on a paid prescription.
      expect(one(s, 'SELECT status, cancelled_at FROM prescriptions WHERE id = ?', billed.rxId)).toEqual({ status: 'paid', cancelled_at: null });
      expect(one<{ status: string }>(s, 'SELECT status FROM visits WHERE id = ?', billed.visitId).status).toBe('discharged');
      // The dispense: its stock movement once, stock on hand derived from the ledger everywhere.
      expect(one<{ status: string }>(s, 'SELECT status FROM prescriptions WHERE id = ?', toDispense.rxId).status).toBe('dispensed');
      expect(s.raw.prepare(`SELECT sm.quantity, sm.batch_id FROM stock_movements sm JOIN prescription_items pi ON pi.id = sm.ref_id
        WHERE pi.prescription_id = ? AND sm.kind = 'dispense'`).all(toDispense.rxId))
        .toEqual([{ quantity: -toDispense.quantity, batch_id: fx.ids.batches.ibuprofen }]);
      expect(one<{ n: number }>(s, 'SELECT sum(quantity) n FROM stock_movements WHERE drug_id = ?', ibuprofen).n).toBe(stockBefore - toDispense.quantity);
      // Last writer wins per column: B's phone (later), C's address.
      expect(one(s, 'SELECT phone, address FROM patients WHERE id = ?', booked1)).toEqual({ phone: '13922222222', address: '北京市朝阳区' });
    }
    // The pharmacy's own stock view, asked at the other desks, agrees.
    for (const desk of [a, c]) expect(desk.ok('pharmacist', 'pharmacy.stock', { drugId: ibuprofen }).available).toBe(stockBefore - toDispense.quantity);

    expect((await th.store.query('SELECT status, cancelled_at FROM prescriptions WHERE id = $1', [billed.rxId])).rows)
      .toEqual([{ status: 'paid', cancelled_at: null }]);
    // The hub: exactly one duplicate-patient task naming both records, one overbooked session.
    const tasks = await th.store.tasks({ openOnly: true });
    expect(tasks.map((t) => t.kind).sort()).toEqual(['duplicate_patient', 'session_overbooked']);
    expect(tasks.find((t) => t.kind === 'duplicate_patient')!.details).toEqual({
      idNumber, patientIds: [dupA.patient.id, dupB.patient.id].sort(),
    });
    expect(tasks.find((t) => t.kind === 'session_overbooked')!.details).toMatchObject({
      sessionId: morning, capacity: 3, booked: 4, walkInVisitIds: [],
    });
    const overbooked = tasks.find((t) => t.kind === 'session_overbooked')!.details as { appointmentIds: string[] };
    expect(overbooked.appointmentIds).toHaveLength(4);
    expect(overbooked.appointmentIds).toEqual(expect.arrayContaining([apptA.id, apptC.id]));
    // And the hub's own copy of the ledger: the payment once.
    const hubPayments = await th.store.query<{ n: number }>('SELECT count(*)::int AS n FROM payments WHERE bill_id = $1', [bill.id]);
    expect(hubPayments.rows[0]!.n).toBe(1);

    // The merged state is usable: the paid-for drug (its cancel lost) is on the pharmacy's queue and handed over at A.
    expect(b.ok('pharmacist', 'pharmacy.queue', {}).items.map((p) => p.id)).toEqual([billed.rxId]);
    a.ok('pharmacist', 'pharmacy.dispense', { prescriptionId: billed.rxId });
    await syncInOrder(th.hub, [stations[0]!, stations[1]!, stations[2]!, stations[0]!]);
    for (const s of stations) {
      expect(replicatedChecksums(s), s.device).toEqual(replicatedChecksums(fx.station));
      expect(rxStatus(s, billed.rxId)).toBe('dispensed');
    }
  }, 120_000);
});
