/**
 * Where a visit stands in its doctor's line today, as the patient's phone shows it. Pure policy
 * over the day's visits of one doctor, in the order the doctor's queue calls them
 * (main/station/services/queue.ts: priority first, then queue order, then number; only visits
 * whose fee is settled are in the doctor's line). "Ahead" counts the visits before this one that
 * are still waiting and not yet called: when the doctor calls the next patient, everyone behind
 * sees the number drop, and the one called sees "called".
 */
import type { FeeStatus, VisitStatus } from '../../domain/enums';
import type { QUEUE_STATES } from '../../api/patient-contract';

export type QueueState = (typeof QUEUE_STATES)[number];

export interface LineVisit {
  id: string;
  priority: boolean;
  queueOrder: number;
  queueNo: string;
  status: VisitStatus;
  feeStatus: FeeStatus;
  calledAt: number | null;
}

const SETTLED: readonly FeeStatus[] = ['paid', 'not_required'];

/** The doctor's queue order: priority first, then queue order, then number. */
export function inLineOrder(a: LineVisit, b: LineVisit): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  if (a.queueOrder !== b.queueOrder) return a.queueOrder - b.queueOrder;
  return a.queueNo < b.queueNo ? -1 : a.queueNo > b.queueNo ? 1 : 0;
}

/** In the doctor's line: waiting with the fee settled. */
function inLine(v: LineVisit): boolean {
  return v.status === 'waiting' && SETTLED.includes(v.feeStatus);
}

export function stateOf(v: LineVisit): QueueState {
  switch (v.status) {
    case 'cancelled': return 'cancelled';
    case 'in_consultation': return 'in_consultation';
    case 'awaiting_payment': case 'discharged': return 'done';
    case 'waiting':
      if (!SETTLED.includes(v.feeStatus)) return 'unpaid';
      return v.calledAt !== null ? 'called' : 'waiting';
  }
}

/**
 * How many of the doctor's day (`line`, any order, `mine` among them or not) are before `mine`
 * and not yet called. 0 for a visit that is called, in consultation, done or cancelled. A visit
 * whose fee is unpaid is counted where it will stand once paid (its queue order is kept).
 */
export function aheadOf(mine: LineVisit, line: readonly LineVisit[]): number {
  const state = stateOf(mine);
  if (state !== 'waiting' && state !== 'unpaid') return 0;
  return line.filter((v) => v.id !== mine.id && inLine(v) && v.calledAt === null && inLineOrder(v, mine) < 0).length;
}

/** Finished visits (done, cancelled) sink below the ones still to happen; otherwise the order is kept (check-in order). */
const SETTLED_STATES: readonly QueueState[] = ['done', 'cancelled'];

/** The account's positions as the phone lists them: still ahead of the patient first, done and cancelled last, each group in check-in order. */
export function openFirst<T extends { state: QueueState }>(items: readonly T[]): T[] {
  const over = (p: T) => (SETTLED_STATES.includes(p.state) ? 1 : 0);
  return items.map((p, i) => ({ p, i })).sort((a, b) => over(a.p) - over(b.p) || a.i - b.i).map(({ p }) => p);
}
