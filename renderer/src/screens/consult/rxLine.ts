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
