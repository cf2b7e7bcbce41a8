/** The words of the clinic day (e2e/support/clinic-day.ts) in each language. */
/** What each language shows (UI words) and prints (PDF words, with the spaces pdftotext loses taken out). */
export const WORDS = {
  'zh-CN': {
    switchTo: null, loggedIn: '退出登录',
    register: '登记', walkIn: '挂号', takePayment: '确认收款', payment: '收费', book: '预约', bookDialog: '预约：张伟', pending: '待确认',
    registerNew: '登记新患者', afternoon: '下午', todaysAppointments: '今日预约', confirm: '确认', confirmed: '已确认', checkIn: '签到',
    qr: '扫码', queueTab: '候诊队列', feePaid: '已缴费', board: '候诊信息', spoken: 'zh-CN|请 001 号 到 诊室1 就诊',
    noMatch: '没有找到与“zzqq”匹配的结果',
    recordSaved: '病历已保存', rxTab: '处方', outOfStock: '无库存', allergy: '安全拦截', issued: '已开具', recordTab: '病历',
    searchAllergy: '过敏：', overrideTitle: '存在安全拦截', overridden: '已由医师确认', yes: '确认', voidSubmit: '确认作废', voided: '已作废：患者要求换药',
    choosePatient: '请选择一位患者', billPaid: '已支付', refund: '退费', refundSubmit: '确认退费', noRx: '没有待发药的处方',
    closeBoard: '关闭大屏', dayTab: '日结',
    pdf: { copy: '副本', rx: '处方笺', record: '门诊病历', receipt: '门诊收费收据', refundSlip: '门诊退费凭证', day: '收费日结报表' },
  },
  en: {
    switchTo: 'EN', loggedIn: 'Log out',
    register: 'Register', walkIn: 'Register', takePayment: 'Take payment', payment: 'Payment', book: 'Book', bookDialog: 'Book: 张伟', pending: 'Pending',
    registerNew: 'Register a new patient', afternoon: 'Afternoon', todaysAppointments: 'Today’s appointments', confirm: 'Confirm', confirmed: 'Confirmed',
    checkIn: 'Check in', qr: 'QR code', queueTab: 'Waiting', feePaid: 'Paid', board: 'Waiting room', spoken: 'en|Number 001, please go to 诊室1',
    noMatch: 'Nothing matches “zzqq”',
    recordSaved: 'Record saved', rxTab: 'Prescription', outOfStock: 'Out of stock', allergy: 'Safety stop', issued: 'Issued', recordTab: 'Record',
    searchAllergy: 'Allergy:', overrideTitle: 'Issue despite safety stops', overridden: 'overridden by the prescriber', yes: 'Confirm', voidSubmit: 'Void', voided: 'Voided: 患者要求换药',
    choosePatient: 'Choose a patient', billPaid: 'Paid', refund: 'Refund', refundSubmit: 'Refund', noRx: 'No prescriptions waiting',
    closeBoard: 'Close the display', dayTab: 'Close of day',
    pdf: { copy: 'COPY', rx: 'Prescription', record: 'OutpatientMedicalRecord', receipt: 'Receipt', refundSlip: 'Refundslip', day: 'Close-of-dayReport' },
  },
} as const;
