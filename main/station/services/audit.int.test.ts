import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../testing';
import { expectRefused, register } from './desk.testing';

let fx: Fixture;
let reception: { token: string };
let admin: { token: string };
beforeEach(() => {
  fx = createFixture();
  reception = fx.login('reception');
  admin = fx.login('admin');
});
afterEach(() => fx.close());

describe('audit', () => {
  it("patientTrail: who read and changed one patient's data, latest first, paged", () => {
    const p = register(fx, reception, { name: '张三' }).patient;
    const other = register(fx, reception, { name: '李四' }).patient;
    fx.advance(1000);
    fx.ok(fx.login('doctor'), 'patients.get', { id: p.id });
    fx.advance(1000);
    fx.ok(reception, 'patients.update', { id: p.id, phone: '13812345678' });
    fx.ok(reception, 'patients.get', { id: other.id });
    const trail = fx.ok(admin, 'audit.patientTrail', { patientId: p.id });
    expect(trail.patient).toEqual({ id: p.id, recordNo: p.recordNo, name: '张三' });
    expect(trail.items.map((e) => [e.action, e.username, e.staffName, e.procedure])).toEqual([
      ['update', 'reception', '王芳', 'patients.update'],
      ['read', 'doctor', '李明', 'patients.get'],
      ['create', 'reception', '王芳', 'patients.register'],
    ]);
    expect(trail.items[0]).toMatchObject({ entity: 'patient', entityId: p.id, device: 'A1', at: fx.clock.t });
    expect(trail.hasMore).toBe(false);
    const page1 = fx.ok(admin, 'audit.patientTrail', { patientId: p.id, limit: 2 });
    const page2 = fx.ok(admin, 'audit.patientTrail', { patientId: p.id, limit: 2, offset: 2 });
    expect([page1.items.length, page1.hasMore, page2.items.map((e) => e.action), page2.hasMore]).toEqual([2, true, ['create'], false]);
  });

  it('recent: everything, latest first, with the patient; filtered by action or account', () => {
    const p = register(fx, reception, { name: '张三' }).patient;
    fx.advance(1000);
    const doctor = fx.login('doctor');
    fx.ok(doctor, 'patients.get', { id: p.id });
    const all = fx.ok(admin, 'audit.recent', {});
    expect(all.items.map((e) => [e.action, e.username, e.patientName, e.recordNo])).toEqual([
      ['read', 'doctor', '张三', p.recordNo],
      ['create', 'reception', '张三', p.recordNo],
    ]);
    expect(fx.ok(admin, 'audit.recent', { action: 'create' }).items.map((e) => e.procedure)).toEqual(['patients.register']);
    expect(fx.ok(admin, 'audit.recent', { accountId: fx.ids.accounts.doctor }).items.map((e) => e.procedure)).toEqual(['patients.get']);
    expect(fx.ok(admin, 'audit.recent', { limit: 1 })).toMatchObject({ hasMore: true, items: [{ action: 'read' }] });
  });

  it('is for admins only; an unknown patient is NOT_FOUND', () => {
    const p = register(fx, reception, { name: '张三' }).patient;
    for (const who of ['reception', 'doctor', 'cashier', 'pharmacist'] as const) {
      const caller = who === 'reception' ? reception : fx.login(who);
      expectRefused(fx, caller, 'audit.patientTrail', { patientId: p.id }, 'FORBIDDEN');
      expectRefused(fx, caller, 'audit.recent', {}, 'FORBIDDEN');
    }
    expectRefused(fx, admin, 'audit.patientTrail', { patientId: '0190a000-0000-7000-8000-000000000000' }, 'NOT_FOUND', { field: 'patientId' });
  });
});
