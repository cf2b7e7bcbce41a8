import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DRUG_FREQUENCIES, type DrugFrequency } from './enums';
import { DOSES_PER_DAY, MAX_DAYS, computeQuantity, totalTakes } from './prescribing';
import { codeOf } from './testing';


describe('DOSES_PER_DAY', () => {
  it('covers every frequency of enums.ts', () => {
    expect(Object.keys(DOSES_PER_DAY).sort()).toEqual([...DRUG_FREQUENCIES].sort());
  });
  it('has the clinical values', () => {
    expect(DOSES_PER_DAY).toEqual({
      qd: 1,
      bid: 2,
      tid: 3,
      qid: 4,
      q8h: 3,
      q12h: 2,
      qn: 1,
      qod: 0.5,
      qw: 1 / 7,
      prn: null,
      st: 1,
    });
    expect(Object.isFrozen(DOSES_PER_DAY)).toBe(true);
  });
});

describe('totalTakes', () => {
  it.each([
    ['qd', 7, 7],
    ['bid', 7, 14],
    ['tid', 7, 21],
    ['qid', 3, 12],
    ['q8h', 5, 15],
    ['q12h', 5, 10],
    ['qn', 14, 14],
    ['qod', 7, 4], // days 1, 3, 5, 7
    ['qod', 8, 4],
    ['qod', 1, 1],
    ['qw', 7, 1],
    ['qw', 10, 2], // days 1 and 8
    ['qw', 28, 4],
    ['st', 7, 1],
    ['st', undefined, 1],
  ] as Array<[DrugFrequency, number | undefined, number]>)('%s over %s days → %i', (f, days, takes) => {
    expect(totalTakes(f, days)).toBe(takes);
  });
  it('agrees with DOSES_PER_DAY: ceil(days × doses per day) (property)', () => {
    const scheduled = DRUG_FREQUENCIES.filter((f) => f !== 'prn' && f !== 'st');
    fc.assert(
      fc.property(fc.constantFrom(...scheduled), fc.integer({ min: 1, max: MAX_DAYS }), (f, days) => {
        const approx = days * DOSES_PER_DAY[f]!;
        const takes = totalTakes(f, days);
        return takes >= approx - 1e-9 && takes < approx + 1;
      }),
    );
  });
  it('refuses prn and bad days', () => {
    expect(codeOf(() => totalTakes('prn', 7)).details).toMatchObject({ field: 'frequency', reason: 'prn_has_no_schedule' });
    expect(codeOf(() => totalTakes('qd', undefined)).details).toMatchObject({ field: 'days' });
  });
});

