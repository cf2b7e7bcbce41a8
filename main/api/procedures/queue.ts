/**
 * The doctor's queue and the waiting-room board.
 *
 * The visit lifecycle is one-way (waiting → in_consultation → awaiting_payment → discharged), so
 * calling and skipping never move a visit backwards:
 * - `queue.call` announces the next patient not yet called (or a chosen waiting one): calledAt =
 *   now, callCount + 1; the visit stays 'waiting' until the patient walks in. QUEUE_EMPTY when
 *   nobody is left to call.
 * - `queue.recall` announces a called patient again (callCount + 1).
 * - `queue.skip`: a called patient who is not there keeps 'waiting', goes to the end of the
 *   doctor's queue (queueOrder after every visit queued so far) and off the board (calledAt cleared;
 *   callCount keeps the history).
 * - `queue.start`: the patient is in the room: waiting → in_consultation.
 * - `queue.finish`: in_consultation → awaiting_payment; a visit that owes nothing is discharged
 *   at once.
 * The queue holds only today's visits of the logged-in doctor whose fee is settled ('paid' or
 * 'not_required'); first visits and follow-ups are listed apart, each priority first, then in
 * queue order. "Next" without a type is the head of both lists merged by the same order.
 */
import { z } from 'zod';
import { VISIT_TYPES } from '../../domain/enums';
import { procedure } from '../define';
import { Id, Instant, IsoDate } from '../schemas';
import { VisitView } from './frontdesk';

const BoardEntry = z.object({
  queueNo: z.string(),
  /** The name masked for a public screen: 王*明. */
  maskedName: z.string(),
  roomName: z.string().nullable(),
  priority: z.boolean(),
  /** A priority_reason code of the data dictionary (a built-in one, or the clinic's). */
  priorityReason: z.string().nullable(),
  calledAt: Instant.nullable(),
  callCount: z.number().int().nonnegative(),
});

const VisitRef = z.object({ visitId: Id });

export const queueProcedures = {
  'queue.mine': procedure({
    kind: 'query',
    access: ['doctor'],
    summary: "My queue today: in consultation, then first visits and follow-ups apart, priority first, then queue order.",
    input: z.object({}),
    output: z.object({
      date: IsoDate,
      inConsultation: z.array(VisitView),
      firstVisits: z.array(VisitView),
      followUps: z.array(VisitView),
    }),
  }),
  'queue.call': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Call the next patient not yet called (of a type, or overall), or a chosen waiting one: announces the number; the visit stays waiting.',
    input: z.object({ visitId: Id.optional(), visitType: z.enum(VISIT_TYPES).optional() }),
    output: VisitView,
  }),
  'queue.recall': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'Call a called patient again.',
    input: VisitRef,
    output: VisitView,
  }),
  'queue.skip': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'A called patient is not there: back to the end of my queue, still waiting.',
    input: VisitRef,
    output: VisitView,
  }),
  'queue.start': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'The patient is in the room: waiting → in consultation.',
    input: VisitRef,
    output: VisitView,
  }),
  'queue.finish': procedure({
    kind: 'command',
    access: ['doctor'],
    summary: 'End the consultation: → awaiting payment (discharged at once if nothing is owed).',
    input: VisitRef,
    output: VisitView,
  }),
  'queue.board': procedure({
    kind: 'query',
    access: 'any',
    summary: "Today's waiting-room board per doctor: numbers being called and their rooms, in consultation, next in line (names masked).",
    input: z.object({ doctorId: Id.optional() }),
    output: z.object({
      date: IsoDate,
      doctors: z.array(z.object({
        doctorId: Id,
        doctorName: z.string(),
        departmentName: z.string(),
        rooms: z.array(z.string()),
        calling: z.array(BoardEntry),
        inConsultation: z.array(BoardEntry),
        next: z.array(BoardEntry),
        waitingCount: z.number().int().nonnegative(),
      })),
    }),
  }),
} as const;
