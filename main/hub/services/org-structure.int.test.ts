import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterSessions, rosterTemplates, staff } from '../../../db/schema';
import { withMasterWriter } from '../../station/master';
import { type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused } from '../../station/testing-expect';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

/** Change-log rows for one row of a table: what replicates. */
const logged = (table: string, rowId: string) => count(fx, 'SELECT count(*) n FROM change_log WHERE table_name = ? AND row_id = ?', table, rowId);
const audited = (action: string, entity: string, id: string) =>
  count(fx, 'SELECT count(*) n FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ? AND patient_id IS NULL', action, entity, id);

describe('org departments', () => {
  it('lists every department with its active staff and rooms; creates one (code upper-cased), logged and audited', () => {
    const d = fx.ok(admin, 'org.createDepartment', { code: ' wk ', name: '外科', nameEn: 'Surgery' });
    expect(d).toMatchObject({ code: 'WK', name: '外科', nameEn: 'Surgery', active: true, activeStaff: 0, activeRooms: 0 });
    expect(logged('departments', d.id)).toBe(1);
    expect(audited('create', 'departments', d.id)).toBe(1);
    const items = fx.ok(admin, 'org.departments', {}).items;
    expect(items.map((x) => [x.code, x.activeStaff, x.activeRooms])).toEqual([['EK', 1, 1], ['NK', 1, 1], ['WK', 0, 0]]);
    // The desks see it too (replicated master data).
    expect(fx.ok(fx.login('reception'), 'catalog.departments', {}).items.map((x) => x.code)).toEqual(['EK', 'NK', 'WK']);
  });

  it('refuses a taken code (any case) or a bad one, writing nothing', () => {
    const before = count(fx, 'SELECT count(*) n FROM departments');
    expectRefused(fx, admin, 'org.createDepartment', { code: 'nk', name: '内科二', nameEn: 'IM 2' }, 'ALREADY_EXISTS', {
      field: 'code', value: 'NK', id: fx.ids.departments.internal,
    });
    expectRefused(fx, admin, 'org.createDepartment', { code: 'N K', name: 'x', nameEn: 'x' }, 'VALIDATION', { field: 'code' });
    expectRefused(fx, admin, 'org.createDepartment', { code: 'ABCDEFGHIJK', name: 'x', nameEn: 'x' }, 'VALIDATION', { field: 'code' });
    expectRefused(fx, admin, 'org.createDepartment', { code: 'ZZ', name: ' ', nameEn: 'x' }, 'VALIDATION', { field: 'name' });
    expect(count(fx, 'SELECT count(*) n FROM departments')).toBe(before);
  });

  it('updates code and names; an unchanged update writes nothing; a taken code is refused', () => {
    const id = fx.ids.departments.paeds;
    const d = fx.ok(admin, 'org.updateDepartment', { id, code: 'ped', nameEn: 'Pediatrics' });
    expect(d).toMatchObject({ code: 'PED', name: '儿科', nameEn: 'Pediatrics' });
    expect(audited('update', 'departments', id)).toBe(1);
    const logRows = count(fx, 'SELECT count(*) n FROM change_log');
    fx.ok(admin, 'org.updateDepartment', { id, code: 'PED', name: '儿科' });
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(logRows);
    expect(audited('update', 'departments', id)).toBe(1);
    expectRefused(fx, admin, 'org.updateDepartment', { id, code: 'NK' }, 'ALREADY_EXISTS', { field: 'code' });
    expectRefused(fx, admin, 'org.updateDepartment', { id: '019a0000-0000-7000-8000-000000000000', name: 'x' }, 'NOT_FOUND', { field: 'id' });
  });

  it('refuses deactivating a department that still has staff, rooms or sessions, listing them', () => {
    const id = fx.ids.departments.paeds;
    const details = expectRefused(fx, admin, 'org.setDepartmentActive', { id, active: false }, 'IN_USE', {
      field: 'active', reason: 'department_in_use', staffCount: 1, roomCount: 1, upcomingSessions: 1,
    });
    expect(details?.['staff']).toEqual([{ id: fx.ids.staff.doctor2, name: '赵丽' }]);
    expect(details?.['rooms']).toEqual([{ id: fx.ids.rooms.room2, name: '诊室2' }]);
  });

  it('deactivates once the staff left, the rooms closed and the sessions stopped; reactivates', () => {
    const id = fx.ids.departments.paeds;
    withMasterWriter(fx.station, (w) => {
      w.update(staff, fx.ids.staff.doctor2, { departmentId: fx.ids.departments.internal });
      w.update(rosterSessions, fx.ids.sessions.todayPaeds, { stopped: true });
    });
    fx.ok(admin, 'org.setRoomActive', { id: fx.ids.rooms.room2, active: false });
    const off = fx.ok(admin, 'org.setDepartmentActive', { id, active: false });
    expect(off).toMatchObject({ active: false, activeStaff: 0, activeRooms: 0 });
    expect(logged('departments', id)).toBe(2);
    expect(audited('update', 'departments', id)).toBe(1);
    expect(fx.ok(admin, 'org.departments', {}).items.find((x) => x.id === id)?.active).toBe(false);
    expect(fx.ok(fx.login('reception'), 'catalog.departments', {}).items.map((x) => x.code)).toEqual(['NK']);
    // Nothing can be put in an inactive department.
    expectRefused(fx, admin, 'org.createRoom', { departmentId: id, name: '诊室9' }, 'DEPARTMENT_INACTIVE', { field: 'departmentId' });
    expectRefused(fx, admin, 'org.setRoomActive', { id: fx.ids.rooms.room2, active: true }, 'DEPARTMENT_INACTIVE', { field: 'departmentId' });
    expectRefused(fx, admin, 'org.updateStaff', { id: fx.ids.staff.doctor2, departmentId: id }, 'DEPARTMENT_INACTIVE', { field: 'departmentId' });
    expect(fx.ok(admin, 'org.setDepartmentActive', { id, active: true }).active).toBe(true);
  });
});

