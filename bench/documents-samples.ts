/** Writes every sample document to bench/out/documents/ (or argv[3]) to look at: npx tsx bench/documents-samples.ts [names] [dir] */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderPrescription } from '../main/documents/prescription';
import { renderReceipt } from '../main/documents/receipt';
import { renderMedicalRecord } from '../main/documents/record';
import { renderDayReport } from '../main/documents/dayReport';
import { renderPatientLabel } from '../main/documents/patientLabel';
import { renderDrugLabels } from '../main/documents/drugLabel';
import * as F from '../main/documents/fixtures';
const out = process.argv[3] ?? 'bench/out/documents';
mkdirSync(out, { recursive: true });
const jobs: Record<string, () => Promise<Buffer>> = {
  rx: () => renderPrescription(F.prescription(3), { lang: 'zh-CN' }),
  rx30: () => renderPrescription(F.prescription(30), { lang: 'zh-CN', copy: true, printedAt: F.AT + 86400000 }),
  rxen: () => renderPrescription(F.prescription(4), { lang: 'en' }),
  rxmin: () => renderPrescription(F.minimalPrescription(), { lang: 'zh-CN' }),
  receipt: () => renderReceipt(F.receipt(), { lang: 'zh-CN' }),
  receiptRoll: () => renderReceipt(F.receipt(), { lang: 'zh-CN', paper: 'roll80' }),
  refund: () => renderReceipt(F.receipt('refund'), { lang: 'zh-CN', copy: true, printedAt: F.AT }),
  refundRoll: () => renderReceipt(F.receipt('refund'), { lang: 'zh-CN', paper: 'roll80', copy: true, printedAt: F.AT }),
  receiptEn: () => renderReceipt(F.receipt(), { lang: 'en' }),
  receiptRollEn: () => renderReceipt(F.receipt(), { lang: 'en', paper: 'roll80' }),
  receiptMin: () => renderReceipt(F.minimalReceipt(), { lang: 'zh-CN', paper: 'roll80' }),
  record: () => renderMedicalRecord(F.medicalRecord({ amendments: true }), { lang: 'zh-CN' }),
  recordLong: () => renderMedicalRecord(F.medicalRecord({ amendments: true, long: true }), { lang: 'zh-CN', copy: true, printedAt: F.AT }),
  recordEn: () => renderMedicalRecord({ ...F.medicalRecord(), signedAt: null }, { lang: 'en' }),
  dayReport: () => renderDayReport(F.dayReport(), { lang: 'zh-CN' }),
  dayReportEn: () => renderDayReport(F.dayReport(), { lang: 'en', copy: true, printedAt: F.AT }),
  patientLabel: () => renderPatientLabel(F.patientLabel(), { lang: 'zh-CN' }),
  patientLabelEn: () => renderPatientLabel(F.patientLabel(), { lang: 'en', copy: true, printedAt: F.AT }),
  drugLabels: () => renderDrugLabels(F.drugLabels(), { lang: 'zh-CN' }),
  drugLabelsEn: () => renderDrugLabels(F.drugLabels(), { lang: 'en', copy: true, printedAt: F.AT }),
};
const which = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2].split(',') : Object.keys(jobs);
for (const k of which) {
  const b = await jobs[k]!();
  writeFileSync(`${out}/${k}.pdf`, b);
  console.log(k, b.length);
}
