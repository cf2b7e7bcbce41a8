import { area } from '../define';

export const frontdesk = area(
  {
    title: '前台',
    find: '查找患者', register: '登记新患者',
    noPatient: { title: '还没有选择患者', hint: '按 Ctrl+K 或 F2 查找患者（可输入姓名、拼音首字母、电话或身份证号），找不到就登记新患者。' },
    tabs: { queue: '候诊队列', visits: '今日就诊', appointments: '今日预约', day: '日结' },
    patient: { appointments: '预约记录', noAppointments: '此患者没有预约。', walkIn: '现场挂号', book: '预约', vitals: '今日就诊 {{queueNo}} · {{doctor}}', portalCode: '手机端激活码' },
    portalCode: {
      title: '手机端激活码：{{name}}', asking: '正在向中心服务器申请激活码…',
      intro: '核对身份后把激活码交给患者（只显示这一次，可打印小票）。',
      expires: '有效期至 {{time}}，只能使用一次。',
      step1: '手机连接诊所 Wi-Fi，用浏览器打开 {{url}}', step1NoUrl: '手机连接诊所 Wi-Fi，打开诊所的患者手机端网址',
      step2: '在登录页点“有前台给的激活码？”，输入激活码和手机号', step3: '设置密码，即可预约、排队、缴费和查看病历',
      address: '患者手机端网址：', once: '关闭后激活码不再显示；如患者遗失，可重新生成一个，旧的随即失效。',
      print: '打印小票', retry: '重试', close: '关闭',
      offlineTitle: '连不上中心服务器', offline: '激活码由中心服务器生成，现在连不上，暂时不能生成。请稍后重试，或请患者在手机端用身份证自行注册。',
    },
    visits: {
      empty: '今天还没有患者签到。', emptyHint: '预约的患者到了点“签到”，现场来的患者先查找再点“现场挂号”。',
      queueEmpty: '没有正在候诊的患者。', queueEmptyHint: '患者签到并缴清挂号费后会出现在这里。',
      col: { queueNo: '号', patient: '患者', doctor: '医生', type: '类型', status: '状态', fee: '挂号费', time: '签到' },
      cancel: '退号', collect: '收费', priority: '优先',
    },
    appointments: {
      empty: '今天没有预约。', emptyHint: '在患者信息中点“预约”为患者预约医生的出诊时段。',
      col: { patient: '患者', session: '时段', doctor: '医生', status: '状态', source: '来源' },
      checkIn: '签到', confirm: '确认', cancel: '取消预约', noShow: '爽约', reschedule: '改约',
    },
    checkIn: {
      title: '签到：{{name}}', visitType: '就诊类型', priority: '优先就诊', priorityReason: '优先原因', submit: '签到',
      done: '{{name}} 已签到，排队号 {{queueNo}}',
    },
    walkIn: { title: '现场挂号：{{name}}', doctor: '医生', session: '出诊时段', submit: '挂号', noSessions: '今天没有可挂号的出诊时段。' },
    cancelVisit: { title: '退号：{{name}}', reason: '退号原因', submit: '确认退号', done: '已退号', refunded: '已退费 {{amount}}' },
    cancelAppointment: { title: '取消预约：{{name}}', reason: '取消原因', submit: '确认取消' },
    book: {
      title: '预约：{{name}}', date: '日期', session: '出诊时段', seats: '{{booked}}/{{capacity}}', full: '已满', stopped: '停诊',
      source: '预约方式', note: '备注', submit: '预约', rescheduleTitle: '改约：{{name}}', rescheduleSubmit: '改到此时段', done: '已预约 {{doctor}} {{date}} {{period}}', noSessions: '这一天没有出诊时段。',
    },
  },
  {
    title: 'Front desk',
    find: 'Find a patient', register: 'Register a new patient',
    noPatient: { title: 'No patient chosen', hint: 'Press Ctrl+K or F2 to find a patient (name, pinyin initials, phone or ID number); register one if not found.' },
    tabs: { queue: 'Waiting', visits: 'Today’s visits', appointments: 'Today’s appointments', day: 'Close of day' },
    patient: { appointments: 'Appointments', noAppointments: 'This patient has no appointments.', walkIn: 'Walk-in', book: 'Book', vitals: 'Today’s visit {{queueNo}} · {{doctor}}', portalCode: 'Patient app code' },
    portalCode: {
      title: 'Patient app code: {{name}}', asking: 'Asking the hub for a code…',
      intro: 'Give the code to the patient once you have checked who they are (shown this once; print the slip).',
      expires: 'Valid until {{time}}, once.',
      step1: 'Join the clinic Wi-Fi and open {{url}} in a browser', step1NoUrl: 'Join the clinic Wi-Fi and open the clinic’s patient app',
      step2: 'On the log-in page tap “Have a code from the front desk?”, enter the code and the mobile number', step3: 'Set a password: then book, queue, pay and read the records',
      address: 'Patient app address:', once: 'Once closed the code is not shown again; if the patient loses it, make a new one: the old one then stops working.',
      print: 'Print slip', retry: 'Try again', close: 'Close',
      offlineTitle: 'The hub cannot be reached', offline: 'Codes are made at the hub, which cannot be reached now. Try again later, or the patient can open an account on the phone with their ID number.',
    },
    visits: {
      empty: 'Nobody has checked in today.', emptyHint: 'Check in booked patients as they arrive; find walk-ins first, then choose “Walk-in”.',
      queueEmpty: 'Nobody is waiting.', queueEmptyHint: 'Patients appear here once checked in with the fee settled.',
      col: { queueNo: 'No.', patient: 'Patient', doctor: 'Doctor', type: 'Type', status: 'Status', fee: 'Fee', time: 'Checked in' },
      cancel: 'Cancel visit', collect: 'Collect fee', priority: 'Priority',
    },
    appointments: {
      empty: 'No appointments today.', emptyHint: 'Open a patient and choose “Book” to book a doctor’s session.',
      col: { patient: 'Patient', session: 'Session', doctor: 'Doctor', status: 'Status', source: 'Source' },
      checkIn: 'Check in', confirm: 'Confirm', cancel: 'Cancel', noShow: 'No-show', reschedule: 'Reschedule',
    },
    checkIn: {
      title: 'Check in: {{name}}', visitType: 'Visit type', priority: 'Priority patient', priorityReason: 'Reason for priority', submit: 'Check in',
      done: '{{name}} checked in, queue number {{queueNo}}',
    },
    walkIn: { title: 'Walk-in: {{name}}', doctor: 'Doctor', session: 'Session', submit: 'Register', noSessions: 'No session today has seats left.' },
    cancelVisit: { title: 'Cancel visit: {{name}}', reason: 'Reason', submit: 'Cancel the visit', done: 'Visit cancelled', refunded: 'Refunded {{amount}}' },
    cancelAppointment: { title: 'Cancel appointment: {{name}}', reason: 'Reason', submit: 'Cancel it' },
    book: {
      title: 'Book: {{name}}', date: 'Date', session: 'Session', seats: '{{booked}}/{{capacity}}', full: 'Full', stopped: 'Stopped',
      source: 'Booked by', note: 'Note', submit: 'Book', rescheduleTitle: 'Reschedule: {{name}}', rescheduleSubmit: 'Move here', done: 'Booked {{doctor}} {{date}} {{period}}', noSessions: 'No sessions on this day.',
    },
  },
);

