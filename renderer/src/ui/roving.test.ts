import { describe, expect, it } from 'vitest';
import { nextRovingIndex, rovingStop } from './roving';

describe('roving tab index', () => {
  const open = (closed: number[]) => (i: number) => !closed.includes(i);

  it('moves down and up one item, and stops at the ends', () => {
    expect(nextRovingIndex(0, 'ArrowDown', 3)).toBe(1);
    expect(nextRovingIndex(1, 'ArrowRight', 3)).toBe(2);
    expect(nextRovingIndex(2, 'ArrowDown', 3)).toBeNull();
    expect(nextRovingIndex(1, 'ArrowUp', 3)).toBe(0);
    expect(nextRovingIndex(0, 'ArrowLeft', 3)).toBeNull();
  });

  it('skips items that cannot be chosen', () => {
    expect(nextRovingIndex(0, 'ArrowDown', 5, open([1, 2]))).toBe(3);
    expect(nextRovingIndex(3, 'ArrowUp', 5, open([1, 2]))).toBe(0);
    expect(nextRovingIndex(0, 'ArrowDown', 3, open([1, 2]))).toBeNull();
  });

  it('Home and End go to the first and last that can be chosen', () => {
    expect(nextRovingIndex(2, 'Home', 5, open([0]))).toBe(1);
    expect(nextRovingIndex(1, 'End', 5, open([4]))).toBe(3);
    expect(nextRovingIndex(3, 'End', 5, open([4]))).toBeNull();
  });

  it('other keys do not move', () => {
    expect(nextRovingIndex(1, 'Enter', 3)).toBeNull();
    expect(nextRovingIndex(1, 'Tab', 3)).toBeNull();
    expect(nextRovingIndex(1, 'a', 3)).toBeNull();
  });

  it('the Tab stop is the active item, or the first that can be chosen', () => {
    expect(rovingStop(2, 4)).toBe(2);
    expect(rovingStop(7, 4)).toBe(0);
    expect(rovingStop(0, 4, open([0, 1]))).toBe(2);
    expect(rovingStop(0, 2, open([0, 1]))).toBe(-1);
    expect(rovingStop(0, 0)).toBe(-1);
  });
});
