import { describe, expect, it } from 'vitest';
import { listPlacement } from './SearchPicker';

describe('listPlacement', () => {
  it('opens below with room to spare, at most 280 px tall', () => {
    expect(listPlacement({ top: 100, bottom: 136 }, 768)).toEqual({ up: false, maxHeight: 280 });
  });

  it('opens above a box near the bottom of a 1366×768 screen, as tall as fits', () => {
    expect(listPlacement({ top: 690, bottom: 726 }, 768)).toEqual({ up: true, maxHeight: 280 });
    expect(listPlacement({ top: 200, bottom: 600 }, 768)).toEqual({ up: true, maxHeight: 184 });
  });

  it('stays below, shorter, when there is less room above than below', () => {
    expect(listPlacement({ top: 100, bottom: 600 }, 768)).toEqual({ up: false, maxHeight: 152 });
  });
});
