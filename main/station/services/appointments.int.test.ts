import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterSessions, visits } from '../../../db/schema';
import { DAY_MS } from '../../domain/dates';
import { patients } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, TODAY, type Fixture } from '../testing';
import { completeAppointment } from './appointments';
import { count, expectRefused, inRequest, register } from './desk.testing';
import { assertBookable, seatsLeft, sessionSeats } from './seats';

let fx: Fixture;
let reception: { token: string };
let p1: string, p2: string, p3: string;
let past: string, stopped: string;
const UNKNOWN = '0190a000-0000-7000-8000-000000000000';

beforeEach(() => {
  fx = createFixture();
  reception = fx.login('reception');
  p1 = register(fx, reception, { name: '张三', phone: '13812345678' }).patient.id;
  p2 = register(fx, reception, { name: '李四' }).patient.id;
  p3 = register(fx, reception, { name: '王五' }).patient.id;
  const { staff, departments, rooms } = fx.ids;
  [past, stopped] = withMasterWriter(fx.station, (w) => [
    w.insert(rosterSessions, { date: '2026-11-22', period: 'morning', doctorId: staff.doctor, departmentId: departments.internal, roomId: rooms.room1, capacity: 10 }),
    w.insert(rosterSessions, { date: '2026-11-25', period: 'morning', doctorId: staff.doctor, departmentId: departments.internal, roomId: rooms.room1, capacity: 10, stopped: true, stopReason: '医生外出' }),
  ]);
});
afterEach(() => fx.close());

const book = (patientId: string, sessionId: string) => fx.ok(reception, 'appointments.book', { patientId, sessionId });

function walkIn(patientId: string, sessionId: string, status: 'waiting' | 'cancelled' = 'waiting') {
  const { staff, departments } = fx.ids;
  return withMasterWriter(fx.station, (w) => w.insert(visits, {
    patientId, visitDate: TODAY, sessionId, doctorId: staff.doctor, departmentId: departments.internal, queueNo: 'A1-001',
    queueOrder: fx.clock.t, visitType: 'first', status, feeFen: 1500, feeStatus: 'paid', checkedInAt: fx.clock.t,
  }));
}

describe('appointments.book', () => {
  it('books a session with seats, pending, shown with patient, doctor and session; audited', () => {
    const s = fx.ids.sessions.tomorrow;
    const a = book(p1, s);
    expect(a).toMatchObject({
      status: 'pending', source: 'phone', patientId: p1, patientName: '张三', recordNo: 'A1-0000001', phoneMasked: '138****5678',
      sessionId: s, date: '2026-11-24', period: 'morning', doctorName: '李明', departmentName: '内科', roomName: '诊室1',
      bookedBy: fx.ids.accounts.reception, confirmedAt: null, rescheduledFrom: null,
    });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'create' AND entity = 'appointment' AND entity_id = ? AND patient_id = ?", a.id, p1)).toBe(1);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'appointments'")).toBe(1);
    expect(inRequest(fx, 'reception', (ctx) => seatsLeft(ctx, s))).toBe(1);
  });

  it("accepts today's sessions all day (the clinic's day, not UTC)", () => {
    fx.advance(14 * 3_600_000); // 15:00 UTC = 23:00 on the 23rd in Shanghai
    expect(fx.ok(fx.login('reception'), 'appointments.book', { patientId: p1, sessionId: fx.ids.sessions.todayAfternoon }).status).toBe('pending');
    fx.advance(3_600_000); // 16:00 UTC, still the 23rd in UTC, but the 24th in Shanghai
    expectRefused(fx, fx.login('reception'), 'appointments.book', { patientId: p2, sessionId: fx.ids.sessions.todayAfternoon }, 'SESSION_PAST',
      { field: 'sessionId', date: TODAY, today: '2026-11-24' });
  });

  it('refuses stopped, past, duplicate and full sessions, unknown or merged patients, writing nothing', () => {
    const s = fx.ids.sessions.tomorrow; // capacity 2
    expectRefused(fx, reception, 'appointments.book', { patientId: p1, sessionId: stopped }, 'SESSION_STOPPED', { field: 'sessionId', stopReason: '医生外出' });
    expectRefused(fx, reception, 'appointments.book', { patientId: p1, sessionId: past }, 'SESSION_PAST', { date: '2026-11-22', today: TODAY });
    const a = book(p1, s);
    expectRefused(fx, reception, 'appointments.book', { patientId: p1, sessionId: s }, 'DUPLICATE_BOOKING', { appointmentId: a.id });
    book(p2, s);
    expectRefused(fx, reception, 'appointments.book', { patientId: p3, sessionId: s }, 'SESSION_FULL', { capacity: 2, booked: 2 });
    expectRefused(fx, reception, 'appointments.book', { patientId: p3, sessionId: UNKNOWN }, 'NOT_FOUND', { field: 'sessionId' });
    expectRefused(fx, reception, 'appointments.book', { patientId: UNKNOWN, sessionId: fx.ids.sessions.todayAfternoon }, 'NOT_FOUND', { field: 'patientId' });
    withMasterWriter(fx.station, (w) => w.update(patients, p3, { mergedInto: p2 }));
    expectRefused(fx, reception, 'appointments.book', { patientId: p3, sessionId: fx.ids.sessions.todayAfternoon }, 'CONFLICT', { field: 'patientId', reason: 'merged', mergedInto: p2 });
  });

  it('is for the front desk only', () => {
    for (const who of ['doctor', 'cashier', 'pharmacist', 'admin'] as const) {
      expectRefused(fx, fx.login(who), 'appointments.book', { patientId: p1, sessionId: fx.ids.sessions.tomorrow }, 'FORBIDDEN');
    }
  });
});

