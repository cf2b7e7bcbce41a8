/** Yuan typed by a person ↔ integer fen, with the station's own rules. */
import { changeDue, parseYuan } from '../../../main/api/contract';

export function tryFen(yuan: string): number | null {
  try {
    return parseYuan(yuan);
  } catch {
    return null;
  }
}

/** Change for cash handed over, or null while it cannot be worked out. */
export function tryChange(tenderedYuan: string, dueFen: number): number | null {
  const tendered = tryFen(tenderedYuan);
  if (tendered === null) return null;
  try {
    return changeDue(tendered, dueFen);
  } catch {
    return null;
  }
}
