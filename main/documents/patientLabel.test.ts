import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import * as F from './fixtures';
import { renderPatientLabel } from './patientLabel';
import { mm } from './pdf';
import { flatText, pdfFonts, pdfInfo, pdfText, scanCodes } from './testPdf';

describe('patient label (50 × 30 mm)', () => {
  it('prints name, sex, age, record number and the specimen', async () => {
    const pdf = await renderPatientLabel(F.patientLabel(), { lang: 'zh-CN' });
    const info = pdfInfo(pdf);
    expect(info.sizes[0]).toEqual({ width: mm(50), height: mm(30) });
    const t = flatText(pdf);
    for (const s of ['张秀英', '女58岁', 'MR-A1-000318', '全科', '标本：血常规（EDTA抗凝）', '采集时间：11-2214:15']) expect(t).toContain(s);
    expect(pdfFonts(pdf).every((f) => f.emb === 'yes' && f.sub === 'yes')).toBe(true);
  });

  it('carries the record number as a Code 128 barcode', async () => {
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
