import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationEvents } from '../../api/contract';
import { rooms, rosterSessions, visits } from '../../../db/schema';
import { withMasterWriter } from '../../station/master';
import { TODAY, TOMORROW, type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused, register } from '../../station/services/desk.testing';

let fx: Fixture;
let admin: { token: string };
let reception: { token: string };
let p1: string, p2: string, p3: string;
/** 李明's Wednesday session, 2026-11-25, 5 seats, room 1. */
let wed: string;
const UNKNOWN = '0190a000-0000-7000-8000-000000000000';

beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
  reception = fx.login('reception');
  p1 = register(fx, reception, { name: '张三', phone: '13812345678' }).patient.id;
  p2 = register(fx, reception, { name: '李四', phone: '13900001111' }).patient.id;
  p3 = register(fx, reception, { name: '王五' }).patient.id;
  const { staff, departments, rooms: r } = fx.ids;
  wed = withMasterWriter(fx.station, (w) => w.insert(rosterSessions, {
    date: '2026-11-25', period: 'morning', doctorId: staff.doctor, departmentId: departments.internal, roomId: r.room1, capacity: 5,
  }));
});
afterEach(() => fx.close());

/** Books in this order, a minute apart, so "latest" is well defined. */
function bookAll<T extends string[]>(sessionId: string, ...patientIds: T): { [K in keyof T]: string } {
  return patientIds.map((patientId) => {
    fx.advance(60_000);
    return fx.ok(reception, 'appointments.book', { patientId, sessionId }).id;
  }) as { [K in keyof T]: string };
}

const statusOf = (id: string) => (fx.station.raw.prepare('SELECT status, cancel_reason AS reason FROM appointments WHERE id = ?').get(id));

describe('the admin calendar', () => {
  it('lists a range with booked/capacity and stops; refuses a range over 31 days', () => {
    bookAll(wed, p1, p2);
    const items = fx.ok(admin, 'rosters.sessions', { from: TODAY, to: '2026-11-30' }).items;
    expect(items.map((s) => [s.date, s.period, s.doctorName])).toEqual([
      [TODAY, 'morning', '李明'], [TODAY, 'afternoon', '李明'], [TODAY, 'full_day', '赵丽'], [TOMORROW, 'morning', '李明'], ['2026-11-25', 'morning', '李明'],
    ]);
    expect(items.at(-1)).toMatchObject({ id: wed, capacity: 5, booked: 2, seatsLeft: 3, stopped: false, past: false, roomName: '诊室1' });
    expect(fx.ok(admin, 'rosters.sessions', { from: TODAY, to: TODAY, doctorId: fx.ids.staff.doctor2 }).items).toHaveLength(1);
    expect(fx.ok(admin, 'rosters.sessions', { from: TODAY, to: TODAY, departmentId: fx.ids.departments.internal }).items).toHaveLength(2);
    expect(fx.ok(admin, 'rosters.sessions', { from: TODAY, to: '2026-12-23' }).items.length).toBeGreaterThan(0); // 31 days
    expectRefused(fx, admin, 'rosters.sessions', { from: TODAY, to: '2026-12-24' }, 'VALIDATION', { field: 'to', reason: 'range_too_long', maxDays: 31 });
    expectRefused(fx, admin, 'rosters.sessions', { from: TODAY, to: '2026-11-22' }, 'VALIDATION', { field: 'to', reason: 'before_from' });
  });
});