export const payment = area(
  {
    title: '收费', due: '应收', total: '合计', insurance: '医保', selfPay: '自费', paid: '已付', method: '支付方式', amount: '本次收款（元）',
    tendered: '实收现金（元）', change: '找零', reference: '交易单号', referenceHint: '扫码支付必须填写交易单号', submit: '确认收款',
    done: '已收款 {{amount}}，收据号 {{receiptNo}}', changeDue: '找零 {{amount}}', later: '稍后再收', settled: '已结清', close: '关闭', receipt: '收据', addMethod: '+ 组合支付（另加一种方式，同一张收据）', secondMethod: '第二种方式', removeMethod: '移除',
  },
  {
    title: 'Payment', due: 'Due', total: 'Total', insurance: 'Insurance', selfPay: 'Self-pay', paid: 'Paid', method: 'Method', amount: 'Amount (yuan)',
    tendered: 'Cash handed over (yuan)', change: 'Change', reference: 'Transaction ref.', referenceHint: 'A QR payment needs its transaction reference',
    submit: 'Take payment', done: 'Received {{amount}}, receipt {{receiptNo}}', changeDue: 'Change {{amount}}', later: 'Collect later', settled: 'Settled', close: 'Close', receipt: 'Receipt', addMethod: '+ Split payment (another method, one receipt)', secondMethod: 'Second method', removeMethod: 'Remove',
  },
);
