import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterSessions } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, TOMORROW, type Fixture } from '../testing';
import { count, expectRefused } from './desk.testing';
import { key, newPatient, openDesk, paidWalkIn, setFeeAtCheckIn, statusOf, walkIn, type Desk } from './frontdesk.testing';
import { seatsLeft } from './seats';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

const seats = (sessionId: string) => seatsLeft({ raw: fx.station.raw, db: fx.station.db, now: fx.station.now, settings: fx.station.settings }, sessionId);

describe('frontdesk.walkIn', () => {
  it('gives a queue number per doctor, takes a seat, and opens the registration bill', () => {
    const p1 = newPatient(fx, desk);
    const p2 = newPatient(fx, desk);
    const morning = fx.ids.sessions.todayMorning;
    expect(seats(morning)).toBe(3);
    const r1 = walkIn(fx, desk, p1);
    expect(r1.visit).toMatchObject({
      patientId: p1, doctorId: fx.ids.staff.doctor, sessionId: morning, appointmentId: null, visitDate: '2026-11-23',
      queueNo: '001', queueOrder: fx.clock.t, status: 'waiting', visitType: 'first', followUpOf: null, priority: false,
      feeFen: 1500, feeStatus: 'unpaid', roomName: '诊室1', doctorName: '李明', departmentName: '内科', callCount: 0,
    });
    expect(r1.bill).toMatchObject({ kind: 'registration', status: 'open', totalFen: 1500, insuranceFen: 0, selfPayFen: 1500, dueFen: 1500 });
    expect(r1.bill!.items).toEqual([expect.objectContaining({ kind: 'registration', refId: r1.visit.id, amountFen: 1500 })]);
    expect(r1.payment).toBeNull();
    expect(seats(morning)).toBe(2);
    fx.advance(60_000);
    expect(walkIn(fx, desk, p2).visit.queueNo).toBe('002');
    expect(seats(morning)).toBe(1);
    // Another doctor has a counter of their own.
    expect(walkIn(fx, desk, p1, { doctorId: fx.ids.staff.doctor2 }).visit).toMatchObject({ queueNo: '001', feeFen: 2000, roomName: '诊室2' });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'create' AND entity = 'visit' AND procedure = 'frontdesk.walkIn'")).toBe(3);
  });

  it('takes a session by id, and falls back to the doctor’s next session with seats when the current one is full', () => {
    const afternoon = fx.ids.sessions.todayAfternoon;
    expect(walkIn(fx, desk, newPatient(fx, desk), { sessionId: afternoon }).visit.sessionId).toBe(afternoon);
    for (let i = 0; i < 3; i++) walkIn(fx, desk, newPatient(fx, desk), { sessionId: fx.ids.sessions.todayMorning });
    const p = newPatient(fx, desk);
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, sessionId: fx.ids.sessions.todayMorning }, 'SESSION_FULL', { field: 'sessionId' });
    expect(walkIn(fx, desk, p).visit.sessionId).toBe(afternoon);
    expect(seats(afternoon)).toBe(18);
  });

  it('settles the fee at once with a payment: cash with change, receipt number, fee paid', () => {
    const r = walkIn(fx, desk, newPatient(fx, desk), { payment: { method: 'cash', tenderedFen: 2000, idempotencyKey: 'walk-1' } });
    expect(r.payment).toMatchObject({ method: 'cash', amountFen: 1500, tenderedFen: 2000, changeFen: 500, receiptNo: 'R20261123-A1-0001' });
    expect(r.bill).toMatchObject({ status: 'paid', paidFen: 1500, dueFen: 0 });
    expect(r.visit.feeStatus).toBe('paid');
  });

  it('with the fee policy off: no bill, fee not required, the visit goes straight to the queue', () => {
    setFeeAtCheckIn(fx, false);
    const p = newPatient(fx, desk);
    const r = walkIn(fx, desk, p);
    expect(r.visit).toMatchObject({ feeFen: 1500, feeStatus: 'not_required' });
    expect(r.bill).toBeNull();
    expect(count(fx, 'SELECT count(*) n FROM bills')).toBe(0);
    expect(fx.ok(desk.doctor, 'queue.mine', {}).firstVisits.map((v) => v.id)).toEqual([r.visit.id]);
    // Nothing to pay at the desk, so a payment is refused and nothing is written.
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: newPatient(fx, desk), doctorId: fx.ids.staff.doctor, payment: { method: 'cash', idempotencyKey: 'x' } },
      'VALIDATION', { field: 'payment', reason: 'nothing_to_pay' });
  });

  it('links a follow-up to the patient’s latest earlier visit, or to the one given', () => {
    const p = newPatient(fx, desk);
    const first = walkIn(fx, desk, p).visit;
    fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: first.id, reason: 'left' });
    const second = walkIn(fx, desk, p).visit;
    // The cancelled one is skipped: a follow-up links to a real earlier visit.
    fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: second.id, reason: 'left' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: fx.ids.staff.doctor, visitType: 'follow_up', followUpOf: first.id },
      'VALIDATION', { field: 'followUpOf', reason: 'cancelled' });
    const seen = walkIn(fx, desk, p, { doctorId: fx.ids.staff.doctor2 }).visit;
    const auto = walkIn(fx, desk, p, { visitType: 'follow_up' }).visit;
    expect(auto).toMatchObject({ visitType: 'follow_up', followUpOf: seen.id });
  });

  it('refuses bad follow-ups, priority without a reason, two places in one queue — writing nothing', () => {
    const p = newPatient(fx, desk);
    const other = newPatient(fx, desk);
    const d = fx.ids.staff.doctor;
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, visitType: 'follow_up' }, 'VALIDATION', { field: 'followUpOf', reason: 'no_earlier_visit' });
    const otherVisit = walkIn(fx, desk, other).visit;
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, visitType: 'follow_up', followUpOf: otherVisit.id }, 'VALIDATION', { field: 'followUpOf', reason: 'other_patient' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, followUpOf: otherVisit.id }, 'VALIDATION', { field: 'followUpOf', reason: 'first_visit' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, priority: true }, 'VALIDATION', { field: 'priorityReason' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, priorityReason: 'elderly' }, 'VALIDATION', { field: 'priorityReason', reason: 'not_priority' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: other, doctorId: d }, 'DUPLICATE_BOOKING', { visitId: otherVisit.id });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: other, sessionId: fx.ids.sessions.todayMorning }, 'DUPLICATE_BOOKING', { visitId: otherVisit.id });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, sessionId: fx.ids.sessions.todayMorning }, 'VALIDATION');
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p }, 'VALIDATION');
    // A QR payment without its reference refuses the whole walk-in: no visit, no bill, no seat taken.
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, payment: { method: 'qr', idempotencyKey: 'q1' } }, 'VALIDATION', { field: 'reference' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: d, payment: { method: 'cash', amountFen: 1501, idempotencyKey: 'q2' } }, 'OVERPAYMENT');
  });

  it('refuses sessions not of today, stopped sessions, unknown doctors and patients', () => {
    const p = newPatient(fx, desk);
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, sessionId: fx.ids.sessions.tomorrow }, 'INVALID_DATE', { field: 'sessionId', reason: 'not_today' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: fx.ids.staff.cashier }, 'NOT_FOUND', { field: 'doctorId' });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: '01900000-0000-7000-8000-000000000000', doctorId: fx.ids.staff.doctor }, 'NOT_FOUND', { field: 'patientId' });
    withMasterWriter(fx.station, (w) => {
      w.update(rosterSessions, fx.ids.sessions.todayPaeds, { stopped: true, stopReason: '医生外出' });
    });
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, sessionId: fx.ids.sessions.todayPaeds }, 'SESSION_STOPPED');
    expectRefused(fx, desk.reception, 'frontdesk.walkIn', { patientId: p, doctorId: fx.ids.staff.doctor2 }, 'SESSION_STOPPED', { field: 'doctorId' });
  });

  it('is for the front desk only', () => {
    const p = newPatient(fx, desk);
    for (const who of [desk.doctor, desk.cashier, desk.pharmacist, desk.admin]) {
      expectRefused(fx, who, 'frontdesk.walkIn', { patientId: p, doctorId: fx.ids.staff.doctor }, 'FORBIDDEN');
    }
  });
});

