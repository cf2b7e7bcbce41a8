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
    refund: {
      title: '退费', amount: '退费金额（元）', reason: '退费原因', submit: '确认退费', done: '已退费 {{amount}}', doneOnline: '已通过支付宝原路退回 {{amount}}', refundable: '可退 {{amount}}',
      byLine: '选择要退的项目和数量。退款按原支付方式按比例退回（医保部分退回医保），已检查项目的检查单随之取消，药品不再发放。',
      paidQty: '已付', refundedQty: '已退', refundQty: '退数量', lineAmount: '退款', total: '退费合计 {{amount}}', nothingLeft: '没有可退的项目。',
    },
    day: {
      title: '我的日结', since: '自 {{time}} 起', sinceStart: '自首次收款起', method: '支付方式', payments: '收款', refunds: '退款', net: '净额',
      count: '{{count}} 笔', total: '合计', close: '日结', closed: '日结完成，单号 {{closeNo}}', history: '历史日结', noHistory: '还没有日结记录。',
      confirm: '日结后，这些收款和退款会标记为已结，不能再次日结。确认日结？',
      all: '全员日结', date: '营业日期', person: '收款人', desk: '工作站', noneOn: '这一天还没有人日结。', allTotal: '全员合计',
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
    refund: {
      title: 'Refund', amount: 'Amount (yuan)', reason: 'Reason', submit: 'Refund', done: 'Refunded {{amount}}', doneOnline: 'Refunded {{amount}} through Alipay, to the account it was paid from', refundable: 'Refundable {{amount}}',
      byLine: 'Choose the items and how many. The money goes back the way it was paid, in proportion (the insurance part to insurance); a refunded exam is cancelled, a refunded drug is not handed over.',
      paidQty: 'Paid', refundedQty: 'Refunded', refundQty: 'Refund qty', lineAmount: 'Refund', total: 'Refund total {{amount}}', nothingLeft: 'Nothing left to refund.',
    },
    day: {
      title: 'My close of day', since: 'Since {{time}}', sinceStart: 'Since the first payment', method: 'Method', payments: 'Payments', refunds: 'Refunds',
      net: 'Net', count: '{{count}}', total: 'Total', close: 'Close the day', closed: 'Day closed, no. {{closeNo}}', history: 'Past closes',
      noHistory: 'No closes yet.', confirm: 'Closing marks these payments and refunds as closed; they cannot be closed again. Close now?',
      all: 'Everyone’s close of day', date: 'Business date', person: 'Person', desk: 'Desk', noneOn: 'Nobody has closed this day yet.', allTotal: 'Everyone',
    },
  },
);
