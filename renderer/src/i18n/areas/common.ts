import type { SyncErrorCode } from '../../../../main/api/contract';
import { area } from '../define';

/** Why the hub refused this desk, for the header's sync badge: one text per refusal code. */
const SYNC_REFUSED_ZH = {
  SCHEMA_MISMATCH: '本机与中心服务器的软件版本不同：请更新后再同步。本机的修改会保留等待。',
  PROTOCOL_MISMATCH: '本机与中心服务器的同步协议版本不同：请更新软件。',
  UNPAIRED: '本机尚未与中心服务器配对：请用服务器显示的配对码配对。',
  REVOKED: '本机已在中心服务器上被停用：请联系管理员。',
  BAD_PAIRING_CODE: '配对码错误或已过期。',
  PAIRING_THROTTLED: '配对失败次数过多：请稍候再试。',
  DEVICE_TAKEN: '本机的设备编号已被另一台电脑使用。',
  HELLO_REQUIRED: '与中心服务器的连接正在重新建立。',
  BAD_MESSAGE: '中心服务器拒收了本机发送的数据。',
  HUB_ERROR: '中心服务器暂时出错，稍后自动重试。',
  CERT_MISMATCH: '该地址上的服务器证书与配对时记录的不同，可能不是本诊所的中心服务器，已拒绝连接。本机的修改会保留等待。',
  READ_ONLY_TABLE: '本机试图上传只能在中心服务器修改的基础数据，已被拒绝。请联系管理员。',
  UNKNOWN_TABLE: '中心服务器没有这张数据表，拒收了这条修改。',
  UNKNOWN_COLUMN: '修改中有中心服务器不认识的字段，已被拒收。',
  BAD_ROW_ID: '修改中的记录编号前后不一致，已被拒收。',
  FOREIGN_HLC: '修改的时间戳不是本机生成的，已被拒收。',
  FUTURE_HLC: '修改的时间远晚于中心服务器的时间（本机时钟可能不准），已被拒收。',
  LEDGER_REWRITE: '收费、退费、库存流水和审计记录只能新增，不能修改或重写，这条修改已被拒收。',
  FOREIGN_DEVICE: '这条记录写的是另一台电脑的设备编号，已被拒收。',
  FOREIGN_NUMBER: '病历号、收据号、处方号等编号不是本机发出的，已被拒收。',
  QUEUE_NUMBER: '排队号格式不对，或本机试图修改已发出的排队号（只有中心服务器能重新编号），已被拒收。',
  MASTER_DATA_ELSEWHERE: '本机保存着自己建立的基础数据（如演示诊所或单独建立的诊所），而该中心服务器没有这些数据，因此拒绝配对。请用新的本机数据文件加入，或用本机数据重建中心服务器。',
  MISSING_PARENT: '这条记录所属的上级记录（如患者、就诊、账单）不在中心服务器上，已被拒收。',
} satisfies Record<SyncErrorCode, string>;
const SYNC_REFUSED_EN = {
  SCHEMA_MISMATCH: 'This desk and the hub run different versions: update, then sync. Changes made here wait meanwhile.',
  PROTOCOL_MISMATCH: 'This desk and the hub speak different sync versions: update the software.',
  UNPAIRED: 'This desk is not paired with the hub: pair it with the code the hub shows.',
  REVOKED: 'This desk was revoked at the hub: ask the administrator.',
  BAD_PAIRING_CODE: 'Wrong or expired pairing code.',
  PAIRING_THROTTLED: 'Too many failed pairings: wait a little, then try again.',
  DEVICE_TAKEN: 'This desk’s device code is already used by another computer.',
  HELLO_REQUIRED: 'Reconnecting to the hub.',
  BAD_MESSAGE: 'The hub refused what this desk sent.',
  HUB_ERROR: 'The hub had a problem; trying again shortly.',
  CERT_MISMATCH: 'The server at the hub’s address shows another certificate than the one pinned at pairing: it may not be your clinic’s hub, so this desk refuses it. Changes made here wait meanwhile.',
  READ_ONLY_TABLE: 'This desk tried to send master data, which only the hub may change; refused. Ask the administrator.',
  UNKNOWN_TABLE: 'The hub has no such table; the change was refused.',
  UNKNOWN_COLUMN: 'The change names a field the hub does not know; refused.',
  BAD_ROW_ID: 'The change gives its record two different ids; refused.',
  FOREIGN_HLC: 'The change carries a timestamp this desk did not make; refused.',
  FUTURE_HLC: 'The change is dated far ahead of the hub’s clock (this PC’s clock may be wrong); refused.',
  LEDGER_REWRITE: 'Payments, refunds, stock movements and audit records can only be added, never changed or rewritten; refused.',
  FOREIGN_DEVICE: 'The record names another computer’s device code; refused.',
  FOREIGN_NUMBER: 'A record, receipt or prescription number was not handed out by this desk; refused.',
  QUEUE_NUMBER: 'A queue number is not in the right form, or this desk tried to change a number already given (only the hub renumbers); refused.',
  MASTER_DATA_ELSEWHERE: 'This desk holds master data of its own (the demo, or a clinic set up on it) that this hub does not have, so the hub refused to pair. Join from a new station file, or rebuild the hub from this desk.',
  MISSING_PARENT: 'The record it belongs to (a patient, visit or bill) is not at the hub; refused.',
} satisfies Record<SyncErrorCode, string>;

