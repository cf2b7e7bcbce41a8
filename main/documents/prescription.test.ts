import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import * as F from './fixtures';
import { renderPrescription } from './prescription';
import { flatText, pdfFonts, pdfInfo, pdfText } from './testPdf';

const zh = { lang: 'zh-CN' as const };

describe('prescription (A5)', () => {
  it('prints the customary fields in Chinese', async () => {
    const pdf = await renderPrescription(F.prescription(3), zh);
    const t = flatText(pdf);
    for (const s of [
      '朝阳社区卫生服务中心', '处方笺', '处方号：RX-A1-20261122-0042', '科别：全科', '日期：2026-11-22',
      '姓名：张秀英', '性别：女', '年龄：58岁', '病历号：MR-A1-000318', '过敏史：青霉素', '费别：职工医保',
      '急性上呼吸道感染（J06.9）', '原发性高血压（I10）', 'Rp.',
      '阿莫西林胶囊0.25g×24粒', '×1盒', '¥12.80', '用法：每次0.5g口服每日三次tid共3天',
      '布洛芬缓释胶囊', '每日两次bid', '（饭后服用）', '×2盒', '¥33.00',
      '医师：李建国', '审核药师：王芳', '调配/发药药师：赵敏', '（以下空白）', '普通',
    ]) {
      expect(t).toContain(s);
    }
    // Amount is the sum of the items: 12.80 + 33.00 + 25.80.
    expect(t).toContain('金额：¥71.60');
  });

  it('is A5, one page, fonts embedded and subset, small', async () => {
    const pdf = await renderPrescription(F.prescription(3), zh);
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(info.sizes[0]).toEqual({ width: 419.53, height: 595.28 });
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatchObject({ emb: 'yes', sub: 'yes' });
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
    }
    expect(pdf.length).toBeLessThan(80 * 1024);
  });

  it('continues a 30-item prescription on further pages with the header repeated', async () => {
    const pdf = await renderPrescription(F.prescription(30), zh);
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(info.sizes.every((s) => s.width === 419.53 && s.height === 595.28)).toBe(true);
    const items: number[] = [];
    for (let p = 1; p <= info.pages; p++) {
      const t = flatText(pdf, p);
      expect(t).toContain('朝阳社区卫生服务中心');
      expect(t).toContain('处方笺');
      expect(t).toContain('RX-A1-20261122-0042');
      expect(t).toContain('张秀英');
      expect(t).toContain('病历号：MR-A1-000318');
      expect(t).toContain(`第${p}页/共${info.pages}页`);
      expect(t).toContain('医师：李建国');
      if (p > 1) expect(t).toContain('（续页）');
      else expect(t).not.toContain('（续页）');
      for (const m of pdfText(pdf, p).matchAll(/^\s*(\d+)\.\s/gm)) items.push(Number(m[1]));
    }
    // Every item printed once, in order, none lost at a page break.
    expect(items).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('leaves missing optional fields blank, never "undefined" or "null"', async () => {
    const pdf = await renderPrescription(F.minimalPrescription(), zh);
    const t = pdfText(pdf);
    expect(t).not.toMatch(/undefined|null|NaN/);
    expect(flatText(pdf)).toContain('维生素C片');
    expect(flatText(pdf)).toContain('性别：未知');
    expect(flatText(pdf)).toContain('金额：¥3.50');
  });

  it('marks a reprint as a copy on every page', async () => {
    const pdf = await renderPrescription(F.prescription(12), { ...zh, copy: true, printedAt: F.AT + 86_400_000 });
    const pages = pdfInfo(pdf).pages;
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) {
      expect(flatText(pdf, p)).toContain('副本');
      expect(flatText(pdf, p)).toContain('补打2026-11-2314:05');
    }
    expect(flatText(await renderPrescription(F.prescription(1), zh))).not.toContain('副本');
  });

  it("marks the patient's copy 患者留存 / Patient copy on every page, upright, with when it was downloaded", async () => {
    const pdf = await renderPrescription(F.prescription(12), { ...zh, patientCopy: true, printedAt: F.AT + 86_400_000 });
    const pages = pdfInfo(pdf).pages;
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) {
      expect(flatText(pdf, p)).toContain('患者留存');
      expect(flatText(pdf, p)).toContain('下载于2026-11-2314:05');
      expect(flatText(pdf, p)).not.toContain('副本');
    }
    const en = await renderPrescription(F.prescription(1), { lang: 'en', patientCopy: true, printedAt: F.AT });
    expect(pdfText(en)).toContain('Patient copy');
  });

  it('has an English version', async () => {
    const pdf = await renderPrescription(F.prescription(2), { lang: 'en', copy: true });
    const t = pdfText(pdf);
    for (const s of ['Prescription', 'Rx No.: RX-A1-20261122-0042', 'Sex: Female', 'Diagnosis:', 'Sig: 0.5 g, by mouth, three times daily (tid), for 3 days', 'Qty 2', 'Doctor: 李建国', 'Amount: ¥45.80', 'COPY']) {
      expect(t).toContain(s);
    }
    expect(t).not.toContain('处方笺');
  });

  it('refuses bad input with a VALIDATION error naming the field', async () => {
    const bad = async (mutate: (d: ReturnType<typeof F.prescription>) => void) => {
      const d = F.prescription(2);
      mutate(d);
      return renderPrescription(d, zh).then(
        () => undefined,
        (e: unknown) => e,
      );
    };
    const cases: Array<[(d: ReturnType<typeof F.prescription>) => void, string]> = [
      [(d) => (d.items[0]!.amountFen = -1), 'items.0.amountFen'],
      [(d) => (d.items[1]!.amountFen = 12.5), 'items.1.amountFen'],
      [(d) => (d.items = []), 'items'],
      [(d) => ((d.items[0] as { frequency: string }).frequency = 'thrice'), 'items.0.frequency'],
      [(d) => (d.timeZone = 'Nowhere/City'), 'timeZone'],
      [(d) => (d.patient.name = '  '), 'patient.name'],
    ];
    for (const [mutate, field] of cases) {
      const e = await bad(mutate);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION');
      expect((e as DomainError).details?.field).toBe(field);
    }
  });
});
