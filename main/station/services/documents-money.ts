/** The cashier's documents: a payment's receipt, a refund slip, a close of day's report. */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { billItems, bills, dayCloseEntries, dayCloses, payments, refundItems, refunds, visits } from '../../../db/schema';
import { seesEveryonesDayClose } from '../../api/policy';
import type { DayTotals } from '../../domain/billing';
import { localDate } from '../../domain/dates';
import { PAYMENT_METHODS } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { sumFen } from '../../domain/money';
import type { Lang } from '../../documents/labels';
import { parseDocument } from '../../documents/schemas';
import { accountOf, type RequestContext } from '../context';
import { billItemsOf, ledgerOf } from './billing-bills';
import { dictionaryNames } from './dictionary';
import {
  accountName, ageAt, clinicOf, departmentName, loadPatient, notFound, staffName, type Gathered,
} from './documents-common';

function billContext(ctx: RequestContext, billId: string, at: number, lang: Lang) {
  const bill = ctx.db.select().from(bills).where(eq(bills.id, billId)).get();
  if (!bill) throw notFound('bill', 'billId', billId);
  const visit = ctx.db.select().from(visits).where(eq(visits.id, bill.visitId)).get();
  const patient = loadPatient(ctx, bill.patientId);
  return {
    bill,
    patient,
    head: {
      clinic: clinicOf(ctx, lang),
      timeZone: ctx.settings.timeZone,
      patient: { name: patient.name, recordNo: patient.recordNo, sex: patient.sex, ageLabel: ageAt(ctx, patient.birthDate, at, lang) },
      department: visit ? departmentName(ctx, visit.departmentId, lang) : null,
      doctor: visit ? staffName(ctx, visit.doctorId) : null,
      feeType: patient.insuranceType,
    },
  };
}

/**
 * The receipt of a payment: the whole bill it paid (items, total, insurance and self-pay parts)
 * with every payment taken on it, under this payment's receipt number, cashier and time. A bill
 * not yet paid in full has no receipt (BILL_NOT_PAID): the parts would not add up.
 */
export function gatherReceipt(ctx: RequestContext, paymentId: string, lang: Lang): Gathered<'receipt'> {
  const payment = ctx.db.select().from(payments).where(eq(payments.id, paymentId)).get();
  if (!payment) throw notFound('payment', 'paymentId', paymentId);
  const { bill, head } = billContext(ctx, payment.billId, payment.createdAt, lang);
  const ledger = ledgerOf(ctx, bill.id).payments;
  const insurancePaid = sumFen(ledger.filter((p) => p.method === 'insurance').map((p) => p.amountFen));
  const selfPaid = sumFen(ledger.filter((p) => p.method !== 'insurance').map((p) => p.amountFen));
  if (selfPaid !== bill.selfPayFen || (insurancePaid !== 0 && insurancePaid !== bill.insuranceFen)) {
    throw new DomainError('BILL_NOT_PAID', 'a receipt is printed once its bill is paid in full', {
      field: 'paymentId', billId: bill.id, selfPayFen: bill.selfPayFen, selfPaidFen: selfPaid,
    });
  }
  const cash = ledger.filter((p) => p.method === 'cash');
  const data = parseDocument('receipt', {
    ...head,
    kind: 'payment',
    receiptNo: payment.receiptNo,
    issuedAt: payment.createdAt,
    items: billItemsOf(ctx, bill.id).map((i) => ({
      name: i.description, quantity: i.quantity, unitPriceFen: i.unitPriceFen, amountFen: i.amountFen, kind: i.kind,
    })),
    totalFen: bill.totalFen,
    insuranceFen: bill.insuranceFen,
    selfPayFen: bill.selfPayFen,
    payments: ledger.map((p) => ({ method: p.method, amountFen: p.amountFen })),
    cashTenderedFen: cash.length > 0 ? sumFen(cash.map((p) => p.tenderedFen ?? p.amountFen)) : null,
    cashier: accountName(ctx, payment.cashierId),
    methodNames: dictionaryNames(ctx, 'payment_method', lang),
  });
  // The parts of one payment in several methods share a receipt: whichever part is printed, it is one document (original, then copies).
  const first = ledger.filter((p) => p.receiptNo === payment.receiptNo).sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : 1))[0] ?? payment;
  return { kind: 'receipt', data, document: 'receipt', entityId: first.id, patientId: bill.patientId, number: payment.receiptNo };
}