/** The sync refusal codes the header has a sentence for. */
export const SYNC_REFUSAL_TEXT_CODES: ReadonlySet<string> = new Set(Object.keys(SYNC_REFUSED_EN));

export const common = area(
  {
    app: { name: '诊所工作台', tagline: '离线也能工作的诊所系统' },
    action: {
      save: '保存', cancel: '取消', confirm: '确认', close: '关闭', search: '搜索', refresh: '刷新', back: '返回',
      add: '添加', remove: '移除', edit: '编辑', print: '打印', next: '下一步', clear: '清空',
    },
    state: { loading: '加载中…', saving: '正在保存…', saved: '已保存', none: '无', yes: '是', no: '否' },
    search: { noMatch: '没有找到与“{{q}}”匹配的结果', searching: '正在查找…' },
    field: { required: '必填' },
    unit: { yuan: '元', people: '人', days: '天' },
    dayCount_one: '{{count}}天', dayCount_other: '{{count}}天',
    notFound: '页面不存在',
    punct: { colon: '：', list: '、', withUnit: '{{label}}（{{unit}}）' },
    proof: {
      stepUpTitle: '确认是您本人', stepUpBody: '更改账号、角色、设备或配对需要再次输入您自己的密码。',
      hubTitle: '连接中心服务器', hubBody: '您登录时中心服务器不可达。请确认您的密码以连接中心服务器。',
      password: '您的密码',
    },
  },
  {
    app: { name: 'Clinic desk', tagline: 'The clinic system that works offline' },
    action: {
      save: 'Save', cancel: 'Cancel', confirm: 'Confirm', close: 'Close', search: 'Search', refresh: 'Refresh', back: 'Back',
      add: 'Add', remove: 'Remove', edit: 'Edit', print: 'Print', next: 'Next', clear: 'Clear',
    },
    state: { loading: 'Loading…', saving: 'Saving…', saved: 'Saved', none: 'None', yes: 'Yes', no: 'No' },
    search: { noMatch: 'Nothing matches “{{q}}”', searching: 'Searching…' },
    field: { required: 'Required' },
    unit: { yuan: 'yuan', people: 'people', days: ' days' },
    dayCount_one: '{{count}} day', dayCount_other: '{{count}} days',
    notFound: 'No such page',
    punct: { colon: ': ', list: ', ', withUnit: '{{label}} ({{unit}})' },
    proof: {
      stepUpTitle: 'Confirm it is you', stepUpBody: 'Changing accounts, roles, devices or pairing needs your own password again.',
      hubTitle: 'Reach the hub', hubBody: 'The hub was unreachable when you logged in. Confirm your password to reach the hub.',
      password: 'Your password',
    },
  },
);

