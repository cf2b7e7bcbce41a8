import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { departments, rosterSessions, rosterTemplates } from '../../../db/schema';
import { DomainError } from '../../domain/errors';
import { withMasterWriter } from '../../station/master';
import { TEST_PASSWORD, TOMORROW, type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { count, expectRefused } from '../../station/testing-expect';
import { inRequest } from '../../station/services/desk.testing';
import { departmentIdByCode, validateStaff } from './org-staff';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const logged = (rowId: string) => count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'staff' AND row_id = ?", rowId);
const audited = (action: string, id: string) =>
  count(fx, "SELECT count(*) n FROM audit_log WHERE action = ? AND entity = 'staff' AND entity_id = ? AND patient_id IS NULL", action, id);
const staffCount = () => count(fx, 'SELECT count(*) n FROM staff');

describe('org staff', () => {
  it('adds a doctor with department, title, specialty and fee in fen; logged, audited, bookable', () => {
    const { internal } = fx.ids.departments;
    const s = fx.ok(admin, 'org.createStaff', {
      name: '钱进', sex: 'M', position: 'doctor', title: '主任医师', departmentId: internal, specialty: '心血管', registrationFeeFen: 5000,
    });
    expect(s).toMatchObject({
      name: '钱进', sex: 'M', position: 'doctor', title: '主任医师', departmentId: internal, departmentName: '内科',
      specialty: '心血管', registrationFeeFen: 5000, status: 'active',
    });
    expect(logged(s.id)).toBe(1);
    expect(audited('create', s.id)).toBe(1);
    expect(fx.ok(fx.login('reception'), 'catalog.doctors', { departmentId: internal }).items.map((d) => d.name)).toContain('钱进');
    // The rest defaults: no department, no fee, active.
    expect(fx.ok(admin, 'org.createStaff', { name: '吴护', sex: 'F', position: 'nurse' })).toMatchObject({
      title: '', departmentId: null, departmentName: null, specialty: '', registrationFeeFen: 0, status: 'active',
    });
  });

  it('refuses bad fields and unusable departments, adding no one', () => {
    const before = staffCount();
    const base = { name: '钱进', sex: 'M', position: 'doctor' } as const;
    expectRefused(fx, admin, 'org.createStaff', { ...base, registrationFeeFen: -1 }, 'VALIDATION', { field: 'registrationFeeFen' });
    expectRefused(fx, admin, 'org.createStaff', { ...base, registrationFeeFen: 15.5 }, 'VALIDATION', { field: 'registrationFeeFen' });
    expectRefused(fx, admin, 'org.createStaff', { ...base, position: 'surgeon' as never }, 'VALIDATION', { field: 'position' });
    expectRefused(fx, admin, 'org.createStaff', { ...base, name: '' }, 'VALIDATION', { field: 'name' });
    expectRefused(fx, admin, 'org.createStaff', { ...base, departmentId: '019a0000-0000-7000-8000-000000000009' }, 'NOT_FOUND', { field: 'departmentId' });
    const closed = withMasterWriter(fx.station, (w) => w.insert(departments, { code: 'OLD', name: '旧科', nameEn: 'Old', active: false }));
    expectRefused(fx, admin, 'org.createStaff', { ...base, departmentId: closed }, 'DEPARTMENT_INACTIVE', { field: 'departmentId', code: 'OLD' });
    expect(staffCount()).toBe(before);
  });

  it('updates title, department, specialty, fee, position and status; only changed fields are written', () => {
    const id = fx.ids.staff.doctor;
    const s = fx.ok(admin, 'org.updateStaff', {
      id, title: '副主任医师', departmentId: fx.ids.departments.paeds, specialty: '哮喘', registrationFeeFen: 2500, status: 'on_leave',
    });
    expect(s).toMatchObject({ title: '副主任医师', departmentName: '儿科', specialty: '哮喘', registrationFeeFen: 2500, status: 'on_leave' });
    expect(audited('update', id)).toBe(1);
    const row = fx.station.raw.prepare("SELECT columns FROM change_log WHERE table_name = 'staff' AND row_id = ? AND op = 'update'").get(id) as { columns: string };
    expect(Object.keys(JSON.parse(row.columns)).sort()).toEqual(['department_id', 'registration_fee_fen', 'specialty', 'status', 'title', 'updated_at']);
    const logRows = count(fx, 'SELECT count(*) n FROM change_log');
    fx.ok(admin, 'org.updateStaff', { id, title: '副主任医师', registrationFeeFen: 2500 });
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(logRows);
    // The fee is what the desk charges next.
    expect(fx.ok(fx.login('reception'), 'catalog.doctors', {}).items.find((d) => d.id === id)?.registrationFeeFen).toBe(2500);
    // Position change and leaving the department.
    expect(fx.ok(admin, 'org.updateStaff', { id: fx.ids.staff.cashier, position: 'receptionist' }).position).toBe('receptionist');
    expect(fx.ok(admin, 'org.updateStaff', { id, departmentId: null }).departmentId).toBeNull();
    expectRefused(fx, admin, 'org.updateStaff', { id, registrationFeeFen: -100 }, 'VALIDATION', { field: 'registrationFeeFen' });
    expectRefused(fx, admin, 'org.updateStaff', { id: '019a0000-0000-7000-8000-000000000009', title: 'x' }, 'NOT_FOUND', { field: 'id' });
  });

  it('refuses letting go of a person with an active account or future sessions, listing them', () => {
    const id = fx.ids.staff.doctor;
    expectRefused(fx, admin, 'org.updateStaff', { id, status: 'left', title: '已离职' }, 'IN_USE', {
      field: 'status', reason: 'staff_in_use', accounts: [{ id: fx.ids.accounts.doctor, username: 'doctor' }], upcomingSessions: 3,
    });
    fx.ok(admin, 'org.setAccountActive', { id: fx.ids.accounts.doctor, active: false, confirmPassword: TEST_PASSWORD });
    const template = withMasterWriter(fx.station, (w) => {
      for (const s of [fx.ids.sessions.todayMorning, fx.ids.sessions.todayAfternoon, fx.ids.sessions.tomorrow]) w.update(rosterSessions, s, { stopped: true });
      return w.insert(rosterTemplates, { doctorId: id, weekday: 2, period: 'morning', roomId: null, capacity: 10 });
    });
    expectRefused(fx, admin, 'org.updateStaff', { id, status: 'left' }, 'IN_USE', { accounts: [], upcomingSessions: 0, activeTemplates: 1 });
    withMasterWriter(fx.station, (w) => w.update(rosterTemplates, template, { active: false }));
    expect(fx.ok(admin, 'org.updateStaff', { id, status: 'left' }).status).toBe('left');
    expect(fx.ok(fx.login('reception'), 'catalog.sessions', { from: TOMORROW, to: TOMORROW }).items).toHaveLength(1); // history stays
  });

  it('lists staff, those who left too, by department, position and status', () => {
    const { internal, paeds } = fx.ids.departments;
    fx.ok(admin, 'org.createStaff', { name: '钱进', sex: 'M', position: 'doctor', departmentId: internal, status: 'left' });
    expect(fx.ok(admin, 'org.staff', {}).items).toHaveLength(8);
    expect(fx.ok(admin, 'org.staff', { departmentId: internal }).items.map((s) => s.name).sort()).toEqual(['李明', '钱进']);
    expect(fx.ok(admin, 'org.staff', { position: 'doctor', status: 'active' }).items.map((s) => s.name)).toEqual(['赵丽', '李明']);
    expect(fx.ok(admin, 'org.staff', { departmentId: paeds, status: 'left' }).items).toEqual([]);
    expectRefused(fx, admin, 'org.staff', { status: 'retired' as never }, 'VALIDATION', { field: 'status' });
  });
});

describe('validateStaff (for the staff import)', () => {
  it('returns the fields with defaults, writing nothing; throws DomainError with the field for a bad row', () => {
    const before = count(fx, 'SELECT count(*) n FROM change_log');
    const ok = inRequest(fx, 'admin', (ctx) => validateStaff(ctx, { name: ' 钱进 ', sex: 'M', position: 'doctor', departmentId: departmentIdByCode(ctx, 'nk') }));
    expect(ok).toEqual({
      name: '钱进', sex: 'M', position: 'doctor', title: '', departmentId: fx.ids.departments.internal, specialty: '', registrationFeeFen: 0, status: 'active', phone: null,
    });
    expect(inRequest(fx, 'admin', (ctx) => departmentIdByCode(ctx, 'XX'))).toBeNull();
    const bad = (row: unknown) => {
      try {
        inRequest(fx, 'admin', (ctx) => validateStaff(ctx, row));
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        return { code: (err as DomainError).code, field: (err as DomainError).details?.['field'] };
      }
      throw new Error('not refused');
    };
    expect(bad({ name: '钱进', sex: 'X', position: 'doctor' })).toEqual({ code: 'VALIDATION', field: 'sex' });
    expect(bad({ name: '钱进', sex: 'M', position: 'doctor', registrationFeeFen: '15' })).toEqual({ code: 'VALIDATION', field: 'registrationFeeFen' });
    expect(bad('not a row')).toEqual({ code: 'VALIDATION', field: '' });
    expect(bad({ name: '钱进', sex: 'M', position: 'doctor', departmentId: fx.ids.staff.doctor })).toEqual({ code: 'NOT_FOUND', field: 'departmentId' });
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(before);
  });
});
