/**
 * Lifecycle state machines as data (DESIGN.md "The clinic's day"), and the sync merge rule for
 * statuses: the state further along wins, never backwards.
 *
 * Each machine has a rank: a total order of its states in which every transition goes up.
 * `furthest` returns the higher-ranked state, so it is commutative, associative, idempotent and
 * never returns a state that can still move on to the other input. Where two branches meet
 * (e.g. one desk cancelled while another took payment), the rank places a cancellation or void
 * just above the states it can leave and below every state that records something that really
 * happened — money taken, a patient seen, a drug dispensed — so the facts win and the
 * contradiction is left to a person (refund, follow-up), never hidden by a rollback.
 * Self-transitions (from === to) are not transitions and are refused.
 */
import { DomainError } from './errors';
import type {
  ADMISSION_STATUSES, AppointmentStatus, BillStatus, ExamOrderStatus, FeeStatus, PrescriptionStatus, RECORD_STATUSES, VisitStatus,
} from './enums';

export interface Lifecycle<S extends string> {
  readonly entity: string;
  /** States from first to furthest (the merge rank). */
  readonly states: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly rankOf: Readonly<Record<S, number>>;
  /** States with no way out. */
  readonly terminal: readonly S[];
  /**
   * Transitions only one action may take (`from>to` → the action's name): e.g. a paid exam order is
   * cancelled only by refunding it, which returns the money with it.
   */
  readonly onlyBy: Readonly<Partial<Record<`${S}>${S}`, string>>>;
}

/**
 * Builds a machine. `rank` lists every state exactly once, first to furthest; every
 * transition must go up the rank. A broken definition throws INTERNAL at load time.
 */
export function defineLifecycle<S extends string>(
  entity: string,
  transitions: Record<S, readonly S[]>,
  rank: readonly S[],
  onlyBy: Partial<Record<`${S}>${S}`, string>> = {},
): Lifecycle<S> {
  const broken = (message: string): never => {
    throw new DomainError('INTERNAL', `lifecycle ${entity}: ${message}`);
  };
  const keys = Object.keys(transitions) as S[];
  if (rank.length !== keys.length || new Set(rank).size !== rank.length || !keys.every((k) => rank.includes(k))) {
    broken('rank must list every state exactly once');
  }
  const rankOf = Object.fromEntries(rank.map((s, i) => [s, i])) as Record<S, number>;
  for (const from of keys) {
    for (const to of transitions[from]) {
      if (!(to in rankOf)) broken(`unknown state ${to}`);
      if (rankOf[to] <= rankOf[from]) broken(`${from} → ${to} does not go up the rank`);
    }
  }
  for (const step of Object.keys(onlyBy)) {
    const [from, to] = step.split('>') as [S, S];
    if (!transitions[from]?.includes(to)) broken(`${step} is reserved for ${String(onlyBy[step as `${S}>${S}`])} but is no transition`);
  }
  const frozen = Object.fromEntries(keys.map((k) => [k, Object.freeze([...transitions[k]])])) as Record<S, readonly S[]>;
  return Object.freeze({
    entity,
    states: Object.freeze([...rank]),
    transitions: Object.freeze(frozen),
    rankOf: Object.freeze(rankOf),
    terminal: Object.freeze(rank.filter((s) => frozen[s].length === 0)),
    onlyBy: Object.freeze({ ...onlyBy }),
  });
}

function isState<S extends string>(m: Lifecycle<S>, s: unknown): s is S {
  return typeof s === 'string' && Object.hasOwn(m.rankOf, s);
}

function assertState<S extends string>(m: Lifecycle<S>, s: unknown, field: string): asserts s is S {
  if (!isState(m, s)) {
    throw new DomainError('VALIDATION', `unknown ${m.entity} status`, { entity: m.entity, field, value: s });
  }
}

/** True when `from → to` is a step of the machine (unknown states: false). */
export function canTransition<S extends string>(m: Lifecycle<S>, from: S, to: S): boolean {
  return isState(m, from) && isState(m, to) && m.transitions[from].includes(to);
}

/**
 * Throws ILLEGAL_TRANSITION {entity, from, to} unless `from → to` is allowed; a step reserved for
 * one action (`onlyBy`) is allowed only when `by` names it, and is refused with {reason: that action}.
 */
