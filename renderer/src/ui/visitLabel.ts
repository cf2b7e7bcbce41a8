/**
 * What a visit's badge says, derived from the replicated status and what is still owed to the
 * patient (the stored status is left as it is: other desks and the hub's statistics read it).
 * A bill paid discharges the visit in the data; while a prescription of hers waits at the
 * pharmacy she is not gone yet, and the badge says so.
 */
import type { VisitStatus } from '../../../main/api/contract';

export type VisitLabel = VisitStatus | 'awaiting_dispensing';

export function visitLabel(v: { status: VisitStatus; drugsPending: boolean }): VisitLabel {
  return v.status === 'discharged' && v.drugsPending ? 'awaiting_dispensing' : v.status;
}

export const VISIT_LABEL_COLOR: Record<VisitLabel, string> = {
  waiting: 'blue', in_consultation: 'grape', awaiting_payment: 'orange', awaiting_dispensing: 'cyan', discharged: 'gray', cancelled: 'red',
};
