/**
 * The counter's documents read back from the PDF (pdftotext): one receipt for a bill paid by card
 * and cash at once (whichever part is printed: one original, then copies), the slip of a refund by
 * line (the lines, the money back by method, one number), and the receipt the front desk prints
 * for the registration fee it took.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flatText } from '../../documents/testPdf';
import { createFixture, type Fixture } from '../testing';
import { ok, pdfOf } from './documents.testing';
import { addPrescription, inConsultation, newPatient, openDesk, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

/** A self-paying patient's amoxicillin, 4 × 18.50 = 74.00, paid 50.00 by card + 24.00 in cash at once. */
function paidByCardAndCash() {
  const visit = inConsultation(fx, desk, newPatient(fx, desk, { name: '周八', insuranceType: 'self_pay' }));
  addPrescription(fx, visit, [[fx.ids.drugs.amoxicillin, 4, 1850]]);
  const bill = fx.ok(desk.cashier, 'billing.build', { visitId: visit.id }).bill!;
  const paid = fx.ok(desk.cashier, 'billing.payParts', {
    billId: bill.id, idempotencyKey: 'mixed', parts: [{ method: 'card', amountFen: 5000, reference: 'POS-7' }, { method: 'cash', amountFen: 2400, tenderedFen: 3000 }],
  });
  return { bill, paid, drug: bill.items[0]! };
}

describe('money documents', () => {
  it('prints one receipt for a bill paid by card and cash at once: one number, both methods; the other part prints a copy', async () => {
    const { paid } = paidByCardAndCash();
    const [card, cash] = paid.payments;
    const first = await ok(fx, desk.cashier, 'documents.receipt', { paymentId: card!.id });
    expect(first.copy).toBe(false);
    const text = flatText(pdfOf(first));
    for (const s of [`收据号：${paid.receiptNo}`, '姓名：周八', '合计：¥74.00', '支付方式：银行卡¥50.00；现金¥24.00', '实收：¥30.00', '找零：¥6.00']) {
      expect(text).toContain(s);
    }
    const other = await ok(fx, desk.cashier, 'documents.receipt', { paymentId: cash!.id });
    expect(other.copy).toBe(true);
    expect(flatText(pdfOf(other))).toContain(`收据号：${paid.receiptNo}`);
  });

  it('prints the slip of a refund by line: the line and how many, the money back to card and cash, one refund number', async () => {
    const { bill, paid, drug } = paidByCardAndCash();
    const r = fx.ok(desk.cashier, 'billing.refund', { billId: bill.id, lines: [{ itemId: drug.id, quantity: 2 }], reason: '多开两盒', idempotencyKey: 'rf' });
    // 37.00 of 74.00 paid 50.00 card / 24.00 cash → 25.00 + 12.00.
    expect(r.refunds.map((x) => [x.method, x.amountFen])).toEqual([['card', 2500], ['cash', 1200]]);
    const slip = await ok(fx, desk.cashier, 'documents.refundSlip', { refundId: r.refunds[0]!.id });
    const text = flatText(pdfOf(slip));
    for (const s of [
      '门诊退费凭证', `退费单号：${r.refunds[0]!.refundNo}`, `原收据号：${paid.receiptNo}`, '退费原因：多开两盒', '阿莫西林胶囊0.25g×24粒2¥18.50¥37.00',
      '退费合计：¥37.00', '退回方式：现金¥12.00；银行卡¥25.00', '收款员：陈静',
    ]) expect(text).toContain(s);
    expect((await ok(fx, desk.cashier, 'documents.refundSlip', { refundId: r.refunds[1]!.id })).copy).toBe(true);
    const en = flatText(pdfOf(await ok(fx, desk.cashier, 'documents.refundSlip', { refundId: r.refunds[0]!.id, lang: 'en' })));
    expect(en).toContain('¥37.00');
  });

  it('prints the front desk’s receipt of the registration fee it took, and its reprint as a copy', async () => {
    const walkIn = fx.ok(desk.reception, 'frontdesk.walkIn', {
      patientId: newPatient(fx, desk, { name: '吴九' }), doctorId: fx.ids.staff.doctor, payment: { method: 'card', reference: 'POS-8', idempotencyKey: 'reg-wu' },
    });
    const file = await ok(fx, desk.reception, 'documents.receipt', { paymentId: walkIn.payment!.id, paper: 'roll80' });
    expect(file.copy).toBe(false);
    const text = flatText(pdfOf(file));
    for (const s of ['门诊收费收据', walkIn.payment!.receiptNo, '吴九', '挂号费', '合计¥15.00', '银行卡¥15.00', '收款员王芳']) expect(text).toContain(s);
    const again = await ok(fx, desk.reception, 'documents.receipt', { paymentId: walkIn.payment!.id, paper: 'roll80' });
    expect(again.copy).toBe(true);
  });
});
