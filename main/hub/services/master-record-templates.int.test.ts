/** Record templates at the hub (real SQLite admin station) and as the doctor's desk lists them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { departments } from '../../../db/schema';
import { withMasterWriter } from '../../station/master';
import { type Fixture } from '../../station/testing';
import { auditCount, count, expectRefused, makeVisit } from '../../station/services/consultation-testkit';
import { createHubFixture } from './hub-fixture.testing';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const URI = { name: '上呼吸道感染', complaint: '咳嗽、咽痛', presentIllness: '', findings: '咽部充血，双肺呼吸音清', plan: '多饮水，对症治疗' };

describe('record templates', () => {
  it('are made by the admin per department, audited and logged for replication, and listed to the doctor of that department', () => {
    const t = fx.ok(admin, 'master.createRecordTemplate', { departmentId: fx.ids.departments.internal, ...URI });
    expect(t).toMatchObject({ ...URI, pastHistory: '', departmentName: '内科', active: true });
    expect(auditCount(fx, 'create', 'record_template', t.id)).toBe(1);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'record_templates' AND row_id = ?", t.id)).toBe(1);
    fx.ok(admin, 'master.createRecordTemplate', { departmentId: fx.ids.departments.paeds, name: '小儿发热', complaint: '发热' });

    const doctor = fx.login('doctor');
    const { visitId } = makeVisit(fx);
    expect(fx.ok(doctor, 'consultation.recordTemplates', { visitId }).items.map((i) => i.name)).toEqual(['上呼吸道感染']);
    const paeds = makeVisit(fx, { doctor: 'doctor2' });
    expect(fx.ok(fx.login('doctor2'), 'consultation.recordTemplates', { visitId: paeds.visitId }).items.map((i) => i.name)).toEqual(['小儿发热']);

    const changed = fx.ok(admin, 'master.updateRecordTemplate', { id: t.id, plan: '多饮水，休息' });
    expect(changed.plan).toBe('多饮水，休息');
    fx.ok(admin, 'master.updateRecordTemplate', { id: t.id, active: false });
    expect(fx.ok(doctor, 'consultation.recordTemplates', { visitId }).items).toEqual([]);
    expect(fx.ok(admin, 'master.recordTemplates', {}).items.map((i) => [i.name, i.active])).toEqual([['小儿发热', true], ['上呼吸道感染', false]]); // by department code (EK, NK), then name
    expect(auditCount(fx, 'update', 'record_template', t.id)).toBe(2);
  });

  it('refuse a taken name in the department, no text, an inactive or unknown department, a missing template, and other roles', () => {
    const internal = fx.ids.departments.internal;
    const t = fx.ok(admin, 'master.createRecordTemplate', { departmentId: internal, ...URI });
    expectRefused(fx, admin, 'master.createRecordTemplate', { departmentId: internal, ...URI }, 'CONFLICT', { field: 'name', reason: 'name_taken' });
    expectRefused(fx, admin, 'master.createRecordTemplate', { departmentId: internal, name: '空白' }, 'VALIDATION', { field: 'complaint', reason: 'empty' });
    expectRefused(fx, admin, 'master.updateRecordTemplate', { id: t.id, complaint: '', findings: '', plan: '' }, 'VALIDATION', { reason: 'empty' });
    expectRefused(fx, admin, 'master.createRecordTemplate', { departmentId: '0190a0a0-0000-7000-8000-000000000000', ...URI }, 'NOT_FOUND', { field: 'departmentId' });
    expectRefused(fx, admin, 'master.updateRecordTemplate', { id: '0190a0a0-0000-7000-8000-000000000000', plan: 'x' }, 'NOT_FOUND', { field: 'id' });
    expectRefused(fx, admin, 'master.createRecordTemplate', { departmentId: internal, ...URI, name: '' }, 'VALIDATION', { field: 'name' });
    expectRefused(fx, admin, 'master.createRecordTemplate', { departmentId: internal, ...URI, name: 'x', plan: '长'.repeat(2001) }, 'VALIDATION', { field: 'plan' });
    withMasterWriter(fx.station, (w) => w.update(departments, fx.ids.departments.paeds, { active: false }));
    expectRefused(fx, admin, 'master.createRecordTemplate', { departmentId: fx.ids.departments.paeds, ...URI }, 'DEPARTMENT_INACTIVE');
    for (const who of ['doctor', 'reception'] as const) {
      expectRefused(fx, fx.login(who), 'master.createRecordTemplate', { departmentId: internal, ...URI, name: '别的' }, 'FORBIDDEN');
    }
    expectRefused(fx, fx.login('reception'), 'consultation.recordTemplates', { visitId: makeVisit(fx).visitId }, 'FORBIDDEN');
  });
});
