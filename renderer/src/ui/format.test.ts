import { afterEach, describe, expect, it } from 'vitest';
import { clockTime, dateTime, setClinicTimeZone, time } from './format';

// 2026-12-04 01:16:05 UTC: 09:16 in Shanghai, 20:16 the day before in New York.
const AT = Date.UTC(2026, 11, 4, 1, 16, 5);

afterEach(() => setClinicTimeZone(undefined));

describe('times are shown in the clinic\'s time zone, not the machine\'s', () => {
  it('a check-in at 09:16 in Shanghai shows as 09:16 whatever zone the machine is in', () => {
    setClinicTimeZone('Asia/Shanghai');
    expect(time(AT)).toBe('09:16');
    expect(clockTime(AT)).toBe('09:16:05');
    expect(dateTime(AT)).toMatch(/12\/4|2026\/12\/4|04\/12|2026-12-04/);
  });

  it('another clinic zone moves the hour and the date with it', () => {
    setClinicTimeZone('America/New_York');
    expect(time(AT)).toBe('20:16');
    expect(dateTime(AT)).toMatch(/12\/3|2026\/12\/3|03\/12/);
  });
});
