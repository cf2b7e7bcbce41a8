/**
 * Printed documents: one entry, `renderDocument(kind, data, options)`, and a function per
 * kind. Inputs are plain data validated by the exported zod schemas (schemas.ts); bad input
 * is a DomainError('VALIDATION') naming the field. Output is the PDF's bytes, with the CJK
 * font subset into it; print it with printPdf or keep it with savePdf (print.ts).
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { renderDayReport } from './dayReport';
import { renderDrugLabels } from './drugLabel';
import { LANGS } from './labels';
import { renderPatientLabel } from './patientLabel';
import type { RenderOptions } from './pdf';
import { renderPrescription } from './prescription';
import { renderReceipt } from './receipt';
import { renderMedicalRecord } from './record';
import type { DocumentInputs, DocumentKind } from './schemas';

export { renderDayReport, renderDrugLabels, renderMedicalRecord, renderPatientLabel, renderPrescription, renderReceipt };
import { preloadFonts } from './fonts';
export { preloadFonts, setFontDirectory } from './fonts';
export { labelsFor, LANGS, type Lang } from './labels';
export { money, moneyUpper } from './format';
export { PAPER, type RenderOptions } from './pdf';
export { printPdf, savePdf, type PrintOptions, type PrintResult } from './print';
export * from './schemas';

export const renderOptionsSchema = z.object({
  lang: z.enum(LANGS),
  copy: z.boolean().optional(),
  preview: z.boolean().optional(),
  patientCopy: z.boolean().optional(),
  paper: z.enum(['A5', 'roll80']).optional(),
  printedAt: z.int().nonnegative().optional(),
});

/** Which papers each kind comes on (the first is the default). */
export const PAPERS: Record<DocumentKind, readonly string[]> = {
  prescription: ['A5'],
  receipt: ['A5', 'roll80'],
  medicalRecord: ['A4'],
  dayReport: ['A4'],
  patientLabel: ['label 50×30 mm'],
  drugLabel: ['label 70×50 mm'],
};

const RENDERERS: { [K in DocumentKind]: (data: DocumentInputs[K], opts: RenderOptions) => Promise<Buffer> } = {
  prescription: renderPrescription,
  receipt: renderReceipt,
  medicalRecord: renderMedicalRecord,
  dayReport: renderDayReport,
  patientLabel: renderPatientLabel,
  drugLabel: renderDrugLabels,
};

/**
 * Take the first-print cost at start-up instead: parse the fonts and render one small
 * throwaway prescription (loads and warms pdfkit, fontkit's layout tables, zod, Intl).
 * Resolves when done; errors (e.g. fonts missing) surface here rather than at the counter.
 */
export async function warmUpDocuments(): Promise<void> {
  preloadFonts();
  await renderPrescription(
    {
      clinic: { name: '诊所 Clinic' },
      rxNo: 'RX-0',
      department: '全科',
      issuedAt: 0,
      timeZone: 'Asia/Shanghai',
      category: 'general',
      patient: { name: '患者', sex: 'U', ageLabel: '1岁', recordNo: 'MR-0' },
      diagnoses: [{ code: 'Z00', text: '健康检查' }],
      items: [{ name: '药品 Drug', spec: '1g', dose: 1, doseUnit: 'g', frequency: 'tid', route: 'po', days: 1, quantity: 1, unit: '盒', amountFen: 100 }],
      doctor: '医师',
    },
    { lang: 'zh-CN', copy: true, printedAt: 0 },
  );
}

/** Render any document to PDF bytes, in the station's language; `copy` marks a reprint. */
export async function renderDocument<K extends DocumentKind>(kind: K, data: DocumentInputs[K], opts: RenderOptions): Promise<Buffer> {
  const render = RENDERERS[kind] as ((d: DocumentInputs[K], o: RenderOptions) => Promise<Buffer>) | undefined;
  if (!render) throw new DomainError('VALIDATION', `unknown document kind ${String(kind)}`, { field: 'kind' });
  const parsed = renderOptionsSchema.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new DomainError('VALIDATION', `render options: ${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  if (opts.paper && !PAPERS[kind].includes(opts.paper)) {
    throw new DomainError('VALIDATION', `${kind} is not printed on ${opts.paper}`, { field: 'paper', allowed: PAPERS[kind] });
  }
  return render(data, parsed.data);
}