describe('updateSession: capacity', () => {
  it('below the bookings: refused with the bookings listed, nothing written', () => {
    const [a1, a2, a3] = bookAll(wed, p1, p2, p3);
    const d = expectRefused(fx, admin, 'rosters.updateSession', { sessionId: wed, capacity: 2 }, 'CAPACITY_BELOW_BOOKINGS', {
      field: 'capacity', booked: 3, capacity: 2,
    });
    expect((d?.['bookings'] as { appointmentId: string; bookingNo: number }[]).map((b) => [b.appointmentId, b.bookingNo])).toEqual([[a1, 1], [a2, 2], [a3, 3]]);
    // At or above the bookings: no decision needed.
    expect(fx.ok(admin, 'rosters.updateSession', { sessionId: wed, capacity: 3 }).session).toMatchObject({ capacity: 3, booked: 3, seatsLeft: 0 });
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE entity = 'roster_session' AND entity_id = ?", wed)).toBe(1);
  });

  it("'keep' stays overbooked, explicitly", () => {
    bookAll(wed, p1, p2, p3);
    const r = fx.ok(admin, 'rosters.updateSession', { sessionId: wed, capacity: 1, overflow: 'keep' });
    expect(r).toMatchObject({ session: { capacity: 1, booked: 3, seatsLeft: 0 }, cancelled: [] });
    expect(count(fx, "SELECT count(*) AS n FROM appointments WHERE session_id = ? AND status = 'pending'", wed)).toBe(3);
    const p4 = register(fx, reception, { name: '赵六' }).patient.id;
    expectRefused(fx, reception, 'appointments.book', { patientId: p4, sessionId: wed }, 'SESSION_FULL', { capacity: 1, booked: 3 });
  });

  it("'cancel_latest' cancels the latest bookings through the lifecycle; they stay on the call list", () => {
    const [a1, a2, a3] = bookAll(wed, p1, p2, p3);
    fx.ok(reception, 'appointments.confirm', { id: a3 }); // confirmed or pending: both can be cancelled
    const r = fx.ok(admin, 'rosters.updateSession', { sessionId: wed, capacity: 1, overflow: 'cancel_latest' });
    expect(r.session).toMatchObject({ capacity: 1, booked: 1, seatsLeft: 0 });
    expect(r.cancelled.map((c) => [c.appointmentId, c.patientName, c.status, c.reason, c.bookingNo])).toEqual([
      [a2, '李四', 'cancelled', 'capacity_reduced', 2], [a3, '王五', 'cancelled', 'capacity_reduced', 3],
    ]);
    expect(r.cancelled[0]).toMatchObject({ phone: '13900001111', recordNo: expect.any(String) });
    expect([statusOf(a1), statusOf(a2), statusOf(a3)]).toEqual([
      { status: 'pending', reason: null }, { status: 'cancelled', reason: 'capacity_reduced' }, { status: 'cancelled', reason: 'capacity_reduced' },
    ]);
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE entity = 'appointment' AND action = 'update' AND entity_id IN (?, ?)", a2, a3)).toBe(3);
    const list = fx.ok(reception, 'rosters.callList', { sessionId: wed });
    expect(list.items.map((c) => [c.patientName, c.status, c.reason])).toEqual([
      ['张三', 'pending', 'booked'], ['李四', 'cancelled', 'capacity_reduced'], ['王五', 'cancelled', 'capacity_reduced'],
    ]);
    // An appointment the desk cancels for its own reason leaves the call list.
    fx.ok(reception, 'appointments.cancel', { id: a1, reason: '患者改期' });
    expect(fx.ok(reception, 'rosters.callList', { sessionId: wed }).items.map((c) => c.patientName)).toEqual(['李四', '王五']);
  });

  it("'cancel_latest' is refused when walk-ins hold the seats it would need", () => {
    const { staff, departments } = fx.ids;
    const today = fx.ids.sessions.todayMorning; // capacity 3
    bookAll(today, p1);
    withMasterWriter(fx.station, (w) => {
      for (const patientId of [p2, p3]) {
        w.insert(visits, {
          patientId, visitDate: TODAY, sessionId: today, doctorId: staff.doctor, departmentId: departments.internal, queueNo: 'A1-001',
          queueOrder: fx.clock.t, visitType: 'first', status: 'waiting', feeFen: 1500, feeStatus: 'paid', checkedInAt: fx.clock.t,
        });
      }
    });
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: today, capacity: 1, overflow: 'cancel_latest' }, 'CAPACITY_BELOW_BOOKINGS', {
      field: 'capacity', booked: 3, capacity: 1, reason: 'not_enough_cancellable', cancellable: 1,
    });
    expect(fx.ok(admin, 'rosters.updateSession', { sessionId: today, capacity: 2, overflow: 'cancel_latest' }).cancelled).toHaveLength(1);
  });

  it('refuses past and stopped sessions, bad capacities, nothing to change, unknown sessions', () => {
    const { staff, departments, rooms: r } = fx.ids;
    const past = withMasterWriter(fx.station, (w) => w.insert(rosterSessions, {
      date: '2026-11-22', period: 'morning', doctorId: staff.doctor, departmentId: departments.internal, roomId: r.room1, capacity: 5,
    }));
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: past, capacity: 9 }, 'SESSION_PAST', { field: 'sessionId' });
    fx.ok(admin, 'rosters.stop', { sessionId: wed, reason: '培训' });
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: wed, capacity: 9 }, 'SESSION_STOPPED', { field: 'sessionId', stopReason: '培训' });
    const t = fx.ids.sessions.tomorrow;
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: t, capacity: 0 }, 'VALIDATION', { field: 'capacity' });
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: t, capacity: 501 }, 'VALIDATION', { field: 'capacity' });
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: t }, 'VALIDATION', { reason: 'nothing_to_change' });
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: UNKNOWN, capacity: 3 }, 'NOT_FOUND', { field: 'sessionId' });
  });
});

