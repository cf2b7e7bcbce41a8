/** The prescription line being written: its quantity preview (the station computes the same). */
import { computeQuantity, type DrugFrequency } from '../../../../main/api/contract';

export interface LineDraft {
  dose: string;
  frequency: DrugFrequency;
  route: string;
  days: string;
  quantity: string;
}

export function newLine(route = 'po'): LineDraft {
  return { dose: '1', frequency: 'tid', route, days: '3', quantity: '' };
}

/** The drug's own defaults from the catalog (dose, frequency, route, days), the general ones where it has none. */
export function lineFor(drug: { defaultDose: number | null; defaultFrequency: DrugFrequency | null; defaultRoute: string | null; defaultDays: number | null }): LineDraft {
  const base = newLine();
  const asNeeded = drug.defaultFrequency === 'prn' || drug.defaultFrequency === 'st';
  return {
    dose: drug.defaultDose !== null ? String(drug.defaultDose) : base.dose,
    frequency: drug.defaultFrequency ?? base.frequency,
    route: drug.defaultRoute ?? base.route,
    days: drug.defaultDays !== null ? String(drug.defaultDays) : asNeeded ? '' : base.days,
    quantity: '',
  };
}

/** Packages to dispense for the line, or null while it is incomplete (prn needs a quantity typed). */
export function previewQuantity(line: LineDraft, dosesPerUnit: number): number | null {
  const dose = Number(line.dose);
  const days = line.days.trim() === '' ? undefined : Number(line.days);
  const quantity = line.quantity.trim() === '' ? undefined : Number(line.quantity);
  try {
    return computeQuantity({ dosePerTake: dose, frequency: line.frequency, days, dosePerPackage: dosesPerUnit, quantity });
  } catch {
    return null;
  }
}
