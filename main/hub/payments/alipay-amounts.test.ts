import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './alipay-amounts';

describe('Alipay amounts', () => {
  it('writes fen as yuan with two places', () => {
    expect(fenToYuan(1230)).toBe('12.30');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(100000)).toBe('1000.00');
    expect(() => fenToYuan(-1)).toThrow(RangeError);
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });

  it('reads yuan back exactly, and nothing that is not a plain amount', () => {
    expect(yuanToFen('12.30')).toBe(1230);
    expect(yuanToFen('12.3')).toBe(1230);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('0.01')).toBe(1);
    for (const bad of ['', '-1.00', '1.234', '1e3', ' 1.00', '1.', '.5', 12.3, null]) expect(yuanToFen(bad)).toBeNull();
  });
});
