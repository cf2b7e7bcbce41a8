/**
 * Every word the printed documents use, in zh-CN and en, kept in one place. Vocabulary codes
 * from main/domain/enums.ts are printed with their customary labels (tid → "每日三次 tid",
 * po → "口服"); the Record types make a new code in enums.ts a compile error here.
 */
import type { DRUG_ROUTES, DrugFrequency, InsuranceType, PaymentMethod, PaymentMethodBuiltIn, Sex, VisitType } from '../domain/enums';

export type Lang = 'zh-CN' | 'en';
export const LANGS = ['zh-CN', 'en'] as const;
export type DrugRoute = (typeof DRUG_ROUTES)[number];
export const RX_CATEGORIES = ['general', 'emergency', 'pediatric'] as const;
export type RxCategory = (typeof RX_CATEGORIES)[number];

const FREQUENCY: Record<Lang, Record<DrugFrequency, string>> = {
  'zh-CN': {
    qd: '每日一次 qd', bid: '每日两次 bid', tid: '每日三次 tid', qid: '每日四次 qid',
    q8h: '每8小时一次 q8h', q12h: '每12小时一次 q12h', qn: '每晚一次 qn', qod: '隔日一次 qod',
    qw: '每周一次 qw', prn: '必要时 prn', st: '立即 st',
  },
  en: {
    qd: 'once daily (qd)', bid: 'twice daily (bid)', tid: 'three times daily (tid)',
    qid: 'four times daily (qid)', q8h: 'every 8 hours (q8h)', q12h: 'every 12 hours (q12h)',
    qn: 'every night (qn)', qod: 'every other day (qod)', qw: 'once weekly (qw)',
    prn: 'when needed (prn)', st: 'at once (st)',
  },
};

const ROUTE: Record<Lang, Record<DrugRoute, string>> = {
  'zh-CN': {
    po: '口服', iv: '静脉注射', ivgtt: '静脉滴注', im: '肌内注射', sc: '皮下注射', topical: '外用',
    inhal: '吸入', sl: '舌下含服', pr: '直肠给药', eye: '滴眼', ear: '滴耳', nasal: '滴鼻',
  },
  en: {
    po: 'by mouth', iv: 'IV injection', ivgtt: 'IV drip', im: 'IM injection', sc: 'subcutaneous',
    topical: 'on the skin', inhal: 'inhaled', sl: 'under the tongue', pr: 'rectal',
    eye: 'in the eye', ear: 'in the ear', nasal: 'in the nose',
  },
};

const PAYMENT: Record<Lang, Record<PaymentMethodBuiltIn, string>> = {
  'zh-CN': { cash: '现金', card: '银行卡', qr: '扫码支付', insurance: '医保统筹' },
  en: { cash: 'Cash', card: 'Card', qr: 'QR pay', insurance: 'Insurance' },
};

const SEX: Record<Lang, Record<Sex, string>> = {
  'zh-CN': { M: '男', F: '女', U: '未知' },
  en: { M: 'Male', F: 'Female', U: 'Not stated' },
};

const INSURANCE: Record<Lang, Record<InsuranceType, string>> = {
  'zh-CN': { self_pay: '自费', urban_employee: '职工医保', urban_rural_resident: '居民医保', commercial: '商业保险' },
  en: { self_pay: 'Self-pay', urban_employee: 'Employee insurance', urban_rural_resident: 'Resident insurance', commercial: 'Commercial insurance' },
};

const RX_CATEGORY: Record<Lang, Record<RxCategory, string>> = {
  'zh-CN': { general: '普通', emergency: '急诊', pediatric: '儿科' },
  en: { general: 'General', emergency: 'Emergency', pediatric: 'Pediatric' },
};

const VISIT_TYPE: Record<Lang, Record<VisitType, string>> = {
  'zh-CN': { first: '初诊', follow_up: '复诊' },
  en: { first: 'First visit', follow_up: 'Follow-up' },
};

