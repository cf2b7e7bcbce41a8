import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import * as F from './fixtures';
import { renderReceipt } from './receipt';
import type { ReceiptDoc } from './schemas';
import { flatText, pdfFonts, pdfInfo, pdfText, scanCodes } from './testPdf';

const zh = { lang: 'zh-CN' as const };

describe('receipt', () => {
  it('A5: number, items, total, insurance and self-pay, payments, change, cashier, time', async () => {
    const pdf = await renderReceipt(F.receipt(), zh);
    expect(pdfInfo(pdf).sizes).toEqual([{ width: 419.53, height: 595.28 }]);
    const t = flatText(pdf);
    for (const s of [
      '门诊收费收据', '收据号：R-A1-20261122-0117', '时间：2026-11-2214:05', '姓名：张秀英', '病历号：MR-A1-000318',
      '阿莫西林胶囊', '0.25g×24粒', '2盒', '¥12.80', '¥25.60', '血常规（五分类）', '¥25.00', '普通门诊诊查费', '¥10.00',
      '合计：¥60.60', '人民币陆拾元陆角整', '医保统筹支付：¥30.30', '个人自付：¥30.30', '支付方式：医保统筹¥30.30；现金¥30.30',
      '实收：¥50.00', '找零：¥19.70', '收款员：陈丽',
    ]) {
      expect(t).toContain(s);
    }
    expect(pdfFonts(pdf).every((f) => f.emb === 'yes' && f.sub === 'yes')).toBe(true);
  });

  it('80 mm roll: 226.77 pt wide, height fitted to the content', async () => {
    const one = await renderReceipt(F.minimalReceipt(), { ...zh, paper: 'roll80' });
    const three = await renderReceipt(F.receipt(), { ...zh, paper: 'roll80' });
    const d = F.receipt();
    d.items = Array.from({ length: 20 }, (_, i) => ({ name: `检查项目${i + 1}`, quantity: 1, unit: '次', unitPriceFen: 100, amountFen: 100 }));
    d.totalFen = 2000;
    d.insuranceFen = 0;
    d.selfPayFen = 2000;
    d.payments = [{ method: 'qr', amountFen: 2000 }];
    d.cashTenderedFen = null;
    const twenty = await renderReceipt(d, { ...zh, paper: 'roll80' });
    const [a, b, c] = [one, three, twenty].map((p) => pdfInfo(p));
    for (const i of [a, b, c]) {
      expect(i!.pages).toBe(1);
      expect(i!.sizes[0]!.width).toBe(226.77);
    }
    expect(a!.sizes[0]!.height).toBeLessThan(b!.sizes[0]!.height);
    expect(b!.sizes[0]!.height).toBeLessThan(c!.sizes[0]!.height);
    expect(c!.sizes[0]!.height - b!.sizes[0]!.height).toBeGreaterThan(17 * 20);
    // Content reaches the bottom without being cut: the last line is the keep-receipt note.
    const lines = pdfText(three).trim().split('\n');
    expect(lines.at(-1)).toContain('请妥善保管');
    const t = flatText(three);
    for (const s of ['收据号', 'R-A1-20261122-0117', '合计¥60.60', '找零¥19.70', '现金¥30.30', '收款员陈丽', '2026-11-2214:05']) expect(t).toContain(s);
  });

  it('A5: a long receipt continues on further pages with the header and table head repeated', async () => {
    const d = F.receipt();
    d.items = Array.from({ length: 40 }, (_, i) => ({ name: `检验项目${i + 1}`, quantity: 1, unit: '项', unitPriceFen: 1500, amountFen: 1500 }));
    d.totalFen = 60000;
    d.insuranceFen = 30000;
    d.selfPayFen = 30000;
    d.payments = [{ method: 'insurance', amountFen: 30000 }, { method: 'cash', amountFen: 30000 }];
    d.cashTenderedFen = null;
    const pdf = await renderReceipt(d, zh);
    const { pages } = pdfInfo(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const seen: number[] = [];
    for (let p = 1; p <= pages; p++) {
      const t = flatText(pdf, p);
      expect(t).toContain('门诊收费收据');
      expect(t).toContain('R-A1-20261122-0117');
      if (t.includes('检验项目')) expect(t).toContain('项目规格数量单价金额');
      expect(t).toContain(`第${p}页/共${pages}页`);
      expect(t.includes('合计：¥600.00')).toBe(p === pages);
      for (const m of pdfText(pdf, p).matchAll(/检验项目(\d+)\s/g)) seen.push(Number(m[1]));
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('carries the receipt number as a QR code on both papers', async () => {
    expect(scanCodes(await renderReceipt(F.receipt(), zh))).toContain('QR-Code:R-A1-20261122-0117');
    expect(scanCodes(await renderReceipt(F.receipt(), { ...zh, paper: 'roll80' }))).toContain('QR-Code:R-A1-20261122-0117');
  });

  it('prints refunds as refund slips', async () => {
    for (const paper of ['A5', 'roll80'] as const) {
      const t = flatText(await renderReceipt(F.receipt('refund'), { ...zh, paper }));
      expect(t).toContain('门诊退费凭证');
      expect(t).toContain('RF-A1-20261122-0003');
      expect(t).toContain('R-A1-20261122-0117'); // the original receipt
      expect(t).toContain('患者未取药');
      expect(t).toContain('退费合计');
      expect(t).toContain('退回方式');
      expect(t).not.toContain('找零');
      expect(t).not.toContain('收费收据');
    }
  });

  it('marks a reprint as a copy (A5 stamp, printed line on the roll)', async () => {
    const a5 = flatText(await renderReceipt(F.receipt(), { ...zh, copy: true, printedAt: F.AT }));
    expect(a5).toContain('副本');
    const roll = flatText(await renderReceipt(F.receipt(), { ...zh, paper: 'roll80', copy: true, printedAt: F.AT }));
    expect(roll).toContain('【副本】补打2026-11-2214:05');
  });

  it('does without optional fields', async () => {
    for (const paper of ['A5', 'roll80'] as const) {
      const t = pdfText(await renderReceipt(F.minimalReceipt(), { ...zh, paper }));
      expect(t).not.toMatch(/undefined|null|NaN/);
      expect(t.replace(/\s+/g, '')).toContain('¥5.00');
      expect(t).toContain('银行卡');
    }
  });

  it('has an English version', async () => {
    const a5 = pdfText(await renderReceipt(F.receipt(), { lang: 'en' }));
    for (const s of ['Receipt', 'Receipt No.: R-A1-20261122-0117', 'Total: ¥60.60', 'Paid by insurance: ¥30.30', 'Self-pay: ¥30.30', 'Paid by: Insurance ¥30.30; Cash ¥30.30', 'Change: ¥19.70', 'Cashier: 陈丽']) {
      expect(a5).toContain(s);
    }
    expect(a5).not.toContain('大写');
    const roll = pdfText(await renderReceipt(F.receipt('refund'), { lang: 'en', paper: 'roll80' }));
    expect(roll).toContain('Refund slip');
    expect(roll).toContain('Total refunded');
  });

  it('refuses bad money and empty receipts with VALIDATION errors', async () => {
    const cases: Array<[(d: ReceiptDoc) => void, string]> = [
      [(d) => (d.items = []), 'items'],
      [(d) => (d.items[0]!.amountFen = -2560), 'items.0.amountFen'],
      [(d) => (d.totalFen = 60.6), 'totalFen'],
      [(d) => (d.totalFen = 7000), 'totalFen'],
      [(d) => { d.insuranceFen = 7000; d.selfPayFen = 0; }, 'insuranceFen'],
      [(d) => { d.insuranceFen = 1000; }, 'selfPayFen'],
      [(d) => (d.payments = [{ method: 'cash', amountFen: 1000 }]), 'payments'],
      [(d) => (d.cashTenderedFen = 2000), 'cashTenderedFen'],
      [(d) => { d.kind = 'refund'; d.originalReceiptNo = null; }, 'originalReceiptNo'],
      // Any code may be a clinic's own method (named by methodNames); what is no code at all is refused.
      [(d) => ((d.payments[0] as { method: string }).method = 'bit coin!'), 'payments.0.method'],
    ];
    for (const [mutate, field] of cases) {
      const d = F.receipt();
      mutate(d);
      const e = await renderReceipt(d, zh).then(() => undefined, (x: unknown) => x);
      expect(e, field).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION');
      expect((e as DomainError).details?.field, field).toBe(field);
    }
  });
});
