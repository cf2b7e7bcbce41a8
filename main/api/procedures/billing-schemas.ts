/** The shapes of bills, payments, refunds and closes of day, shared by the front desk and billing procedures. */
import { z } from 'zod';
import { ONLINE_CASHIER_ID } from '../../domain/billing';
import { BILL_ITEM_KINDS, BILL_KINDS, BILL_STATUSES } from '../../domain/enums';
import { Fen, Id, Instant, IsoDate, PaymentMethod, RequiredText, Text } from '../schemas';

export const PositiveFen = Fen.refine((n) => n > 0, 'must be more than zero');
export const IdempotencyKey = RequiredText(100);
/** Who took a payment: a person's account, or the online gateway (written at the hub; main/domain/billing.ts). */
export const PaymentCashier = z.union([Id, z.literal(ONLINE_CASHIER_ID)]);

/** One method's part of a payment taken in several methods at once. */
export const PaymentPart = z.object({
  method: PaymentMethod,
  amountFen: PositiveFen,
  tenderedFen: Fen.optional(),
  reference: Text(100).optional(),
});

/** A payment as the cashier types it. */
export const PaymentRequest = z.object({
  method: PaymentMethod,
  amountFen: PositiveFen,
  /** Cash handed over (cash only); change is given back. Omitted: exactly the amount. */
  tenderedFen: Fen.optional(),
  /** QR transaction reference (required for QR), card slip or insurance settlement number. */
  reference: Text(100).optional(),
  /** The same key sent twice takes the payment once. */
  idempotencyKey: IdempotencyKey,
});

export const PaymentView = z.object({
  id: Id,
  billId: Id,
  receiptNo: z.string(),
  method: PaymentMethod,
  amountFen: Fen,
  tenderedFen: Fen.nullable(),
  changeFen: Fen.nullable(),
  reference: z.string().nullable(),
  cashierId: PaymentCashier,
  device: z.string(),
  dayCloseId: Id.nullable(),
  createdAt: Instant,
  /** Refunded from this payment so far. */
  refundedFen: Fen,
});

export const RefundView = z.object({
  id: Id,
  billId: Id,
  paymentId: Id,
  refundNo: z.string(),
  method: PaymentMethod,
  amountFen: Fen,
  reason: z.string(),
  cashierId: Id,
  device: z.string(),
  dayCloseId: Id.nullable(),
  createdAt: Instant,
});

export const BillItemView = z.object({
  id: Id,
  kind: z.enum(BILL_ITEM_KINDS),
  refId: Id.nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitPriceFen: Fen,
  amountFen: Fen,
  insuranceFen: Fen,
  /** Units of this line refunded so far (refunds by line). */
  refundedQuantity: z.number().int().nonnegative(),
});

export const BillView = z.object({
  id: Id,
  visitId: Id,
  patientId: Id,
  kind: z.enum(BILL_KINDS),
  status: z.enum(BILL_STATUSES),
  totalFen: Fen,
  insuranceFen: Fen,
  selfPayFen: Fen,
  /** Paid less refunded, both parts. */
  paidFen: Fen,
  insurancePaidFen: Fen,
  selfPaidFen: Fen,
  refundedFen: Fen,
  dueFen: Fen,
  /** What a refund may still give back (paid, less what was handed over). */
  refundableFen: Fen,
  paidAt: Instant.nullable(),
  createdAt: Instant,
  items: z.array(BillItemView),
  payments: z.array(PaymentView),
  refunds: z.array(RefundView),
});
export type BillViewT = z.input<typeof BillView>;

export const UnbilledCharge = z.object({
  kind: z.enum(BILL_ITEM_KINDS),
  refId: Id,
  description: z.string(),
  quantity: z.number().int(),
  unitPriceFen: Fen,
  amountFen: Fen,
});

const MethodTotals = z.object({
  paymentCount: z.number().int().nonnegative(),
  paidFen: Fen,
  refundCount: z.number().int().nonnegative(),
  refundedFen: Fen,
  /** Paid less refunded; negative when a period holds more refunds than payments. */
  netFen: z.number().int(),
});
export const DayTotals = MethodTotals.extend({
  /** By payment method's code: the built-in four always (zeros too), the clinic's own methods when they were used. */
  byMethod: z.record(z.string(), MethodTotals),
});

export const DayCloseView = z.object({
  id: Id,
  closeNo: z.string(),
  cashierId: Id,
  cashierName: z.string(),
  device: z.string(),
  businessDate: IsoDate,
  fromAt: Instant,
  toAt: Instant,
  totals: DayTotals,
  paymentCount: z.number().int().nonnegative(),
  refundCount: z.number().int().nonnegative(),
  createdAt: Instant,
});