describe('seats', () => {
  it('count seat-holding appointments and walk-ins of the session; cancelled ones free the seat', () => {
    const s = fx.ids.sessions.todayMorning; // capacity 3
    const seats = () => inRequest(fx, 'reception', (ctx) => sessionSeats(ctx, s));
    expect(seats()).toMatchObject({ capacity: 3, appointments: 0, walkIns: 0, booked: 0, seatsLeft: 3 });
    const a = book(p1, s);
    walkIn(p2, s);
    walkIn(p3, s, 'cancelled');
    expect(seats()).toMatchObject({ appointments: 1, walkIns: 1, booked: 2, seatsLeft: 1 });
    // A walk-in already in the session is a duplicate; a cancelled walk-in is not.
    expect(() => inRequest(fx, 'reception', (ctx) => assertBookable(ctx, s, p2))).toThrow(expect.objectContaining({ code: 'DUPLICATE_BOOKING' }));
    expect(inRequest(fx, 'reception', (ctx) => assertBookable(ctx, s, p3)).seatsLeft).toBe(1);
    fx.ok(reception, 'appointments.cancel', { id: a.id, reason: '病人来电取消' });
    expect(seats()).toMatchObject({ appointments: 0, booked: 1, seatsLeft: 2 });
    // A completed appointment keeps its seat (its visit carries the appointment and is not counted again).
    const b = book(p1, s);
    inRequest(fx, 'reception', (ctx) => completeAppointment(ctx, b.id));
    expect(seats()).toMatchObject({ appointments: 1, booked: 2, seatsLeft: 1 });
    expect(() => inRequest(fx, 'reception', (ctx) => seatsLeft(ctx, UNKNOWN))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('never report fewer than zero seats when offline bookings overfill a session', () => {
    const s = fx.ids.sessions.tomorrow;
    book(p1, s);
    book(p2, s);
    withMasterWriter(fx.station, (w) => w.update(rosterSessions, s, { capacity: 1 }));
    expect(inRequest(fx, 'reception', (ctx) => sessionSeats(ctx, s))).toMatchObject({ booked: 2, seatsLeft: 0 });
  });
});

describe('appointment transitions', () => {
  it('confirm: pending → confirmed once', () => {
    const a = book(p1, fx.ids.sessions.tomorrow);
    fx.advance(60_000);
    expect(fx.ok(reception, 'appointments.confirm', { id: a.id })).toMatchObject({ status: 'confirmed', confirmedAt: fx.clock.t });
    expectRefused(fx, reception, 'appointments.confirm', { id: a.id }, 'ILLEGAL_TRANSITION', { entity: 'appointment', from: 'confirmed', to: 'confirmed' });
    expectRefused(fx, reception, 'appointments.confirm', { id: UNKNOWN }, 'NOT_FOUND', { field: 'id' });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'update' AND entity_id = ?", a.id)).toBe(1);
  });

  it('cancel: needs a reason; pending or confirmed only', () => {
    const a = book(p1, fx.ids.sessions.tomorrow);
    expectRefused(fx, reception, 'appointments.cancel', { id: a.id, reason: '  ' }, 'VALIDATION', { field: 'reason' });
    expect(fx.ok(reception, 'appointments.cancel', { id: a.id, reason: '改天再来' })).toMatchObject({ status: 'cancelled', cancelReason: '改天再来', cancelledAt: fx.clock.t });
    expectRefused(fx, reception, 'appointments.cancel', { id: a.id, reason: 'again' }, 'ILLEGAL_TRANSITION', { from: 'cancelled', to: 'cancelled' });
    expectRefused(fx, reception, 'appointments.confirm', { id: a.id }, 'ILLEGAL_TRANSITION', { from: 'cancelled' });
  });

  it("no-show: confirmed only, and only after the session's day", () => {
    const a = book(p1, fx.ids.sessions.todayAfternoon);
    expectRefused(fx, reception, 'appointments.noShow', { id: a.id }, 'ILLEGAL_TRANSITION', { from: 'pending', to: 'no_show' });
    fx.ok(reception, 'appointments.confirm', { id: a.id });
    expectRefused(fx, reception, 'appointments.noShow', { id: a.id }, 'SESSION_NOT_OVER', { date: TODAY, today: TODAY });
    fx.advance(DAY_MS);
    const r = fx.login('reception'); // the old session has locked itself by now
    expect(fx.ok(r, 'appointments.noShow', { id: a.id }).status).toBe('no_show');
    expectRefused(fx, r, 'appointments.cancel', { id: a.id, reason: 'x' }, 'ILLEGAL_TRANSITION', { from: 'no_show' });
  });

  it('completeAppointment (check-in) confirms a pending one on the way; refuses a cancelled one', () => {
    const a = book(p1, fx.ids.sessions.todayAfternoon);
    const done = inRequest(fx, 'reception', (ctx) => completeAppointment(ctx, a.id));
    expect(done).toMatchObject({ id: a.id, status: 'completed', confirmedAt: fx.clock.t });
    expect(() => inRequest(fx, 'reception', (ctx) => completeAppointment(ctx, a.id))).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    const b = book(p2, fx.ids.sessions.todayAfternoon);
    fx.ok(reception, 'appointments.cancel', { id: b.id, reason: 'x' });
    expect(() => inRequest(fx, 'reception', (ctx) => completeAppointment(ctx, b.id)))
      .toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', details: { entity: 'appointment', from: 'cancelled', to: 'completed' } }));
    expect(() => inRequest(fx, 'reception', (ctx) => completeAppointment(ctx, UNKNOWN)))
      .toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: expect.objectContaining({ field: 'appointmentId' }) }));
  });
});

