/** Labels for every closed vocabulary the UI shows (a test checks each value has both). */
import { area } from '../define';

export const enums = area(
  {
    role: { receptionist: '前台', doctor: '医生', cashier: '收费员', head_cashier: '收费组长', pharmacist: '药师', admin: '管理员' },
    sex: { M: '男', F: '女', U: '未说明' },
    period: { morning: '上午', afternoon: '下午', full_day: '全天' },
    insurance: { self_pay: '自费', urban_employee: '城镇职工医保', urban_rural_resident: '城乡居民医保', commercial: '商业保险' },
    appointmentStatus: { pending: '待确认', confirmed: '已确认', completed: '已签到', cancelled: '已取消', no_show: '爽约' },
    appointmentSource: { phone: '电话', counter: '窗口', online: '网上' },
    visitStatus: { waiting: '候诊', in_consultation: '就诊中', awaiting_payment: '待缴费', awaiting_dispensing: '待取药', discharged: '已离院', cancelled: '已取消' },
    visitType: { first: '初诊', follow_up: '复诊' },
    feeStatus: { not_required: '免挂号费', unpaid: '未缴费', paid: '已缴费', refunded: '已退费' },
    priority: { elderly: '老年人', disabled: '残障人士', emergency: '急症', pregnant: '孕妇', infant: '婴幼儿', veteran: '军人', other: '其他' },
    payment: { cash: '现金', card: '银行卡', qr: '扫码', insurance: '医保' },
    billStatus: { open: '待支付', paid: '已支付', refunded: '已退款', void: '已作废' },
    billKind: { registration: '挂号费账单', clinical: '诊疗费账单' },
    prescriptionStatus: { draft: '草稿', issued: '已开具', paid: '已缴费', dispensed: '已发药', cancelled: '已取消' },
    frequency: {
      qd: '每日一次', bid: '每日两次', tid: '每日三次', qid: '每日四次', q8h: '每8小时', q12h: '每12小时', qn: '每晚', qod: '隔日一次',
      qw: '每周一次', prn: '必要时', st: '立即',
    },
    route: {
      po: '口服', iv: '静脉注射', ivgtt: '静脉滴注', im: '肌内注射', sc: '皮下注射', topical: '外用', inhal: '吸入', sl: '舌下',
      pr: '直肠给药', eye: '滴眼', ear: '滴耳', nasal: '滴鼻',
    },
    movement: { receive: '入库', dispense: '发药', adjust: '盘点调整', return: '退药' },
    examStatus: { ordered: '已开单', paid: '已缴费', done: '已完成', cancelled: '已取消' },
    examCategory: { lab: '检验', imaging: '影像', ecg: '心电图', ultrasound: '超声', other: '其他' },
  },
  {
    role: { receptionist: 'Reception', doctor: 'Doctor', cashier: 'Cashier', head_cashier: 'Head cashier', pharmacist: 'Pharmacist', admin: 'Admin' },
    sex: { M: 'Male', F: 'Female', U: 'Not stated' },
    period: { morning: 'Morning', afternoon: 'Afternoon', full_day: 'Full day' },
    insurance: { self_pay: 'Self-pay', urban_employee: 'Urban employee insurance', urban_rural_resident: 'Urban-rural resident insurance', commercial: 'Commercial insurance' },
    appointmentStatus: { pending: 'Pending', confirmed: 'Confirmed', completed: 'Checked in', cancelled: 'Cancelled', no_show: 'No-show' },
    appointmentSource: { phone: 'Phone', counter: 'Counter', online: 'Online' },
    visitStatus: { waiting: 'Waiting', in_consultation: 'In consultation', awaiting_payment: 'Awaiting payment', awaiting_dispensing: 'Awaiting drugs', discharged: 'Discharged', cancelled: 'Cancelled' },
    visitType: { first: 'First visit', follow_up: 'Follow-up' },
    feeStatus: { not_required: 'No fee', unpaid: 'Unpaid', paid: 'Paid', refunded: 'Refunded' },
    priority: { elderly: 'Elderly', disabled: 'Disabled', emergency: 'Emergency', pregnant: 'Pregnant', infant: 'Infant', veteran: 'Veteran', other: 'Other' },
    payment: { cash: 'Cash', card: 'Card', qr: 'QR code', insurance: 'Insurance' },
    billStatus: { open: 'Open', paid: 'Paid', refunded: 'Refunded', void: 'Void' },
    billKind: { registration: 'Registration bill', clinical: 'Clinical bill' },
    prescriptionStatus: { draft: 'Draft', issued: 'Issued', paid: 'Paid', dispensed: 'Dispensed', cancelled: 'Cancelled' },
    frequency: {
      qd: 'Once a day', bid: 'Twice a day', tid: 'Three times a day', qid: 'Four times a day', q8h: 'Every 8 hours', q12h: 'Every 12 hours',
      qn: 'At night', qod: 'Every other day', qw: 'Once a week', prn: 'When needed', st: 'At once',
    },
    route: {
      po: 'By mouth', iv: 'IV injection', ivgtt: 'IV drip', im: 'Intramuscular', sc: 'Subcutaneous', topical: 'Topical', inhal: 'Inhaled',
      sl: 'Under the tongue', pr: 'Rectal', eye: 'Eye drops', ear: 'Ear drops', nasal: 'Nasal',
    },
    movement: { receive: 'Received', dispense: 'Dispensed', adjust: 'Stock adjustment', return: 'Returned' },
    examStatus: { ordered: 'Ordered', paid: 'Paid', done: 'Done', cancelled: 'Cancelled' },
    examCategory: { lab: 'Lab', imaging: 'Imaging', ecg: 'ECG', ultrasound: 'Ultrasound', other: 'Other' },
  },
);
