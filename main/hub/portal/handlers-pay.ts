/**
 * Paying from the patient's phone: the account's unpaid bills, a QR code for one of them
 * (main/hub/payments/online-payments.ts), and whether it went through. Bill and order ids are
 * checked against the account's members before anything is read; another account's are answered
 * NOT_FOUND like ids that do not exist (and audited by dispatch).
 */
import type { z } from 'zod';
import type { PortalBillView } from '../../api/patient-contract';
import { balanceOf, loadBill } from '../../station/services/billing-bills';
import { checkAtHub, ONLINE_CASHIER } from '../payments/hub-ledger';
import type { PortalContext, PortalHandlers } from './context';
import { memberIds } from './members';
import { assertMember, notYours } from './policy';

type PayHandlers = Pick<PortalHandlers, 'portal.bills' | 'portal.payOnline' | 'portal.payStatus'>;
type Bill = z.input<typeof PortalBillView>;

/** The bill's patient when it is one of the account's members; NOT_FOUND {field: 'billId'} otherwise. */
function ownBill(ctx: PortalContext, members: ReadonlySet<string>, billId: string, field = 'billId'): { patientId: string } {
  const row = ctx.admin.station.raw.prepare('SELECT patient_id AS patientId FROM bills WHERE id = ?').get(billId) as { patientId: string } | undefined;
  if (!row || !members.has(row.patientId)) throw notYours(field, 'bill');
  return row;
}

export const payHandlers: PayHandlers = {
  'portal.bills': async (ctx, { memberId }) => {
    const members = await memberIds(ctx, ctx.accountId!);
    if (memberId !== undefined) assertMember(members, memberId);
    const ids = memberId !== undefined ? [memberId] : [...members];
    if (ids.length === 0) return { items: [] };
    const rows = ctx.admin.station.raw.prepare(`SELECT b.id, b.patient_id AS memberId, p.name AS memberName, b.kind, v.visit_date AS visitDate,
        b.total_fen AS totalFen, b.created_at AS createdAt
      FROM bills b JOIN patients p ON p.id = b.patient_id JOIN visits v ON v.id = b.visit_id
      WHERE b.status = 'open' AND b.patient_id IN (${ids.map(() => '?').join(', ')}) ORDER BY b.created_at DESC, b.id LIMIT 100`)
      .all(...ids) as (Omit<Bill, 'billId' | 'dueFen'> & { id: string })[];
    const items: Bill[] = [];
    checkAtHub(ctx.admin, ONLINE_CASHIER, ctx.procedure, (rc) => {
      for (const { id, ...r } of rows) {
        const dueFen = balanceOf(rc, loadBill(rc, id)).selfPayDueFen;
        if (dueFen > 0) items.push({ billId: id, ...r, dueFen });
      }
    });
    return { items };
  },

  'portal.payOnline': async (ctx, { billId }) => {
    ownBill(ctx, await memberIds(ctx, ctx.accountId!), billId);
    return ctx.payments.createOrder(billId, ctx.accountId, `${ctx.admin.station.settings.clinicName || 'Clinic'} bill`.slice(0, 128));
  },

  'portal.payStatus': async (ctx, { outTradeNo }) => {
    const members = await memberIds(ctx, ctx.accountId!);
    const order = await ctx.payments.orderOf(outTradeNo);
    if (!order) throw notYours('outTradeNo', 'payment');
    ownBill(ctx, members, order.billId, 'outTradeNo');
    const s = await ctx.payments.status(outTradeNo);
    return { outTradeNo: s.outTradeNo, billId: s.billId, amountFen: s.amountFen, state: s.state };
  },
};
