import { describe, expect, it } from 'vitest';
import { DRUG_FREQUENCIES, DRUG_ROUTES, PAYMENT_METHODS } from '../domain/enums';
import { DomainError } from '../domain/errors';
import * as F from './fixtures';
import { DOCUMENT_KINDS, labelsFor, renderDocument, warmUpDocuments, type DocumentInputs, type DocumentKind } from './index';
import { pdfFonts, pdfInfo, pdfText } from './testPdf';

const SAMPLES: { [K in DocumentKind]: DocumentInputs[K] } = {
  prescription: F.prescription(4),
  receipt: F.receipt(),
  medicalRecord: F.medicalRecord({ amendments: true }),
  dayReport: F.dayReport(),
  patientLabel: F.patientLabel(),
  drugLabel: F.drugLabels(),
};

describe('renderDocument', () => {
  for (const kind of DOCUMENT_KINDS) {
    it(`${kind}: both languages, original and copy — embedded subset fonts, no empty values, under 80 KB`, async () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        for (const copy of [false, true]) {
          const pdf = await renderDocument(kind, SAMPLES[kind] as never, { lang, copy });
          expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          expect(pdf.length).toBeLessThan(80 * 1024);
          const fonts = pdfFonts(pdf);
          expect(fonts.length).toBeGreaterThan(0);
          expect(fonts.every((f) => f.emb === 'yes' && f.sub === 'yes' && f.name.includes('NotoSansSC'))).toBe(true);
          const text = pdfText(pdf);
          expect(text).not.toMatch(/undefined|null|NaN|\[object/);
          expect(text.includes(lang === 'zh-CN' ? '副本' : 'COPY')).toBe(copy);
        }
      }
    });
  }

  it('prints receipts on A5 or the roll, and refuses papers a kind does not come on', async () => {
    expect(pdfInfo(await renderDocument('receipt', F.receipt(), { lang: 'zh-CN', paper: 'roll80' })).sizes[0]!.width).toBe(226.77);
    expect(pdfInfo(await renderDocument('receipt', F.receipt(), { lang: 'zh-CN' })).sizes[0]!.width).toBe(419.53);
    await expect(renderDocument('prescription', F.prescription(1), { lang: 'zh-CN', paper: 'roll80' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'paper' },
    });
  });

  it('refuses unknown languages and kinds', async () => {
    await expect(renderDocument('receipt', F.receipt(), { lang: 'fr' as never })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'lang' } });
    await expect(renderDocument('invoice' as never, {} as never, { lang: 'en' })).rejects.toBeInstanceOf(DomainError);
  });

  it('warms up without error (fonts found, pdfkit loaded)', async () => {
    await expect(warmUpDocuments()).resolves.toBeUndefined();
  });

  it('has a label for every frequency, route and payment method in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const L = labelsFor(lang);
      for (const f of DRUG_FREQUENCIES) expect(L.frequency(f)).toMatch(new RegExp(f));
      for (const r of DRUG_ROUTES) expect(L.route(r)).toBeTruthy();
      for (const p of PAYMENT_METHODS) expect(L.payment(p)).toBeTruthy();
    }
    expect(labelsFor('zh-CN').frequency('tid')).toBe('每日三次 tid');
    expect(labelsFor('zh-CN').route('po')).toBe('口服');
  });
});
