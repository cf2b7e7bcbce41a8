/** Messages to patients: the admin's outbox and SMS provider keys, the front desk's call list, a patient's text-message choice. */
import { area } from '../define';

export const messages = area(
  {
    outbox: {
      title: '短信发件箱', hint: '预约确认、取消、停诊和就诊提醒在这里排队发送。发不出去的会留在前台的电话通知名单里。',
      day: '日期（就诊日）', status: '状态', all: '全部', empty: '这一天没有短信。', refresh: '刷新',
      col: { createdAt: '生成时间', patient: '患者', phone: '电话', kind: '类型', status: '状态', reason: '原因', body: '内容' },
      counts: '待发 {{queued}} · 已发 {{sent}} · 失败 {{failed}} · 已电话通知 {{called}}',
    },
    status: { queued: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', called: '已电话通知' },
    kind: { reminder: '就诊提醒', stop_clinic: '停诊通知', booking_confirmed: '预约确认', booking_cancelled: '预约取消' },
    provider: {
      title: '短信服务商', none: '还没有设置短信服务商：所有短信都会列在前台的电话通知名单里。',
      current: '{{provider}}：密钥 {{key}}，签名 {{sign}}，{{time}} 设置', lastError: '服务商拒绝了密钥（{{time}}）',
      lastErrorHint: '其他功能不受影响；短信会等待，并留在电话通知名单里。', ok: '密钥正常',
      names: { tencent: '腾讯云短信', aliyun: '阿里云短信' }, choose: '服务商',
      secretHint: '密钥只保存在中心服务器上，保存后不再显示；要修改任何一项，请重新填写全部密钥。保存时需要输入您的密码。',
      secretId: 'SecretId', secretKey: 'SecretKey', sdkAppId: '短信应用 SdkAppId', accessKeyId: 'AccessKey ID', accessKeySecret: 'AccessKey Secret',
      signName: '短信签名', region: '地域（可不填）', endpoint: '接口地址（可不填，仅代理时使用）',
      templates: '模板编号', templateZh: '{{kind}}（中文）', templateEn: '{{kind}}（英文）', save: '保存密钥', saved: '短信服务商已保存',
    },
    templates: {
      title: '短信内容', kind: '短信类型', textZh: '中文内容', textEn: '英文内容', preview: '预览（示例数据）',
      hint: '每类短信的中英文内容：电话通知名单照此朗读，新生成的短信按此内容保存（已生成的不变）。填入示例数据后最多 {{max}} 个字（4 条短信）。',
      variables: '可用变量：', standard: '标准内容', custom: '诊所自定义内容（{{time}} 保存）',
      length_one: '{{chars}} 个字 · {{count}} 条短信', length_other: '{{chars}} 个字 · {{count}} 条短信',
      provider: '服务商模板内容（可不填）', providerHint: '粘贴在服务商处审核通过的模板，检查其变量：阿里云 ${name} 等，腾讯云 {1} 至 {5}。',
      code: '服务商模板编号：{{code}}（随密钥设置）', noCode: '服务商还没有这一类的模板编号（在下方随密钥设置）', noProvider: '还没有设置短信服务商',
      save: '保存短信内容', reset: '恢复标准内容', saved: '短信内容已保存', wasReset: '已恢复标准内容',
      problems: '有 {{count}} 处问题，未保存', problem: {
        empty: '不能为空。', unknown_variable: '没有变量 {{variable}}。', unbalanced_braces: '大括号不成对。',
        too_long: '太长：{{length}} 个字，最多 {{max}} 个。', provider_variables: '变量与系统发送的不符，应为 {{expected}}。',
      },
    },
    calls: {
      title: '电话通知', hint: '这一天发不出去的短信（没有服务商、没有网络或发送失败）：请电话通知患者，然后勾选。',
      day: '就诊日', empty: '这一天没有需要电话通知的患者。', mark: '已通知', toCall: '待通知 {{count}} 位',
      today: '今天', tomorrow: '明天', print: '打印通知单',
      col: { patient: '患者', phone: '电话', kind: '事项', reason: '未发出原因', done: '已通知' },
    },
    pref: {
      title: '短信通知', optedOut: '不接收短信', language: '短信语言', saved: '已保存短信设置', hubAway: '连不上中心服务器，暂时不能查看或修改短信设置。', hubLogin: '输入密码以查看短信设置',
      languages: { 'zh-CN': '中文', en: '英文' },
    },
  },
  {
    outbox: {
      title: 'Text message outbox', hint: 'Booking confirmations, cancellations, stop-clinic notices and reminders wait here to be sent. What cannot be sent stays on the front desk’s call list.',
      day: 'Day (of the appointment)', status: 'Status', all: 'All', empty: 'No messages for this day.', refresh: 'Refresh',
      col: { createdAt: 'Created', patient: 'Patient', phone: 'Phone', kind: 'Kind', status: 'Status', reason: 'Reason', body: 'Text' },
      counts: '{{queued}} waiting · {{sent}} sent · {{failed}} failed · {{called}} called',
    },
    status: { queued: 'Waiting', sending: 'Sending', sent: 'Sent', failed: 'Failed', called: 'Called' },
    kind: { reminder: 'Reminder', stop_clinic: 'Stop-clinic notice', booking_confirmed: 'Booking confirmed', booking_cancelled: 'Booking cancelled' },
    provider: {
      title: 'Text message provider', none: 'No provider yet: every message is on the front desk’s call list.',
      current: '{{provider}}: key {{key}}, sign name {{sign}}, set {{time}}', lastError: 'The provider refused our keys ({{time}})',
      lastErrorHint: 'Nothing else is affected; messages wait and stay on the call list.', ok: 'Keys working',
      names: { tencent: 'Tencent Cloud SMS', aliyun: 'Aliyun SMS' }, choose: 'Provider',
      secretHint: 'Keys are kept at the hub only and never shown again; to change anything, type all the keys again. Saving asks for your password.',
      secretId: 'SecretId', secretKey: 'SecretKey', sdkAppId: 'SMS SdkAppId', accessKeyId: 'AccessKey ID', accessKeySecret: 'AccessKey Secret',
      signName: 'Sign name', region: 'Region (optional)', endpoint: 'Endpoint (optional, for a proxy)',
      templates: 'Template ids', templateZh: '{{kind}} (Chinese)', templateEn: '{{kind}} (English)', save: 'Save keys', saved: 'Text message provider saved',
    },
    templates: {
      title: 'Message texts', kind: 'Kind of message', textZh: 'Chinese text', textEn: 'English text', preview: 'Preview (sample values)',
      hint: 'The Chinese and English text of each kind: the call list reads it out, and new messages keep it (those already queued do not change). With sample values filled in, at most {{max}} characters (4 SMS).',
      variables: 'Variables:', standard: 'Standard texts', custom: 'The clinic’s own texts (saved {{time}})',
      length_one: '{{chars}} characters · {{count}} SMS', length_other: '{{chars}} characters · {{count}} SMS',
      provider: 'Provider’s template (optional)', providerHint: 'Paste the template approved at the provider to check its variables: Aliyun ${name} and so on, Tencent {1} to {5}.',
      code: 'Provider template code: {{code}} (set with the keys)', noCode: 'The provider has no template code for this kind yet (set it with the keys below)', noProvider: 'No text message provider yet',
      save: 'Save texts', reset: 'Back to standard', saved: 'Message texts saved', wasReset: 'Back to the standard texts',
      problems: '{{count}} problem(s): nothing was saved', problem: {
        empty: 'Must not be empty.', unknown_variable: 'There is no variable {{variable}}.', unbalanced_braces: 'Braces do not pair up.',
        too_long: 'Too long: {{length}} characters, at most {{max}}.', provider_variables: 'Its variables are not the ones we send: use {{expected}}.',
      },
    },
    calls: {
      title: 'Calls', hint: 'The day’s messages that did not go out (no provider, no internet, or failed): phone the patient, then tick.',
      day: 'Appointment day', empty: 'Nobody to call for this day.', mark: 'Called', toCall: '{{count}} to call',
      today: 'Today', tomorrow: 'Tomorrow', print: 'Print the list',
      col: { patient: 'Patient', phone: 'Phone', kind: 'About', reason: 'Not sent because', done: 'Called' },
    },
    pref: {
      title: 'Text messages', optedOut: 'No text messages', language: 'Language of texts', saved: 'Text message choice saved', hubAway: 'The hub cannot be reached: the text message choice can be seen and changed once it is back.', hubLogin: 'Type your password to see the text message choice',
      languages: { 'zh-CN': 'Chinese', en: 'English' },
    },
  },
);