describe('updateSession: room', () => {
  it('moves a session to a free room; refuses a room another doctor uses then, or one not in use', () => {
    const { rooms: r } = fx.ids;
    const afternoon = fx.ids.sessions.todayAfternoon;
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: afternoon, roomId: r.room2 }, 'ROSTER_CONFLICT', {
      field: 'roomId', conflicts: [{ kind: 'room', roomId: r.room2, with: { sessionId: fx.ids.sessions.todayPaeds, doctorId: fx.ids.staff.doctor2 } }],
    });
    const room3 = withMasterWriter(fx.station, (w) => w.insert(rooms, { departmentId: fx.ids.departments.internal, name: '诊室3' }));
    expect(fx.ok(admin, 'rosters.updateSession', { sessionId: afternoon, roomId: room3 }).session).toMatchObject({ roomId: room3, roomName: '诊室3' });
    expect(fx.ok(admin, 'rosters.updateSession', { sessionId: afternoon, roomId: null }).session.roomId).toBeNull();
    // His own morning session in room 1 is no clash for his afternoon; a room's own session is not compared with itself.
    expect(fx.ok(admin, 'rosters.updateSession', { sessionId: afternoon, roomId: r.room1 }).session.roomName).toBe('诊室1');
    expect(fx.ok(admin, 'rosters.updateSession', { sessionId: afternoon, roomId: r.room1, capacity: 21 }).session.capacity).toBe(21);
    withMasterWriter(fx.station, (w) => w.update(rooms, room3, { active: false }));
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: afternoon, roomId: room3 }, 'VALIDATION', { field: 'roomId', reason: 'room_inactive' });
    expectRefused(fx, admin, 'rosters.updateSession', { sessionId: afternoon, roomId: UNKNOWN }, 'NOT_FOUND', { field: 'roomId' });
  });
});

