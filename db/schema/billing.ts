/** Bills, and the money ledger: payments and refunds are rows, never edits. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BILL_ITEM_KINDS, BILL_KINDS, BILL_STATUSES, type PaymentMethod } from '../../main/domain/enums';
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
  /** A built-in method (PAYMENT_METHODS) or a payment_method code of the data dictionary. */
  method: text('method').$type<PaymentMethod>().notNull(),
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
  /** Not unique: the parts of one payment in several methods (card + cash) share their receipt's number. */
  index('payments_receipt_no').on(t.receiptNo),
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
  /** A built-in method (PAYMENT_METHODS) or a payment_method code of the data dictionary. */
  method: text('method').$type<PaymentMethod>().notNull(),
  amountFen: fen('amount_fen').notNull(),
  reason: text('reason').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  cashierId: ref('cashier_id').notNull(),
  device: text('device').notNull(),
  dayCloseId: ref('day_close_id'),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  /** Not unique: the rows of one refund (one per payment it reverses) share its slip's number. */
  index('refunds_refund_no').on(t.refundNo),
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

/**
 * What a refund gave back, line by line (insert-only): how many of a bill item and for how much,
 * of which the insurance part. One row per bill item of a refund, keyed by the refund's
 * idempotency key and the item (main/station/keyed-id.ts). The money went back in the refund rows
 * of the same key; the charge behind an item refunded in full is cancelled with it.
 */
export const refundItems = sqliteTable('refund_items', {
  id: id(),
  billId: ref('bill_id').notNull().references(() => bills.id),
  billItemId: ref('bill_item_id').notNull().references(() => billItems.id),
  /** The bill item's charge: prescription item, exam order or visit. */
  refId: ref('ref_id'),
  quantity: integer('quantity').notNull(),
  amountFen: fen('amount_fen').notNull(),
  insuranceFen: fen('insurance_fen').notNull(),
  /** The idempotency key of the refund (its first refund row's key). */
  refundKey: text('refund_key').notNull(),
  device: text('device').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('refund_items_bill').on(t.billId), index('refund_items_ref').on(t.refId), index('refund_items_key').on(t.refundKey)]);

/**
 * What a close of day holds: one row per payment or refund row it closed (insert-only), keyed by
 * that ledger row, so a ledger row is in one close at most and no ledger row is ever updated.
 */
export const dayCloseEntries = sqliteTable('day_close_entries', {
  id: id(),
  dayCloseId: ref('day_close_id').notNull().references(() => dayCloses.id),
  entryTable: text('entry_table', { enum: ['payments', 'refunds'] }).notNull(),
  entryId: ref('entry_id').notNull(),
  device: text('device').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('day_close_entries_close').on(t.dayCloseId), index('day_close_entries_entry').on(t.entryId)]);
