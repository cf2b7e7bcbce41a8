/** The admin's lookups (appointments, visits, money, patients) and the audit trail. */
import { area } from '../define';

export const lookups = area(
  {
    title: '查询', auditTitle: '审计日志',
    tabs: { appointments: '预约', visits: '就诊', money: '收费', patients: '患者' },
    from: '开始日期', to: '结束日期', search: '查询', any: '全部', department: '科室', status: '状态', source: '来源', kind: '类别', method: '支付方式',
    query: '姓名、拼音、电话、身份证号、证件号或病历号', device: '工作站', action: '操作', person: '人员', patient: '患者',
    doctor: '医生', cashier: '收费员', noChoice: '没有匹配项', typeToFind: '输入至少 2 个字查找', patientApp: '患者本人（手机端）', finding: '正在查找…',
    visitsOf: '{{name}}（{{recordNo}}）的就诊', showVisits: '就诊记录', closeVisits: '关闭',
    prev: '上一页', next: '下一页', page: '第 {{page}} 页', empty: '没有符合条件的记录。', hint: '只读查询；每次查询都会记入审计日志。',
    kinds: { payments: '收款', refunds: '退款', bills: '账单' },
    ledger: { open: '未日结', closed: '已日结' },
    col: {
      date: '日期', time: '时间', period: '时段', patient: '患者', recordNo: '病历号', department: '科室', doctor: '医生', status: '状态',
      source: '来源', queueNo: '号序', visitType: '类型', fee: '挂号费', no: '单号', method: '方式', amount: '金额', cashier: '收费员',
      device: '工作站', name: '姓名', sex: '性别', phone: '电话', visits: '就诊次数', lastVisit: '最近就诊', person: '人员',
      action: '操作', entity: '对象', procedure: '功能', detail: '说明', more: '更多',
    },
    actions: { read: '查看', create: '新建', update: '修改', sign: '签名', amend: '补充修改', print: '打印', merge: '合并', refuse: '拒绝', override: '强制', void: '作废' },
  },
  {
    title: 'Lookups', auditTitle: 'Audit trail',
    tabs: { appointments: 'Appointments', visits: 'Visits', money: 'Money', patients: 'Patients' },
    from: 'From', to: 'To', search: 'Search', any: 'Any', department: 'Department', status: 'Status', source: 'Source', kind: 'Kind', method: 'Method',
    query: 'Name, pinyin, phone, ID or document number, or record number', device: 'Workstation', action: 'Action', person: 'Person', patient: 'Patient',
    doctor: 'Doctor', cashier: 'Cashier', noChoice: 'No match', typeToFind: 'Type at least 2 characters', patientApp: 'The patient (patient app)', finding: 'Searching…',
    visitsOf: 'Visits of {{name}} ({{recordNo}})', showVisits: 'Visits', closeVisits: 'Close',
    prev: 'Previous', next: 'Next', page: 'Page {{page}}', empty: 'Nothing matches these filters.', hint: 'Read only; every lookup is written to the audit trail.',
    kinds: { payments: 'Payments', refunds: 'Refunds', bills: 'Bills' },
    ledger: { open: 'Not closed', closed: 'Day closed' },
    col: {
      date: 'Date', time: 'Time', period: 'Session', patient: 'Patient', recordNo: 'Record no.', department: 'Department', doctor: 'Doctor', status: 'Status',
      source: 'Source', queueNo: 'No.', visitType: 'Type', fee: 'Fee', no: 'Number', method: 'Method', amount: 'Amount', cashier: 'Cashier',
      device: 'Workstation', name: 'Name', sex: 'Sex', phone: 'Phone', visits: 'Visits', lastVisit: 'Last visit', person: 'Person',
      action: 'Action', entity: 'Record', procedure: 'Function', detail: 'Detail', more: 'More',
    },
    actions: { read: 'Read', create: 'Created', update: 'Changed', sign: 'Signed', amend: 'Amended', print: 'Printed', merge: 'Merged', refuse: 'Refused', override: 'Overrode', void: 'Voided' },
  },
);
