/** Vital signs through dispatch on a real SQLite replica: entry by reception and doctor, flags, refusals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patients } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { auditCount, count, expectRefused, makePatient, makeVisit } from './consultation-testkit';

let fx: Fixture;
beforeEach(() => { fx = createFixture(); });
afterEach(() => fx.close());

describe('vital signs of a visit', () => {
  it('are entered by the front desk and by the doctor, several readings with time and taker, flagged against adult ranges', () => {
    const reception = fx.login('reception');
    const doctor = fx.login('doctor');
    const { visitId, patientId } = makeVisit(fx, { status: 'waiting' });
    const first = fx.ok(reception, 'vitals.record', { visitId, temperatureC: 38.46, systolic: 150, diastolic: 95, pulse: 88, weightKg: 90, heightCm: 170 });
    expect(first.adultRanges).toBe(true);
    expect(first.readings).toHaveLength(1);
    expect(first.readings[0]).toMatchObject({
      temperatureC: 38.5, systolic: 150, diastolic: 95, pulse: 88, respiration: null, spo2: null, weightKg: 90, heightCm: 170,
      bmi: 31.1, takenAt: fx.clock.t, takenByName: '王芳', flags: { temperatureC: 'high', systolic: 'high', diastolic: 'high', bmi: 'high' },
    });
    expect(first.readings[0]!.flags).not.toHaveProperty('pulse');
    fx.advance(10 * 60_000);
    const second = fx.ok(doctor, 'vitals.record', { visitId, temperatureC: 37.0, spo2: 93 });
    expect(second.readings.map((r) => [r.takenByName, r.temperatureC, r.flags])).toEqual([
      ['王芳', 38.5, { temperatureC: 'high', systolic: 'high', diastolic: 'high', bmi: 'high' }],
      ['李明', 37, { spo2: 'low' }],
    ]);
    expect(second.readings[1]!.takenAt - second.readings[0]!.takenAt).toBe(10 * 60_000);
    expect(count(fx, 'SELECT count(*) n FROM vital_signs WHERE visit_id = ?', visitId)).toBe(2);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'vital_signs'")).toBe(2);
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'create' AND entity = 'vital_signs' AND patient_id = ?", patientId)).toBe(2);

    expect(fx.ok(doctor, 'vitals.ofVisit', { visitId }).readings).toHaveLength(2);
    expect(auditCount(fx, 'read', 'vital_signs', visitId)).toBe(1);
  });

  it('are shown unflagged for a child, whose ranges are not the adult ones', () => {
    const nurse = fx.login('reception');
    const patientId = makePatient(fx, { name: '小明' });
    withMasterWriter(fx.station, (w) => w.update(patients, patientId, { birthDate: '2020-01-01' }));
    const { visitId } = makeVisit(fx, { patientId, doctor: 'doctor2' });
    const v = fx.ok(nurse, 'vitals.record', { visitId, pulse: 120, respiration: 28, temperatureC: 36.8 });
    expect(v.adultRanges).toBe(false);
    expect(v.readings[0]!.flags).toEqual({});
  });

  it.each([
    [{ temperatureC: 60 }, 'temperatureC', 'out_of_range'],
    [{ systolic: 300, diastolic: 20 }, 'systolic', 'out_of_range'],
    [{ systolic: 90, diastolic: 120 }, 'diastolic', 'diastolic_not_below_systolic'],
    [{ spo2: 120 }, 'spo2', 'out_of_range'],
    [{ pulse: 80, systolic: 120 }, 'diastolic', 'pair_required'],
    [{}, 'temperatureC', 'empty'],
  ] as const)('refuse %o naming %s, writing nothing', (values, field, reason) => {
    const doctor = fx.login('doctor');
    const { visitId } = makeVisit(fx);
    expectRefused(fx, doctor, 'vitals.record', { visitId, ...values }, 'VALIDATION', { field, reason });
  });

  it('are refused to the cashier and the pharmacist, for an unknown or a cancelled visit, and a string for a number', () => {
    const { visitId } = makeVisit(fx);
    for (const who of ['cashier', 'pharmacist'] as const) {
      expectRefused(fx, fx.login(who), 'vitals.record', { visitId, pulse: 70 }, 'FORBIDDEN');
      expectRefused(fx, fx.login(who), 'vitals.ofVisit', { visitId }, 'FORBIDDEN');
    }
    const reception = fx.login('reception');
    expectRefused(fx, reception, 'vitals.record', { visitId: '0190a0a0-0000-7000-8000-000000000000', pulse: 70 }, 'NOT_FOUND', { field: 'visitId' });
    const cancelled = makeVisit(fx, { status: 'cancelled' });
    expectRefused(fx, reception, 'vitals.record', { visitId: cancelled.visitId, pulse: 70 }, 'ILLEGAL_TRANSITION', { reason: 'visit_cancelled' });
    expectRefused(fx, reception, 'vitals.record', { visitId, pulse: '70' } as never, 'VALIDATION');
  });
});
