/** Bills, and the money ledger: payments and refunds are rows, never edits. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BILL_ITEM_KINDS, BILL_KINDS, BILL_STATUSES, PAYMENT_METHODS } from '../../main/domain/enums';
import { fen, id, instant, ref, stamps } from './columns';
import { patients, visits } from './patients';

export const bills = sqliteTable('bills', {
  id: id(),
  visitId: ref('visit_id').notNull().references(() => visits.id),
  patientId: ref('patient_id').notNull().references(() => patients.id),
  kind: text('kind', { enum: BILL_KINDS }).notNull(),
  status: text('status', { enum: BILL_STATUSES }).notNull(),
  totalFen: fen('total_fen').notNull(),
  insuranceFen: fen('insurance_fen').notNull(),
  selfPayFen: fen('self_pay_fen').notNull(),
  paidAt: instant('paid_at'),
  ...stamps(),
}, (t) => [index('bills_visit').on(t.visitId), index('bills_status').on(t.status, t.createdAt)]);

export const billItems = sqliteTable('bill_items', {
  id: id(),
  billId: ref('bill_id').notNull().references(() => bills.id),
  kind: text('kind', { enum: BILL_ITEM_KINDS }).notNull(),
  /** The prescription item, exam order or visit this charge is for. */
  refId: ref('ref_id'),
  description: text('description').notNull(),
  quantity: integer('quantity').notNull(),
  unitPriceFen: fen('unit_price_fen').notNull(),
  amountFen: fen('amount_fen').notNull(),
  insuranceFen: fen('insurance_fen').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('bill_items_bill').on(t.billId), index('bill_items_ref').on(t.refId)]);

export const payments = sqliteTable('payments', {
  id: id(),
  billId: ref('bill_id').notNull().references(() => bills.id),
  receiptNo: text('receipt_no').notNull(),
  method: text('method', { enum: PAYMENT_METHODS }).notNull(),
  amountFen: fen('amount_fen').notNull(),
  /** Cash handed over and change given back (cash only). */
  tenderedFen: fen('tendered_fen'),
  changeFen: fen('change_fen'),
  /** QR-code transaction reference, card slip number, insurance settlement number. */
  reference: text('reference'),
  /** A payment sent twice with the same key is taken once. */
  idempotencyKey: text('idempotency_key').notNull(),
  cashierId: ref('cashier_id').notNull(),
  device: text('device').notNull(),
  dayCloseId: ref('day_close_id'),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  uniqueIndex('payments_receipt_no').on(t.receiptNo),
  uniqueIndex('payments_idempotency').on(t.idempotencyKey),
  index('payments_bill').on(t.billId),
  index('payments_cashier').on(t.cashierId, t.dayCloseId, t.createdAt),
  index('payments_created').on(t.createdAt),
]);

export const refunds = sqliteTable('refunds', {
  id: id(),
  billId: ref('bill_id').notNull().references(() => bills.id),
  paymentId: ref('payment_id').notNull().references(() => payments.id),
  refundNo: text('refund_no').notNull(),
  method: text('method', { enum: PAYMENT_METHODS }).notNull(),
  amountFen: fen('amount_fen').notNull(),
  reason: text('reason').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  cashierId: ref('cashier_id').notNull(),
  device: text('device').notNull(),
  dayCloseId: ref('day_close_id'),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  uniqueIndex('refunds_refund_no').on(t.refundNo),
  uniqueIndex('refunds_idempotency').on(t.idempotencyKey),
  index('refunds_bill').on(t.billId),
  index('refunds_cashier').on(t.cashierId, t.dayCloseId, t.createdAt),
]);

/** A cashier's close of day: the totals at the moment of closing, kept as a ledger row. */
export const dayCloses = sqliteTable('day_closes', {
  id: id(),
  closeNo: text('close_no').notNull(),
  cashierId: ref('cashier_id').notNull(),
  device: text('device').notNull(),
  fromAt: instant('from_at').notNull(),
  toAt: instant('to_at').notNull(),
  totals: text('totals', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  paymentCount: integer('payment_count').notNull(),
  refundCount: integer('refund_count').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [uniqueIndex('day_closes_no').on(t.closeNo), index('day_closes_cashier').on(t.cashierId, t.createdAt)]);
