/** The admin's medical equipment screen (issue 16): the list, the item dialog, the maintenance log, import and export. */
import { area } from '../define';

export const equipment = area(
  {
    title: '医疗设备', newItem: '新增设备', editItem: '编辑设备', searchLabel: '搜索', search: '名称、型号、资产编号或序列号', allStatuses: '全部状态',
    due: '维护到期', dueAny: '不限', dueOverdue: '已逾期', due30: '30 天内到期', due90: '90 天内到期',
    overdueCount_one: '{{count}} 台设备维护已逾期', overdueCount_other: '{{count}} 台设备维护已逾期', noneOverdue: '没有逾期未维护的设备', empty: '没有符合条件的设备。',
    col: {
      assetNo: '资产编号', name: '名称', model: '型号', manufacturer: '生产厂家', serialNo: '序列号', department: '科室', status: '状态',
      purchaseDate: '购置日期', lastMaintenance: '上次维护', nextDue: '下次维护', intervalMonths: '维护周期（月）', notes: '备注', actions: '操作',
    },
    status: { in_use: '在用', repair: '维修中', retired: '已报废' },
    kind: { routine: '例行保养', repair: '维修', calibration: '校准', inspection: '检测' },
    overdueBy_one: '逾期 {{count}} 天', overdueBy_other: '逾期 {{count}} 天', dueIn_one: '{{count}} 天后', dueIn_other: '{{count}} 天后', dueToday: '今天到期',
    maintenance: '维护记录', log: '维护', addMaintenance: '记录维护', date: '日期', kindLabel: '类别', note: '说明', by: '记录人',
    nextDueOptional: '下次维护日期（不填则按维护周期）', noMaintenance: '还没有维护记录。', recorded: '已记录维护',
    setStatus: '状态', retireConfirm: '报废后不能再改回在用或维修。',
    saved: '已保存：{{name}}', files: '导入与导出', exportTitle: '导出设备清单', importTitle: '导入设备清单',
    importHint: '第一行为列名（资产编号、名称为必填；可用导出的文件修改后导入）。资产编号已存在的设备按文件更新，新的资产编号新建设备；文件没有的列保持不变。有任何一行有误则整个文件都不导入，并列出每一行的问题。',
    reason: {
      duplicate_asset_no: '此资产编号已被其他设备使用', bad_asset_no: '字母、数字及 - _ . /，最多 30 位，如 EQ-0001', in_future: '不能晚于今天',
      before_purchase: '不能早于购置日期', before_last: '不能早于上次维护日期', not_a_date: '不是有效日期', unknown_department: '请选择诊所的科室',
    },
    none: '—',
  },
  {
    title: 'Medical equipment', newItem: 'New item', editItem: 'Edit item', searchLabel: 'Search', search: 'Name, model, asset or serial number', allStatuses: 'All statuses',
    due: 'Maintenance due', dueAny: 'Any', dueOverdue: 'Overdue', due30: 'Due within 30 days', due90: 'Due within 90 days',
    overdueCount_one: '{{count}} item overdue for maintenance', overdueCount_other: '{{count}} items overdue for maintenance', noneOverdue: 'No item is overdue for maintenance', empty: 'No equipment matches.',
    col: {
      assetNo: 'Asset no.', name: 'Name', model: 'Model', manufacturer: 'Manufacturer', serialNo: 'Serial no.', department: 'Department', status: 'Status',
      purchaseDate: 'Purchased', lastMaintenance: 'Last maintenance', nextDue: 'Next due', intervalMonths: 'Interval (months)', notes: 'Notes', actions: 'Actions',
    },
    status: { in_use: 'In use', repair: 'In repair', retired: 'Retired' },
    kind: { routine: 'Routine service', repair: 'Repair', calibration: 'Calibration', inspection: 'Inspection' },
    overdueBy_one: '{{count}} day overdue', overdueBy_other: '{{count}} days overdue', dueIn_one: 'in {{count}} day', dueIn_other: 'in {{count}} days', dueToday: 'due today',
    maintenance: 'Maintenance log', log: 'Maintenance', addMaintenance: 'Record maintenance', date: 'Date', kindLabel: 'Kind', note: 'Note', by: 'By',
    nextDueOptional: 'Next due (blank: from the interval)', noMaintenance: 'No maintenance recorded yet.', recorded: 'Maintenance recorded',
    setStatus: 'Status', retireConfirm: 'A retired item cannot go back into use or repair.',
    saved: 'Saved: {{name}}', files: 'Import & export', exportTitle: 'Export the equipment list', importTitle: 'Import an equipment list',
    importHint: 'The first row names the columns (asset number and name are required; an exported file can be edited and imported). Items whose asset number exists are updated from the file, new asset numbers are created; columns the file lacks are left as they are. If any row is wrong, nothing is imported and every bad row is listed.',
    reason: {
      duplicate_asset_no: 'Another item already has this asset number', bad_asset_no: 'Letters, digits and - _ . /, at most 30 (e.g. EQ-0001)', in_future: 'Cannot be after today',
      before_purchase: 'Cannot be before the purchase date', before_last: 'Cannot be before the last maintenance', not_a_date: 'Not a valid date', unknown_department: "Choose one of the clinic's departments",
    },
    none: '—',
  },
);