describe('org rooms', () => {
  it('creates, lists (inactive too, by department code), renames and moves a room', () => {
    const { internal, paeds } = fx.ids.departments;
    const r = fx.ok(admin, 'org.createRoom', { departmentId: internal, name: '诊室3' });
    expect(r).toMatchObject({ departmentId: internal, departmentCode: 'NK', departmentName: '内科', name: '诊室3', active: true });
    expect(logged('rooms', r.id)).toBe(1);
    expect(audited('create', 'rooms', r.id)).toBe(1);
    const moved = fx.ok(admin, 'org.updateRoom', { id: r.id, name: '诊室5', departmentId: paeds });
    expect(moved).toMatchObject({ name: '诊室5', departmentId: paeds, departmentCode: 'EK' });
    expect(audited('update', 'rooms', r.id)).toBe(1);
    fx.ok(admin, 'org.setRoomActive', { id: r.id, active: false });
    expect(fx.ok(admin, 'org.rooms', {}).items.map((x) => [x.departmentCode, x.name, x.active])).toEqual([
      ['EK', '诊室2', true], ['EK', '诊室5', false], ['NK', '诊室1', true],
    ]);
    expect(fx.ok(admin, 'org.rooms', { departmentId: internal }).items.map((x) => x.name)).toEqual(['诊室1']);
  });

  it('refuses a name taken in the department, an unknown department or room', () => {
    const { internal, paeds } = fx.ids.departments;
    expectRefused(fx, admin, 'org.createRoom', { departmentId: internal, name: '诊室1' }, 'ALREADY_EXISTS', { field: 'name', id: fx.ids.rooms.room1 });
    expectRefused(fx, admin, 'org.updateRoom', { id: fx.ids.rooms.room2, departmentId: internal, name: '诊室1' }, 'ALREADY_EXISTS', { field: 'name' });
    // Moving 诊室2 alone is fine: the name is free in 内科.
    expect(fx.ok(admin, 'org.createRoom', { departmentId: paeds, name: '诊室1' }).name).toBe('诊室1');
    const nowhere = '019a0000-0000-7000-8000-000000000001';
    expectRefused(fx, admin, 'org.createRoom', { departmentId: nowhere, name: 'x' }, 'NOT_FOUND', { field: 'departmentId' });
    expectRefused(fx, admin, 'org.updateRoom', { id: nowhere, name: 'x' }, 'NOT_FOUND', { field: 'id' });
  });

  it('refuses deactivating a room with sessions from today on or active templates', () => {
    const room = fx.ids.rooms.room1;
    expectRefused(fx, admin, 'org.setRoomActive', { id: room, active: false }, 'IN_USE', { field: 'active', reason: 'room_in_use', upcomingSessions: 3 });
    const template = withMasterWriter(fx.station, (w) => {
      for (const s of [fx.ids.sessions.todayMorning, fx.ids.sessions.todayAfternoon, fx.ids.sessions.tomorrow]) w.update(rosterSessions, s, { stopped: true });
      // A past session does not hold the room.
      w.insert(rosterSessions, { date: '2026-11-20', period: 'morning', doctorId: fx.ids.staff.doctor, departmentId: fx.ids.departments.internal, roomId: room, capacity: 5 });
      return w.insert(rosterTemplates, { doctorId: fx.ids.staff.doctor, weekday: 1, period: 'morning', roomId: room, capacity: 10 });
    });
    expectRefused(fx, admin, 'org.setRoomActive', { id: room, active: false }, 'IN_USE', { upcomingSessions: 0, activeTemplates: 1 });
    withMasterWriter(fx.station, (w) => w.update(rosterTemplates, template, { active: false }));
    expect(fx.ok(admin, 'org.setRoomActive', { id: room, active: false }).active).toBe(false);
  });
});
