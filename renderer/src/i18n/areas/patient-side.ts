/** The admin screens for the patient side: record templates, kiosks, online payment, portal settings, patients' ratings. */
import { area } from '../define';

export const patientSide = area(
  {
    templates: {
      tab: '病历模板', title: '病历模板', hint: '医生写病历时可按就诊科室选用模板，模板内容填入病历中尚未填写的栏目。',
      newTemplate: '新建模板', editTemplate: '编辑模板', department: '科室', allDepartments: '全部科室', name: '模板名称',
      complaint: '主诉', presentIllness: '现病史', pastHistory: '既往史', findings: '体格检查', plan: '处理意见', preview: '主诉预览',
      updatedAt: '修改时间', saved: '模板已保存：{{name}}', none: '还没有病历模板。', departmentFixed: '模板建好后不能换科室（可停用后在新科室另建）',
    },
    kiosks: {
      title: '自助签到机', hint: '在入口的自助签到机（患者端浏览器）上打开下面的地址一次，它即成为签到机；令牌只显示这一次。同名签到机重新发令牌后旧令牌失效。',
      name: '签到机名称', namePlaceholder: '如：大厅入口', issue: '生成令牌', tokenTitle: '签到机 {{name}} 的令牌', tokenOnce: '令牌只显示这一次，关闭后无法再次查看。',
      address: '在签到机上打开', steps: '在签到机的浏览器中打开上面的地址（中心服务器的患者端端口，默认 4880），页面会换成签到机自己的登录凭证并从地址中去掉令牌，然后设为全屏。',
      done: '已记下，关闭', issuedBy: '发放人', issuedAt: '发放时间', lastUsed: '最后使用', never: '尚未使用', live: '可用', revoked: '已吊销',
      revoke: '吊销', revokeConfirm: '吊销签到机“{{name}}”？它的下一次操作就会被拒绝，需重新发令牌才能再用。', revokedDone: '已吊销签到机 {{name}}',
      none: '还没有签到机。', table: '签到机列表', copy: '复制', hubAddress: '中心服务器地址',
    },
    gateway: {
      title: '在线支付（支付宝当面付）', hint: '患者在手机或签到机上扫码支付。密钥保存在中心服务器，保存后不再显示；每次修改需重新粘贴两把密钥，并再次输入您的密码。',
      status: '状态', configured: '已设置', notConfigured: '未设置：患者端会提示“请到收费窗口缴费”', appId: '应用 ID（APPID）', mode: '环境',
      production: '正式环境', sandbox: '沙箱（测试）', custom: '其他地址', gatewayUrl: '网关地址', notifyUrl: '异步通知地址',
      notifyHint: '患者端端口的 /pay/alipay/notify，须能被支付宝访问，如 https://patients.example.cn/pay/alipay/notify',
      privateKey: '应用私钥（PEM）', alipayPublicKey: '支付宝公钥（PEM）', keysSet: '已保存（已隐藏）', keysMissing: '未保存',
      keyPlaceholder: '-----BEGIN PRIVATE KEY-----', publicPlaceholder: '-----BEGIN PUBLIC KEY-----', updatedAt: '最后修改', save: '保存设置', saved: '在线支付设置已保存',
      onOff: '开关', enabled: '开启在线支付', enabledHint: '关闭后患者端不再生成付款码（提示到收费窗口缴费），已生成的订单仍会确认；密钥保留。', off: '已关闭',
      turnedOn: '在线支付已开启', turnedOff: '在线支付已关闭',
    },
    settings: {
      portal: '患者端（预约）', bookingNotice: '预约须知（显示在患者端预约页面上方）', cancelCutoff: '就诊前多少分钟内不能再取消或改约',
      perDay: '每位就诊人每天最多预约数',
    },
    ratings: {
      title: '患者评价', hint: '患者在手机上对已完成的就诊打分（1–5 星）并可留言。按就诊日期筛选；每次查询都会记入审计日志。',
      doctor: '医生', commentsOnly: '只看有留言的', averages: '医生平均分', average: '平均分', count: '评价数', comments: '留言数', stars: '评分',
      starsValue: '{{count}} 星', comment: '留言', visitDate: '就诊日期', ratedAt: '评价时间', department: '科室', none: '这段时间没有评价。', list: '评价列表',
    },
  },
  {
    templates: {
      tab: 'Record templates', title: 'Record templates', hint: "A doctor writing a record picks from the templates of the visit's department; a template fills the record's fields that are still empty.",
      newTemplate: 'New template', editTemplate: 'Edit template', department: 'Department', allDepartments: 'All departments', name: 'Template name',
      complaint: 'Chief complaint', presentIllness: 'Present illness', pastHistory: 'Past history', findings: 'Examination', plan: 'Plan', preview: 'Complaint',
      updatedAt: 'Changed', saved: 'Template saved: {{name}}', none: 'No record templates yet.', departmentFixed: 'A template keeps its department (stop it and make a new one in the other department)',
    },
    kiosks: {
      title: 'Self check-in kiosks', hint: 'Open the address below once in the browser of the kiosk at the entrance (the patient port) to make it a kiosk; the token is shown only now. A new token for the same name revokes the old one.',
      name: 'Kiosk name', namePlaceholder: 'e.g. Main entrance', issue: 'New token', tokenTitle: 'Token for kiosk {{name}}', tokenOnce: 'The token is shown only once: it cannot be seen again after this.',
      address: 'Open at the kiosk', steps: "Open the address above in the kiosk's browser (the hub's patient port, 4880 unless set otherwise): the page trades the token for the kiosk's own credential and drops it from the address. Then switch to full screen.",
      done: 'Noted, close', issuedBy: 'Issued by', issuedAt: 'Issued', lastUsed: 'Last used', never: 'Not used yet', live: 'Working', revoked: 'Revoked',
      revoke: 'Revoke', revokeConfirm: 'Revoke kiosk "{{name}}"? Its next action is refused; it needs a new token to work again.', revokedDone: 'Kiosk {{name}} revoked',
      none: 'No kiosk yet.', table: 'Kiosks', copy: 'Copy', hubAddress: 'hub-address',
    },
    gateway: {
      title: 'Online payment (Alipay face-to-face)', hint: 'Patients pay by QR on their phone or at the kiosk. The keys are kept at the hub and never shown again; each change needs both keys pasted again, and your password.',
      status: 'Status', configured: 'Set up', notConfigured: 'Not set up: the patient app says "pay at the counter"', appId: 'App ID', mode: 'Environment',
      production: 'Production', sandbox: 'Sandbox (testing)', custom: 'Other address', gatewayUrl: 'Gateway address', notifyUrl: 'Notify address',
      notifyHint: "The patient port's /pay/alipay/notify, reachable by Alipay, e.g. https://patients.example.cn/pay/alipay/notify",
      privateKey: "App's private key (PEM)", alipayPublicKey: "Alipay's public key (PEM)", keysSet: 'Kept (hidden)', keysMissing: 'Not kept',
      keyPlaceholder: '-----BEGIN PRIVATE KEY-----', publicPlaceholder: '-----BEGIN PUBLIC KEY-----', updatedAt: 'Last changed', save: 'Save', saved: 'Online payment saved',
      onOff: 'On or off', enabled: 'Online payment on', enabledHint: 'Off: no new QR codes (patients are told to pay at the counter); orders already made are still confirmed; the keys are kept.', off: 'Turned off',
      turnedOn: 'Online payment turned on', turnedOff: 'Online payment turned off',
    },
    settings: {
      portal: 'Patient app (booking)', bookingNotice: 'Booking notice (shown above the booking screens)', cancelCutoff: 'No cancelling or moving within this many minutes of the visit',
      perDay: 'Bookings per family member per day',
    },
    ratings: {
      title: 'Patient ratings', hint: 'Patients rate finished visits on their phones (1–5 stars), with an optional comment. Filtered by visit date; every search is written to the audit log.',
      doctor: 'Doctor', commentsOnly: 'With comments only', averages: "Doctors' averages", average: 'Average', count: 'Ratings', comments: 'Comments', stars: 'Stars',
      starsValue: '{{count}} stars', comment: 'Comment', visitDate: 'Visit date', ratedAt: 'Rated', department: 'Department', none: 'No ratings in this period.', list: 'Ratings',
    },
  },
);
