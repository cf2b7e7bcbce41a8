import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_BOUND_MS, clockCorrection, measureOffset } from './clock';

const T = Date.UTC(2026, 11, 4, 9, 0, 0);
const DAY = 86_400_000;

describe('measureOffset', () => {
  it('takes the hub as answering halfway through the round trip', () => {
    expect(measureOffset(T, T + 10, T + 5)).toBe(0);
    expect(measureOffset(T, T + 10, T + 5 + DAY)).toBe(DAY);
    expect(measureOffset(T + DAY, T + DAY + 4, T + 2)).toBe(-DAY);
  });
});

describe('clockCorrection', () => {
  it('leaves a clock within the bound alone and follows the hub beyond it, either way', () => {
    expect(clockCorrection(0)).toBe(0);
    expect(clockCorrection(CLOCK_SKEW_BOUND_MS)).toBe(0);
    expect(clockCorrection(-CLOCK_SKEW_BOUND_MS)).toBe(0);
    expect(clockCorrection(CLOCK_SKEW_BOUND_MS + 1)).toBe(CLOCK_SKEW_BOUND_MS + 1);
    expect(clockCorrection(-DAY)).toBe(-DAY);
    expect(clockCorrection(DAY)).toBe(DAY);
  });
});
