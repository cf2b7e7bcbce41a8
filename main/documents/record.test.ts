import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import * as F from './fixtures';
import { renderMedicalRecord } from './record';
import { flatText, pdfFonts, pdfInfo, pdfText } from './testPdf';

const zh = { lang: 'zh-CN' as const };

describe('medical record (A4)', () => {
  it('prints the sections, the signature, then the amendments', async () => {
    const pdf = await renderMedicalRecord(F.medicalRecord({ amendments: true }), zh);
    const info = pdfInfo(pdf);
    expect(info.sizes[0]).toEqual({ width: 595.28, height: 841.89 });
    const t = flatText(pdf);
    const order = ['门诊病历', '病历号：MR-A1-000318', '就诊时间：2026-11-2214:05', '初诊', '姓名：张秀英', '电话：13800138000',
      '【主诉】', '咽痛、鼻塞3天', '【现病史】', '【既往史】', '【过敏史】', '【体格检查】', 'BP138/86mmHg', '【辅助检查】',
      '【临床诊断】', '1.急性上呼吸道感染（J06.9）', '【处理意见】', '【医嘱】', '3.3天后复诊',
      '医师签名：李建国', '签名时间：2026-11-2214:30',
      '【更正记录】', '2026-11-2215:30', '更正人：李建国', '原因：补充查体', '补充：颈部未触及肿大淋巴结。', '2026-11-2314:30', '更正：体温应为37.8℃。'];
    let at = -1;
    for (const s of order) {
      const i = t.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    expect(t).toContain('第1页/共1页');
    expect(pdfFonts(pdf).every((f) => f.emb === 'yes' && f.sub === 'yes')).toBe(true);
  });

  it('prints characters the font lacks readably (10⁹/L → 10^9/L)', async () => {
    expect(flatText(await renderMedicalRecord(F.medicalRecord(), zh))).toContain('WBC7.8×10^9/L');
  });

  it('runs over pages with the patient header repeated', async () => {
    const pdf = await renderMedicalRecord(F.medicalRecord({ amendments: true, long: true }), { ...zh, copy: true, printedAt: F.AT });
    const { pages } = pdfInfo(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) {
      const t = flatText(pdf, p);
      expect(t).toContain('姓名：张秀英');
      expect(t).toContain('MR-A1-000318');
      expect(t).toContain(`第${p}页/共${pages}页`);
      expect(t).toContain('副本');
    }
    // The signature and the amendments come after all of the record's text.
    const last = flatText(pdf, pages);
    expect(last.indexOf('医师签名')).toBeLessThan(last.indexOf('【更正记录】'));
  });

  it('prints an unsigned record as a draft, leaving out empty sections', async () => {
    const d = F.medicalRecord();
    d.signedAt = null;
    d.pastHistory = null;
    d.auxiliaryExam = '';
    d.patient.phone = undefined;
    const t = pdfText(await renderMedicalRecord(d, zh));
    expect(t).toContain('草稿（未签名）');
    expect(t).not.toContain('签名时间');
    expect(t).not.toContain('既往史');
    expect(t).not.toContain('辅助检查');
    expect(t).not.toMatch(/undefined|null|NaN/);
  });

  it('refuses amendments on an unsigned record', async () => {
    const d = F.medicalRecord({ amendments: true });
    d.signedAt = null;
    const e = await renderMedicalRecord(d, zh).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).details?.field).toBe('amendments');
  });

  it('has an English version', async () => {
    const t = pdfText(await renderMedicalRecord(F.medicalRecord({ amendments: true }), { lang: 'en' }));
    for (const s of ['Outpatient Medical Record', 'Chief complaint', 'Physical examination', 'Diagnosis', 'Signed by: 李建国', 'Amendments', 'Reason: 补充查体', 'Page 1 of 1']) {
      expect(t).toContain(s);
    }
  });
});
