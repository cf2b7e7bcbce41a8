import { describe, expect, it } from 'vitest';
import { dayLabel, timeLabel, yuan } from './format';

describe('money and dates for patients', () => {
  it('writes integer fen as yuan with two decimals', () => {
    expect(yuan(1500)).toBe('¥15.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(123456)).toBe('¥1234.56');
    expect(yuan(0)).toBe('¥0.00');
  });

  it('writes a calendar date with its weekday, whatever the phone\'s time zone', () => {
    expect(dayLabel('2026-11-24', 'zh-CN')).toBe('11月24日周二');
    expect(dayLabel('2026-11-24', 'en')).toBe('Tue 24 Nov');
  });

  it('writes an instant in the given time zone', () => {
    expect(timeLabel(Date.parse('2026-11-24T00:30:00Z'), 'en', 'Asia/Shanghai')).toBe('24 Nov, 08:30');
  });
});
