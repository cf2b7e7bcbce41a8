/**
 * Bills: what a visit has not been billed for yet, opening a bill with its insurance split,
 * reading a bill with its ledger, and what follows when a bill is fully paid.
 */
import { and, asc, eq, inArray, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../../db/open';
import { perConnection, selective } from '../../../db/statement-cache';
import {
  billItems, bills, drugs, examItems, examOrders, patients, payments, prescriptionItems, prescriptions, refunds, visits,
} from '../../../db/schema';
import type { BillViewT } from '../../api/procedures/billing-schemas';
import { billBalance, computeBillSplit, refundableFen, type BillBalance, type CoverageClass } from '../../domain/billing';
import type { BillItemKind } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { assertTransition, billLifecycle, examOrderLifecycle, prescriptionLifecycle, visitLifecycle } from '../../domain/lifecycle';
import { sumFen } from '../../domain/money';
import type { RequestContext } from '../context';
import { closesOf } from './billing-dayclose';
import { refundedQuantities } from './billing-refund-lines';
import { bedCharges, inBed } from './billing-beds';
import { loadVisit, type VisitRow } from './frontdesk-visits';

export type BillRow = typeof bills.$inferSelect;
export type BillItemRow = typeof billItems.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** A charge waiting to be billed: a prescription item, an exam order, or the visit's registration fee. */
export interface Charge {
  kind: BillItemKind;
  refId: string;
  description: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
  coverage: CoverageClass;
}

export const REGISTRATION_DESCRIPTION = '挂号费';

const id = sql.placeholder('id');

/**
 * The reads of checking in and paying (and of every bill command), compiled once per connection.
 * `selective`: the id picks the rows, so the plan is kept instead of made again on each run.
 */
const q = perConnection((db: Db) => ({
  bill: db.select().from(bills).where(eq(bills.id, id)).prepare(),
  items: db.select().from(billItems).where(selective(eq(billItems.billId, id))).orderBy(asc(billItems.createdAt), asc(billItems.id)).prepare(),
  // Parts of one payment (or refund) share a time: their keys (`key`, `key#2`) keep them in the order they were given.
  payments: db.select().from(payments).where(selective(eq(payments.billId, id))).orderBy(asc(payments.createdAt), asc(payments.idempotencyKey)).prepare(),
  refunds: db.select().from(refunds).where(selective(eq(refunds.billId, id))).orderBy(asc(refunds.createdAt), asc(refunds.idempotencyKey)).prepare(),
  billedRefIds: db.select({ refId: billItems.refId }).from(billItems)
    .innerJoin(bills, eq(bills.id, billItems.billId))
    .where(and(selective(eq(bills.visitId, id)), ne(bills.status, 'void'))).prepare(),
  rxItems: db.select({ item: prescriptionItems, drugName: drugs.name, spec: drugs.spec, insuranceClass: drugs.insuranceClass })
    .from(prescriptionItems)
    .innerJoin(prescriptions, eq(prescriptions.id, prescriptionItems.prescriptionId))
    .innerJoin(drugs, eq(drugs.id, prescriptionItems.drugId))
    .where(and(selective(eq(prescriptions.visitId, id)), eq(prescriptions.status, 'issued'), eq(prescriptionItems.removed, false)))
    .orderBy(asc(prescriptions.createdAt), asc(prescriptionItems.seq)).prepare(),
  exams: db.select({ order: examOrders, name: examItems.name }).from(examOrders)
    .innerJoin(examItems, eq(examItems.id, examOrders.examItemId))
    .where(and(selective(eq(examOrders.visitId, id)), eq(examOrders.status, 'ordered')))
    .orderBy(asc(examOrders.createdAt)).prepare(),
  insurance: db.select({ insuranceType: patients.insuranceType }).from(patients).where(eq(patients.id, id)).prepare(),
  visitStatus: db.select({ status: visits.status }).from(visits).where(eq(visits.id, id)).prepare(),
  rxItemStatus: db.select({ status: prescriptions.status, removed: prescriptionItems.removed }).from(prescriptionItems)
    .innerJoin(prescriptions, eq(prescriptions.id, prescriptionItems.prescriptionId)).where(selective(eq(prescriptionItems.id, id))).prepare(),
  examStatus: db.select({ status: examOrders.status }).from(examOrders).where(eq(examOrders.id, id)).prepare(),
  openBills: db.select().from(bills).where(and(eq(bills.visitId, id), eq(bills.status, 'open'))).orderBy(asc(bills.createdAt)).prepare(),
}));

export function loadBill(ctx: RequestContext, billId: string): BillRow {
  const bill = q(ctx.db).bill.get({ id: billId });
  if (!bill) throw new DomainError('NOT_FOUND', 'no such bill', { field: 'billId', value: billId });
  return bill;
}

/** Ids (prescription items, exam orders, visits) already on a bill that is not void. */
function billedRefIds(ctx: RequestContext, visitId: string): Set<string> {
  const rows = q(ctx.db).billedRefIds.all({ id: visitId });
  return new Set(rows.map((r) => r.refId).filter((r): r is string => r !== null));
}

/**
 * What the visit owes that is on no bill yet: items of its issued prescriptions (not removed),
 * its ordered exams, its stays in a bed that have ended (billing-beds.ts), and its registration fee
 * when that was not billed at check-in.
 */
export function unbilledCharges(ctx: RequestContext, visit: VisitRow): Charge[] {
  const billed = billedRefIds(ctx, visit.id);
  const charges: Charge[] = [];
  const registration = registrationCharge(visit);
  if (registration && !billed.has(visit.id)) charges.push(registration);
  const rxItems = q(ctx.db).rxItems.all({ id: visit.id });
  for (const r of rxItems) {
    if (billed.has(r.item.id)) continue;
    charges.push({
      kind: 'drug', refId: r.item.id, description: `${r.drugName} ${r.spec}`, quantity: r.item.quantity,
      unitPriceFen: r.item.unitPriceFen, amountFen: r.item.amountFen, coverage: r.insuranceClass,
    });
  }
  const exams = q(ctx.db).exams.all({ id: visit.id });
  for (const r of exams) {
    if (billed.has(r.order.id)) continue;
    charges.push({
      kind: 'exam', refId: r.order.id, description: r.name, quantity: 1,
      unitPriceFen: r.order.priceFen, amountFen: r.order.priceFen, coverage: 'exam',
    });
  }
  charges.push(...bedCharges(ctx, visit.id, billed));
  return charges;
}

/**
 * The visit's registration fee as a charge, when it is still to be billed by its status (whether
 * a bill holds it already is the caller's question). A visit just checked in owes this and nothing
 * else: no prescription, exam or bill can name it yet.
 */
export function registrationCharge(visit: VisitRow): Charge | null {
  if (visit.feeFen <= 0 || visit.status === 'cancelled' || (visit.feeStatus !== 'not_required' && visit.feeStatus !== 'unpaid')) return null;
  return {
    kind: 'registration', refId: visit.id, description: REGISTRATION_DESCRIPTION, quantity: 1,
    unitPriceFen: visit.feeFen, amountFen: visit.feeFen, coverage: 'registration',
  };
}

/**
 * Opens a bill of these charges with the insurance split for the patient's insurance (read here
 * unless the caller has the patient's row at hand).
 */
export function openBill(
  ctx: RequestContext, visit: VisitRow, kind: BillRow['kind'], charges: readonly Charge[],
  known?: { insuranceType: (typeof patients.$inferSelect)['insuranceType'] },
): string {
  const patient = known ?? q(ctx.db).insurance.get({ id: visit.patientId });
  if (!patient) throw new DomainError('NOT_FOUND', 'no such patient', { field: 'patientId', value: visit.patientId });
  const split = computeBillSplit(charges.map((c) => ({ amountFen: c.amountFen, coverage: c.coverage })), patient.insuranceType);
  const billId = ctx.write.insert(bills, {
    visitId: visit.id, patientId: visit.patientId, kind, status: 'open',
    totalFen: split.totalFen, insuranceFen: split.insuranceFen, selfPayFen: split.selfPayFen, paidAt: null,
  });
  charges.forEach((c, i) => {
    ctx.write.insert(billItems, {
      billId, kind: c.kind, refId: c.refId, description: c.description, quantity: c.quantity,
      unitPriceFen: c.unitPriceFen, amountFen: c.amountFen, insuranceFen: split.lineInsuranceFen[i]!, createdAt: ctx.now(),
    });
  });
  ctx.audit('create', 'bill', billId, visit.patientId);
  // A bill of nothing but free items is paid as it opens. The new bill has no payments or refunds yet.
  if (billBalance(split, [], []).fullyPaid) settleIfPaid(ctx, billId);
  return billId;
}

export function billItemsOf(ctx: RequestContext, billId: string): BillItemRow[] {
  return q(ctx.db).items.all({ id: billId });
}

export function ledgerOf(ctx: RequestContext, billId: string): { payments: PaymentRow[]; refunds: RefundRow[] } {
  return {
    payments: q(ctx.db).payments.all({ id: billId }),
    refunds: q(ctx.db).refunds.all({ id: billId }),
  };
}

export function balanceOf(ctx: RequestContext, bill: BillRow): BillBalance {
  const l = ledgerOf(ctx, bill.id);
  return billBalance(bill, l.payments, l.refunds);
}

/** Prescription ids behind a bill's drug items. */
function prescriptionIdsOf(ctx: RequestContext, items: readonly BillItemRow[]): string[] {
  const itemIds = items.filter((i) => i.kind === 'drug' && i.refId).map((i) => i.refId!);
  if (itemIds.length === 0) return [];
  const rows = ctx.db.selectDistinct({ id: prescriptionItems.prescriptionId }).from(prescriptionItems)
    .where(inArray(prescriptionItems.id, itemIds)).all();
  return rows.map((r) => r.id);
}

/**
 * The items of a bill that have been handed over and so cannot be refunded: a dispensed drug, a
 * done exam, a registration whose consultation has begun.
 */
export function deliveredItems(ctx: RequestContext, bill: BillRow, items: readonly BillItemRow[]): BillItemRow[] {
  return items.filter((item) => {
    if (!item.refId) return false;
    if (item.kind === 'drug') {
      return q(ctx.db).rxItemStatus.get({ id: item.refId })?.status === 'dispensed';
    }
    if (item.kind === 'exam') {
      return q(ctx.db).examStatus.get({ id: item.refId })?.status === 'done';
    }
    if (item.kind === 'registration') {
      const v = q(ctx.db).visitStatus.get({ id: bill.visitId });
      return v !== undefined && v.status !== 'waiting' && v.status !== 'cancelled';
    }
    // A stay is billed once it has ended: the nights were lived.
    return item.kind === 'bed';
  });
}

/**
 * An open bill must still match what it charges for: its prescriptions issued (items not
 * removed), its exams ordered, its visit not cancelled. Otherwise CONFLICT {reason: 'bill_out_of_date'}
 * — build the bill again.
 */
export function assertBillCurrent(ctx: RequestContext, bill: BillRow, items: readonly BillItemRow[]): void {
  const stale: string[] = [];
  for (const item of items) {
    if (!item.refId) continue;
    if (item.kind === 'drug') {
      const r = q(ctx.db).rxItemStatus.get({ id: item.refId });
      if (!r || r.removed || r.status !== 'issued') stale.push(item.id);
    } else if (item.kind === 'exam') {
      const r = q(ctx.db).examStatus.get({ id: item.refId });
      if (!r || r.status !== 'ordered') stale.push(item.id);
    }
  }
  const visit = loadVisit(ctx, bill.visitId);
  if (visit.status === 'cancelled') stale.push(visit.id);
  if (stale.length > 0) {
    throw new DomainError('CONFLICT', 'the bill no longer matches what was prescribed or ordered; build it again', {
      reason: 'bill_out_of_date', billId: bill.id, items: stale,
    });
  }
}

/** What a caller that has just read (and written) the bill knows of it, so settling need not read it again. */
export interface KnownBill {
  bill: BillRow;
  items: readonly BillItemRow[];
  /** The balance with every payment and refund, the caller's own included. */
  balance: BillBalance;
}

/**
 * When an open bill is fully paid: bill → paid; its prescriptions issued → paid, exam orders
 * ordered → paid, registration fee → paid; then the visit may be discharged.
 */
export function settleIfPaid(ctx: RequestContext, billId: string, known?: KnownBill): boolean {
  const bill = known?.bill ?? loadBill(ctx, billId);
  if (bill.status !== 'open' || !(known?.balance ?? balanceOf(ctx, bill)).fullyPaid) return false;
  const now = ctx.now();
  assertTransition(billLifecycle, bill.status, 'paid');
  ctx.write.update(bills, bill.id, { status: 'paid', paidAt: now });
  const items = known?.items ?? billItemsOf(ctx, bill.id);
  for (const rxId of prescriptionIdsOf(ctx, items)) {
    const rx = ctx.db.select({ status: prescriptions.status }).from(prescriptions).where(eq(prescriptions.id, rxId)).get()!;
    assertTransition(prescriptionLifecycle, rx.status, 'paid');
    ctx.write.update(prescriptions, rxId, { status: 'paid' });
  }
  for (const item of items.filter((i) => i.kind === 'exam' && i.refId)) {
    const order = q(ctx.db).examStatus.get({ id: item.refId! })!;
    assertTransition(examOrderLifecycle, order.status, 'paid');
    ctx.write.update(examOrders, item.refId!, { status: 'paid' });
  }
  if (items.some((i) => i.kind === 'registration')) {
    ctx.write.update(visits, bill.visitId, { feeStatus: 'paid' });
  }
  dischargeIfSettled(ctx, bill.visitId);
  return true;
}

/** Open bills of a visit, and the charges not billed yet. */
export function owing(ctx: RequestContext, visit: VisitRow): { openBills: BillRow[]; unbilled: Charge[] } {
  return {
    openBills: q(ctx.db).openBills.all({ id: visit.id }),
    unbilled: unbilledCharges(ctx, visit),
  };
}

/** A visit awaiting payment with nothing open or unbilled → discharged. Returns whether it was. */
export function dischargeIfSettled(ctx: RequestContext, visitId: string): boolean {
  const visit = loadVisit(ctx, visitId);
  if (visit.status !== 'awaiting_payment' || inBed(ctx, visitId)) return false;
  const o = owing(ctx, visit);
  if (o.openBills.length > 0 || o.unbilled.length > 0) return false;
  assertTransition(visitLifecycle, visit.status, 'discharged');
  ctx.write.update(visits, visit.id, { status: 'discharged', dischargedAt: ctx.now() });
  return true;
}

/**
 * For the pharmacy and the exam room: true when the charge (a prescription item or exam order)
 * was paid and then refunded in full — its whole bill, or its line's every unit (refund_items) —
 * so it must not be handed over although its status says 'paid' (a prescription never goes back
 * from paid).
 */
export function isRefundedCharge(ctx: Pick<RequestContext, 'db'>, refId: string): boolean {
  return ctx.db.get<{ r: number }>(sql`SELECT ${refundedChargeSql(sql`${refId}`)} AS r`).r === 1;
}

/** The same test as `isRefundedCharge`, as SQL over a column or value, for list queries. */
export function refundedChargeSql(refId: SQLWrapper): SQL {
  return sql`((EXISTS (SELECT 1 FROM bill_items bi JOIN bills b ON b.id = bi.bill_id WHERE bi.ref_id = ${refId} AND b.status <> 'void')
    AND NOT EXISTS (SELECT 1 FROM bill_items bi JOIN bills b ON b.id = bi.bill_id WHERE bi.ref_id = ${refId} AND b.status NOT IN ('void', 'refunded')))
    OR EXISTS (SELECT 1 FROM bill_items bi JOIN bills b ON b.id = bi.bill_id WHERE bi.ref_id = ${refId} AND b.status <> 'void'
      AND (SELECT coalesce(sum(ri.quantity), 0) FROM refund_items ri WHERE ri.bill_item_id = bi.id) >= bi.quantity))`;
}

export function billView(ctx: RequestContext, billId: string): BillViewT {
  const bill = loadBill(ctx, billId);
  const items = billItemsOf(ctx, billId);
  const l = ledgerOf(ctx, billId);
  const balance = billBalance(bill, l.payments, l.refunds);
  const delivered = sumFen(deliveredItems(ctx, bill, items).map((i) => i.amountFen));
  const refundedBy = new Map<string, number>();
  for (const r of l.refunds) refundedBy.set(r.paymentId, (refundedBy.get(r.paymentId) ?? 0) + r.amountFen);
  const closes = closesOf(ctx, [...l.payments, ...l.refunds]);
  const refundedUnits = refundedQuantities(ctx, billId);
  return {
    id: bill.id,
    visitId: bill.visitId,
    patientId: bill.patientId,
    kind: bill.kind,
    status: bill.status,
    totalFen: bill.totalFen,
    insuranceFen: bill.insuranceFen,
    selfPayFen: bill.selfPayFen,
    paidFen: balance.paidFen,
    insurancePaidFen: balance.insurancePaidFen,
    selfPaidFen: balance.selfPaidFen,
    refundedFen: balance.refundedFen,
    dueFen: bill.status === 'open' ? balance.dueFen : 0,
    refundableFen: refundableFen(balance, delivered),
    paidAt: bill.paidAt,
    createdAt: bill.createdAt,
    items: items.map((i) => ({
      id: i.id, kind: i.kind, refId: i.refId, description: i.description, quantity: i.quantity,
      unitPriceFen: i.unitPriceFen, amountFen: i.amountFen, insuranceFen: i.insuranceFen, refundedQuantity: refundedUnits.get(i.id) ?? 0,
    })),
    payments: l.payments.map((p) => ({
      id: p.id, billId: p.billId, receiptNo: p.receiptNo, method: p.method, amountFen: p.amountFen,
      tenderedFen: p.tenderedFen, changeFen: p.changeFen, reference: p.reference, cashierId: p.cashierId,
      device: p.device, dayCloseId: closes.get(p.id) ?? null, createdAt: p.createdAt, refundedFen: refundedBy.get(p.id) ?? 0,
    })),
    refunds: l.refunds.map((r) => ({ ...refundView(r), dayCloseId: closes.get(r.id) ?? null })),
  };
}

export function refundView(r: RefundRow) {
  return {
    id: r.id, billId: r.billId, paymentId: r.paymentId, refundNo: r.refundNo, method: r.method, amountFen: r.amountFen,
    reason: r.reason, cashierId: r.cashierId, device: r.device, dayCloseId: r.dayCloseId, createdAt: r.createdAt,
  };
}

export function billsOfVisit(ctx: RequestContext, visitId: string): BillRow[] {
  return ctx.db.select().from(bills).where(eq(bills.visitId, visitId)).orderBy(asc(bills.createdAt), asc(bills.id)).all();
}
