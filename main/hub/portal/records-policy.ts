/**
 * The rules of the patient's records, as pure functions: which visits count as finished (and so
 * may be rated), what a rating may be, and the file name of a downloaded patient copy.
 */
import type { VisitStatus } from '../../domain/enums';
import { DomainError } from '../../domain/errors';

/** The doctor has finished the consultation: the visit awaits payment or is over. */
const FINISHED: ReadonlySet<VisitStatus> = new Set(['awaiting_payment', 'discharged']);

export function isFinishedVisit(status: VisitStatus): boolean {
  return FINISHED.has(status);
}

/**
 * A visit may be rated once, after the doctor has finished it: CONFLICT {field, reason:
 * 'visit_not_finished'} before that, ALREADY_EXISTS {field, reason: 'already_rated'} the second time.
 */
export function assertRateable(status: VisitStatus, alreadyRated: boolean, field = 'visitId'): void {
  if (!isFinishedVisit(status)) throw new DomainError('CONFLICT', 'a visit can be rated once the doctor has finished it', { field, reason: 'visit_not_finished' });
  if (alreadyRated) throw new DomainError('ALREADY_EXISTS', 'this visit was rated already', { field, reason: 'already_rated' });
}

/** `prescription-RX-0001-patient-copy.pdf`: the document, its number (safe characters only), and what it is. */
export function patientCopyFileName(document: string, number: string): string {
  return `${document}-${number.replace(/[^A-Za-z0-9._-]+/g, '_')}-patient-copy.pdf`;
}