describe('frontdesk.checkIn', () => {
  it('completes today’s appointment and makes the visit; the seat it held stays taken', () => {
    const p = newPatient(fx, desk);
    const morning = fx.ids.sessions.todayMorning;
    const appt = fx.ok(desk.reception, 'appointments.book', { patientId: p, sessionId: morning });
    expect(seats(morning)).toBe(2);
    const r = fx.ok(desk.reception, 'frontdesk.checkIn', {
      appointmentId: appt.id, priority: true, priorityReason: 'elderly', payment: { method: 'qr', reference: 'WX2026', idempotencyKey: 'ci-1' },
    });
    expect(r.visit).toMatchObject({ appointmentId: appt.id, sessionId: morning, patientId: p, priority: true, priorityReason: 'elderly', feeStatus: 'paid', queueNo: '001' });
    expect(r.payment).toMatchObject({ method: 'qr', reference: 'WX2026', amountFen: 1500, tenderedFen: null, changeFen: null });
    expect(statusOf(fx, 'appointments', appt.id)).toBe('completed');
    expect(seats(morning)).toBe(2);
    // Twice: the appointment is completed already.
    expectRefused(fx, desk.reception, 'frontdesk.checkIn', { appointmentId: appt.id }, 'ILLEGAL_TRANSITION', { from: 'completed', to: 'completed' });
  });

  it('refuses an appointment of another day, a cancelled one, an unknown one', () => {
    const p = newPatient(fx, desk);
    const later = fx.ok(desk.reception, 'appointments.book', { patientId: p, sessionId: fx.ids.sessions.tomorrow });
    expectRefused(fx, desk.reception, 'frontdesk.checkIn', { appointmentId: later.id }, 'INVALID_DATE', { field: 'appointmentId', reason: 'not_today', date: TOMORROW });
    const today = fx.ok(desk.reception, 'appointments.book', { patientId: p, sessionId: fx.ids.sessions.todayPaeds });
    fx.ok(desk.reception, 'appointments.cancel', { id: today.id, reason: 'changed plans' });
    expectRefused(fx, desk.reception, 'frontdesk.checkIn', { appointmentId: today.id }, 'ILLEGAL_TRANSITION', { from: 'cancelled' });
    expectRefused(fx, desk.reception, 'frontdesk.checkIn', { appointmentId: '01900000-0000-7000-8000-000000000000' }, 'NOT_FOUND', { field: 'appointmentId' });
  });
});

