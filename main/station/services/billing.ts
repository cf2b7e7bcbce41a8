/**
 * The cashier's procedures. The parts: billing-bills.ts (charges, bills, settling),
 * billing-payments.ts, billing-refunds.ts, billing-dayclose.ts. Rules: main/api/procedures/billing.ts.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { bills, refunds, visits } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { billingProcedures } from '../../api/procedures/billing';
import type { RefundChannel } from '../../domain/billing';
import { DomainError } from '../../domain/errors';
import { assertTransition, billLifecycle, visitLifecycle } from '../../domain/lifecycle';
import { sumFen } from '../../domain/money';
import { accountOf, type RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import {
  assertBillCurrent, balanceOf, billItemsOf, billsOfVisit, billView, dischargeIfSettled, openBill, owing, refundView,
  unbilledCharges, type BillRow,
} from './billing-bills';
import { inBed } from './billing-beds';
import { closeDay, dayClosesOn, dayPreview, listDayCloses } from './billing-dayclose';
import { takePayment, takePayments } from './billing-payments';
import { refundLines } from './billing-refund-lines';
import { refundBill } from './billing-refunds';
import { countVisits, loadVisit, visitView, visitViews } from './frontdesk-visits';

type RefundInput = ParsedInput<'billing.refund'>;

function chargeView(c: ReturnType<typeof unbilledCharges>[number]) {
  return { kind: c.kind, refId: c.refId, description: c.description, quantity: c.quantity, unitPriceFen: c.unitPriceFen, amountFen: c.amountFen };
}

/** An open clinical bill with no money left on it may be replaced by a new build. */
function isReplaceable(ctx: RequestContext, bill: BillRow): boolean {
  return bill.kind === 'clinical' && bill.status === 'open' && balanceOf(ctx, bill).paidFen === 0;
}

function isCurrent(ctx: RequestContext, bill: BillRow): boolean {
  try {
    assertBillCurrent(ctx, bill, billItemsOf(ctx, bill.id));
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CONFLICT') return false;
    throw e;
  }
}

