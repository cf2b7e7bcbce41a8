import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AGE_BANDS, addMonths, ageBand, ageLabel, ageOn } from './age';
import { addDays, daysBetween } from './dates';
import { codeOf } from './testing';


const isoDateArb = fc
  .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('ageOn', () => {
  it.each([
    ['1990-05-15', '2025-05-14', 34, 11, 29],
    ['1990-05-15', '2025-05-15', 35, 0, 0],
    ['1990-05-15', '2025-05-16', 35, 0, 1],
    ['2025-01-22', '2025-01-22', 0, 0, 0],
    ['2024-12-31', '2025-01-01', 0, 0, 1],
    // 31st of a month: one month old on the last day of a shorter month
    ['2024-01-31', '2024-02-29', 0, 1, 0],
    ['2023-01-31', '2023-02-28', 0, 1, 0],
    ['2023-01-31', '2023-03-30', 0, 1, 30],
    ['2023-01-31', '2023-03-31', 0, 2, 0],
    // 29 February births complete a year on 28 February in common years
    ['2024-02-29', '2025-02-27', 0, 11, 29],
    ['2024-02-29', '2025-02-28', 1, 0, 0],
    ['2024-02-29', '2025-03-01', 1, 0, 1],
    ['2024-02-29', '2028-02-28', 3, 11, 30],
    ['2024-02-29', '2028-02-29', 4, 0, 0],
    ['1900-01-01', '2025-01-01', 125, 0, 0],
  ])('%s on %s → %i y %i m %i d', (birth, on, years, months, days) => {
    expect(ageOn(birth, on)).toEqual({ years, months, days });
  });
  it('refuses a birth date after the date', () => {
    expect(codeOf(() => ageOn('2024-03-15', '2024-03-14'))).toEqual({
      code: 'INVALID_DATE',
      details: { field: 'birthDate', reason: 'after_on_date', birthDate: '2024-03-15', onDate: '2024-03-14' },
    });
  });
  it('refuses invalid dates', () => {
    expect(codeOf(() => ageOn('2023-02-29', '2024-01-01')).details).toMatchObject({ field: 'birthDate' });
    expect(codeOf(() => ageOn('2020-01-01', '2024-1-1')).details).toMatchObject({ field: 'onDate' });
  });
  it('rebuilds the date: birth + months + days = onDate (property)', () => {
    fc.assert(
      fc.property(isoDateArb, isoDateArb, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        const { years, months, days } = ageOn(birth, on);
        expect(months).toBeGreaterThanOrEqual(0);
        expect(months).toBeLessThan(12);
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThan(31);
        expect(addDays(addMonths(birth, years * 12 + months), days)).toBe(on);
        // and one more month would be past `on`
        expect(addMonths(birth, years * 12 + months + 1) > on).toBe(true);
      }),
    );
  });
  it('grows by exactly one step each day (property)', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 3000 }), (birth, n) => {
        const a = ageOn(birth, addDays(birth, n));
        const b = ageOn(birth, addDays(birth, n + 1));
        const nextDay = b.years === a.years && b.months === a.months && b.days === a.days + 1;
        const nextMonth = b.days === 0 && (b.years * 12 + b.months === a.years * 12 + a.months + 1);
        return nextDay || nextMonth;
      }),
    );
  });
  it('years match the birthday rule for births not on 29 Feb (property)', () => {
    fc.assert(
      fc.property(isoDateArb, isoDateArb, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        fc.pre(birth.slice(5) !== '02-29');
        const expected = Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
        return ageOn(birth, on).years === expected;
      }),
    );
  });
  it('days under one month equal the day difference', () => {
    expect(ageOn('2025-01-10', '2025-02-09').days).toBe(daysBetween('2025-01-10', '2025-02-09'));
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 2, '2024-03-31'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-11-15', 2, '2025-01-15'],
    ['2024-01-15', 0, '2024-01-15'],
  ])('%s + %i → %s', (d, n, r) => expect(addMonths(d, n)).toBe(r));
  it('refuses', () => {
    expect(codeOf(() => addMonths('2024-01-01', 0.5)).details).toMatchObject({ field: 'months' });
    expect(codeOf(() => addMonths('9999-12-01', 1)).code).toBe('INVALID_DATE');
    expect(codeOf(() => addMonths('nope', 1)).code).toBe('INVALID_DATE');
  });
});

describe('ageLabel', () => {
  it.each([
    ['1990-05-15', '2025-05-15', '35岁', '35 y'],
    ['1990-05-15', '2025-05-14', '34岁', '34 y'],
    ['2022-01-10', '2025-01-10', '3岁', '3 y'],
    ['2022-01-10', '2025-01-09', '2岁11月', '2 y 11 mo'],
    ['2022-09-10', '2025-01-22', '2岁4月', '2 y 4 mo'],
    ['2024-01-10', '2025-01-10', '1岁', '1 y'],
    ['2024-01-10', '2025-02-28', '1岁1月', '1 y 1 mo'],
    ['2024-10-10', '2025-01-22', '3月12天', '3 mo 12 d'],
    ['2024-10-22', '2025-01-22', '3月', '3 mo'],
    ['2025-01-10', '2025-01-22', '12天', '12 d'],
    ['2025-01-22', '2025-01-22', '0天', '0 d'],
    ['2024-01-23', '2025-01-22', '11月30天', '11 mo 30 d'],
  ])('%s on %s → %s / %s', (birth, on, zh, en) => {
    expect(ageLabel(birth, on, 'zh-CN')).toBe(zh);
    expect(ageLabel(birth, on, 'en')).toBe(en);
  });
  it('refuses an unknown language and bad dates', () => {
    expect(codeOf(() => ageLabel('2020-01-01', '2025-01-01', 'fr' as 'en')).details).toMatchObject({ field: 'lang' });
    expect(codeOf(() => ageLabel('2026-01-01', '2025-01-01', 'en')).code).toBe('INVALID_DATE');
  });
});

describe('ageBand', () => {
  it('exports the bands', () => {
    expect(AGE_BANDS).toEqual(['0-6', '7-17', '18-44', '45-59', '60-79', '80+']);
  });
  it.each([
    [0, '0-6'],
    [6, '0-6'],
    [7, '7-17'],
    [17, '7-17'],
    [18, '18-44'],
    [44, '18-44'],
    [45, '45-59'],
    [59, '45-59'],
    [60, '60-79'],
    [79, '60-79'],
    [80, '80+'],
    [125, '80+'],
  ])('%i → %s', (y, band) => expect(ageBand(y)).toBe(band));
  it.each([-1, 1.5, NaN, Infinity])('refuses %s', (y) => {
    expect(codeOf(() => ageBand(y))).toEqual({ code: 'VALIDATION', details: { field: 'years', value: y } });
  });
  it('each age falls inside its band (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), (y) => {
        const [lo, hi] = ageBand(y).replace('+', '-999').split('-').map(Number);
        return y >= lo! && y <= hi!;
      }),
    );
  });
});
