/**
 * Billing at the cashier's window: the clinical bill of a visit, payments in parts and methods,
 * refunds as reversal rows, the list of visits awaiting payment, and the close of day.
 *
 * Rules (see main/domain/billing.ts for the arithmetic):
 * - A clinical bill collects the visit's unbilled charges: items of issued prescriptions, ordered
 *   exams, and the registration fee when it was not billed at check-in. Building again while an
 *   open clinical bill has no money on it voids that bill and makes one with everything.
 * - The insurance part is paid by 'insurance' payments, the self-pay part by cash, card or QR
 *   (QR needs its transaction reference; cash may say what was tendered). More than is due:
 *   OVERPAYMENT. A payment sent again with the same idempotency key returns the first payment.
 * - Fully paid: the bill → paid, its prescriptions issued → paid, exam orders ordered → paid, the
 *   registration fee → paid; a visit whose consultation is over and that owes nothing more →
 *   discharged.
 * - A payment may be taken in several methods at once (`billing.payParts`, e.g. card + cash): one
 *   row per method, one receipt number for them all, so the bill has one receipt.
 * - Refunds of a paid bill go by line (`lines`: bill items and how many of each), with a reason:
 *   the money goes back to the payments it came from in proportion to what each still holds, the
 *   insurance part to insurance payments (main/domain/refund-lines.ts), one refund number (one
 *   slip) for the refund; an item refunded in full cancels its charge (exam order → cancelled;
 *   a prescription line is not handed over, a part quantity hands over the rest). A line refunded
 *   in full already: ALREADY_REFUNDED; more units than are left: REFUND_EXCEEDS_PAID. A refund by
 *   amount (`amountFen`) gives money back without cancelling anything (money on an open bill).
 * - Refunds go back the way the money came (each refund row reverses one payment), never beyond
 *   what was paid (REFUND_EXCEEDS_PAID), and never for what was handed over: a dispensed drug, a
 *   done exam, a registration once the doctor has started (ALREADY_DELIVERED). A drug must be
 *   returned outside billing first — the prescription lifecycle has no way back from dispensed,
 *   so the refund is refused. Registration fees are refunded by cancelling the waiting visit
 *   (`frontdesk.cancelVisit`). A bill whose payments are all refunded → refunded.
 * - Close of day: per account and per workstation (the drawer), every payment and refund not yet
 *   closed, up to now; a receptionist closes the registration fees they took the same way. The
 *   close lists the rows it holds (day_close_entries), never updating them. An administrator or a
 *   head cashier sees everyone's closes of a date with the totals by method (`billing.dayClosesOn`).
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Fen, Id, Instant, IsoDate, Page, RequiredText } from '../schemas';
import {
  BillView, DayCloseView, DayTotals, IdempotencyKey, PaymentPart, PaymentRequest, PaymentView, PositiveFen, RefundView, UnbilledCharge,
} from './billing-schemas';
import { VisitView } from './frontdesk';

const CASH_DESK = ['cashier', 'receptionist'] as const;

/** A refund of lines of a paid bill, or of an amount (exactly one of the two). */
const RefundRequest = z.object({
  billId: Id,
  /** The bill items refunded and how many of each (a paid bill). Exactly one of `lines` and `amountFen`. */
  lines: z.array(z.object({ itemId: Id, quantity: z.number().int().positive() })).min(1).max(100).optional(),
  /** Money only, nothing cancelled (money on an open bill). */
  amountFen: PositiveFen.optional(),
  reason: RequiredText(200),
  /** With `amountFen`: refund from this payment only; otherwise the newest payments first. */
  paymentId: Id.optional(),
  idempotencyKey: IdempotencyKey,
});

const RefundAnswer = z.object({ refunds: z.array(RefundView), bill: BillView, replayed: z.boolean() });