export function assertTransition<S extends string>(m: Lifecycle<S>, from: S, to: S, by?: string): void {
  if (!canTransition(m, from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `${m.entity} cannot go from ${from} to ${to}`, {
      entity: m.entity,
      from,
      to,
    });
  }
  const reserved = m.onlyBy[`${from}>${to}`];
  if (reserved !== undefined && by !== reserved) {
    throw new DomainError('ILLEGAL_TRANSITION', `${m.entity} goes from ${from} to ${to} only by ${reserved}`, { entity: m.entity, from, to, reason: reserved });
  }
}

/** Sync merge of two replicas' statuses: the one further along the rank. */
export function furthest<S extends string>(m: Lifecycle<S>, a: S, b: S): S {
  assertState(m, a, 'a');
  assertState(m, b, 'b');
  return m.rankOf[a] >= m.rankOf[b] ? a : b;
}

export function isTerminal<S extends string>(m: Lifecycle<S>, s: S): boolean {
  return isState(m, s) && m.transitions[s].length === 0;
}

export function nextStates<S extends string>(m: Lifecycle<S>, s: S): readonly S[] {
  return isState(m, s) ? m.transitions[s] : [];
}

/** pending → confirmed → completed; pending|confirmed → cancelled; confirmed → no_show. */
export const appointmentLifecycle = defineLifecycle<AppointmentStatus>(
  'appointment',
  {
    pending: ['confirmed', 'cancelled'],
    confirmed: ['completed', 'cancelled', 'no_show'],
    completed: [],
    cancelled: [],
    no_show: [],
  },
  // Seen beats no-show beats cancelled: the patient turning up is the fact that wins.
  ['pending', 'confirmed', 'cancelled', 'no_show', 'completed'],
);

/** One way only: waiting → in_consultation → awaiting_payment → discharged; waiting → cancelled. */
export const visitLifecycle = defineLifecycle<VisitStatus>(
  'visit',
  {
    waiting: ['in_consultation', 'cancelled'],
    in_consultation: ['awaiting_payment'],
    awaiting_payment: ['discharged'],
    discharged: [],
    cancelled: [],
  },
  ['waiting', 'cancelled', 'in_consultation', 'awaiting_payment', 'discharged'],
);

/** draft → issued → paid → dispensed; draft|issued → cancelled. */
export const prescriptionLifecycle = defineLifecycle<PrescriptionStatus>(
  'prescription',
  {
    draft: ['issued', 'cancelled'],
    issued: ['paid', 'cancelled'],
    paid: ['dispensed'],
    dispensed: [],
    cancelled: [],
  },
  ['draft', 'issued', 'cancelled', 'paid', 'dispensed'],
);

/** open → paid → refunded; open → void. */
export const billLifecycle = defineLifecycle<BillStatus>(
  'bill',
  {
    open: ['paid', 'void'],
    paid: ['refunded'],
    refunded: [],
    void: [],
  },
  ['open', 'void', 'paid', 'refunded'],
);

/**
 * ordered → paid → done; ordered → cancelled (by the doctor); paid → cancelled (refunded). A
 * cancel is further than a payment (a refund after the payment must stick at every replica), and
 * done is furthest: an exam done at one desk while refunded at another stays done.
 */
export const examOrderLifecycle = defineLifecycle<ExamOrderStatus>(
  'exam_order',
  {
    ordered: ['paid', 'cancelled'],
    paid: ['done', 'cancelled'],
    done: [],
    cancelled: [],
  },
  ['ordered', 'paid', 'cancelled', 'done'],
  // A paid order is cancelled by refunding its line at the cashier, which returns the money with it.
  { 'paid>cancelled': 'refund_at_cashier' },
);

/** fee_status: unpaid → paid → refunded; unpaid → not_required (waived). Paid facts win over a waiver. */
export const feeStatusLifecycle = defineLifecycle<FeeStatus>(
  'fee_status',
  { unpaid: ['paid', 'not_required'], not_required: [], paid: ['refunded'], refunded: [] },
  ['unpaid', 'not_required', 'paid', 'refunded'],
);
/** admitted → discharged. */
export const admissionStatusLifecycle = defineLifecycle<(typeof ADMISSION_STATUSES)[number]>(
  'admission', { admitted: ['discharged'], discharged: [] }, ['admitted', 'discharged'],
);
/** draft → signed (a signed record changes only by amendments). */
export const recordStatusLifecycle = defineLifecycle<(typeof RECORD_STATUSES)[number]>(
  'medical_record', { draft: ['signed'], signed: [] }, ['draft', 'signed'],
);