describe('frontdesk.cancelVisit', () => {
  it('voids an unpaid registration bill and frees the seat', () => {
    const r = walkIn(fx, desk, newPatient(fx, desk));
    expect(seats(fx.ids.sessions.todayMorning)).toBe(2);
    const out = fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: r.visit.id, reason: '患者离开' });
    expect(out.visit).toMatchObject({ status: 'cancelled', cancelReason: '患者离开', cancelledAt: fx.clock.t, feeStatus: 'not_required' });
    expect(out.refunds).toEqual([]);
    expect(statusOf(fx, 'bills', r.bill!.id)).toBe('void');
    expect(seats(fx.ids.sessions.todayMorning)).toBe(3);
  });

  it('refunds a paid fee the way it was paid, one reversal row per payment, with the reason', () => {
    const r = walkIn(fx, desk, newPatient(fx, desk));
    fx.ok(desk.reception, 'billing.pay', { billId: r.bill!.id, method: 'cash', amountFen: 500, idempotencyKey: key() });
    fx.advance(1000);
    fx.ok(desk.reception, 'billing.pay', { billId: r.bill!.id, method: 'qr', amountFen: 1000, reference: 'ALI-9', idempotencyKey: key() });
    expect(statusOf(fx, 'bills', r.bill!.id)).toBe('paid');
    fx.advance(1000);
    const out = fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: r.visit.id, reason: '医生停诊' });
    expect(out.visit.feeStatus).toBe('refunded');
    expect(out.refunds.map((x) => [x.method, x.amountFen, x.reason])).toEqual(expect.arrayContaining([['qr', 1000, '医生停诊'], ['cash', 500, '医生停诊']]));
    expect(out.refunds.map((x) => x.refundNo).sort()).toEqual(['RF20261123-A1-0001', 'RF20261123-A1-0002']);
    const bill = fx.ok(desk.cashier, 'billing.get', { billId: r.bill!.id });
    expect(bill).toMatchObject({ status: 'refunded', paidFen: 0, refundedFen: 1500 });
    expect(count(fx, 'SELECT count(*) n FROM payments')).toBe(2); // ledger rows stay
  });

  it('refuses cancelling twice or after the consultation began', () => {
    const a = paidWalkIn(fx, desk, newPatient(fx, desk));
    fx.ok(desk.reception, 'frontdesk.cancelVisit', { visitId: a.visit.id, reason: 'x' });
    expectRefused(fx, desk.reception, 'frontdesk.cancelVisit', { visitId: a.visit.id, reason: 'again' }, 'ILLEGAL_TRANSITION', { from: 'cancelled', to: 'cancelled' });
    const b = paidWalkIn(fx, desk, newPatient(fx, desk));
    fx.ok(desk.doctor, 'queue.start', { visitId: b.visit.id });
    expectRefused(fx, desk.reception, 'frontdesk.cancelVisit', { visitId: b.visit.id, reason: 'late' }, 'ILLEGAL_TRANSITION', { from: 'in_consultation', to: 'cancelled' });
    expectRefused(fx, desk.reception, 'frontdesk.cancelVisit', { visitId: '01900000-0000-7000-8000-000000000000', reason: 'x' }, 'NOT_FOUND');
    expectRefused(fx, desk.reception, 'frontdesk.cancelVisit', { visitId: b.visit.id, reason: '  ' }, 'VALIDATION');
  });
});