export const billingHandlers = {
  'billing.awaiting': (ctx, { page }) => {
    const where = eq(visits.status, 'awaiting_payment');
    const items = visitViews(ctx, where, [asc(visits.consultEndedAt), asc(visits.id)], page.limit, page.offset).map((v) => {
      const o = owing(ctx, loadVisit(ctx, v.id));
      return {
        ...v,
        openDueFen: sumFen(o.openBills.map((b) => balanceOf(ctx, b).dueFen)),
        unbilledFen: sumFen(o.unbilled.map((c) => c.amountFen)),
        openBillIds: o.openBills.map((b) => b.id),
      };
    });
    return { items, total: countVisits(ctx, where) };
  },

  'billing.visit': (ctx, { visitId }) => {
    const visit = visitView(ctx, visitId);
    const unbilled = unbilledCharges(ctx, loadVisit(ctx, visitId));
    ctx.audit('read', 'bill', visitId, visit.patientId);
    return {
      visit,
      bills: billsOfVisit(ctx, visitId).map((b) => billView(ctx, b.id)),
      unbilled: unbilled.map(chargeView),
      unbilledFen: sumFen(unbilled.map((c) => c.amountFen)),
    };
  },

  'billing.get': (ctx, { billId }) => {
    const view = billView(ctx, billId);
    ctx.audit('read', 'bill', billId, view.patientId);
    return view;
  },

  'billing.build': (ctx, { visitId }) => {
    const visit = loadVisit(ctx, visitId);
    if (visit.status !== 'in_consultation' && visit.status !== 'awaiting_payment') {
      throw new DomainError('CONFLICT', 'a visit is billed once the doctor has seen the patient', {
        field: 'visitId', reason: 'not_seen', status: visit.status,
      });
    }
    const replaceable = billsOfVisit(ctx, visitId).filter((b) => isReplaceable(ctx, b));
    const fresh = unbilledCharges(ctx, visit);
    if (fresh.length === 0 && replaceable.every((b) => isCurrent(ctx, b))) {
      throw new DomainError('NOTHING_TO_BILL', 'every charge of this visit is on a bill already', { field: 'visitId' });
    }
    for (const b of replaceable) {
      assertTransition(billLifecycle, b.status, 'void');
      ctx.write.update(bills, b.id, { status: 'void' });
      ctx.audit('update', 'bill', b.id, b.patientId);
    }
    const charges = unbilledCharges(ctx, visit);
    const billId = charges.length === 0 ? null : openBill(ctx, visit, 'clinical', charges);
    if (billId === null) dischargeIfSettled(ctx, visitId);
    return { bill: billId === null ? null : billView(ctx, billId), voided: replaceable.map((b) => b.id) };
  },

  'billing.pay': (ctx, { billId, ...req }) => {
    const registrationOnly = !accountOf(ctx).roles.includes('cashier');
    const { paymentId, replayed } = takePayment(ctx, { billId, ...req }, { registrationOnly });
    const bill = billView(ctx, billId);
    return { payment: bill.payments.find((p) => p.id === paymentId)!, bill, visit: visitView(ctx, bill.visitId), replayed };
  },

  'billing.payParts': (ctx, req) => {
    const registrationOnly = !accountOf(ctx).roles.includes('cashier');
    const { paymentIds, receiptNo, replayed } = takePayments(ctx, req, { registrationOnly });
    const bill = billView(ctx, req.billId);
    return { receiptNo, payments: bill.payments.filter((p) => paymentIds.includes(p.id)), bill, visit: visitView(ctx, bill.visitId), replayed };
  },

  'billing.refund': (ctx, req) => {
    // Money paid online goes back through the gateway, at the hub (CONFLICT refund_online, from the plan, before any write).
    return refundWithView(ctx, req, 'counter');
  },

  'billing.discharge': (ctx, { visitId }) => {
    const visit = loadVisit(ctx, visitId);
    assertTransition(visitLifecycle, visit.status, 'discharged');
    if (inBed(ctx, visitId)) {
      throw new DomainError('CONFLICT', 'the patient is still in a bed: discharge the stay first, then bill it', { field: 'visitId', reason: 'still_admitted' });
    }
    const o = owing(ctx, visit);
    if (o.openBills.length > 0 || o.unbilled.length > 0) {
      throw new DomainError('BILL_NOT_PAID', 'this visit still owes money', {
        field: 'visitId',
        openBillIds: o.openBills.map((b) => b.id),
        unbilledFen: sumFen(o.unbilled.map((c) => c.amountFen)),
      });
    }
    dischargeIfSettled(ctx, visitId);
    ctx.audit('update', 'visit', visitId, visit.patientId);
    return visitView(ctx, visitId);
  },

  'billing.dayPreview': (ctx) => dayPreview(ctx),
  'billing.closeDay': (ctx) => closeDay(ctx),
  'billing.dayCloses': (ctx, input) => listDayCloses(ctx, input),
  'billing.dayClosesOn': (ctx, { date }) => dayClosesOn(ctx, date),
} satisfies Omit<HandlersFor<typeof billingProcedures>, 'billing.refundOnline'>;

/**
 * Refunds lines or an amount of a bill (exactly one of the two; VALIDATION 'lines_or_amount'
 * otherwise) and answers the refund rows with the bill as it is now. The desk's billing.refund
 * and the hub's billing.refundOnline (main/hub/payments/online-payments.ts) both run it.
 */
export function refundWithView(ctx: RequestContext, { lines, amountFen, ...req }: RefundInput, channel: RefundChannel) {
  if ((lines === undefined) === (amountFen === undefined)) {
    throw new DomainError('VALIDATION', 'a refund names its lines or an amount, not both', { field: 'lines', reason: 'lines_or_amount' });
  }
  const { refundIds, replayed } = lines !== undefined
    ? refundLines(ctx, { billId: req.billId, lines, reason: req.reason, idempotencyKey: req.idempotencyKey }, channel)
    : refundBill(ctx, { ...req, amountFen: amountFen! }, { channel });
  const rows = ctx.db.select().from(refunds).where(inArray(refunds.id, refundIds)).orderBy(asc(refunds.idempotencyKey)).all();
  return { refunds: rows.map(refundView), bill: billView(ctx, req.billId), replayed };
}