/**
 * The slip of a refund by line: the lines given back (how many, for how much), the money back by
 * method (every refund row of the refund, one per payment it reversed), against the original
 * receipts, under the refund's one number. Any row of the refund prints the same slip.
 */
function lineRefundSlip(ctx: RequestContext, refund: typeof refunds.$inferSelect, lang: Lang): Gathered<'receipt'> | null {
  const key = refund.idempotencyKey.replace(/#\d+$/, '');
  const lines = ctx.db.select({ l: refundItems, item: billItems }).from(refundItems)
    .innerJoin(billItems, eq(billItems.id, refundItems.billItemId))
    .where(eq(refundItems.refundKey, key)).orderBy(asc(billItems.createdAt), asc(billItems.id)).all();
  if (lines.length === 0) return null;
  const rows = ctx.db.select({ r: refunds, receiptNo: payments.receiptNo }).from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(refunds.billId, refund.billId), eq(refunds.refundNo, refund.refundNo))).orderBy(asc(refunds.idempotencyKey)).all();
  const { bill, head } = billContext(ctx, refund.billId, refund.createdAt, lang);
  const totalFen = sumFen(lines.map(({ l }) => l.amountFen));
  const insuranceFen = sumFen(lines.map(({ l }) => l.insuranceFen));
  const methods = [...PAYMENT_METHODS, ...new Set(rows.map(({ r }) => r.method).filter((m) => !(PAYMENT_METHODS as readonly string[]).includes(m)))];
  const byMethod = methods.map((method) => ({ method, amountFen: sumFen(rows.filter(({ r }) => r.method === method).map(({ r }) => r.amountFen)) }))
    .filter((p) => p.amountFen > 0);
  const data = parseDocument('receipt', {
    ...head,
    kind: 'refund',
    receiptNo: refund.refundNo,
    issuedAt: refund.createdAt,
    items: lines.map(({ l, item }) => ({
      name: item.description, quantity: l.quantity, unitPriceFen: item.unitPriceFen, amountFen: l.amountFen, kind: item.kind,
    })),
    totalFen,
    insuranceFen,
    selfPayFen: totalFen - insuranceFen,
    payments: byMethod.length > 0 ? byMethod : [{ method: refund.method, amountFen: 0 }],
    cashier: accountName(ctx, refund.cashierId),
    originalReceiptNo: [...new Set(rows.map((x) => x.receiptNo))].join(' / '),
    refundReason: refund.reason,
    methodNames: dictionaryNames(ctx, 'payment_method', lang),
  });
  const first = rows[0]?.r ?? refund;
  return { kind: 'receipt', data, document: 'refundSlip', entityId: first.id, patientId: bill.patientId, number: refund.refundNo };
}

/**
 * The slip of a refund. A refund by line: lineRefundSlip. A refund by amount (one row): the amount
 * back by its method, against the original receipt; a refund of the whole bill lists the bill's
 * items, any other one line naming what the bill was for.
 */
