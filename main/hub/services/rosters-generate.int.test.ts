import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures } from '../../api/contract';
import { rooms, rosterSessions, staff } from '../../../db/schema';
import { withMasterWriter } from '../../station/master';
import { TODAY, TOMORROW, type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused } from '../../station/services/desk.testing';

let fx: Fixture;
let admin: { token: string };
const UNKNOWN = '0190a000-0000-7000-8000-000000000000';

beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const sessionsOf = (doctorId: string, from: string, to: string) =>
  (fx.station.raw.prepare('SELECT date, period, room_id AS roomId, capacity, department_id AS departmentId FROM roster_sessions WHERE doctor_id = ? AND date BETWEEN ? AND ? ORDER BY date, period')
    .all(doctorId, from, to)) as { date: string; period: string; roomId: string | null; capacity: number; departmentId: string }[];

function template(doctorId: string, weekday: number, period: 'morning' | 'afternoon' | 'full_day', roomId: string | null, capacity = 20) {
  return fx.ok(admin, 'rosters.createTemplate', { doctorId, weekday, period, roomId, capacity });
}

describe('templates', () => {
  it('create, list per doctor or all, update, deactivate; each change audited', () => {
    const { staff: s, rooms: r } = fx.ids;
    const t = template(s.doctor, 1, 'morning', r.room1, 30);
    expect(t).toMatchObject({ doctorId: s.doctor, doctorName: '李明', departmentName: '内科', weekday: 1, period: 'morning', roomName: '诊室1', capacity: 30, active: true });
    template(s.doctor2, 3, 'full_day', r.room2);
    expect(fx.ok(admin, 'rosters.templates', {}).items.map((x) => x.doctorName)).toEqual(['李明', '赵丽']);
    expect(fx.ok(admin, 'rosters.templates', { doctorId: s.doctor2 }).items.map((x) => x.weekday)).toEqual([3]);
    const u = fx.ok(admin, 'rosters.updateTemplate', { id: t.id, period: 'afternoon', capacity: 25, roomId: null });
    expect(u).toMatchObject({ period: 'afternoon', capacity: 25, roomId: null, roomName: null, weekday: 1 });
    expect(fx.ok(admin, 'rosters.deactivateTemplate', { id: t.id }).active).toBe(false);
    expect(fx.ok(admin, 'rosters.templates', {}).items.map((x) => x.doctorName)).toEqual(['赵丽']);
    expect(fx.ok(admin, 'rosters.templates', { includeInactive: true }).items).toHaveLength(2);
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE entity = 'roster_template' AND entity_id = ?", t.id)).toBe(3);
  });

  it('refuses bad templates: weekday, capacity, not a doctor, doctor gone, room inactive, clashes', () => {
    const { staff: s, rooms: r } = fx.ids;
    const ok = { doctorId: s.doctor, weekday: 2, period: 'morning' as const, roomId: r.room1, capacity: 20 };
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, weekday: 0 }, 'VALIDATION', { field: 'weekday' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, weekday: 8 }, 'VALIDATION', { field: 'weekday' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, capacity: 0 }, 'VALIDATION', { field: 'capacity' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, capacity: 501 }, 'VALIDATION', { field: 'capacity' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, doctorId: s.cashier }, 'VALIDATION', { field: 'doctorId', reason: 'not_a_doctor' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, doctorId: UNKNOWN }, 'NOT_FOUND', { field: 'doctorId' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, roomId: UNKNOWN }, 'NOT_FOUND', { field: 'roomId' });
    withMasterWriter(fx.station, (w) => { w.update(staff, s.doctor2, { status: 'left' }); w.update(rooms, r.room2, { active: false }); });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, doctorId: s.doctor2 }, 'VALIDATION', { field: 'doctorId', reason: 'not_active' });
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, roomId: r.room2 }, 'VALIDATION', { field: 'roomId', reason: 'room_inactive' });

    const t = template(s.doctor, 2, 'morning', r.room1);
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, period: 'full_day', roomId: null }, 'ROSTER_CONFLICT', {
      conflicts: [{ kind: 'doctor', weekday: 2, period: 'full_day', with: { templateId: t.id, period: 'morning' } }],
    });
    withMasterWriter(fx.station, (w) => w.update(staff, s.doctor2, { status: 'active' }));
    expectRefused(fx, admin, 'rosters.createTemplate', { ...ok, doctorId: s.doctor2 }, 'ROSTER_CONFLICT', { conflicts: [{ kind: 'room' }] });
    const other = template(s.doctor, 2, 'afternoon', r.room1);
    expectRefused(fx, admin, 'rosters.updateTemplate', { id: other.id, period: 'morning' }, 'ROSTER_CONFLICT');
    expectRefused(fx, admin, 'rosters.updateTemplate', { id: other.id }, 'VALIDATION', { reason: 'nothing_to_change' });
    expectRefused(fx, admin, 'rosters.updateTemplate', { id: UNKNOWN, capacity: 3 }, 'NOT_FOUND', { field: 'id' });
    // An inactive template does not block.
    fx.ok(admin, 'rosters.deactivateTemplate', { id: t.id });
    expect(template(s.doctor2, 2, 'morning', r.room1).doctorName).toBe('赵丽');
  });
});