export const billingProcedures = {
  'billing.awaiting': procedure({
    kind: 'query',
    access: ['cashier'],
    summary: 'Visits whose consultation is over and that still owe money, oldest first, with what is open and unbilled.',
    input: z.object({ page: Page.default({ limit: 50, offset: 0 }) }),
    output: z.object({
      items: z.array(VisitView.extend({ openDueFen: Fen, unbilledFen: Fen, openBillIds: z.array(Id) })),
      total: z.number().int().nonnegative(),
    }),
  }),
  'billing.visit': procedure({
    kind: 'query',
    access: ['cashier', 'receptionist'],
    summary: "A visit's bills with their payments and refunds, and the charges not yet billed (audited).",
    input: z.object({ visitId: Id }),
    output: z.object({ visit: VisitView, bills: z.array(BillView), unbilled: z.array(UnbilledCharge), unbilledFen: Fen }),
  }),
  'billing.get': procedure({
    kind: 'query',
    access: ['cashier', 'receptionist'],
    summary: 'One bill with its items, payments and refunds (audited).',
    input: z.object({ billId: Id }),
    output: BillView,
  }),
  'billing.build': procedure({
    kind: 'command',
    access: ['cashier'],
    summary: "Bill a visit's unbilled charges (issued prescriptions, ordered exams, registration fee), split insurance and self-pay; replaces an open clinical bill with no money on it.",
    input: z.object({ visitId: Id }),
    /** `bill` is null when the replaced bill's charges were all cancelled (nothing left to bill). */
    output: z.object({ bill: BillView.nullable(), voided: z.array(Id) }),
  }),
  'billing.pay': procedure({
    kind: 'command',
    durable: true,
    access: CASH_DESK,
    summary: 'Take a payment on an open bill (part or all; cash, card, QR, insurance); a receptionist takes registration fees only.',
    input: PaymentRequest.extend({ billId: Id }),
    output: z.object({ payment: PaymentView, bill: BillView, visit: VisitView, replayed: z.boolean() }),
  }),
  'billing.payParts': procedure({
    kind: 'command',
    durable: true,
    access: CASH_DESK,
    summary: 'Take one payment on an open bill in several methods at once (e.g. card + cash): one receipt number for all its parts.',
    input: z.object({ billId: Id, parts: z.array(PaymentPart).min(1).max(4), idempotencyKey: IdempotencyKey }),
    output: z.object({ receiptNo: z.string(), payments: z.array(PaymentView), bill: BillView, visit: VisitView, replayed: z.boolean() }),
  }),
  'billing.refund': procedure({
    kind: 'command',
    durable: true,
    access: ['cashier'],
    summary: 'Refund lines of a paid bill (or an amount) with a reason: back to the payments it came from, the lines’ orders cancelled; never beyond what was paid or handed over.',
    input: RefundRequest,
    output: RefundAnswer,
  }),
  'billing.refundOnline': procedure({
    kind: 'command',
    access: ['cashier'],
    at: 'hub',
    summary: 'Refund lines or an amount of a bill paid online: the gateway gives the money back first, then the refund is written at the hub (a desk’s billing.refund answers CONFLICT refund_online for such a payment).',
    input: RefundRequest,
    output: RefundAnswer,
  }),
  'billing.discharge': procedure({
    kind: 'command',
    durable: true,
    access: ['cashier'],
    summary: 'Discharge a visit awaiting payment that owes nothing more (e.g. its only charge was cancelled).',
    input: z.object({ visitId: Id }),
    output: VisitView,
  }),
  'billing.dayPreview': procedure({
    kind: 'query',
    access: CASH_DESK,
    summary: 'My totals at this workstation since my last close, by payment method (nothing is marked).',
    input: z.object({}),
    output: z.object({ fromAt: Instant.nullable(), toAt: Instant, totals: DayTotals }),
  }),
  'billing.closeDay': procedure({
    kind: 'command',
    durable: true,
    access: CASH_DESK,
    summary: 'Close my day at this workstation: totals by method (payments less refunds) since my last close, rows marked with the close.',
    input: z.object({}),
    output: DayCloseView,
  }),
  'billing.dayCloses': procedure({
    kind: 'query',
    access: ['cashier', 'receptionist', 'head_cashier', 'admin'],
    summary: 'Past closes of day, newest first: my own, or (admin, head cashier) everyone’s or one person’s.',
    input: z.object({ cashierId: Id.optional(), page: Page.default({ limit: 50, offset: 0 }) }),
    output: z.object({ items: z.array(DayCloseView), total: z.number().int().nonnegative() }),
  }),
  'billing.dayClosesOn': procedure({
    kind: 'query',
    access: ['head_cashier', 'admin'],
    summary: 'Every person’s closes of day of one date (every desk), with the totals by method (admin, head cashier).',
    input: z.object({ date: IsoDate }),
    output: z.object({ date: IsoDate, closes: z.array(DayCloseView), totals: DayTotals }),
  }),
} as const;