describe('frontdesk.today and frontdesk.visit', () => {
  it('lists today’s visits per doctor, priority first, filtered and counted', () => {
    const a = walkIn(fx, desk, newPatient(fx, desk)).visit;
    fx.advance(1000);
    const b = paidWalkIn(fx, desk, newPatient(fx, desk), { priority: true, priorityReason: 'disabled' }).visit;
    fx.advance(1000);
    const c = walkIn(fx, desk, newPatient(fx, desk), { doctorId: fx.ids.staff.doctor2 }).visit;
    const all = fx.ok(desk.reception, 'frontdesk.today', {});
    expect(all.date).toBe('2026-11-23');
    expect(all.total).toBe(3);
    const mine = all.items.filter((v) => v.doctorId === fx.ids.staff.doctor).map((v) => v.id);
    expect(mine).toEqual([b.id, a.id]);
    expect(fx.ok(desk.cashier, 'frontdesk.today', { doctorId: fx.ids.staff.doctor2 }).items.map((v) => v.id)).toEqual([c.id]);
    expect(fx.ok(desk.reception, 'frontdesk.today', { feeStatus: 'unpaid' }).total).toBe(2);
    expect(fx.ok(desk.reception, 'frontdesk.today', { page: { limit: 1, offset: 0 } }).items).toHaveLength(1);
    // Tomorrow the list is empty.
    fx.advance(86_400_000);
    expect(fx.ok(fx.login('reception'), 'frontdesk.today', {})).toMatchObject({ date: '2026-11-24', total: 0 });
  });

  it('opens one visit with an audit entry', () => {
    const v = walkIn(fx, desk, newPatient(fx, desk)).visit;
    expect(fx.ok(desk.doctor, 'frontdesk.visit', { visitId: v.id })).toMatchObject({ id: v.id, queueNo: v.queueNo });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'read' AND entity = 'visit' AND entity_id = ? AND patient_id = ?", v.id, v.patientId)).toBe(1);
    expectRefused(fx, desk.pharmacist, 'frontdesk.visit', { visitId: v.id }, 'FORBIDDEN');
  });
});
