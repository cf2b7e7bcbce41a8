import { area } from '../define';

export const billing = area(
  {
    tabs: { awaiting: '待缴费', day: '日结' },
    awaiting: {
      title: '待缴费患者', empty: '没有待缴费的患者。', emptyHint: '医生结束就诊后，有费用的患者会出现在这里。', due: '待付 {{amount}}',
      unbilled: '未出账 {{amount}}',
    },
    visit: {
      none: '请选择一位患者', noneHint: '从左侧“待缴费患者”中选择，或按 Ctrl+K 查找患者。', unbilled: '未出账的费用', build: '生成账单',
      bills: '账单', noBills: '还没有账单。', discharge: '办理离院', discharged: '已离院', refund: '退费', payments: '收款记录', refunds: '退费记录',
      item: '项目', qty: '数量', amount: '金额', insurance: '医保',
    },
    refund: { title: '退费', amount: '退费金额（元）', reason: '退费原因', submit: '确认退费', done: '已退费 {{amount}}', refundable: '可退 {{amount}}' },
    day: {
      title: '我的日结', since: '自 {{time}} 起', sinceStart: '自首次收款起', method: '支付方式', payments: '收款', refunds: '退款', net: '净额',
      count: '{{count}} 笔', total: '合计', close: '日结', closed: '日结完成，单号 {{closeNo}}', history: '历史日结', noHistory: '还没有日结记录。',
      confirm: '日结后，这些收款和退款会标记为已结，不能再次日结。确认日结？',
    },
  },
  {
    tabs: { awaiting: 'Awaiting payment', day: 'Close of day' },
    awaiting: {
      title: 'Awaiting payment', empty: 'Nobody is waiting to pay.', emptyHint: 'Patients with charges appear here when the doctor ends the consultation.',
      due: 'Due {{amount}}', unbilled: 'Unbilled {{amount}}',
    },
    visit: {
      none: 'Choose a patient', noneHint: 'Choose one from “Awaiting payment”, or press Ctrl+K to find a patient.', unbilled: 'Charges not billed yet',
      build: 'Make the bill', bills: 'Bills', noBills: 'No bills yet.', discharge: 'Discharge', discharged: 'Discharged', refund: 'Refund',
      payments: 'Payments', refunds: 'Refunds', item: 'Item', qty: 'Qty', amount: 'Amount', insurance: 'Insurance',
    },
    refund: { title: 'Refund', amount: 'Amount (yuan)', reason: 'Reason', submit: 'Refund', done: 'Refunded {{amount}}', refundable: 'Refundable {{amount}}' },
    day: {
      title: 'My close of day', since: 'Since {{time}}', sinceStart: 'Since the first payment', method: 'Method', payments: 'Payments', refunds: 'Refunds',
      net: 'Net', count: '{{count}}', total: 'Total', close: 'Close the day', closed: 'Day closed, no. {{closeNo}}', history: 'Past closes',
      noHistory: 'No closes yet.', confirm: 'Closing marks these payments and refunds as closed; they cannot be closed again. Close now?',
    },
  },
);
