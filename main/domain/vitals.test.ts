import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from './errors';
import { VITAL_FIELDS, VITAL_LIMITS, bmiClass, bmiOf, checkVitals, flagVitals, type VitalsInput } from './vitals';

function refusal(input: VitalsInput): { code: string; details: Record<string, unknown> } {
  try {
    checkVitals(input);
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details as Record<string, unknown> };
    throw e;
  }
  throw new Error('not refused');
}

describe('checkVitals refuses impossible readings, naming the field', () => {
  it.each([
    [{ temperatureC: 60 }, 'temperatureC', 'out_of_range'],
    [{ temperatureC: 29.9 }, 'temperatureC', 'out_of_range'],
    [{ systolic: 300, diastolic: 20 }, 'systolic', 'out_of_range'],
    [{ systolic: 120, diastolic: 10 }, 'diastolic', 'out_of_range'],
    [{ systolic: 80, diastolic: 120 }, 'diastolic', 'diastolic_not_below_systolic'],
    [{ systolic: 90, diastolic: 90 }, 'diastolic', 'diastolic_not_below_systolic'],
    [{ systolic: 120 }, 'diastolic', 'pair_required'],
    [{ diastolic: 80 }, 'systolic', 'pair_required'],
    [{ spo2: 120 }, 'spo2', 'out_of_range'],
    [{ pulse: 0 }, 'pulse', 'out_of_range'],
    [{ respiration: 100 }, 'respiration', 'out_of_range'],
    [{ weightKg: 0 }, 'weightKg', 'out_of_range'],
    [{ heightCm: 400 }, 'heightCm', 'out_of_range'],
    [{ pulse: Number.NaN }, 'pulse', 'not_a_number'],
    [{ temperatureC: Number.POSITIVE_INFINITY }, 'temperatureC', 'not_a_number'],
    [{}, 'temperatureC', 'empty'],
    [{ pulse: null, spo2: null }, 'temperatureC', 'empty'],
  ] as const)('%o → %s %s', (input, field, reason) => {
    expect(refusal(input)).toMatchObject({ code: 'VALIDATION', details: { field, reason } });
  });

  it('says the bounds of an out-of-range value', () => {
    expect(refusal({ spo2: 120 }).details).toEqual({ field: 'spo2', reason: 'out_of_range', value: 120, min: 50, max: 100 });
  });

  it('keeps readings at the bounds and rounds to the unit', () => {
    expect(checkVitals({ temperatureC: 36.84, systolic: 280, diastolic: 20, spo2: 100, pulse: 72.4, weightKg: 70.26, heightCm: 175.04 })).toEqual({
      temperatureC: 36.8, systolic: 280, diastolic: 20, pulse: 72, respiration: null, spo2: 100, weightKg: 70.3, heightCm: 175,
    });
  });

  it('accepts any value inside the bounds, alone', () => {
    const lone = VITAL_FIELDS.filter((f) => f !== 'systolic' && f !== 'diastolic');
    fc.assert(fc.property(fc.constantFrom(...lone), fc.double({ min: 0, max: 1, noNaN: true }), (field, t) => {
      const { min, max } = VITAL_LIMITS[field];
      const v = min + (max - min) * t;
      const out = checkVitals({ [field]: v });
      expect(out[field]).not.toBeNull();
      expect(out[field]!).toBeGreaterThanOrEqual(min);
      expect(out[field]!).toBeLessThanOrEqual(max);
    }));
  });
});

describe('bmi', () => {
  it('is weight over height squared, one decimal', () => {
    expect(bmiOf(70, 175)).toBe(22.9);
    expect(bmiOf(90, 170)).toBe(31.1);
    expect(bmiOf(70, null)).toBeNull();
    expect(bmiOf(null, 175)).toBeNull();
  });
  it.each([[18.4, 'underweight'], [18.5, 'normal'], [23.9, 'normal'], [24, 'overweight'], [27.9, 'overweight'], [28, 'obese']] as const)(
    '%d is %s (WS/T 428-2013)', (bmi, cls) => { expect(bmiClass(bmi)).toBe(cls); },
  );
});

describe('flagVitals', () => {
  const none = checkVitals({ temperatureC: 36.5 });
  it('flags nothing inside the adult ranges', () => {
    expect(flagVitals(checkVitals({ temperatureC: 36.5, systolic: 118, diastolic: 76, pulse: 72, respiration: 16, spo2: 98, weightKg: 65, heightCm: 170 }))).toEqual({});
    expect(flagVitals(none)).toEqual({});
  });
  it('flags fever, hypertension, tachycardia, tachypnoea, low SpO2 and obesity', () => {
    expect(flagVitals(checkVitals({ temperatureC: 37.3, systolic: 140, diastolic: 90, pulse: 101, respiration: 21, spo2: 94, weightKg: 90, heightCm: 170 }))).toEqual({
      temperatureC: 'high', systolic: 'high', diastolic: 'high', pulse: 'high', respiration: 'high', spo2: 'low', bmi: 'high',
    });
  });
  it('flags the low side', () => {
    expect(flagVitals(checkVitals({ temperatureC: 35.9, systolic: 89, diastolic: 59, pulse: 59, respiration: 11, weightKg: 45, heightCm: 170 }))).toEqual({
      temperatureC: 'low', systolic: 'low', diastolic: 'low', pulse: 'low', respiration: 'low', bmi: 'low',
    });
  });
  it('keeps the edges of the ranges normal', () => {
    expect(flagVitals(checkVitals({ temperatureC: 37.2, systolic: 139, diastolic: 89, pulse: 100, respiration: 20, spo2: 95 }))).toEqual({});
    expect(flagVitals(checkVitals({ temperatureC: 36.0, systolic: 90, diastolic: 60, pulse: 60, respiration: 12, spo2: 100 }))).toEqual({});
  });
});