const ZH = {
    copy: '副本', reprinted: '补打', preview: '预览', notValid: '仅供核对，不作凭证', patientCopy: '患者留存', downloaded: '下载于', page: (n: number, of: number) => `第 ${n} 页 / 共 ${of} 页`,
    continued: '续页', continuedNext: '（接下页）',
    // prescription
    rxTitle: '处方笺', rxNo: '处方号', department: '科别', date: '日期', name: '姓名', sex: '性别',
    age: '年龄', recordNo: '病历号', allergies: '过敏史', feeType: '费别', diagnosis: '临床诊断',
    rpNote: '备注', override: '安全拦截已由医师确认', overrideReason: '理由', doctor: '医师', amount: '金额', reviewer: '审核药师', dispenser: '调配/发药药师',
    sig: '用法', perDose: '每次', forDays: (d: number) => `共${d}天`, qty: '数量',
    rxFooter: '本处方当日有效，如需延长有效期请遵医嘱。',
    // receipt
    receiptTitle: '门诊收费收据', refundTitle: '门诊退费凭证', receiptNo: '收据号', refundNo: '退费单号',
    originalReceipt: '原收据号', refundReason: '退费原因', time: '时间', item: '项目', spec: '规格',
    unitPrice: '单价', total: '合计', refundTotal: '退费合计', totalUpper: '合计（大写）',
    insurancePaid: '医保统筹支付', selfPay: '个人自付', paidBy: '支付方式', refundTo: '退回方式',
    tendered: '实收', change: '找零', cashier: '收款员', keepReceipt: '请妥善保管，遗失不补。',
    refundSign: '患者签字',
    // medical record
    recordTitle: '门诊病历', visitType: '就诊类型', visitTime: '就诊时间', phone: '电话',
    chiefComplaint: '主诉', presentIllness: '现病史', pastHistory: '既往史', allergyHistory: '过敏史',
    vitalSigns: '生命体征', physicalExam: '体格检查', auxiliaryExam: '辅助检查', plan: '处理意见', orders: '医嘱',
    signedBy: '医师签名', signedAt: '签名时间', draft: '草稿（未签名）', amendments: '更正记录',
    amendedBy: '更正人', reason: '原因', none: '无',
    // day report
    dayTitle: '收费日结报表', businessDate: '营业日期', period: '统计时段', generatedAt: '打印时间',
    closedBy: '结账人', method: '支付方式', paymentCount: '收款笔数', paid: '收款金额',
    refundCount: '退款笔数', refunded: '退款金额', net: '净收入', byMethod: '按支付方式汇总',
    byCashier: '按收款员汇总', refunds: '退费明细', counts: '业务量', receipts: '收费单数',
    refundSlips: '退费单数', visits: '就诊人次', registrations: '挂号人次', prescriptions: '处方数',
    checkedBy: '财务复核', noRefunds: '当日无退费',
    // labels
    specimen: '标本', collectedAt: '采集时间', instructions: '注意事项', dispensedAt: '发药日期',
    pharmacist: '药师', usage: '用法用量', contraindications: '禁忌', approvalNumber: '批准文号',
};

export type Words = typeof ZH;