describe('holidays', () => {
  it('add and list a range; the same date twice and bad dates are refused', () => {
    fx.ok(admin, 'rosters.addHoliday', { date: '2027-01-01', name: '元旦' });
    fx.ok(admin, 'rosters.addHoliday', { date: '2026-12-25', name: '圣诞' });
    expect(fx.ok(admin, 'rosters.holidays', { from: '2026-12-01', to: '2027-01-31' }).items.map((h) => [h.date, h.name]))
      .toEqual([['2026-12-25', '圣诞'], ['2027-01-01', '元旦']]);
    expect(fx.ok(admin, 'rosters.holidays', { from: '2027-01-02', to: '2027-01-31' }).items).toEqual([]);
    expectRefused(fx, admin, 'rosters.addHoliday', { date: '2027-01-01', name: '又一个' }, 'CONFLICT', { field: 'date' });
    expectRefused(fx, admin, 'rosters.addHoliday', { date: '2027-02-30', name: 'x' }, 'INVALID_DATE', { field: 'date' });
    expectRefused(fx, admin, 'rosters.addHoliday', { date: '2027-02-03', name: '  ' }, 'VALIDATION', { field: 'name' });
    expectRefused(fx, admin, 'rosters.holidays', { from: '2027-01-01', to: '2026-01-01' }, 'VALIDATION', { field: 'to', reason: 'before_from' });
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE entity = 'holiday'")).toBe(2);
  });

  it('a removed holiday leaves the list and generation; adding the date again brings its row back', () => {
    const { staff: s, rooms: r } = fx.ids;
    template(s.doctor, 3, 'morning', r.room1); // Wednesdays
    const h = fx.ok(admin, 'rosters.addHoliday', { date: '2026-12-02', name: '院庆' });
    fx.ok(admin, 'rosters.removeHoliday', { id: h.id });
    expect(fx.ok(admin, 'rosters.holidays', { from: '2026-12-01', to: '2026-12-31' }).items).toEqual([]);
    expect(fx.ok(admin, 'rosters.generate', { from: '2026-12-02', to: '2026-12-02' })).toMatchObject({ created: 1, skippedHolidays: [] });
    expectRefused(fx, admin, 'rosters.removeHoliday', { id: h.id }, 'NOT_FOUND', { field: 'id' });
    expectRefused(fx, admin, 'rosters.removeHoliday', { id: UNKNOWN }, 'NOT_FOUND', { field: 'id' });
    const again = fx.ok(admin, 'rosters.addHoliday', { date: '2026-12-02', name: '院庆日' });
    expect(again).toEqual({ id: h.id, date: '2026-12-02', name: '院庆日' });
    expect(count(fx, 'SELECT count(*) AS n FROM holidays')).toBe(1);
    expect(fx.ok(admin, 'rosters.generate', { from: '2026-12-09', to: '2026-12-09' })).toMatchObject({ created: 1 });
    expect(fx.ok(admin, 'rosters.generate', { from: '2026-12-02', to: '2026-12-09' })).toMatchObject({ created: 0, skippedHolidays: ['2026-12-02'] });
  });
});

