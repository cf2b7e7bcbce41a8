import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isValidTimeZone,
  localDate,
  localDateTime,
  parseIsoDate,
  startOfLocalDay,
  toEpochDay,
} from './dates';
import { codeOf } from './testing';


const H = 3_600_000;
/** Random ISO dates from Date (an independent oracle), years 1900–2199. */
const isoDateArb = fc
  .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('calendar basics', () => {
  it('leap years', () => {
    expect([2024, 2000, 1600, 0].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([2023, 1900, 2100, 1].map(isLeapYear)).toEqual([false, false, false, false]);
  });
  it('days in month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '2023-01-01', '1900-01-01', '0000-01-01', '9999-12-31', '2024-04-30'])(
    'accepts %s',
    (s) => expect(isIsoDate(s)).toBe(true),
  );
  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
    '2024-1-01',
    '24-01-01',
    '20240101',
    '2024/01/01',
    '2024-01-01T00:00',
    ' 2024-01-01',
    '２０２４-01-01',
    '',
  ])('refuses %j', (s) => expect(isIsoDate(s)).toBe(false));
  it('refuses non-strings', () => {
    expect(isIsoDate(20240101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(new Date())).toBe(false);
  });
  it('agrees with Date on every day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === s;
        return isIsoDate(s) === real;
      }),
    );
  });
  it('parseIsoDate throws INVALID_DATE {field, value}', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(codeOf(() => parseIsoDate('2023-02-29', 'visitDate'))).toEqual({
      code: 'INVALID_DATE',
      details: { field: 'visitDate', value: '2023-02-29' },
    });
  });
});

describe('day arithmetic', () => {
  it('epoch days agree with Date (property)', () => {
    fc.assert(
      fc.property(isoDateArb, (s) => {
        expect(toEpochDay(s)).toBe(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
        expect(fromEpochDay(toEpochDay(s))).toBe(s);
      }),
    );
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(0)).toBe('1970-01-01');
    expect(fromEpochDay(toEpochDay('0000-03-01'))).toBe('0000-03-01');
  });
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 0, '2024-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2000-01-01', -36524, '1900-01-01'] // 1900 is not a leap year,
  ])('addDays(%s, %d) = %s', (d, n, r) => expect(addDays(d, n)).toBe(r));
  it('addDays refuses', () => {
    expect(codeOf(() => addDays('2024-01-01', 1.5))).toEqual({ code: 'VALIDATION', details: { field: 'n', value: 1.5 } });
    expect(codeOf(() => addDays('2024-01-01', NaN)).code).toBe('VALIDATION');
    expect(codeOf(() => addDays('2023-02-29', 1)).code).toBe('INVALID_DATE');
    expect(codeOf(() => addDays('9999-12-31', 1)).code).toBe('INVALID_DATE');
    expect(codeOf(() => addDays('0000-01-01', -1)).code).toBe('INVALID_DATE');
  });
  it('addDays then back is identity, and daysBetween inverts it (property)', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
        const e = addDays(d, n);
        return addDays(e, -n) === d && daysBetween(d, e) === n;
      }),
    );
  });
  it('daysBetween', () => {
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(daysBetween('2024-03-01', '2024-01-01')).toBe(-60);
    expect(codeOf(() => daysBetween('x', '2024-01-01')).details).toMatchObject({ field: 'from' });
  });
  it('dayOfWeek', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2024-01-01')).toBe(1);
    expect(dayOfWeek('2024-03-10')).toBe(0);
    expect(dayOfWeek('2026-11-22')).toBe(0);
    expect(dayOfWeek('1900-01-01')).toBe(1);
    expect(codeOf(() => dayOfWeek('2024-02-30')).code).toBe('INVALID_DATE');
  });
  it('dayOfWeek agrees with Date (property)', () => {
    fc.assert(fc.property(isoDateArb, (d) => dayOfWeek(d) === new Date(`${d}T00:00:00Z`).getUTCDay()));
  });
});