export const shell = area(
  {
    login: {
      title: '登录', username: '用户名', password: '密码', submit: '登录', device: '工作站 {{device}}',
      hint: '请输入您的账号和密码',
      ended: {
        account_disabled: '您的账号已被停用，登录已结束。如有疑问请联系管理员。',
        roles_changed: '您的账号权限已变更，请重新登录。',
        session_expired: '登录已达到最长时间（一个班次），请重新登录。',
        too_many_password_failures: '密码输错次数过多，登录已结束，请重新登录。',
      },
    },
    lock: {
      title: '工作站已锁定', body: '{{name}} 已离开一段时间。请输入密码继续，表单内容会保留。', password: '密码',
      unlock: '解锁', switchUser: '换人登录',
    },
    header: {
      loggedInAs: '{{name}}', lockNow: '锁定', logout: '退出登录', language: '语言', notices: '通知',
      noNotices: '暂无通知', searchHint: '查找患者（Ctrl+K 或 F2）', changePassword: '修改密码',
    },
    sync: {
      online: '已同步', offline: '离线工作', pending: '{{count}} 条待同步', unknown: '同步状态未知', lastSync: '上次同步 {{time}}',
      refused: '中心服务器拒绝同步',
      why: SYNC_REFUSED_ZH,
      setAside: '{{count}} 条修改被拒收',
      setAsideTitle: '中心服务器拒收的修改（已搁置，不再上传；其他修改照常同步）',
      setAsideItem: '{{table}}：{{why}}',
      setAsideMore: '另有 {{count}} 条',
    },
    clock: {
      fast: '本机时钟比中心服务器快 {{amount}}',
      slow: '本机时钟比中心服务器慢 {{amount}}',
      hint: '请校准本机时间。在此之前，本机的修改按中心服务器的时间记录，照常同步。',
      d: '{{count}} 天', h: '{{count}} 小时', m: '{{count}} 分钟',
    },
    connection: { lost: '与本机服务的连接已断开，正在重连…' },
    workspace: {
      frontdesk: '前台', consult: '诊室', billing: '收费', pharmacy: '药房', display: '候诊大屏', admin: '管理',
    },
    forbidden: {
      title: '无权访问', body: '您的账号（{{roles}}）不能打开“{{workspace}}”。请选择上方可用的工作区。',
    },
    noWorkspace: '您的账号没有可用的工作区，请联系管理员分配角色。',
    admin: { title: '管理', body: '排班、基础数据、账号和统计在中心服务器的管理页面中维护。' },
    password: { title: '修改密码', current: '当前密码', next: '新密码', repeat: '再输入一次新密码', mismatch: '两次输入的新密码不一致', done: '密码已修改' },
    pending: '此功能尚在开发中：工作站服务还未提供“{{what}}”。',
  },
  {
    login: {
      title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', device: 'Workstation {{device}}',
      hint: 'Enter your account and password',
      ended: {
        account_disabled: 'Your account has been disabled and you were logged out. Ask the administrator.',
        roles_changed: "Your account's roles have changed; please log in again.",
        session_expired: 'Your session reached its longest time (a shift); please log in again.',
        too_many_password_failures: 'Too many wrong passwords; you were logged out. Please log in again.',
      },
    },
    lock: {
      title: 'Workstation locked', body: '{{name}} has been away for a while. Type the password to continue; your forms are kept.',
      password: 'Password', unlock: 'Unlock', switchUser: 'Log in as someone else',
    },
    header: {
      loggedInAs: '{{name}}', lockNow: 'Lock', logout: 'Log out', language: 'Language', notices: 'Notices',
      noNotices: 'No notices', searchHint: 'Find a patient (Ctrl+K or F2)', changePassword: 'Change password',
    },
    sync: {
      online: 'Synced', offline: 'Working offline', pending: '{{count}} to sync', unknown: 'Sync state unknown', lastSync: 'Last sync {{time}}',
      refused: 'Hub refused this desk',
      why: SYNC_REFUSED_EN,
      setAside: 'Changes refused: {{count}}',
      setAsideTitle: 'Changes the hub refused (set aside, not sent again; everything else syncs as usual)',
      setAsideItem: '{{table}}: {{why}}',
      setAsideMore: '{{count}} more',
    },
    clock: {
      fast: 'This PC’s clock is {{amount}} fast',
      slow: 'This PC’s clock is {{amount}} slow',
      hint: 'Set this PC’s time right. Until then its changes are stamped with the hub’s time and sync as usual.',
      d: '{{count}} d', h: '{{count}} h', m: '{{count}} min',
    },
    connection: { lost: 'Lost the connection to this workstation’s service; reconnecting…' },
    workspace: {
      frontdesk: 'Front desk', consult: 'Consult room', billing: 'Billing', pharmacy: 'Pharmacy', display: 'Waiting-room display', admin: 'Admin',
    },
    forbidden: {
      title: 'Not allowed', body: 'Your account ({{roles}}) cannot open “{{workspace}}”. Choose one of the workspaces above.',
    },
    noWorkspace: 'Your account has no workspace; ask the administrator to give it a role.',
    admin: { title: 'Admin', body: 'Rosters, master data, accounts and statistics are kept on the hub’s admin pages.' },
    password: { title: 'Change password', current: 'Current password', next: 'New password', repeat: 'New password again', mismatch: 'The new passwords differ', done: 'Password changed' },
    pending: 'Not available yet: the workstation service does not offer “{{what}}” yet.',
  },
);
