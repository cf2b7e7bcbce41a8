import { describe, expect, it } from 'vitest';
import { bedCharge, bedNights } from './bed-days';

const SH = 'Asia/Shanghai';
/** An instant given as Shanghai wall time (UTC+8, no summer time). */
const at = (wall: string) => Date.parse(`${wall}+08:00`);

describe('bed nights', () => {
  it('count clinic-calendar days between admission and discharge', () => {
    expect(bedNights(at('2026-12-01T15:00:00'), at('2026-12-04T09:00:00'), SH)).toBe(3);
    // 23:00 to 07:00 the next morning is one night, though under 24 hours.
    expect(bedNights(at('2026-12-01T23:00:00'), at('2026-12-02T07:00:00'), SH)).toBe(1);
  });

  it('bill a stay within one day (a day case) as one night', () => {
    expect(bedNights(at('2026-12-01T08:00:00'), at('2026-12-01T17:00:00'), SH)).toBe(1);
  });

  it("follow the clinic's time zone, not UTC", () => {
    // 20:00 on the 30th to 07:30 on the 2nd in Shanghai is two nights; in UTC (12:00 on the 30th to 23:30 on the 1st) one.
    expect(bedNights(at('2026-11-30T20:00:00'), at('2026-12-02T07:30:00'), SH)).toBe(2);
    expect(bedNights(at('2026-11-30T20:00:00'), at('2026-12-02T07:30:00'), 'UTC')).toBe(1);
  });

  it('charge nights × the daily rate, and refuse a rate that is not whole fen', () => {
    expect(bedCharge(at('2026-12-01T15:00:00'), at('2026-12-04T09:00:00'), SH, 6000)).toEqual({ nights: 3, amountFen: 18000 });
    expect(() => bedCharge(0, 1, SH, 12.5)).toThrow(/whole number of fen/);
  });
});
