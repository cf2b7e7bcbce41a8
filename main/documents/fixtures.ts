/** Sample documents for tests, the benchmark and looking at layouts. Not used by the app. */
import type {
  DayReportDoc, DrugLabelDoc, MedicalRecordDoc, PatientLabelDoc, PrescriptionDoc, ReceiptDoc,
} from './schemas';
import type { DrugFrequency } from '../domain/enums';
import type { DrugRoute } from './labels';

export const TZ = 'Asia/Shanghai';
/** 2026-11-22 14:05:00 in Shanghai. */
export const AT = Date.UTC(2026, 10, 22, 6, 5, 0);

export const clinic = { name: '朝阳社区卫生服务中心', address: '北京市朝阳区安贞路 12 号', phone: '010-6420 1234' };

const DRUGS: Array<{ name: string; spec: string; dose: number; doseUnit: string; frequency: DrugFrequency; route: DrugRoute; unit: string; price: number; note?: string }> = [
  { name: '阿莫西林胶囊', spec: '0.25g×24粒', dose: 0.5, doseUnit: 'g', frequency: 'tid', route: 'po', unit: '盒', price: 1280 },
  { name: '布洛芬缓释胶囊', spec: '0.3g×20粒', dose: 0.3, doseUnit: 'g', frequency: 'bid', route: 'po', unit: '盒', price: 1650, note: '饭后服用' },
  { name: '复方甘草口服溶液', spec: '100ml', dose: 10, doseUnit: 'ml', frequency: 'tid', route: 'po', unit: '瓶', price: 860 },
  { name: '0.9%氯化钠注射液', spec: '250ml', dose: 250, doseUnit: 'ml', frequency: 'qd', route: 'ivgtt', unit: '袋', price: 450 },
  { name: '注射用头孢曲松钠', spec: '1.0g', dose: 2, doseUnit: 'g', frequency: 'qd', route: 'ivgtt', unit: '支', price: 2380 },
  { name: '氨溴索口服溶液', spec: '100ml:0.6g', dose: 10, doseUnit: 'ml', frequency: 'bid', route: 'po', unit: '瓶', price: 1520 },
  { name: '沙丁胺醇气雾剂', spec: '100μg×200揿', dose: 1, doseUnit: '揿', frequency: 'prn', route: 'inhal', unit: '支', price: 2560 },
  { name: '红霉素眼膏', spec: '0.5%×2g', dose: 1, doseUnit: '次', frequency: 'qn', route: 'eye', unit: '支', price: 320 },
];

export function rxItems(n: number): PrescriptionDoc['items'] {
  return Array.from({ length: n }, (_, i) => {
    const d = DRUGS[i % DRUGS.length]!;
    const quantity = 1 + (i % 3);
    return {
      name: d.name, spec: d.spec, dose: d.dose, doseUnit: d.doseUnit, frequency: d.frequency, route: d.route,
      days: 3 + (i % 5), quantity, unit: d.unit, amountFen: d.price * quantity, note: d.note ?? null,
    };
  });
}

export function prescription(items = 3): PrescriptionDoc {
  return {
    clinic,
    rxNo: 'RX-A1-20261122-0042',
    department: '全科',
    issuedAt: AT,
    timeZone: TZ,
    category: 'general',
    feeType: 'urban_employee',
    patient: { name: '张秀英', sex: 'F', ageLabel: '58岁', recordNo: 'MR-A1-000318', allergies: '青霉素' },
    diagnoses: [
      { code: 'J06.9', text: '急性上呼吸道感染' },
      { code: 'I10', text: '原发性高血压' },
    ],
    items: rxItems(items),
    doctor: '李建国',
    reviewer: '王芳',
    dispenser: '赵敏',
    note: null,
  };
}

/** The fewest fields a prescription can have. */
export function minimalPrescription(): PrescriptionDoc {
  return {
    clinic: { name: '朝阳社区卫生服务中心' },
    rxNo: 'RX-1',
    department: '内科',
    issuedAt: AT,
    timeZone: TZ,
    patient: { name: '王五', sex: 'U', ageLabel: null, recordNo: 'MR-9', allergies: undefined },
    items: [{ name: '维生素C片', spec: null, dose: 1, doseUnit: '片', frequency: 'qd', route: 'po', days: 7, quantity: 1, unit: '瓶', amountFen: 350 }],
    doctor: '李医生',
  };
}

export function receipt(kind: 'payment' | 'refund' = 'payment'): ReceiptDoc {
  const items: ReceiptDoc['items'] = [
    { name: '阿莫西林胶囊', spec: '0.25g×24粒', quantity: 2, unit: '盒', unitPriceFen: 1280, amountFen: 2560, kind: 'drug' },
    { name: '血常规（五分类）', spec: null, quantity: 1, unit: '次', unitPriceFen: 2500, amountFen: 2500, kind: 'exam' },
    { name: '普通门诊诊查费', quantity: 1, unit: '次', unitPriceFen: 1000, amountFen: 1000, kind: 'registration' },
  ];
  const total = 6060;
  const base: ReceiptDoc = {
    clinic,
    kind,
    receiptNo: kind === 'refund' ? 'RF-A1-20261122-0003' : 'R-A1-20261122-0117',
    issuedAt: AT,
    timeZone: TZ,
    patient: { name: '张秀英', recordNo: 'MR-A1-000318', sex: 'F', ageLabel: '58岁' },
    department: '全科',
    doctor: '李建国',
    feeType: 'urban_employee',
    items,
    totalFen: total,
    insuranceFen: 3030,
    selfPayFen: 3030,
    payments: [
      { method: 'insurance', amountFen: 3030 },
      { method: 'cash', amountFen: 3030 },
    ],
    cashTenderedFen: kind === 'refund' ? null : 5000,
    cashier: '陈丽',
  };
  if (kind === 'refund') {
    base.originalReceiptNo = 'R-A1-20261122-0117';
    base.refundReason = '患者未取药';
  }
  return base;
}

/** A receipt with no patient, one item, card payment and nothing optional. */
export function minimalReceipt(): ReceiptDoc {
  return {
    clinic: { name: '朝阳社区卫生服务中心' },
    receiptNo: 'R-2',
    issuedAt: AT,
    timeZone: TZ,
    items: [{ name: '挂号费', quantity: 1, amountFen: 500 }],
    totalFen: 500,
    insuranceFen: 0,
    selfPayFen: 500,
    payments: [{ method: 'card', amountFen: 500 }],
    cashier: '陈丽',
  };
}