describe('computeQuantity', () => {
  it.each([
    [{ dosePerTake: 1, frequency: 'qd', days: 7, dosePerPackage: 24 }, 1],
    [{ dosePerTake: 2, frequency: 'tid', days: 7, dosePerPackage: 24 }, 2], // 42 tablets
    [{ dosePerTake: 2, frequency: 'tid', days: 4, dosePerPackage: 24 }, 1], // 24 exactly
    [{ dosePerTake: 0.5, frequency: 'bid', days: 10, dosePerPackage: 10 }, 1],
    [{ dosePerTake: 250, frequency: 'q8h', days: 5, dosePerPackage: 2500 }, 2], // mg: 3750 mg
    [{ dosePerTake: 10, frequency: 'qid', days: 3, dosePerPackage: 100 }, 2], // ml: 120 ml
    [{ dosePerTake: 1, frequency: 'qod', days: 7, dosePerPackage: 4 }, 1],
    [{ dosePerTake: 1, frequency: 'qw', days: 28, dosePerPackage: 4 }, 1],
    [{ dosePerTake: 1, frequency: 'qw', days: 29, dosePerPackage: 4 }, 2],
    [{ dosePerTake: 1, frequency: 'qn', days: 30, dosePerPackage: 30 }, 1],
    [{ dosePerTake: 1, frequency: 'q12h', days: 15, dosePerPackage: 30 }, 1],
    [{ dosePerTake: 0.1, frequency: 'qd', days: 30, dosePerPackage: 1 }, 3], // floats would say 4
    [{ dosePerTake: 0.0001, frequency: 'qd', days: 1, dosePerPackage: 1 }, 1],
  ] as const)('%o → %i packages', (input, packages) => {
    expect(computeQuantity(input)).toBe(packages);
  });

  it('st is one take, whatever days says', () => {
    expect(computeQuantity({ dosePerTake: 2, frequency: 'st', dosePerPackage: 10 })).toBe(1);
    expect(computeQuantity({ dosePerTake: 2, frequency: 'st', days: 30, dosePerPackage: 10 })).toBe(1);
    expect(computeQuantity({ dosePerTake: 15, frequency: 'st', dosePerPackage: 10 })).toBe(2);
  });

  it('prn needs the prescriber’s quantity', () => {
    expect(computeQuantity({ dosePerTake: 1, frequency: 'prn', dosePerPackage: 10, quantity: 2 })).toBe(2);
    expect(computeQuantity({ dosePerTake: 1, frequency: 'prn', days: 3, dosePerPackage: 10, quantity: 1 })).toBe(1);
    expect(codeOf(() => computeQuantity({ dosePerTake: 1, frequency: 'prn', days: 3, dosePerPackage: 10 }))).toEqual({
      code: 'VALIDATION',
      details: { field: 'quantity', reason: 'required_for_prn', value: undefined },
    });
    expect(codeOf(() => computeQuantity({ dosePerTake: 0, frequency: 'prn', dosePerPackage: 10, quantity: 1 })).details).toMatchObject({
      field: 'dosePerTake',
    });
  });

  it('an explicit quantity may round up to whole courses, never below the need', () => {
    const base = { dosePerTake: 2, frequency: 'tid', days: 7, dosePerPackage: 24 } as const;
    expect(computeQuantity({ ...base, quantity: 2 })).toBe(2);
    expect(computeQuantity({ ...base, quantity: 5 })).toBe(5);
    expect(codeOf(() => computeQuantity({ ...base, quantity: 1 }))).toEqual({
      code: 'VALIDATION',
      details: { field: 'quantity', reason: 'below_course', value: 1, minimum: 2 },
    });
  });

  const ok = { dosePerTake: 1, frequency: 'qd' as DrugFrequency, days: 7, dosePerPackage: 24 };
  it.each([
    [{ dosePerTake: 0 }, 'dosePerTake', 'must_be_positive'],
    [{ dosePerTake: -1 }, 'dosePerTake', 'must_be_positive'],
    [{ dosePerTake: NaN }, 'dosePerTake', 'must_be_positive'],
    [{ dosePerTake: Infinity }, 'dosePerTake', 'must_be_positive'],
    [{ dosePerTake: '1' }, 'dosePerTake', 'must_be_positive'],
    [{ dosePerTake: 0.12345 }, 'dosePerTake', 'too_many_decimals'],
    [{ dosePerTake: 1e15 }, 'dosePerTake', 'too_large'],
    [{ dosePerPackage: 0 }, 'dosePerPackage', 'must_be_positive'],
    [{ dosePerPackage: 1 / 3 }, 'dosePerPackage', 'too_many_decimals'],
    [{ days: 0 }, 'days', 'must_be_1_to_max'],
    [{ days: -1 }, 'days', 'must_be_1_to_max'],
    [{ days: 1.5 }, 'days', 'must_be_1_to_max'],
    [{ days: MAX_DAYS + 1 }, 'days', 'must_be_1_to_max'],
    [{ days: undefined }, 'days', 'must_be_1_to_max'],
    [{ frequency: 'q4h' }, 'frequency', 'unknown'],
    [{ frequency: 'toString' }, 'frequency', 'unknown'],
    [{ quantity: 0 }, 'quantity', 'must_be_whole_packages'],
    [{ quantity: 1.5 }, 'quantity', 'must_be_whole_packages'],
  ])('refuses %o: VALIDATION on %s (%s)', (patch, field, reason) => {
    const r = codeOf(() => computeQuantity({ ...ok, ...patch } as Parameters<typeof computeQuantity>[0]));
    expect(r.code).toBe('VALIDATION');
    expect(r.details).toMatchObject({ field, reason });
  });
  it('accepts the limits: 1 and MAX_DAYS days', () => {
    expect(computeQuantity({ ...ok, days: 1 })).toBe(1);
    expect(computeQuantity({ ...ok, days: MAX_DAYS })).toBe(Math.ceil(MAX_DAYS / 24));
  });

  it('dispenses the smallest whole number of packages covering the course (property)', () => {
    const scheduled = DRUG_FREQUENCIES.filter((f) => f !== 'prn');
    fc.assert(
      fc.property(
        fc.constantFrom(...scheduled),
        fc.integer({ min: 1, max: MAX_DAYS }),
        fc.integer({ min: 1, max: 40_000 }), // dose in 1/10000 units
        fc.integer({ min: 1, max: 1_000_000 }),
        (frequency, days, doseTenThousandths, packTenThousandths) => {
          const packages = computeQuantity({
            dosePerTake: doseTenThousandths / 10_000,
            frequency,
            days,
            dosePerPackage: packTenThousandths / 10_000,
          });
          const need = totalTakes(frequency, days) * doseTenThousandths;
          expect(packages * packTenThousandths).toBeGreaterThanOrEqual(need);
          expect((packages - 1) * packTenThousandths).toBeLessThan(need);
        },
      ),
    );
  });
});