describe('appointments.reschedule', () => {
  it('cancels the old and books the new, linked, keeping a confirmation', () => {
    const a = book(p1, fx.ids.sessions.todayAfternoon);
    fx.ok(reception, 'appointments.confirm', { id: a.id });
    const { cancelled, booked } = fx.ok(reception, 'appointments.reschedule', { id: a.id, sessionId: fx.ids.sessions.tomorrow });
    expect(cancelled).toMatchObject({ id: a.id, status: 'cancelled', cancelReason: 'rescheduled' });
    expect(booked).toMatchObject({ status: 'confirmed', rescheduledFrom: a.id, sessionId: fx.ids.sessions.tomorrow, patientId: p1 });
    const pending = book(p2, fx.ids.sessions.todayAfternoon);
    const moved = fx.ok(reception, 'appointments.reschedule', { id: pending.id, sessionId: fx.ids.sessions.tomorrow, reason: '病人要求' });
    expect(moved.cancelled.cancelReason).toBe('病人要求');
    expect(moved.booked).toMatchObject({ status: 'pending', confirmedAt: null });
  });

  it('is all or nothing: a refused new booking leaves the old appointment as it was', () => {
    const t = fx.ids.sessions.tomorrow; // capacity 2
    book(p2, t);
    book(p3, t);
    const a = book(p1, fx.ids.sessions.todayAfternoon);
    expectRefused(fx, reception, 'appointments.reschedule', { id: a.id, sessionId: t }, 'SESSION_FULL');
    expectRefused(fx, reception, 'appointments.reschedule', { id: a.id, sessionId: stopped }, 'SESSION_STOPPED');
    expectRefused(fx, reception, 'appointments.reschedule', { id: a.id, sessionId: past }, 'SESSION_PAST');
    expectRefused(fx, reception, 'appointments.reschedule', { id: a.id, sessionId: fx.ids.sessions.todayAfternoon }, 'VALIDATION', { field: 'sessionId', reason: 'same_session' });
    const b = book(p1, fx.ids.sessions.todayMorning);
    expectRefused(fx, reception, 'appointments.reschedule', { id: b.id, sessionId: fx.ids.sessions.todayAfternoon }, 'DUPLICATE_BOOKING');
    fx.ok(reception, 'appointments.cancel', { id: b.id, reason: 'x' });
    expectRefused(fx, reception, 'appointments.reschedule', { id: b.id, sessionId: fx.ids.sessions.todayPaeds }, 'ILLEGAL_TRANSITION', { from: 'cancelled' });
    expectRefused(fx, reception, 'appointments.reschedule', { id: UNKNOWN, sessionId: t }, 'NOT_FOUND', { field: 'id' });
    expect(fx.ok(reception, 'appointments.forPatient', { patientId: p1 }).items.find((x) => x.id === a.id)?.status).toBe('pending');
  });
});