export function gatherRefundSlip(ctx: RequestContext, refundId: string, lang: Lang): Gathered<'receipt'> {
  const refund = ctx.db.select().from(refunds).where(eq(refunds.id, refundId)).get();
  if (!refund) throw notFound('refund', 'refundId', refundId);
  const byLine = lineRefundSlip(ctx, refund, lang);
  if (byLine) return byLine;
  const payment = ctx.db.select().from(payments).where(eq(payments.id, refund.paymentId)).get();
  if (!payment) throw notFound('payment', 'paymentId', refund.paymentId);
  const { bill, head } = billContext(ctx, refund.billId, refund.createdAt, lang);
  const billItems = billItemsOf(ctx, bill.id);
  const whole = refund.amountFen === bill.totalFen;
  const first = billItems[0];
  const summary = billItems.length <= 1
    ? (first?.description ?? (lang === 'en' ? 'Refund' : '退费'))
    : lang === 'en' ? `${first!.description} and ${billItems.length - 1} more` : `${first!.description} 等${billItems.length}项`;
  const insurance = refund.method === 'insurance';
  const data = parseDocument('receipt', {
    ...head,
    kind: 'refund',
    receiptNo: refund.refundNo,
    issuedAt: refund.createdAt,
    items: whole
      ? billItems.map((i) => ({ name: i.description, quantity: i.quantity, unitPriceFen: i.unitPriceFen, amountFen: i.amountFen, kind: i.kind }))
      : [{ name: summary, quantity: 1, amountFen: refund.amountFen, kind: billItems.length === 1 ? first!.kind : null }],
    totalFen: refund.amountFen,
    insuranceFen: insurance ? refund.amountFen : 0,
    selfPayFen: insurance ? 0 : refund.amountFen,
    payments: [{ method: refund.method, amountFen: refund.amountFen }],
    cashier: accountName(ctx, refund.cashierId),
    originalReceiptNo: payment.receiptNo,
    refundReason: refund.reason,
    methodNames: dictionaryNames(ctx, 'payment_method', lang),
  });
  return { kind: 'receipt', data, document: 'refundSlip', entityId: refund.id, patientId: bill.patientId, number: refund.refundNo };
}

/** A close of day's report. A cashier prints their own closes; an administrator anyone's. */
export function gatherDayReport(ctx: RequestContext, dayCloseId: string, lang: Lang): Gathered<'dayReport'> {
  const close = ctx.db.select().from(dayCloses).where(eq(dayCloses.id, dayCloseId)).get();
  if (!close) throw notFound('day close', 'dayCloseId', dayCloseId);
  const me = accountOf(ctx);
  if (!seesEveryonesDayClose(me.roles) && close.cashierId !== me.id) {
    throw new DomainError('FORBIDDEN', "only an administrator or head cashier prints another person's close of day", { field: 'dayCloseId' });
  }
  const cashier = accountName(ctx, close.cashierId);
  const totals = close.totals as unknown as DayTotals;
  const rows = Object.entries(totals.byMethod).map(([method, t]) => ({ method, t }))
    .filter(({ t }) => t.paymentCount > 0 || t.refundCount > 0)
    .map(({ method, t }) => ({ cashier, method, paymentCount: t.paymentCount, paidFen: t.paidFen, refundCount: t.refundCount, refundedFen: t.refundedFen }));
  const refundRows = ctx.db.select({ r: refunds, receiptNo: payments.receiptNo }).from(refunds)
    .leftJoin(payments, eq(payments.id, refunds.paymentId))
    .where(or(eq(refunds.dayCloseId, close.id), inArray(refunds.id, ctx.db.select({ id: dayCloseEntries.entryId }).from(dayCloseEntries)
      .where(and(eq(dayCloseEntries.dayCloseId, close.id), eq(dayCloseEntries.entryTable, 'refunds'))))))
    .orderBy(asc(refunds.createdAt), asc(refunds.id)).all();
  const data = parseDocument('dayReport', {
    clinic: clinicOf(ctx, lang),
    businessDate: localDate(close.toAt, ctx.settings.timeZone),
    timeZone: ctx.settings.timeZone,
    generatedAt: ctx.now(),
    periodFrom: close.fromAt,
    periodTo: close.toAt,
    cashier,
    closedBy: cashier,
    rows,
    refunds: refundRows.map(({ r, receiptNo }) => ({
      refundNo: r.refundNo, originalReceiptNo: receiptNo, cashier: accountName(ctx, r.cashierId), method: r.method,
      amountFen: r.amountFen, at: r.createdAt, reason: r.reason,
    })),
    counts: { receipts: close.paymentCount, refunds: close.refundCount },
    methodNames: dictionaryNames(ctx, 'payment_method', lang),
  });
  return { kind: 'dayReport', data, document: 'dayReport', entityId: close.id, patientId: null, number: close.closeNo };
}
