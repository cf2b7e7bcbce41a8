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
 * - Refunds go back the way the money came (each refund row reverses one payment), never beyond
 *   what was paid (REFUND_EXCEEDS_PAID), and never for what was handed over: a dispensed drug, a
 *   done exam, a registration once the doctor has started (ALREADY_DELIVERED). A drug must be
 *   returned outside billing first — the prescription lifecycle has no way back from dispensed,
 *   so the refund is refused. Registration fees are refunded by cancelling the waiting visit
 *   (`frontdesk.cancelVisit`). A bill whose payments are all refunded → refunded.
 * - Close of day: per account and per workstation (the drawer), every payment and refund not yet
 *   closed, up to now; marks them with the close.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Fen, Id, Instant, Page, RequiredText } from '../schemas';
import {
  BillView, DayCloseView, DayTotals, IdempotencyKey, PaymentRequest, PaymentView, PositiveFen, RefundView, UnbilledCharge,
} from './billing-schemas';
import { VisitView } from './frontdesk';

const CASH_DESK = ['cashier', 'receptionist'] as const;

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
  'billing.refund': procedure({
    kind: 'command',
    durable: true,
    access: ['cashier'],
    summary: 'Refund money on a bill with a reason: reversal rows back to the original payments, never beyond what was paid or handed over.',
    input: z.object({
      billId: Id,
      amountFen: PositiveFen,
      reason: RequiredText(200),
      /** Refund from this payment only; otherwise the newest payments first. */
      paymentId: Id.optional(),
      idempotencyKey: IdempotencyKey,
    }),
    output: z.object({ refunds: z.array(RefundView), bill: BillView, replayed: z.boolean() }),
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
    access: ['cashier', 'receptionist', 'admin'],
    summary: 'Past closes of day, newest first: my own, or (admin) everyone’s or one cashier’s.',
    input: z.object({ cashierId: Id.optional(), page: Page.default({ limit: 50, offset: 0 }) }),
    output: z.object({ items: z.array(DayCloseView), total: z.number().int().nonnegative() }),
  }),
} as const;
