import { area } from '../define';

export const pharmacy = area(
  {
    tabs: { dispense: '发药', receive: '入库', stock: '库存', alerts: '预警' },
    dispense: {
      empty: '没有待发药的处方。', emptyHint: '患者缴费后，处方会出现在这里。', submit: '发药', checkTitle: '核对发药：{{name}} {{rxNo}}', checkHint: '逐项核对药品、规格和数量后勾选。全部勾选后才能发药；发药后库存扣减，不能撤销（只能退药）。', checkLine: '已核对', confirm: '确认发药', done: '已发药：{{rxNo}}', doctor: '开方医生 {{name}}',
    },
    receive: {
      drug: '药品', batchNo: '批号', expiryDate: '有效期至', cost: '进价（元/单位）', quantity: '数量', submit: '入库', done: '已入库 {{name}} {{quantity}}{{unit}}，批号 {{batchNo}}',
      pick: '先搜索并选择要入库的药品。',
    },
    stock: {
      pick: '搜索药品查看各批次库存。', available: '可用库存 {{count}}', batch: '批号', expiry: '有效期', onHand: '结存', expired: '已过期', adjust: '调整',
      adjustTitle: '调整库存：{{name}} 批号 {{batchNo}}', adjustQty: '调整数量（正数增加，负数减少）', reason: '原因', adjusted: '库存已调整',
      movements: '出入库记录',
      belowZero: '低于零：离线重复发药，请盘点后调整',
    },
    alerts: {
      low: '库存不足', lowEmpty: '没有低于警戒线的药品。', threshold: '警戒线 {{count}}', expiring: '{{days}} 天内过期', expiringEmpty: '近期没有要过期的批次。',
      daysLeft: '还有 {{count}} 天', expiredAgo: '已过期',
    },
  },
  {
    tabs: { dispense: 'Dispense', receive: 'Receive', stock: 'Stock', alerts: 'Alerts' },
    dispense: {
      empty: 'No prescriptions waiting.', emptyHint: 'Prescriptions appear here once the patient has paid.', submit: 'Dispense', checkTitle: 'Check before dispensing: {{name}} {{rxNo}}', checkHint: 'Check each drug, its strength and quantity, and tick it. Dispensing takes the stock and cannot be undone (only returned).', checkLine: 'Checked', confirm: 'Dispense now', done: 'Dispensed {{rxNo}}',
      doctor: 'Prescribed by {{name}}',
    },
    receive: {
      drug: 'Drug', batchNo: 'Batch no.', expiryDate: 'Expires', cost: 'Unit cost (yuan)', quantity: 'Quantity', submit: 'Receive',
      done: 'Received {{name}} {{quantity}}{{unit}}, batch {{batchNo}}', pick: 'Search for the drug to receive first.',
    },
    stock: {
      pick: 'Search for a drug to see its batches.', available: 'Available {{count}}', batch: 'Batch', expiry: 'Expires', onHand: 'On hand',
      expired: 'Expired', adjust: 'Adjust', adjustTitle: 'Adjust stock: {{name}} batch {{batchNo}}', adjustQty: 'Change (positive adds, negative removes)',
      reason: 'Reason', adjusted: 'Stock adjusted', movements: 'Movements',
      belowZero: 'Below zero: dispensed twice offline; count and adjust',
    },
    alerts: {
      low: 'Low stock', lowEmpty: 'No drug is below its threshold.', threshold: 'Threshold {{count}}', expiring: 'Expiring within {{days}} days',
      expiringEmpty: 'No batch expires soon.', daysLeft: '{{count}} days left', expiredAgo: 'Expired',
    },
  },
);