const EN: Words = {
    copy: 'COPY', reprinted: 'Reprinted', preview: 'PREVIEW', notValid: 'Preview only, not valid', patientCopy: 'Patient copy', downloaded: 'Downloaded', page: (n: number, of: number) => `Page ${n} of ${of}`,
    continued: 'continued', continuedNext: '(continued overleaf)',
    rxTitle: 'Prescription', rxNo: 'Rx No.', department: 'Dept.', date: 'Date', name: 'Name', sex: 'Sex',
    age: 'Age', recordNo: 'Record No.', allergies: 'Allergies', feeType: 'Payer', diagnosis: 'Diagnosis',
    rpNote: 'Note', override: 'Safety stops overridden by the prescriber', overrideReason: 'Reason', doctor: 'Doctor', amount: 'Amount', reviewer: 'Reviewed by', dispenser: 'Dispensed by',
    sig: 'Sig', perDose: '', forDays: (d: number) => `for ${d} day${d === 1 ? '' : 's'}`, qty: 'Qty',
    rxFooter: 'Valid on the day of issue unless the doctor states otherwise.',
    receiptTitle: 'Receipt', refundTitle: 'Refund slip', receiptNo: 'Receipt No.', refundNo: 'Refund No.',
    originalReceipt: 'Original receipt', refundReason: 'Reason', time: 'Time', item: 'Item', spec: 'Spec.',
    unitPrice: 'Unit price', total: 'Total', refundTotal: 'Total refunded', totalUpper: '',
    insurancePaid: 'Paid by insurance', selfPay: 'Self-pay', paidBy: 'Paid by', refundTo: 'Refunded to',
    tendered: 'Tendered', change: 'Change', cashier: 'Cashier', keepReceipt: 'Please keep this receipt.',
    refundSign: 'Patient signature',
    recordTitle: 'Outpatient Medical Record', visitType: 'Visit', visitTime: 'Visit time', phone: 'Phone',
    chiefComplaint: 'Chief complaint', presentIllness: 'History of present illness', pastHistory: 'Past history',
    allergyHistory: 'Allergies', vitalSigns: 'Vital signs', physicalExam: 'Physical examination', auxiliaryExam: 'Investigations',
    plan: 'Plan', orders: 'Orders', signedBy: 'Signed by', signedAt: 'Signed at', draft: 'DRAFT (not signed)',
    amendments: 'Amendments', amendedBy: 'By', reason: 'Reason', none: 'None',
    dayTitle: 'Close-of-day Report', businessDate: 'Business date', period: 'Period', generatedAt: 'Printed',
    closedBy: 'Closed by', method: 'Method', paymentCount: 'Payments', paid: 'Received',
    refundCount: 'Refunds', refunded: 'Refunded', net: 'Net', byMethod: 'By payment method',
    byCashier: 'By cashier', refunds: 'Refunds', counts: 'Activity', receipts: 'Receipts',
    refundSlips: 'Refund slips', visits: 'Visits', registrations: 'Registrations', prescriptions: 'Prescriptions',
    checkedBy: 'Checked by', noRefunds: 'No refunds today',
    specimen: 'Specimen', collectedAt: 'Collected', instructions: 'Instructions', dispensedAt: 'Dispensed',
    pharmacist: 'Pharmacist', usage: 'How to take', contraindications: 'Do not use', approvalNumber: 'Approval No.',
};

const WORDS: Record<Lang, Words> = { 'zh-CN': ZH, en: EN };

export interface Labels {
  lang: Lang;
  w: Words;
  frequency(code: DrugFrequency): string;
  route(code: DrugRoute): string;
  /** A built-in method's name; another code as it is (documents carry the dictionary's names: methodNames). */
  payment(code: PaymentMethod): string;
  sex(code: Sex): string;
  insurance(code: InsuranceType): string;
  rxCategory(code: RxCategory): string;
  visitType(code: VisitType): string;
  /** "姓名：" / "Name: " */
  colon(label: string): string;
}

/** Labels whose payment methods take the data dictionary's names first (a document's `methodNames`). */
export function withMethodNames(L: Labels, names: Readonly<Record<string, string>>): Labels {
  return { ...L, payment: (c) => names[c] ?? L.payment(c) };
}

export function labelsFor(lang: Lang): Labels {
  return {
    lang,
    w: WORDS[lang],
    frequency: (c) => FREQUENCY[lang][c],
    route: (c) => ROUTE[lang][c],
    payment: (c) => PAYMENT[lang][c as PaymentMethodBuiltIn] ?? c,
    sex: (c) => SEX[lang][c],
    insurance: (c) => INSURANCE[lang][c],
    rxCategory: (c) => RX_CATEGORY[lang][c],
    visitType: (c) => VISIT_TYPE[lang][c],
    colon: (label) => (label ? (lang === 'zh-CN' ? `${label}：` : `${label}: `) : ''),
  };
}

/** A preview's words: its marking says 预览 / PREVIEW and "not valid" where a copy says 副本 / COPY and "reprinted". */
export function previewLabels(L: Labels): Labels {
  return { ...L, w: { ...L.w, copy: L.w.preview, reprinted: L.w.notValid } };
}

/** The patient's own copy (downloaded on the patient port): marked 患者留存 / Patient copy and when it was downloaded, where a copy says 副本 / COPY and "reprinted". */
export function patientCopyLabels(L: Labels): Labels {
  return { ...L, w: { ...L.w, copy: L.w.patientCopy, reprinted: L.w.downloaded } };
}
