import { describe, expect, it } from 'vitest';
import { ariaKeys, keyLabel, SHORTCUTS } from './shortcuts';

describe('shortcut labels', () => {
  it('shows the key caps a person presses', () => {
    expect(keyLabel('mod+K')).toBe('Ctrl K');
    expect(keyLabel('mod+K', true)).toBe('⌘ K');
    expect(keyLabel('alt+shift+w')).toBe('Alt Shift W');
    expect(keyLabel('F3')).toBe('F3');
  });

  it('says the same keys in aria-keyshortcuts notation', () => {
    expect(ariaKeys('mod+K')).toBe('Control+K');
    expect(ariaKeys('mod+k', true)).toBe('Meta+K');
    expect(ariaKeys('F8')).toBe('F8');
  });

  it('gives the front desk and the doctor distinct keys within each workspace, none taken by the finder', () => {
    const desk = [SHORTCUTS.walkIn, SHORTCUTS.book, SHORTCUTS.register];
    const doctor = [SHORTCUTS.callNext, SHORTCUTS.finishVisit];
    for (const keys of [desk, doctor]) {
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).not.toContain('F2');
      expect(keys).not.toContain(SHORTCUTS.find);
    }
  });
});