describe('time zones', () => {
  it('isValidTimeZone', () => {
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'UTC', 'Etc/GMT-8', 'asia/shanghai']) {
      expect(isValidTimeZone(tz)).toBe(true);
    }
    for (const tz of ['', 'Foo/Bar', 'Asia/Beijing', 'GMT+25', undefined, null, 8]) {
      expect(isValidTimeZone(tz)).toBe(false);
    }
  });
  it('localDate and localDateTime in Asia/Shanghai (UTC+8)', () => {
    expect(localDate(Date.UTC(2024, 0, 1, 15, 59), 'Asia/Shanghai')).toBe('2024-01-01');
    expect(localDate(Date.UTC(2024, 0, 1, 16, 0), 'Asia/Shanghai')).toBe('2024-01-02');
    expect(localDateTime(Date.UTC(2024, 0, 1, 15, 59, 59, 999), 'Asia/Shanghai')).toBe('2024-01-01 23:59');
    expect(localDateTime(Date.UTC(2024, 0, 1, 16, 0), 'Asia/Shanghai')).toBe('2024-01-02 00:00');
    expect(localDateTime(Date.UTC(2026, 10, 22, 1, 5), 'Asia/Shanghai')).toBe('2026-11-22 09:05');
    expect(localDateTime(Date.UTC(1960, 5, 1, 4, 0), 'Asia/Shanghai')).toBe('1960-06-01 12:00');
  });
  it('localDateTime in America/New_York follows DST', () => {
    expect(localDateTime(Date.UTC(2024, 0, 15, 12, 30), 'America/New_York')).toBe('2024-01-15 07:30');
    expect(localDateTime(Date.UTC(2024, 6, 4, 12, 30), 'America/New_York')).toBe('2024-07-04 08:30');
    expect(localDateTime(Date.UTC(2024, 2, 10, 6, 59), 'America/New_York')).toBe('2024-03-10 01:59');
    expect(localDateTime(Date.UTC(2024, 2, 10, 7, 0), 'America/New_York')).toBe('2024-03-10 03:00');
    expect(localDate(Date.UTC(2024, 0, 15, 3, 0), 'America/New_York')).toBe('2024-01-14');
  });
  it('refuses bad input', () => {
    expect(codeOf(() => localDate(0, 'Mars/Olympus'))).toEqual({
      code: 'VALIDATION',
      details: { field: 'timeZone', value: 'Mars/Olympus' },
    });
    expect(codeOf(() => localDate(NaN, 'UTC')).details).toMatchObject({ field: 'utcMs' });
    expect(codeOf(() => localDateTime(Infinity, 'UTC')).code).toBe('INVALID_DATE');
    expect(codeOf(() => localDate(8.64e15 + 1, 'UTC')).code).toBe('INVALID_DATE');
    expect(codeOf(() => startOfLocalDay('2024-01-01', 'Nowhere')).code).toBe('VALIDATION');
    expect(codeOf(() => startOfLocalDay('2024-02-30', 'UTC')).details).toMatchObject({ field: 'isoDate' });
  });

  it('startOfLocalDay in Asia/Shanghai', () => {
    expect(startOfLocalDay('2024-01-02', 'Asia/Shanghai')).toBe(Date.UTC(2024, 0, 1, 16));
    expect(startOfLocalDay('2026-11-22', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 21, 16));
    expect(startOfLocalDay('2024-01-02', 'UTC')).toBe(Date.UTC(2024, 0, 2));
  });
  it('startOfLocalDay in America/New_York: 23- and 25-hour days', () => {
    const mar10 = startOfLocalDay('2024-03-10', 'America/New_York');
    const mar11 = startOfLocalDay('2024-03-11', 'America/New_York');
    expect(mar10).toBe(Date.UTC(2024, 2, 10, 5));
    expect(mar11).toBe(Date.UTC(2024, 2, 11, 4));
    expect(mar11 - mar10).toBe(23 * H);
    const nov3 = startOfLocalDay('2024-11-03', 'America/New_York');
    const nov4 = startOfLocalDay('2024-11-04', 'America/New_York');
    expect(nov3).toBe(Date.UTC(2024, 10, 3, 4));
    expect(nov4).toBe(Date.UTC(2024, 10, 4, 5));
    expect(nov4 - nov3).toBe(25 * H);
  });
  it('startOfLocalDay where DST skips midnight: the day starts when clocks jump to 01:00', () => {
    const sp = startOfLocalDay('2018-11-04', 'America/Sao_Paulo');
    expect(sp).toBe(Date.UTC(2018, 10, 4, 3));
    expect(localDateTime(sp, 'America/Sao_Paulo')).toBe('2018-11-04 01:00');
    expect(localDateTime(sp - 1000, 'America/Sao_Paulo')).toBe('2018-11-03 23:59');
    const scl = startOfLocalDay('2024-09-08', 'America/Santiago');
    expect(scl).toBe(Date.UTC(2024, 8, 8, 4));
    expect(localDateTime(scl, 'America/Santiago')).toBe('2024-09-08 01:00');
  });
  it('startOfLocalDay where midnight happens twice: the earlier one', () => {
    // Havana falls back from 01:00 to 00:00 (CDT → CST) on 2024-11-03.
    const t = startOfLocalDay('2024-11-03', 'America/Havana');
    expect(t).toBe(Date.UTC(2024, 10, 3, 4));
    expect(localDate(t - 1000, 'America/Havana')).toBe('2024-11-02');
  });
  it('startOfLocalDay is the first second of the local day (property, many zones)', () => {
    const zones = [
      'Asia/Shanghai',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'America/Santiago',
      'America/Sao_Paulo',
      'America/Havana',
      'Pacific/Kiritimati',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (tz, t) => {
        const day = localDate(t, tz);
        const start = startOfLocalDay(day, tz);
        expect(start).toBeLessThanOrEqual(t);
        expect(localDate(start, tz)).toBe(day);
        expect(localDate(start - 1000, tz) < day).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