describe('generate', () => {
  // TODAY 2026-11-23 is a Monday. The fixture has 李明 (doctor) on TODAY morning+afternoon and
  // TOMORROW morning in room 1, 赵丽 (doctor2) on TODAY full day in room 2.
  const from = '2026-11-25'; // Wednesday

  it('creates sessions across a month end, skips holidays, in the doctor department; re-running adds nothing', () => {
    const { staff: s, rooms: r, departments: d } = fx.ids;
    template(s.doctor, 3, 'morning', r.room1, 25); // Wednesdays
    template(s.doctor, 5, 'afternoon', null, 10); // Fridays, no room
    fx.ok(admin, 'rosters.addHoliday', { date: '2026-12-02', name: '院庆' }); // a Wednesday
    fx.ok(admin, 'rosters.addHoliday', { date: '2026-12-05', name: '周六' }); // no template that day: not reported
    const r1 = fx.ok(admin, 'rosters.generate', { from, to: '2026-12-09' });
    expect(r1).toEqual({ created: 4, skippedHolidays: ['2026-12-02'], skippedExisting: 0, skippedTemplates: [] });
    expect(sessionsOf(s.doctor, from, '2026-12-31')).toEqual([
      { date: '2026-11-25', period: 'morning', roomId: r.room1, capacity: 25, departmentId: d.internal },
      { date: '2026-11-27', period: 'afternoon', roomId: null, capacity: 10, departmentId: d.internal },
      { date: '2026-12-04', period: 'afternoon', roomId: null, capacity: 10, departmentId: d.internal },
      { date: '2026-12-09', period: 'morning', roomId: r.room1, capacity: 25, departmentId: d.internal },
    ]);
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE entity = 'roster_session' AND action = 'create'")).toBe(4);
    const before = count(fx, 'SELECT count(*) AS n FROM change_log');
    expect(fx.ok(admin, 'rosters.generate', { from, to: '2026-12-09' })).toEqual({ created: 0, skippedHolidays: ['2026-12-02'], skippedExisting: 4, skippedTemplates: [] });
    expect(count(fx, 'SELECT count(*) AS n FROM change_log')).toBe(before + 0);
    // A longer range only adds the new dates; a stopped session is not made again.
    const first = fx.ok(admin, 'rosters.sessions', { from, to: from }).items[0]!;
    fx.ok(admin, 'rosters.stop', { sessionId: first.id, reason: '会议' });
    expect(fx.ok(admin, 'rosters.generate', { from, to: '2026-12-11' })).toMatchObject({ created: 1, skippedExisting: 4 });
    expect(count(fx, 'SELECT count(*) AS n FROM roster_sessions WHERE date = ?', from)).toBe(1);
  });

  it('refuses the whole generation when one new session overlaps the doctor’s existing one; nothing is written', () => {
    const { staff: s, rooms: r } = fx.ids;
    template(s.doctor, 3, 'morning', r.room1);
    template(s.doctor, 2, 'full_day', r.room1); // Tuesdays: TOMORROW already has a morning session of his
    const before = count(fx, 'SELECT count(*) AS n FROM roster_sessions');
    // Only Tuesday 2026-11-24 clashes; the other Tuesday and both Wednesdays would be fine, yet nothing is written.
    expectRefused(fx, admin, 'rosters.generate', { from: TOMORROW, to: '2026-12-06' }, 'ROSTER_CONFLICT', {
      field: 'from', count: 1,
      conflicts: [{
        kind: 'doctor', date: TOMORROW, period: 'full_day', doctorId: s.doctor, roomId: r.room1,
        with: { sessionId: fx.ids.sessions.tomorrow, period: 'morning', doctorId: s.doctor, roomId: r.room1 },
      }],
    });
    expect(count(fx, 'SELECT count(*) AS n FROM roster_sessions')).toBe(before);
    expect(fx.ok(admin, 'rosters.generate', { from: '2026-11-25', to: '2026-12-06' }).created).toBe(3);
  });

  it('refuses a room clash with another doctor; a stopped session of another doctor frees the room', () => {
    const { staff: s, rooms: r, departments: dep } = fx.ids;
    const theirs = withMasterWriter(fx.station, (w) => w.insert(rosterSessions, {
      date: '2026-11-26', period: 'full_day', doctorId: s.doctor2, departmentId: dep.paeds, roomId: r.room1, capacity: 5,
    }));
    template(s.doctor, 4, 'afternoon', r.room1); // Thursdays
    expectRefused(fx, admin, 'rosters.generate', { from, to: '2026-11-30' }, 'ROSTER_CONFLICT', {
      count: 1, conflicts: [{ kind: 'room', date: '2026-11-26', doctorId: s.doctor, roomId: r.room1, with: { sessionId: theirs, doctorId: s.doctor2 } }],
    });
    withMasterWriter(fx.station, (w) => w.update(rosterSessions, theirs, { stopped: true, stopReason: '停诊' }));
    expect(fx.ok(admin, 'rosters.generate', { from, to: '2026-11-30' }).created).toBe(1);
  });

  it('ignores inactive templates and reports those whose doctor or room is no longer in use; doctorIds narrows', () => {
    const { staff: s, rooms: r } = fx.ids;
    const off = template(s.doctor, 3, 'morning', r.room1);
    fx.ok(admin, 'rosters.deactivateTemplate', { id: off.id });
    const paeds = template(s.doctor2, 3, 'morning', r.room2);
    const late = template(s.doctor, 4, 'morning', r.room1);
    expect(fx.ok(admin, 'rosters.generate', { from, to: from, doctorIds: [s.doctor] })).toMatchObject({ created: 0, skippedTemplates: [] });
    withMasterWriter(fx.station, (w) => { w.update(staff, s.doctor2, { status: 'on_leave' }); w.update(rooms, r.room1, { active: false }); });
    const res = fx.ok(admin, 'rosters.generate', { from, to: '2026-11-26' });
    expect(res.created).toBe(0);
    expect(res.skippedTemplates).toEqual(expect.arrayContaining([
      { templateId: paeds.id, reason: 'doctor_inactive' }, { templateId: late.id, reason: 'room_inactive' },
    ]));
    expect(res.skippedTemplates).toHaveLength(2);
    expectRefused(fx, admin, 'rosters.generate', { from, to: from, doctorIds: [UNKNOWN] }, 'NOT_FOUND', { field: 'doctorIds', ids: [UNKNOWN] });
  });

  it('refuses bad ranges: to before from, more than 92 days, dates that are not dates, the past', () => {
    const { staff: s, rooms: r } = fx.ids;
    template(s.doctor, 3, 'morning', r.room1);
    expectRefused(fx, admin, 'rosters.generate', { from: '2026-12-10', to: '2026-12-09' }, 'VALIDATION', { field: 'to', reason: 'before_from' });
    expectRefused(fx, admin, 'rosters.generate', { from: TODAY, to: '2027-02-23' }, 'VALIDATION', { field: 'to', reason: 'range_too_long', maxDays: 92 });
    expect(fx.ok(admin, 'rosters.generate', { from: TODAY, to: '2027-02-22' }).created).toBe(13); // 92 days: the most allowed
    expectRefused(fx, admin, 'rosters.generate', { from: '2026-11-31', to: '2026-12-09' }, 'INVALID_DATE', { field: 'from' });
    expectRefused(fx, admin, 'rosters.generate', { from: '2026-12-01', to: '2026/12/09' }, 'VALIDATION', { field: 'to' });
    expectRefused(fx, admin, 'rosters.generate', { from: '2026-11-22', to: '2026-12-09' }, 'VALIDATION', { field: 'from', reason: 'in_past' });
  });
});

