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
  // Stress: long clinic and drug names, many diagnoses, a long receipt on A5.
  rxStress: () => renderPrescription({
    ...F.prescription(2),
    clinic: { name: '北京市朝阳区安贞街道社区卫生服务中心第二门诊部（中西医结合）' },
    category: 'pediatric',
    patient: { name: '欧阳娜娜娜娜', sex: 'F', ageLabel: '3岁7月', recordNo: 'MR-A1-000000318', allergies: '青霉素、头孢类、磺胺类药物、花粉、海鲜' },
    diagnoses: Array.from({ length: 6 }, (_, i) => ({ code: `J0${i}.9`, text: ['急性上呼吸道感染', '急性支气管炎', '过敏性鼻炎', '支气管哮喘', '原发性高血压', '2型糖尿病'][i]! })),
    items: [
      { name: '复方氨酚烷胺片（感康）超长名称测试用药品通用名称', spec: '每片含对乙酰氨基酚250mg、盐酸金刚烷胺100mg×12片', dose: 1, doseUnit: '片', frequency: 'q12h', route: 'po', days: 3, quantity: 1, unit: '盒', amountFen: 1234567, note: '饭后服用，服药期间禁止饮酒，避免驾驶机动车及操作精密仪器' },
      ...F.rxItems(2),
    ],
    note: '患儿体重15kg，剂量已按体重计算。',
  }, { lang: 'zh-CN' }),
  receiptLong: () => {
    const d = F.receipt();
    d.items = Array.from({ length: 40 }, (_, i) => ({ name: `检验项目${i + 1}（含试剂、耗材及人工费用的长名称）`, spec: i % 3 ? null : '每次', quantity: 1, unit: '项', unitPriceFen: 1500, amountFen: 1500 }));
    d.totalFen = 60000; d.insuranceFen = 30000; d.selfPayFen = 30000;
    d.payments = [{ method: 'insurance', amountFen: 30000 }, { method: 'cash', amountFen: 30000 }];
    d.cashTenderedFen = 30000;
    return renderReceipt(d, { lang: 'zh-CN', copy: true });
  },
};
const which = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2].split(',') : Object.keys(jobs);
for (const k of which) {
  const b = await jobs[k]!();
  writeFileSync(`${out}/${k}.pdf`, b);
  console.log(k, b.length);
}
