import { describe, expect, it } from 'vitest';
import { boardLayout, pageOf } from './boardPages';

describe('the waiting-room board pages', () => {
  it('fits fourteen doctors on one full-HD page in four columns', () => {
    expect(boardLayout(1920, 1080, 14)).toMatchObject({ cols: 4, pages: 1 });
  });

  it('on a 1366×768 screen turns three pages of six, every doctor shown once', () => {
    const layout = boardLayout(1366, 768, 14);
    expect(layout).toEqual({ cols: 3, perPage: 6, pages: 3 });
    const doctors = Array.from({ length: 14 }, (_, i) => i);
    const shown = Array.from({ length: layout.pages }, (_, p) => pageOf(doctors, layout.perPage, p)).flat();
    expect(shown).toEqual(doctors);
  });

  it('a small screen gets one column and more pages; a few doctors one page', () => {
    expect(boardLayout(800, 600, 5)).toEqual({ cols: 2, perPage: 2, pages: 3 });
    expect(boardLayout(300, 200, 3)).toEqual({ cols: 1, perPage: 1, pages: 3 });
    expect(boardLayout(1920, 1080, 3).pages).toBe(1);
    expect(boardLayout(1920, 1080, 0).pages).toBe(1);
  });

  it('turning past the last page starts again at the first', () => {
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([5]);
    expect(pageOf([1, 2, 3, 4, 5], 2, 3)).toEqual([1, 2]);
    expect(pageOf([], 4, 1)).toEqual([]);
  });
});
