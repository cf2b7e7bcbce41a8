import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogProcedures } from '../../api/procedures/catalog';
import { ROLES } from '../../domain/enums';
import { accounts, departments, examItems, rosterSessions, staff } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { hashPassword } from '../password';
import { createFixture, TEST_PASSWORD, TEST_SCRYPT, TODAY, TOMORROW, type Fixture } from '../testing';
import { expectRefused, register } from './desk.testing';

let fx: Fixture;
let reception: { token: string };
beforeEach(() => {
  fx = createFixture();
  reception = fx.login('reception');
});
afterEach(() => fx.close());

describe('catalog', () => {
  it('exam items: the active ones with prices, by code, optionally one category', () => {
    const me = fx.login('doctor');
    expect(fx.ok(me, 'catalog.examItems', {}).items.map((e) => [e.code, e.name, e.priceFen])).toEqual([['E001', '血常规', 2500], ['E002', '胸部X线', 8000]]);
    expect(fx.ok(me, 'catalog.examItems', { category: 'imaging' }).items.map((e) => e.code)).toEqual(['E002']);
    withMasterWriter(fx.station, (w) => w.update(examItems, fx.ids.exams.chestXray, { active: false }));
    expect(fx.ok(me, 'catalog.examItems', {}).items.map((e) => e.code)).toEqual(['E001']);
    expectRefused(fx, me, 'catalog.examItems', { category: 'massage' as never }, 'VALIDATION');
  });

  it('departments: the active ones, by code', () => {
    withMasterWriter(fx.station, (w) => w.insert(departments, { code: 'ZZ', name: '旧科室', nameEn: 'Old', active: false }));
    expect(fx.ok(reception, 'catalog.departments', {}).items).toEqual([
      { id: fx.ids.departments.paeds, code: 'EK', name: '儿科', nameEn: 'Paediatrics' },
      { id: fx.ids.departments.internal, code: 'NK', name: '内科', nameEn: 'Internal Medicine' },
    ]);
  });

  it('doctors: with department, title and fee; those who left are not listed, those on leave are', () => {
    const { departments: d } = fx.ids;
    withMasterWriter(fx.station, (w) => {
      w.insert(staff, { name: '钱进', sex: 'M', position: 'doctor', departmentId: d.internal, status: 'left' });
      w.insert(staff, { name: '孙休', sex: 'M', position: 'doctor', departmentId: d.internal, status: 'on_leave', title: '主任医师', registrationFeeFen: 5000 });
    });
    const all = fx.ok(fx.login('cashier'), 'catalog.doctors', {}).items;
    expect(all.map((x) => x.name)).toEqual(['赵丽', '孙休', '李明']); // 儿科 (EK) before 内科 (NK)
    expect(all.find((x) => x.name === '李明')).toEqual({
      id: fx.ids.staff.doctor, name: '李明', title: '主治医师', specialty: '', departmentId: d.internal, departmentName: '内科',
      registrationFeeFen: 1500, status: 'active',
    });
    expect(fx.ok(reception, 'catalog.doctors', { departmentId: d.paeds }).items.map((x) => x.id)).toEqual([fx.ids.staff.doctor2]);
  });

  it('sessions: booked/capacity, seats left, stop notices and past days, in day and period order', () => {
    const { sessions: s, staff: st, departments: d, rooms: r } = fx.ids;
    const [yesterday, stopped] = withMasterWriter(fx.station, (w) => [
      w.insert(rosterSessions, { date: '2026-11-22', period: 'afternoon', doctorId: st.doctor, departmentId: d.internal, roomId: null, capacity: 5 }),
      w.insert(rosterSessions, { date: TOMORROW, period: 'afternoon', doctorId: st.doctor2, departmentId: d.paeds, roomId: r.room2, capacity: 5, stopped: true, stopReason: '医生培训' }),
    ]);
    const p = register(fx, reception, { name: '张三' }).patient.id;
    fx.ok(reception, 'appointments.book', { patientId: p, sessionId: s.tomorrow });
    const items = fx.ok(reception, 'catalog.sessions', { from: '2026-11-22', to: TOMORROW }).items;
    expect(items.map((x) => x.id)).toEqual([yesterday, s.todayMorning, s.todayAfternoon, s.todayPaeds, s.tomorrow, stopped]);
    expect(items[0]).toMatchObject({ past: true, roomId: null, roomName: null });
    expect(items.find((x) => x.id === s.tomorrow)).toEqual({
      id: s.tomorrow, date: TOMORROW, period: 'morning', doctorId: st.doctor, doctorName: '李明', doctorTitle: '主治医师', doctorPhone: null, registrationFeeFen: 1500,
      departmentId: d.internal, departmentName: '内科', roomId: r.room1, roomName: '诊室1', capacity: 2, booked: 1, seatsLeft: 1,
      stopped: false, stopReason: null, past: false,
    });
    expect(items.at(-1)).toMatchObject({ stopped: true, stopReason: '医生培训' });
    expect(fx.ok(reception, 'catalog.sessions', { from: TODAY, to: TODAY, doctorId: st.doctor2 }).items.map((x) => x.id)).toEqual([s.todayPaeds]);
    expect(fx.ok(reception, 'catalog.sessions', { from: TODAY, to: TOMORROW, departmentId: d.paeds }).items.map((x) => x.id)).toEqual([s.todayPaeds, stopped]);
    // The booking picker: not past, not stopped, not full.
    const q = register(fx, reception, { name: '李四' }).patient.id;
    fx.ok(reception, 'appointments.book', { patientId: q, sessionId: s.tomorrow });
    const bookable = fx.ok(reception, 'catalog.sessions', { from: '2026-11-22', to: TOMORROW, bookableOnly: true }).items;
    expect(bookable.map((x) => x.id)).toEqual([s.todayMorning, s.todayAfternoon, s.todayPaeds]);
  });

  it('sessions: refuses a backwards, too long or impossible range', () => {
    expectRefused(fx, reception, 'catalog.sessions', { from: TOMORROW, to: TODAY }, 'VALIDATION', { field: 'to', reason: 'before_from' });
    expectRefused(fx, reception, 'catalog.sessions', { from: '2026-11-01', to: '2026-12-02' }, 'VALIDATION', { field: 'to', reason: 'range_too_long' });
    expect(fx.call(reception, 'catalog.sessions', { from: '2026-11-01', to: '2026-12-01' }).ok).toBe(true);
    expectRefused(fx, reception, 'catalog.sessions', { from: '2026-02-30', to: '2026-03-01' }, 'INVALID_DATE', { field: 'from' });
  });

  it("settings: the public subset and the clinic's today", () => {
    expect(fx.ok(fx.login('pharmacist'), 'catalog.settings', {})).toEqual({
      clinicName: '康宁诊所', clinicNameEn: 'Kangning Clinic', address: '', phone: '', timeZone: 'Asia/Shanghai', feeAtCheckIn: true,
      paymentMethods: ['cash', 'card', 'qr', 'insurance'], today: TODAY,
    });
  });

  it('is open to every logged-in role, and to no one logged out', async () => {
    withMasterWriter(fx.station, (w) => {
      for (const role of ROLES) w.insert(accounts, { username: `only-${role}`, passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles: [role] });
    });
    for (const role of ROLES) {
      const r = await fx.callAsync({ token: null }, 'accounts.login', { username: `only-${role}`, password: TEST_PASSWORD });
      if (!r.ok) throw new Error(r.error.code);
      for (const name of ['catalog.departments', 'catalog.doctors', 'catalog.settings'] as const) {
        expect(fx.call({ token: r.value.token }, name, {}).ok, `${role} ${name}`).toBe(true);
      }
    }
    expectRefused(fx, { token: null }, 'catalog.settings', {}, 'UNAUTHENTICATED');
  });

  it('has no way to change master data: every catalog procedure is a query', () => {
    expect(new Set(Object.values(catalogProcedures).map((p) => p.kind))).toEqual(new Set(['query']));
  });
});
