import { describe, expect, it } from 'vitest';
import { date, dateTime, isTimeZone, money, moneyUpper, num, withUnit } from './format';

describe('money', () => {
  it('prints integer fen as yuan with two decimals', () => {
    expect(money(1230)).toBe('¥12.30');
    expect(money(5)).toBe('¥0.05');
    expect(money(0)).toBe('¥0.00');
    expect(money(1234560)).toBe('¥12,345.60');
  });

  it.each([
    [1230, '壹拾贰元叁角整'],
    [100, '壹元整'],
    [0, '零元整'],
    [5, '伍分'],
    [10005, '壹佰元零伍分'],
    [10203, '壹佰零贰元零叁分'],
    [6060, '陆拾元陆角整'],
    [100000, '壹仟元整'],
    [1000100, '壹万零壹元整'],
    [10010000, '壹拾万零壹佰元整'],
    [12345678, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    [100000000, '壹佰万元整'],
    [10000000100, '壹亿零壹元整'],
    [10500000000, '壹亿零伍佰万元整'],
  ])('capital numerals of %i fen: %s', (fen, upper) => {
    expect(moneyUpper(fen)).toBe(upper);
  });
});

describe('dates in the clinic time zone', () => {
  const at = Date.UTC(2026, 10, 22, 17, 30); // 01:30 next day in Shanghai
  it('formats in the given zone, not the machine zone', () => {
    expect(date(at, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(dateTime(at, 'Asia/Shanghai')).toBe('2026-11-23 01:30');
    expect(dateTime(at, 'UTC', true)).toBe('2026-11-22 17:30:00');
  });
  it('knows real zones', () => {
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('quantities', () => {
  it('prints doses without float noise, compact in Chinese', () => {
    expect(num(0.1 + 0.2)).toBe('0.3');
    expect(withUnit(0.5, 'g', 'zh-CN')).toBe('0.5g');
    expect(withUnit(2, '片', 'zh-CN')).toBe('2片');
    expect(withUnit(0.5, 'g', 'en')).toBe('0.5 g');
  });
});
