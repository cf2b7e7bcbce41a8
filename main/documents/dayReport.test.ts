import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { renderDayReport } from './dayReport';
import * as F from './fixtures';
import { flatText, pdfInfo, pdfText } from './testPdf';

describe('close-of-day report (A4)', () => {
  it('totals by payment method, per cashier, refunds and counts', async () => {
    const pdf = await renderDayReport(F.dayReport(), { lang: 'zh-CN' });
    expect(pdfInfo(pdf).sizes[0]).toEqual({ width: 595.28, height: 841.89 });
    const text = pdfText(pdf);
    const row = (label: string) => text.split('\n').find((l) => l.trim().startsWith(label))?.trim().split(/\s{2,}/);
    // cash: 42 + 12 payments, 3,567.80 + 880.00 received, 2 refunds of 60.60
    expect(row('现金')).toEqual(['现金', '54', '¥4,447.80', '2', '¥60.60', '¥4,387.20']);
    expect(row('扫码支付')).toEqual(['扫码支付', '77', '¥10,234.50', '1', '¥25.00', '¥10,209.50']);
    expect(row('合计')).toEqual(['合计', '201', '¥24,702.30', '3', '¥85.60', '¥24,616.70']);
    expect(row('陈丽 小计')).toEqual(['陈丽 小计', '180', '¥22,255.30', '3', '¥85.60', '¥22,169.70']);
    expect(row('周强 小计')).toEqual(['周强 小计', '21', '¥2,447.00', '0', '¥0.00', '¥2,447.00']);
    const t = flatText(pdf);
    for (const s of ['收费日结报表', '营业日期：2026-11-22', '收款员：全部', '统计时段：2026-11-2200:00–18:05', '按支付方式汇总', '按收款员汇总',
      '退费明细', 'RF-A1-20261122-0001', 'R-A1-20261122-0012', '¥30.30', '13:05', '患者未取药',
      '收费单数：201', '退费单数：3', '就诊人次：188', '挂号人次：176', '处方数：143', '结账人：陈丽', '财务复核']) {
      expect(t).toContain(s);
    }
  });

  it('for one cashier, leaves out the per-cashier table; with no refunds says so', async () => {
    const d = F.dayReport();
    d.cashier = '周强';
    d.rows = d.rows.filter((r) => r.cashier === '周强');
    d.refunds = [];
    d.counts = { receipts: 21, refunds: 0 };
    d.periodFrom = null;
    const t = pdfText(await renderDayReport(d, { lang: 'zh-CN' }));
    expect(t).not.toContain('按收款员汇总');
    expect(t).toContain('当日无退费');
    expect(t).not.toContain('就诊人次');
    expect(t).not.toContain('统计时段');
    expect(t).not.toMatch(/undefined|null|NaN/);
  });

  it('refuses refunds that do not add up', async () => {
    const d = F.dayReport();
    d.refunds![0]!.amountFen = 1;
    const e = await renderDayReport(d, { lang: 'zh-CN' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).details?.field).toBe('refunds');
  });

  it('has an English version, and a copy marking', async () => {
    const t = pdfText(await renderDayReport(F.dayReport(), { lang: 'en', copy: true }));
    for (const s of ['Close-of-day Report', 'By payment method', 'QR pay', 'Total', 'Refunds', 'Receipts: 201', 'COPY']) expect(t).toContain(s);
  });
});