describe('only admins', () => {
  it('every rosters procedure but the call list is for admins only, at the hub', () => {
    const names = Object.keys(procedures).filter((n) => n.startsWith('rosters.')) as (keyof typeof procedures)[];
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const name of names) {
      const def = procedures[name];
      if (name === 'rosters.callList') {
        expect([def.access, def.at]).toEqual([['receptionist', 'admin'], undefined]);
        continue;
      }
      expect([name, def.access, def.at]).toEqual([name, ['admin'], 'hub']);
    }
    expectRefused(fx, fx.login('doctor'), 'rosters.callList', { sessionId: fx.ids.sessions.tomorrow }, 'FORBIDDEN');
    for (const user of ['reception', 'doctor', 'cashier', 'pharmacist'] as const) {
      expectRefused(fx, fx.login(user), 'rosters.generate', { from: '2026-11-25', to: '2026-11-25' }, 'FORBIDDEN');
      expectRefused(fx, fx.login(user), 'rosters.createTemplate', { doctorId: fx.ids.staff.doctor, weekday: 3, period: 'morning', capacity: 5 }, 'FORBIDDEN');
      expectRefused(fx, fx.login(user), 'rosters.stop', { sessionId: fx.ids.sessions.tomorrow, reason: 'x' }, 'FORBIDDEN');
    }
  });
});
