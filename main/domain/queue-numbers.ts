/**
 * The number a patient hears in the waiting room: per doctor and clinic day, 1, 2, 3… in order of
 * arrival, whatever desk checked the patient in (issue 14; DESIGN.md "Offline-first data and sync").
 *
 *   queueNo(7) → '007'         three digits at least, never truncated ('1234')
 *
 * A desk hands out the next number after the highest it holds for that doctor and day
 * (`nextQueueNo`). Desks that are apart may hand out the same number; the hub settles it when the
 * visits meet there (`settleQueueClashes`, run by the hub's admin station in log order, so every
 * replica ends with the same numbers): of the visits holding one number, the earliest checked in
 * (then the smallest visit id) keeps it, and each other one takes the next free number, in order
 * of check-in. Numbers already heard never change except the clashing ones, so a renumbered
 * patient is told (a notice at every desk) and the queue's order stays the check-in order
 * (`queue_order`), which the number only labels. Numbers of earlier versions ('A1-007', a desk
 * prefix and its own sequence) are not numbers here: they neither clash nor count for the next.
 */
import { DomainError } from './errors';

const QUEUE_NO_RE = /^\d{3,6}$/;

/** The queue number as shown and spoken, e.g. '007' (n ≥ 1). */
export function queueNo(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > 999_999) {
    throw new DomainError('VALIDATION', 'a queue number is a whole number from 1 to 999999', { field: 'queueNo', value: n });
  }
  return String(n).padStart(3, '0');
}

/** The number a queue number text stands for; null when it is not one ('A1-007', '7', '000'). */
export function parseQueueNo(s: string | null | undefined): number | null {
  if (typeof s !== 'string' || !QUEUE_NO_RE.test(s)) return null;
  const n = Number(s);
  if (n < 1) return null;
  // Canonical form only: '0007' is not '007', so equal numbers are equal texts.
  return queueNo(n) === s ? n : null;
}

/** The number after the highest of `taken` (a doctor's numbers of one day at this replica). */
export function nextQueueNo(taken: Iterable<string | null>): string {
  let max = 0;
  for (const s of taken) max = Math.max(max, parseQueueNo(s) ?? 0);
  return queueNo(max + 1);
}

/** A visit of one doctor and day as the settling reads it. */
export interface QueuedVisit { id: string; queueNo: string; checkedInAt: number }

/** One visit's new number. */
export interface Renumbering { visitId: string; from: string; to: string }

function arrival(a: QueuedVisit, b: QueuedVisit): number {
  return a.checkedInAt - b.checkedInAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The renumberings that make one doctor's numbers of a day unique: for each number held by more
 * than one visit, all but the first to arrive take the next free numbers, in order of arrival.
 * Empty when the numbers are unique. Depends only on the set of visits, not their order.
 */
export function settleQueueClashes(visits: readonly QueuedVisit[]): Renumbering[] {
  const byNumber = new Map<number, QueuedVisit[]>();
  let max = 0;
  for (const v of visits) {
    const n = parseQueueNo(v.queueNo);
    if (n === null) continue;
    max = Math.max(max, n);
    byNumber.set(n, [...(byNumber.get(n) ?? []), v]);
  }
  const moved: QueuedVisit[] = [];
  for (const holders of byNumber.values()) {
    if (holders.length > 1) moved.push(...[...holders].sort(arrival).slice(1));
  }
  return moved.sort(arrival).map((v, i) => ({ visitId: v.id, from: v.queueNo, to: queueNo(max + 1 + i) }));
}

/** The notice every desk shows when the hub renumbers a visit (same id wherever it is raised). */
export function queueRenumberedNotice(r: { visitId: string; from: string; to: string; patientName: string; doctorName: string; at: number }): {
  id: string; kind: 'queue_renumbered'; message: string; at: number;
} {
  return {
    id: `queue_renumbered:${r.visitId}:${r.to}`,
    kind: 'queue_renumbered',
    message: `排队号变更：${r.doctorName} 医生的患者 ${r.patientName} 由 ${r.from} 号改为 ${r.to} 号（另一台电脑离线时把 ${r.from} 号给了先到的患者），请告知患者。`
      + ` / Queue number changed: ${r.patientName} (Dr ${r.doctorName}) is now ${r.to}, not ${r.from} — another desk, offline, gave ${r.from} to a patient who arrived earlier. Please tell the patient.`,
    at: r.at,
  };
}