describe('appointment lists', () => {
  it("the day's list: morning first, filters, pages; for reception and doctors", () => {
    const { sessions, staff, departments } = fx.ids;
    const late = book(p1, sessions.todayAfternoon);
    fx.advance(1000);
    const early = book(p2, sessions.todayMorning);
    fx.advance(1000);
    const paeds = book(p3, sessions.todayPaeds);
    book(p3, sessions.tomorrow);
    const doctor = fx.login('doctor');
    const all = fx.ok(doctor, 'appointments.day', { date: TODAY });
    expect(all.items.map((a) => a.id)).toEqual([early.id, late.id, paeds.id]);
    expect(all.hasMore).toBe(false);
    expect(fx.ok(reception, 'appointments.day', { date: TODAY, doctorId: staff.doctor2 }).items.map((a) => a.id)).toEqual([paeds.id]);
    expect(fx.ok(reception, 'appointments.day', { date: TODAY, departmentId: departments.internal }).items).toHaveLength(2);
    fx.ok(reception, 'appointments.confirm', { id: late.id });
    expect(fx.ok(reception, 'appointments.day', { date: TODAY, status: 'confirmed' }).items.map((a) => a.id)).toEqual([late.id]);
    const first = fx.ok(reception, 'appointments.day', { date: TODAY, limit: 2 });
    expect([first.items.length, first.hasMore]).toEqual([2, true]);
    const rest = fx.ok(reception, 'appointments.day', { date: TODAY, limit: 2, offset: 2 });
    expect([rest.items.map((a) => a.id), rest.hasMore]).toEqual([[paeds.id], false]);
    expectRefused(fx, fx.login('cashier'), 'appointments.day', { date: TODAY }, 'FORBIDDEN');
  });

  it("a patient's appointments, latest first; the read is audited", () => {
    const a = book(p1, fx.ids.sessions.todayMorning);
    const b = book(p1, fx.ids.sessions.tomorrow);
    const doctor = fx.login('doctor');
    expect(fx.ok(doctor, 'appointments.forPatient', { patientId: p1 }).items.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(fx.station.raw.prepare("SELECT account_id, procedure FROM audit_log WHERE action = 'read' AND patient_id = ?").all(p1))
      .toEqual([{ account_id: fx.ids.accounts.doctor, procedure: 'appointments.forPatient' }]);
    expectRefused(fx, reception, 'appointments.forPatient', { patientId: UNKNOWN }, 'NOT_FOUND', { field: 'patientId' });
    expectRefused(fx, fx.login('pharmacist'), 'appointments.forPatient', { patientId: p1 }, 'FORBIDDEN');
  });
});
