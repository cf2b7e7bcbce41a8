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

export function medicalRecord(opts: { amendments?: boolean; long?: boolean } = {}): MedicalRecordDoc {
  const signedAt = AT + 25 * 60_000;
  const longText = '患者三天前受凉后出现咽痛、鼻塞、流清涕，伴低热，最高体温37.8℃，自服感冒冲剂后症状无明显缓解。无咳嗽咳痰，无胸闷气促，无恶心呕吐。发病以来精神、食欲可，睡眠稍差，大小便正常。';
  return {
    clinic,
    visitNo: 'V-A1-20261122-0031',
    department: '全科',
    visitAt: AT,
    timeZone: TZ,
    visitType: 'first',
    patient: { name: '张秀英', sex: 'F', ageLabel: '58岁', recordNo: 'MR-A1-000318', phone: '138 0013 8000', allergies: '青霉素' },
    chiefComplaint: '咽痛、鼻塞3天，发热1天。',
    presentIllness: opts.long ? Array.from({ length: 14 }, () => longText).join('\n') : longText,
    pastHistory: '高血压病史5年，规律服用苯磺酸氨氯地平片，血压控制可。否认糖尿病、冠心病史。',
    allergyHistory: '青霉素过敏（皮疹）。',
    physicalExam: 'T 37.6℃，P 86次/分，R 18次/分，BP 138/86 mmHg。咽部充血，双侧扁桃体I度肿大，未见脓性分泌物。双肺呼吸音清，未闻及干湿啰音。心律齐。',
    auxiliaryExam: '血常规：WBC 7.8×10⁹/L，N 68%，L 25%。',
    diagnoses: [
      { code: 'J06.9', text: '急性上呼吸道感染' },
      { code: 'I10', text: '原发性高血压' },
    ],
    plan: '1. 对症治疗，多饮水，注意休息；2. 监测体温，如体温超过38.5℃或症状加重及时复诊；3. 继续降压治疗。',
    orders: ['布洛芬缓释胶囊 0.3g 口服 每日两次 ×4天', '复方甘草口服溶液 10ml 口服 每日三次 ×5天', '3天后复诊'],
    doctor: '李建国',
    signedAt,
    amendments: opts.amendments
      ? [
          { at: signedAt + 3_600_000, by: '李建国', reason: '补充查体', text: '补充：颈部未触及肿大淋巴结。' },
          { at: signedAt + 86_400_000, by: '李建国', reason: null, text: '更正：体温应为37.8℃。' },
        ]
      : [],
  };
}

export function dayReport(): DayReportDoc {
  return {
    clinic,
    businessDate: '2026-11-22',
    timeZone: TZ,
    generatedAt: AT + 4 * 3_600_000,
    periodFrom: Date.UTC(2026, 10, 21, 16, 0), // 00:00 in Shanghai
    periodTo: AT + 4 * 3_600_000,
    closedBy: '陈丽',
    rows: [
      { cashier: '陈丽', method: 'cash', paymentCount: 42, paidFen: 356_780, refundCount: 2, refundedFen: 6_060 },
      { cashier: '陈丽', method: 'qr', paymentCount: 77, paidFen: 1_023_450, refundCount: 1, refundedFen: 2_500 },
      { cashier: '陈丽', method: 'insurance', paymentCount: 61, paidFen: 845_300, refundCount: 0, refundedFen: 0 },
      { cashier: '周强', method: 'cash', paymentCount: 12, paidFen: 88_000, refundCount: 0, refundedFen: 0 },
      { cashier: '周强', method: 'card', paymentCount: 9, paidFen: 156_700, refundCount: 0, refundedFen: 0 },
    ],
    refunds: [
      { refundNo: 'RF-A1-20261122-0001', originalReceiptNo: 'R-A1-20261122-0012', cashier: '陈丽', method: 'cash', amountFen: 3_030, at: AT - 3_600_000, reason: '患者未取药' },
      { refundNo: 'RF-A1-20261122-0002', originalReceiptNo: 'R-A1-20261122-0047', cashier: '陈丽', method: 'cash', amountFen: 3_030, at: AT - 1_800_000, reason: null },
      { refundNo: 'RF-A1-20261122-0003', originalReceiptNo: 'R-A1-20261122-0117', cashier: '陈丽', method: 'qr', amountFen: 2_500, at: AT, reason: '检查取消' },
    ],
    counts: { receipts: 201, refunds: 3, visits: 188, registrations: 176, prescriptions: 143 },
  };
}

export function patientLabel(): PatientLabelDoc {
  return {
    clinic,
    timeZone: TZ,
    patient: { name: '张秀英', sex: 'F', ageLabel: '58岁', recordNo: 'MR-A1-000318' },
    department: '全科',
    visitAt: AT,
    specimen: '血常规（EDTA抗凝）',
    collectedAt: AT + 600_000,
  };
}

export function drugLabels(): DrugLabelDoc {
  return {
    clinic,
    rxNo: 'RX-A1-20261122-0042',
    dispensedAt: AT + 1_800_000,
    timeZone: TZ,
    patient: { name: '张秀英', recordNo: 'MR-A1-000318', sex: 'F', ageLabel: '58岁' },
    pharmacist: '赵敏',
    items: rxItems(3).map((it) => ({
      name: it.name, spec: it.spec, dose: it.dose, doseUnit: it.doseUnit, frequency: it.frequency, route: it.route,
      days: it.days, quantity: it.quantity, unit: it.unit, instructions: it.note ?? null,
    })),
  };
}