describe('stop', () => {
  it('stops with a reason, tells every listener once committed, and answers the patients to phone', () => {
    const notices: StationEvents['notice'][] = [];
    fx.station.on('notice', (n) => notices.push(n));
    const [a1, a2] = bookAll(wed, p1, p2);
    fx.ok(reception, 'appointments.cancel', { id: a2, reason: '不来了' });
    const r = fx.ok(admin, 'rosters.stop', { sessionId: wed, reason: '医生外出学习' });
    expect(r.session).toMatchObject({ id: wed, stopped: true, stopReason: '医生外出学习' });
    expect(r.callList).toEqual([{
      appointmentId: a1, patientId: p1, patientName: '张三', recordNo: expect.any(String), phone: '13812345678', status: 'pending',
      source: 'phone', bookingNo: 1, bookedAt: expect.any(Number), reason: 'stopped',
    }]);
    expect(notices).toEqual([{ id: `session_stopped:${wed}`, kind: 'session_stopped', message: expect.stringContaining('医生外出学习'), at: fx.clock.t }]);
    expect(notices[0]!.message).toContain('2026-11-25');
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE entity = 'roster_session' AND entity_id = ? AND action = 'update'", wed)).toBe(1);
    // The replica carries the stop: the desk's call list, the catalog.
    expect(fx.ok(reception, 'rosters.callList', { sessionId: wed }).items.map((c) => [c.patientName, c.reason])).toEqual([['张三', 'stopped']]);
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE action = 'read' AND entity = 'patient' AND entity_id = ?", p1)).toBeGreaterThanOrEqual(2);

    // Refused again, with no second notice.
    expectRefused(fx, admin, 'rosters.stop', { sessionId: wed, reason: '再停' }, 'SESSION_STOPPED', { field: 'sessionId', stopReason: '医生外出学习' });
    expect(notices).toHaveLength(1);
  });

  it('a stopped session takes no booking (the appointments service refuses it)', () => {
    fx.ok(admin, 'rosters.stop', { sessionId: wed, reason: '停电' });
    expectRefused(fx, reception, 'appointments.book', { patientId: p1, sessionId: wed }, 'SESSION_STOPPED', { stopReason: '停电' });
    const [a] = bookAll(fx.ids.sessions.tomorrow, p1);
    expectRefused(fx, reception, 'appointments.reschedule', { id: a, sessionId: wed }, 'SESSION_STOPPED');
  });

  it('refuses a past session, an empty reason, an unknown session; a refused stop tells nobody', () => {
    const notices: unknown[] = [];
    fx.station.on('notice', (n) => notices.push(n));
    const { staff, departments, rooms: r } = fx.ids;
    const past = withMasterWriter(fx.station, (w) => w.insert(rosterSessions, {
      date: '2026-11-20', period: 'morning', doctorId: staff.doctor, departmentId: departments.internal, roomId: r.room1, capacity: 5,
    }));
    expectRefused(fx, admin, 'rosters.stop', { sessionId: past, reason: '太晚' }, 'SESSION_PAST', { field: 'sessionId' });
    expectRefused(fx, admin, 'rosters.stop', { sessionId: wed, reason: '   ' }, 'VALIDATION', { field: 'reason' });
    expectRefused(fx, admin, 'rosters.stop', { sessionId: UNKNOWN, reason: '停' }, 'NOT_FOUND', { field: 'sessionId' });
    expect(notices).toEqual([]);
    // Today's session can still be stopped (sessions have no end time).
    expect(fx.ok(admin, 'rosters.stop', { sessionId: fx.ids.sessions.todayAfternoon, reason: '急诊' }).session.stopped).toBe(true);
  });
});

describe('callList', () => {
  it('runs on the replica for the desk; unknown sessions are NOT_FOUND', () => {
    bookAll(wed, p3, p1);
    const r = fx.ok(reception, 'rosters.callList', { sessionId: wed });
    expect(r.session).toMatchObject({ id: wed, doctorName: '李明', date: '2026-11-25', period: 'morning' });
    expect(r.items.map((c) => [c.patientName, c.bookingNo, c.reason, c.phone])).toEqual([['王五', 1, 'booked', null], ['张三', 2, 'booked', '13812345678']]);
    expectRefused(fx, reception, 'rosters.callList', { sessionId: UNKNOWN }, 'NOT_FOUND', { field: 'sessionId' });
  });
});
