import { area } from '../define';

/** The first-run wizard: a new clinic, or joining a hub. */
export const setup = area(
  {
    title: '首次设置',
    intro: '这台电脑还没有设置。请选择开设新诊所，或加入诊所已有的中心服务器。',
    choose: {
      label: '设置方式',
      newClinic: '开设新诊所', newClinicHint: '本机运行中心服务器，并创建第一个管理员账号。以后其他电脑可用配对码加入。',
      join: '加入已有诊所', joinHint: '连接局域网上的中心服务器，输入中心服务器显示的配对码。',
    },
    newClinic: {
      title: '开设新诊所', clinicName: '诊所名称', clinicNameEn: '英文名称（可选）', clinicNameEnHint: '用于英文单据；不填则与诊所名称相同',
      admin: '第一个管理员账号', username: '用户名', usernameHint: '小写字母开头，可含数字和 . _ -，3–32 位', displayName: '姓名',
      password: '密码', passwordHint: '至少 8 位，包含字母和数字', repeat: '再输入一次密码', mismatch: '两次输入的密码不一致',
      submit: '创建诊所', busy: '正在创建诊所并启动中心服务器，约需十几秒…',
    },
    join: {
      title: '加入已有诊所', found: '局域网上找到的中心服务器', searching: '正在查找…', none: '没有找到。请检查网络，或直接输入地址。',
      refresh: '重新查找', picked: '已选择', fingerprint: '证书指纹 {{fp}}',
      address: '中心服务器地址', addressHint: '例如 192.168.1.10 或 192.168.1.10:5190（默认端口 5190）',
      code: '配对码', codeHint: '中心服务器上显示的 6 位数字',
      submit: '加入', busy: '正在配对并同步数据…',
    },
    invalid: {
      address: '地址格式不对：例如 192.168.1.10 或 192.168.1.10:5190', code: '配对码为 6 位数字', username: '用户名须小写字母开头，3–32 位',
      clinicName: '请填写诊所名称', displayName: '请填写姓名', password: '请填写密码', clinicNameEn: '英文名称太长', fingerprint: '证书指纹格式不对',
    },
    done: { newClinic: '诊所已创建。请用管理员账号 {{username}} 登录。', joined: '已加入诊所。请用您的账号登录。', notSynced: '已加入诊所，数据仍在同步中，稍候即可登录。' },
  },
  {
    title: 'First-run setup',
    intro: 'This computer is not set up yet. Start a new clinic, or join the hub your clinic already runs.',
    choose: {
      label: 'How to set up',
      newClinic: 'Start a new clinic', newClinicHint: 'This PC runs the hub, and the first admin account is made. Other PCs join it later with a pairing code.',
      join: 'Join an existing clinic', joinHint: 'Connect to the hub on the LAN with the pairing code the hub shows.',
    },
    newClinic: {
      title: 'Start a new clinic', clinicName: 'Clinic name', clinicNameEn: 'English name (optional)', clinicNameEnHint: 'For English documents; left empty: the clinic name',
      admin: 'The first admin account', username: 'Username', usernameHint: 'Lower-case letter first, then letters, digits, . _ -; 3–32', displayName: 'Full name',
      password: 'Password', passwordHint: 'At least 8 characters with a letter and a digit', repeat: 'Password again', mismatch: 'The passwords differ',
      submit: 'Create the clinic', busy: 'Creating the clinic and starting the hub; this takes a few seconds…',
    },
    join: {
      title: 'Join an existing clinic', found: 'Hubs found on the LAN', searching: 'Searching…', none: 'None found. Check the network, or type the address.',
      refresh: 'Search again', picked: 'Chosen', fingerprint: 'Certificate {{fp}}',
      address: 'Hub address', addressHint: 'For example 192.168.1.10 or 192.168.1.10:5190 (port 5190 by default)',
      code: 'Pairing code', codeHint: 'The 6 digits the hub shows',
      submit: 'Join', busy: 'Pairing and syncing the data…',
    },
    invalid: {
      address: 'Not an address: for example 192.168.1.10 or 192.168.1.10:5190', code: 'The pairing code has 6 digits', username: 'A lower-case letter first; 3–32 characters',
      clinicName: 'Enter the clinic name', displayName: 'Enter the full name', password: 'Enter the password', clinicNameEn: 'The English name is too long', fingerprint: 'Not a certificate fingerprint',
    },
    done: { newClinic: 'The clinic is set up. Log in as the admin {{username}}.', joined: 'Joined the clinic. Log in with your account.', notSynced: 'Joined the clinic; the data is still syncing, log in in a moment.' },
  },
);
