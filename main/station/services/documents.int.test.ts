/**
 * Documents fed by the station's data: a visit walked through every desk, then each document
 * printed through the API and read back from the PDF (pdftotext): names, numbers, amounts, the
 * Chinese labels; reprints marked 副本 (also after a print at another station); English.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema';
import { flatText, pdfInfo } from '../../documents/testPdf';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { ok, pdfOf, walkVisit, type Walk } from './documents.testing';

let fx: Fixture;
let w: Walk;
beforeAll(() => {
  fx = createFixture();
  w = walkVisit(fx);
});
afterAll(() => fx.close());

function printsOf(entity: string, entityId: string) {
  return fx.station.db.select().from(auditLog)
    .where(and(eq(auditLog.action, 'print'), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId))).all();
}

describe('documents from the station data', () => {
  it('prints the prescription, then marks every reprint 副本, auditing each print', async () => {
    const first = await ok(fx, w.callers.doctor, 'documents.prescription', { prescriptionId: w.rxId });
    expect(first).toMatchObject({ mimeType: 'application/pdf', copy: false, pages: 1 });
    expect(first.filename).toMatch(/^prescription-P\d{8}-A1-0001\.pdf$/);
    const text = flatText(pdfOf(first));
    for (const s of [
      '康宁诊所', '处方笺', '姓名：张三丰', '性别：男', '年龄：68岁', '过敏史：青霉素', '科别：内科', '费别：职工医保',
      '急性上呼吸道感染（J06.9）', '布洛芬缓释胶囊0.3g×20粒', '×1盒', '¥22.00', '每日两次bid', '共3天', '医师：李明', '调配/发药药师：刘洋',
    ]) expect(text).toContain(s);
    expect(text).toContain(w.patient.recordNo);
    expect(text).not.toContain('副本');
    expect(pdfInfo(pdfOf(first)).sizes[0]).toEqual({ width: 419.53, height: 595.28 }); // A5

    const again = await ok(fx, w.callers.pharmacist, 'documents.prescription', { prescriptionId: w.rxId });
    expect(again.copy).toBe(true);
    expect(again.filename).toMatch(/-copy\.pdf$/);
    expect(flatText(pdfOf(again))).toContain('副本');
    const rows = printsOf('prescription', w.rxId);
    expect(rows.map((r) => [r.procedure, r.patientId, r.device])).toEqual([
      ['documents.prescription', w.patient.id, 'A1'], ['documents.prescription', w.patient.id, 'A1'],
    ]);
    expect(rows.map((r) => r.accountId)).toEqual([fx.ids.accounts.doctor, fx.ids.accounts.pharmacist]);
  });

  it('prints the receipt of a payment with its whole bill: items, total, insurance and self-pay, cash and change', async () => {
    const file = await ok(fx, w.callers.cashier, 'documents.receipt', { paymentId: w.cashPaymentId });
    expect(file.copy).toBe(false);
    const text = flatText(pdfOf(file));
    for (const s of [
      '门诊收费收据', `收据号：${w.cashReceiptNo}`, '姓名：张三丰', '费别：职工医保', '医师：李明', '布洛芬缓释胶囊0.3g×20粒', '血常规',
      '合计：¥47.00', '人民币肆拾柒元整', '医保统筹支付：¥30.40', '个人自付：¥16.60', '医保统筹¥30.40；现金¥16.60', '实收：¥20.00', '找零：¥3.40',
      '收款员：陈静',
    ]) expect(text).toContain(s);
    expect(printsOf('receipt', w.cashPaymentId)).toHaveLength(1);
  });

  it('prints the registration receipt on the 80 mm roll, the reprint with a printed 副本 line', async () => {
    const file = await ok(fx, w.callers.reception, 'documents.receipt', { paymentId: w.registrationPaymentId, paper: 'roll80' });
    const text = flatText(pdfOf(file));
    for (const s of ['门诊收费收据', '挂号费', '合计¥15.00', '个人自付¥15.00', '实收¥20.00', '找零¥5.00', '收款员王芳']) expect(text).toContain(s);
    expect(pdfInfo(pdfOf(file)).sizes[0]!.width).toBeCloseTo(226.77, 1);
    expect(text).not.toContain('副本');
    const copy = await ok(fx, w.callers.cashier, 'documents.receipt', { paymentId: w.registrationPaymentId, paper: 'roll80' });
    expect(copy.copy).toBe(true);
    expect(flatText(pdfOf(copy))).toContain('【副本】补打');
  });

  it('prints a refund slip per refund row, back the way the money came', async () => {
    const [cash, insurance] = w.refunds;
    expect([cash!.method, cash!.amountFen, insurance!.method, insurance!.amountFen]).toEqual(['cash', 1660, 'insurance', 840]);
    const slip = flatText(pdfOf(await ok(fx, w.callers.cashier, 'documents.refundSlip', { refundId: cash!.id })));
    for (const s of [
      '门诊退费凭证', `退费单号：${cash!.refundNo}`, `原收据号：${w.cashReceiptNo}`, '退费原因：患者拒绝抽血', '姓名：张三丰',
      '退费合计：¥16.60', '个人自付：¥16.60', '退回方式：现金¥16.60', '收款员：陈静', '患者签字',
    ]) expect(slip).toContain(s);
    const ins = flatText(pdfOf(await ok(fx, w.callers.reception, 'documents.refundSlip', { refundId: insurance!.id })));
    for (const s of ['退费合计：¥8.40', '医保统筹支付：¥8.40', '个人自付：¥0.00', '退回方式：医保统筹¥8.40']) expect(ins).toContain(s);
    expect(printsOf('refund_slip', cash!.id)).toHaveLength(1);
  });

  it('prints the signed medical record with its diagnosis, orders and the amendment after the signature', async () => {
    const file = await ok(fx, w.callers.doctor, 'documents.medicalRecord', { visitId: w.visitId });
    expect(pdfInfo(pdfOf(file)).sizes[0]).toEqual({ width: 595.28, height: 841.89 }); // A4
    const text = flatText(pdfOf(file));
    for (const s of [
      '门诊病历', '姓名：张三丰', '年龄：68岁', '电话：13900000011', '就诊类型：初诊', '【主诉】咳嗽3天', '【现病史】受凉后咳嗽',
      '【体格检查】咽部充血', '急性上呼吸道感染（J06.9）', '【处理意见】对症治疗', '布洛芬缓释胶囊0.3g×20粒1粒口服每日两次bid共3天×1盒',
      '血常规', '医师签名：李明', '【更正记录】', '更正人：李明原因：补充医嘱', '处理意见：多饮水，3天后复诊',
    ]) expect(text).toContain(s);
    // The signed text stays as signed; the amendment follows the signature.
    expect(text.indexOf('对症治疗')).toBeLessThan(text.indexOf('医师签名'));
    expect(text.indexOf('多饮水')).toBeGreaterThan(text.indexOf('医师签名'));
    expect(file.filename).toBe(`medicalRecord-${w.patient.recordNo}-2026-11-23.pdf`);
    // Audited as the other record rows are: entity medical_record, the record's id.
    const recordId = fx.ok(w.callers.doctor, 'consultation.getRecord', { visitId: w.visitId }).record!.id;
    expect(printsOf('medical_record', recordId).map((r) => r.patientId)).toEqual([w.patient.id]);
  });

  it('prints the close of day with the totals by method and the refunds; the administrator reprints it', async () => {
    const file = await ok(fx, w.callers.cashier, 'documents.dayReport', { dayCloseId: w.dayCloseId });
    const text = flatText(pdfOf(file));
    for (const s of [
      '收费日结报表', '营业日期：2026-11-23', '收款员：陈静', '现金1¥16.601¥16.60¥0.00', '医保统筹1¥30.401¥8.40¥22.00',
      '合计2¥47.002¥25.00¥22.00', w.refunds[0]!.refundNo, w.cashReceiptNo, '患者拒绝抽血', '收费单数：2', '退费单数：2', '结账人：陈静',
    ]) expect(text).toContain(s);
    const admin = await ok(fx, w.callers.admin, 'documents.dayReport', { dayCloseId: w.dayCloseId });
    expect(admin.copy).toBe(true);
    expect(printsOf('day_report', w.dayCloseId).map((r) => r.patientId)).toEqual([null, null]);
  });

  it("prints the patient's label with today's visit, as many as asked", async () => {
    const file = await ok(fx, w.callers.reception, 'documents.patientLabel', { patientId: w.patient.id, count: 3 });
    expect(file.pages).toBe(3);
    const text = flatText(pdfOf(file), 1);
    for (const s of ['张三丰', '男68岁', w.patient.recordNo, '内科2026-11-23', '康宁诊所']) expect(text).toContain(s);
  });

  it('marks the first print here a copy when another station printed the document before', async () => {
    withMasterWriter(fx.station, (wr) => wr.insert(auditLog, {
      at: fx.clock.t, accountId: fx.ids.accounts.pharmacist, device: 'B7', action: 'print', entity: 'drug_labels', entityId: w.rxId,
      patientId: w.patient.id, procedure: 'documents.drugLabels',
    }));
    const file = await ok(fx, w.callers.pharmacist, 'documents.drugLabels', { prescriptionId: w.rxId });
    expect(file.copy).toBe(true);
    const text = flatText(pdfOf(file));
    for (const s of ['布洛芬缓释胶囊', '0.3g×20粒×1盒共3天', '口服每日两次bid每次1粒', '张三丰男68岁', '药师：刘洋', '副本']) expect(text).toContain(s);
    expect(printsOf('drug_labels', w.rxId).map((r) => r.device)).toEqual(['B7', 'A1']);
  });

  it('prints in English', async () => {
    const file = await ok(fx, w.callers.cashier, 'documents.receipt', { paymentId: w.insurancePaymentId, lang: 'en' });
    const text = flatText(pdfOf(file));
    for (const s of [
      'KangningClinic', 'Receipt', 'Name:张三丰', 'Payer:Employeeinsurance', 'Dept.:InternalMedicine', 'Total:¥47.00',
      'Paidbyinsurance:¥30.40', 'Self-pay:¥16.60', 'Paidby:Insurance¥30.40;Cash¥16.60', 'Change:¥3.40', 'Cashier:陈静',
    ]) expect(text).toContain(s);
    expect(text).not.toContain('收据');
    const label = flatText(pdfOf(await ok(fx, w.callers.doctor, 'documents.patientLabel', { patientId: w.patient.id, lang: 'en' })));
    expect(label).toContain('Male68y');
    expect(label).toContain('COPY'); // the label was printed in the test before
  });
});
