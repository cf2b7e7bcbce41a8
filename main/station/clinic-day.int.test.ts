/**
 * A whole clinic day through the API, the way the desks work it: a phone booking, check-in with
 * the fee paid by QR code, the doctor's queue, the record with a coded diagnosis, a prescription
 * and an exam, signing, the cashier's bill paid by card and cash, dispensing, a walk-in who
 * leaves (fee refunded), an exam refunded before it was done, and each desk's close of day —
 * every figure checked against sums worked out by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeResidentId } from '../domain/residentId';
import { withMasterWriter } from './master';
import { createFixture, type Fixture } from './testing';

let fx: Fixture;
beforeEach(() => {
  fx = createFixture();
  // The desks stay busy all day; the test jumps the clock, so idle locking is set beyond the jumps.
  withMasterWriter(fx.station, (w) => w.setSetting('idleLockMs', 12 * 60 * 60_000));
});
afterEach(() => fx.close());

const MIN = 60_000;

function register(reception: { token: string }, name: string, birthDate: string, seq: number, sex: 'M' | 'F', extra: Record<string, unknown> = {}) {
  return fx.ok(reception, 'patients.register', {
    name, idNumber: makeResidentId('110105', birthDate, seq, sex), phone: `1390000${String(seq).padStart(4, '0')}`, ...extra,
  }).patient;
}

describe('a clinic day from booking to close of day', () => {
  it('runs every desk and the money adds up', () => {
    const reception = fx.login('reception');
    const doctor = fx.login('doctor');
    const cashier = fx.login('cashier');
    const pharmacist = fx.login('pharmacist');
    const FEE = 1500; // 李明's registration fee

    // 09:00 — a phone booking for this morning; the patient is found again by pinyin initials.
    const zhang = register(reception, '张三丰', '1958-04-09', 11, 'M', { allergies: '青霉素' });
    expect(zhang.sex).toBe('M');
    expect(fx.ok(reception, 'patients.search', { q: 'zsf' }).items.map((p) => p.id)).toContain(zhang.id);
    const seatsBefore = fx.ok(reception, 'catalog.sessions', { from: '2026-11-23', to: '2026-11-23' });
    const morning = seatsBefore.items.find((s) => s.id === fx.ids.sessions.todayMorning)!;
    const appt = fx.ok(reception, 'appointments.book', { patientId: zhang.id, sessionId: morning.id });
    fx.ok(reception, 'appointments.confirm', { id: appt.id });
    const seatsAfter = fx.ok(reception, 'catalog.sessions', { from: '2026-11-23', to: '2026-11-23' }).items.find((s) => s.id === morning.id)!;
    expect(seatsAfter.seatsLeft).toBe(morning.seatsLeft - 1);

    // 09:20 — check-in: the fee is paid by QR code at the counter.
    fx.advance(20 * MIN);
    const checkIn = fx.ok(reception, 'frontdesk.checkIn', {
      appointmentId: appt.id, payment: { method: 'qr', reference: 'WX-0001', idempotencyKey: 'reg-zhang' },
    });
    expect(checkIn.visit).toMatchObject({ status: 'waiting', feeStatus: 'paid', feeFen: FEE });
    expect(checkIn.visit.queueNo).toBe('001');

    // A walk-in arrives, pays cash, then leaves before being seen: the fee goes back.
    const li = register(reception, '李四', '1990-01-02', 22, 'F');
    const walkIn = fx.ok(reception, 'frontdesk.walkIn', {
      patientId: li.id, doctorId: fx.ids.staff.doctor, payment: { method: 'cash', tenderedFen: 2000, idempotencyKey: 'reg-li' },
    });
    expect(walkIn.payment).toMatchObject({ amountFen: FEE, changeFen: 500 });
    // The doctor's queue shows both, the first checked in first.
    const queue = fx.ok(doctor, 'queue.mine', {});
    expect(queue.firstVisits.map((v) => v.patientId)).toEqual([zhang.id, li.id]);
    fx.advance(5 * MIN);
    const cancelled = fx.ok(reception, 'frontdesk.cancelVisit', { visitId: walkIn.visit.id, reason: '等候时间过长' });
    expect(cancelled.visit.status).toBe('cancelled');
    expect(cancelled.refunds.map((r) => [r.method, r.amountFen])).toEqual([['cash', FEE]]);

    // 09:30 — the consultation.
    fx.advance(5 * MIN);
    fx.ok(doctor, 'queue.call', {});
    fx.ok(doctor, 'queue.start', { visitId: checkIn.visit.id });
    fx.ok(doctor, 'consultation.saveRecord', { visitId: checkIn.visit.id, complaint: '咳嗽3天', findings: '咽部充血', plan: '对症治疗' });
    fx.ok(doctor, 'consultation.addDiagnosis', { visitId: checkIn.visit.id, icd10: 'J06.9' });
    const rx = fx.ok(doctor, 'prescriptions.create', { visitId: checkIn.visit.id });
    const withAmox = fx.ok(doctor, 'prescriptions.addItem', {
      prescriptionId: rx.id, drugId: fx.ids.drugs.amoxicillin, dose: 2, frequency: 'tid', route: 'po', days: 5,
    });
    expect(withAmox.warnings.length).toBeGreaterThan(0); // penicillin allergy: the doctor is warned
    fx.ok(doctor, 'prescriptions.removeItem', { itemId: withAmox.items[0]!.id });
    fx.ok(doctor, 'prescriptions.addItem', {
      prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3,
    });
    const noStock = fx.call(doctor, 'prescriptions.addItem', {
      prescriptionId: rx.id, drugId: fx.ids.drugs.noStock, dose: 1, frequency: 'bid', route: 'po', days: 3,
    });
    expect(noStock).toMatchObject({ ok: false, error: { code: 'OUT_OF_STOCK' } });
    fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
    const exam = fx.ok(doctor, 'consultation.orderExam', { visitId: checkIn.visit.id, examItemId: fx.ids.exams.bloodRoutine });
    fx.ok(doctor, 'consultation.sign', { visitId: checkIn.visit.id });
    expect(fx.call(doctor, 'consultation.saveRecord', { visitId: checkIn.visit.id, complaint: '改' })).toMatchObject({ ok: false, error: { code: 'RECORD_SIGNED' } });
    fx.ok(doctor, 'queue.finish', { visitId: checkIn.visit.id });

    // 09:50 — the cashier: 1 box of ibuprofen (6 capsules of 20) + blood count, paid by card and cash.
    fx.advance(20 * MIN);
    const { bill } = fx.ok(cashier, 'billing.build', { visitId: checkIn.visit.id });
    const total = 2200 + 2500;
    expect(bill).toMatchObject({ totalFen: total, insuranceFen: 0, selfPayFen: total });
    fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'card', amountFen: 3000, reference: 'POS-778', idempotencyKey: 'pay-1' });
    // The same payment sent twice (a double click, a resend) is taken once.
    const again = fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'card', amountFen: 3000, reference: 'POS-778', idempotencyKey: 'pay-1' });
    expect(again.replayed).toBe(true);
    expect(fx.call(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: 5000, idempotencyKey: 'pay-2' }))
      .toMatchObject({ ok: false, error: { code: 'OVERPAYMENT' } });
    const last = fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: total - 3000, tenderedFen: 2000, idempotencyKey: 'pay-3' });
    expect(last.payment.changeFen).toBe(2000 - (total - 3000));
    expect(last.bill.status).toBe('paid');
    expect(last.visit.status).toBe('discharged');

    // The exam is refunded before it was done (the patient declines the blood draw).
    const refund = fx.ok(cashier, 'billing.refund', { billId: bill!.id, amountFen: 2500, reason: '患者拒绝抽血', idempotencyKey: 'rf-1' });
    expect(refund.refunds.reduce((s, r) => s + r.amountFen, 0)).toBe(2500);

    // 10:00 — the pharmacy dispenses, earliest expiry first.
    fx.advance(10 * MIN);
    const dispensed = fx.ok(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id });
    expect(dispensed.prescription.status).toBe('dispensed');
    expect(dispensed.movements.map((m) => m.quantity)).toEqual([-1]);
    void exam;

    // Close of day at each drawer. Reception took QR 1500 (Zhang) and cash 1500 refunded 1500 (Li).
    fx.advance(8 * 60 * MIN);
    const desk = fx.ok(reception, 'billing.closeDay', {});
    expect(desk.totals.byMethod.qr).toMatchObject({ paidFen: FEE, refundedFen: 0, netFen: FEE });
    expect(desk.totals.byMethod.cash).toMatchObject({ paidFen: FEE, refundedFen: FEE, netFen: 0 });
    expect(desk.totals.netFen).toBe(FEE);
    // The cashier took card 3000 and cash 1700; the 2500 refund went back newest payment first.
    const till = fx.ok(cashier, 'billing.closeDay', {});
    expect(till.totals.paidFen).toBe(total);
    expect(till.totals.refundedFen).toBe(2500);
    expect(till.totals.netFen).toBe(total - 2500);
    expect(till.totals.byMethod.card!.paidFen + till.totals.byMethod.cash!.paidFen).toBe(total);
    expect(fx.call(cashier, 'billing.closeDay', {})).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_CLOSE' } });

    // Every read and change of Zhang's data left an audit trail, with device and account.
    const admin = fx.login('admin');
    const trail = fx.ok(admin, 'audit.patientTrail', { patientId: zhang.id });
    expect(trail.items.length).toBeGreaterThan(5);
    expect(new Set(trail.items.map((i) => i.device))).toEqual(new Set(['A1']));

    // Every change was logged for the hub in the same transactions.
    const unlogged = fx.station.raw.prepare(`SELECT count(*) AS n FROM visits v WHERE NOT EXISTS
      (SELECT 1 FROM change_log c WHERE c.table_name = 'visits' AND c.row_id = v.id)`).get() as { n: number };
    expect(unlogged.n).toBe(0);
  });

  it('does not hand over a drug whose charge was refunded in full', () => {
    const reception = fx.login('reception');
    const doctor = fx.login('doctor');
    const cashier = fx.login('cashier');
    const pharmacist = fx.login('pharmacist');
    const p = register(reception, '王五', '1975-06-30', 33, 'M');
    const { visit } = fx.ok(reception, 'frontdesk.walkIn', { patientId: p.id, doctorId: fx.ids.staff.doctor, payment: { method: 'cash', idempotencyKey: 'r' } });
    fx.ok(doctor, 'queue.start', { visitId: visit.id });
    const rx = fx.ok(doctor, 'prescriptions.create', { visitId: visit.id });
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: fx.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3 });
    fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
    fx.ok(doctor, 'queue.finish', { visitId: visit.id });
    const { bill } = fx.ok(cashier, 'billing.build', { visitId: visit.id });
    fx.ok(cashier, 'billing.pay', { billId: bill!.id, method: 'cash', amountFen: bill!.dueFen, idempotencyKey: 'p' });
    fx.ok(cashier, 'billing.refund', { billId: bill!.id, amountFen: bill!.totalFen, reason: '患者不取药', idempotencyKey: 'rf' });

    const stock = () => (fx.station.raw.prepare('SELECT sum(quantity) AS q FROM stock_movements WHERE drug_id = ?').get(fx.ids.drugs.ibuprofen) as { q: number }).q;
    const before = stock();
    expect(fx.ok(pharmacist, 'pharmacy.queue', {}).items.map((i) => i.id)).not.toContain(rx.id);
    expect(fx.call(pharmacist, 'pharmacy.dispense', { prescriptionId: rx.id })).toMatchObject({ ok: false, error: { code: 'NOT_PAID', details: { reason: 'refunded' } } });
    expect(stock()).toBe(before);
  });
});
