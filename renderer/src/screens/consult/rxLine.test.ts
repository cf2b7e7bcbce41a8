import { describe, expect, it } from 'vitest';
import { lineFor, newLine, previewQuantity } from './rxLine';

describe('prescription line preview', () => {
  it('computes whole packages from dose × frequency × days', () => {
    // 2 capsules three times a day for 5 days = 30 capsules; 24 a box → 2 boxes.
    expect(previewQuantity({ ...newLine(), dose: '2', days: '5' }, 24)).toBe(2);
    expect(previewQuantity({ ...newLine(), dose: '1', frequency: 'qd', days: '7' }, 20)).toBe(1);
  });

  it('is null while the line is incomplete or wrong', () => {
    expect(previewQuantity({ ...newLine(), dose: '' }, 24)).toBeNull();
    expect(previewQuantity({ ...newLine(), days: '' }, 24)).toBeNull();
    expect(previewQuantity({ ...newLine(), frequency: 'prn', days: '' }, 24)).toBeNull();
    expect(previewQuantity({ ...newLine(), frequency: 'prn', days: '', quantity: '3' }, 24)).toBe(3);
  });

  it('starts a line from the drug\'s catalog defaults, the general ones where it has none', () => {
    const none = { defaultDose: null, defaultFrequency: null, defaultRoute: null, defaultDays: null };
    expect(lineFor(none)).toEqual(newLine());
    expect(lineFor({ defaultDose: 5, defaultFrequency: 'qd', defaultRoute: 'po', defaultDays: 30 })).toEqual({ dose: '5', frequency: 'qd', route: 'po', days: '30', quantity: '' });
    // An inhaler: as needed, inhaled, no days to count.
    expect(lineFor({ ...none, defaultDose: 2, defaultFrequency: 'prn', defaultRoute: 'inhal' })).toMatchObject({ frequency: 'prn', route: 'inhal', days: '' });
  });
});
