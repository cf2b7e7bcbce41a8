/**
 * Vital signs and record templates over sync (a real hub over socket.io on PGlite, two paired
 * workstations on real SQLite): the admin's template made at the hub reaches the doctor's desk,
 * and readings the front desk takes reach the doctor's desk with their time and taker.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgliteStore } from '../hub/pglite-store';
import { pairedWorkstation, startTestClinicHub } from '../hub/admin.testing';
import { spelled } from '../domain/testing';
import { until } from './testing';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('vital signs and record templates over sync', () => {
  it('a template made at the hub and readings taken at the front desk reach the doctor\'s desk', async () => {
    const t = await startTestClinicHub(template);
    cleanups.push(t.close);
    const front = await pairedWorkstation(t, 'A1');
    cleanups.push(front.close);
    const room = await pairedWorkstation(t, 'B1');
    cleanups.push(room.close);

    const admin = await front.login('admin');
    const made = ok(await front.call(admin, 'master.createRecordTemplate', {
      departmentId: t.ids.departments.internal, name: '高血压复诊', complaint: '血压控制情况复查', plan: '继续原方案，监测血压',
    }));

    const reception = await front.login('reception');
    const { patient } = ok(await front.call(reception, 'patients.register', { name: `患者${spelled(1)}`, sex: 'F' }));
    const visit = ok(await front.call(reception, 'frontdesk.walkIn', { patientId: patient.id, doctorId: t.ids.staff.doctor }));
    const taken = ok(await front.call(reception, 'vitals.record', { visitId: visit.visit.id, systolic: 152, diastolic: 96, pulse: 78, temperatureC: 36.6 }));
    expect(taken.readings[0]!.flags).toEqual({ systolic: 'high', diastolic: 'high' });
    await front.client.syncNow();

    const reading = (id: string) => room.station.raw.prepare('SELECT systolic, diastolic, taken_by AS takenBy FROM vital_signs WHERE id = ?').get(id);
    await until(() => reading(taken.readings[0]!.id) !== undefined
      && room.station.raw.prepare('SELECT 1 FROM record_templates WHERE id = ?').get(made.id) !== undefined);
    expect(reading(taken.readings[0]!.id)).toEqual({ systolic: 152, diastolic: 96, takenBy: t.ids.staff.reception });

    const doctor = await room.login('doctor');
    const atRoom = ok(await room.call(doctor, 'vitals.ofVisit', { visitId: visit.visit.id }));
    expect(atRoom.readings.map((r) => [r.takenByName, r.systolic, r.diastolic, r.flags])).toEqual([['王芳', 152, 96, { systolic: 'high', diastolic: 'high' }]]);
    const picks = ok(await room.call(doctor, 'consultation.recordTemplates', { visitId: visit.visit.id }));
    expect(picks.items.map((i) => [i.name, i.complaint, i.plan])).toEqual([['高血压复诊', '血压控制情况复查', '继续原方案，监测血压']]);
  });
});
