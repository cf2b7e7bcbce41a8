import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { renderDrugLabels } from './drugLabel';
import * as F from './fixtures';
import { renderPatientLabel } from './patientLabel';
import { mm } from './pdf';
import { flatText, hasCommand, pdfFonts, pdfInfo, pdfText, scanCodes } from './testPdf';


describe('patient label (50 × 30 mm)', () => {
  it('prints name, sex, age, record number and the specimen', async () => {
    const pdf = await renderPatientLabel(F.patientLabel(), { lang: 'zh-CN' });
    const info = pdfInfo(pdf);
    expect(info.sizes[0]).toEqual({ width: mm(50), height: mm(30) });
    const t = flatText(pdf);
    for (const s of ['张秀英', '女58岁', 'MR-A1-000318', '全科', '标本：血常规（EDTA抗凝）', '采集时间：11-2214:15']) expect(t).toContain(s);
    expect(pdfFonts(pdf).every((f) => f.emb === 'yes' && f.sub === 'yes')).toBe(true);
  });

  it.skipIf(!hasCommand('zbarimg'))('carries the record number as a Code 128 barcode', async () => {
    expect(scanCodes(await renderPatientLabel(F.patientLabel(), { lang: 'zh-CN' }), 1, 300)).toEqual(['CODE-128:MR-A1-000318']);
  });

  it('prints `count` labels, a minimal chart label, copies and English', async () => {
    const many = await renderPatientLabel({ ...F.patientLabel(), count: 3 }, { lang: 'zh-CN' });
    expect(pdfInfo(many).pages).toBe(3);
    const min = pdfText(await renderPatientLabel({ timeZone: F.TZ, patient: { name: '王五', sex: 'U', recordNo: 'MR-9' } }, { lang: 'zh-CN' }));
    expect(min).toContain('王五');
    expect(min).not.toMatch(/undefined|null|NaN|标本/);
    expect(flatText(await renderPatientLabel(F.patientLabel(), { lang: 'zh-CN', copy: true }))).toContain('【副本】');
    const en = pdfText(await renderPatientLabel(F.patientLabel(), { lang: 'en' }));
    expect(en).toContain('Female');
    expect(en).toContain('Specimen:');
  });

  it('refuses a record number the barcode cannot carry', async () => {
    const d = F.patientLabel();
    d.patient.recordNo = '病历-1';
    const e = await renderPatientLabel(d, { lang: 'zh-CN' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).details?.field).toBe('patient.recordNo');
  });
});

describe('drug labels (70 × 50 mm)', () => {
  it('one label per dispensed item: patient, drug, how to take it', async () => {
    const pdf = await renderDrugLabels(F.drugLabels(), { lang: 'zh-CN' });
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(3);
    expect(info.sizes.every((s) => s.width === mm(70) && s.height === mm(50))).toBe(true);
    const p1 = flatText(pdf, 1);
    for (const s of ['朝阳社区卫生服务中心', '张秀英', 'MR-A1-000318', '阿莫西林胶囊', '0.25g×24粒', '×1盒', '共3天', '用法用量：', '口服每日三次tid每次0.5g', '发药日期：2026-11-22', '药师：赵敏']) {
      expect(p1).toContain(s);
    }
    const p2 = flatText(pdf, 2);
    expect(p2).toContain('布洛芬缓释胶囊');
    expect(p2).toContain('注意事项：饭后服用');
  });

  it('English, copies, and no "undefined" when optional fields are missing', async () => {
    const en = flatText(await renderDrugLabels(F.drugLabels(), { lang: 'en', copy: true, printedAt: F.AT }));
    expect(en).toContain('Howtotake:');
    expect(en).toContain('0.5gbymouth,threetimesdaily(tid)');
    expect(en).toContain('for3days');
    expect(en).toContain('【COPY】Reprinted11-2214:05');
    const min = pdfText(
      await renderDrugLabels(
        { clinic: { name: '诊所' }, dispensedAt: F.AT, timeZone: F.TZ, patient: { name: '王五' }, items: [{ name: '维生素C片', dose: 1, doseUnit: '片', frequency: 'qd', route: 'po', quantity: 1, unit: '瓶' }] },
        { lang: 'zh-CN' },
      ),
    );
    expect(min).not.toMatch(/undefined|null|NaN/);
    expect(min).toContain('每次1片');
  });
});
