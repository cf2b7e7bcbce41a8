import { area } from '../define';

/** What a VALIDATION error says next to a field; `field` when no better text is known. */
export const validation = area(
  {
    field: '此项填写有误', required: '必填', tooLong: '内容太长',
    byField: {
      reference: '扫码支付必须填写交易单号', priorityReason: '请选择优先就诊的原因', icd10: '此编码不在 ICD-10 诊断表中', dose: '请填写正确的剂量',
      days: '天数应为 1–365 的整数', quantity: '请填写整数数量', expiryDate: '请填写有效期', birthDate: '出生日期无效', tenderedFen: '只有现金支付需要填写实收金额',
      sessionId: '请选择出诊时段', name: '请填写姓名',
      complaint: '模板至少要有一栏内容', appId: '应用 ID 为 8–32 位数字', gatewayUrl: '请填写 http(s) 开头的地址', notifyUrl: '请填写 http(s) 开头的地址',
      privateKey: '不是 PEM 格式的 RSA 私钥', alipayPublicKey: '不是 PEM 格式的 RSA 公钥（请粘贴支付宝公钥，不是私钥）',
      portalCancelCutoffMinutes: '请填写 0–10080 之间的整数（分钟）', portalBookingsPerDay: '请填写 1–20 之间的整数',
    },
  },
  {
    field: 'Please check this field', required: 'Required', tooLong: 'Too long',
    byField: {
      reference: 'A QR payment needs its transaction reference', priorityReason: 'Choose the reason for priority', icd10: 'This code is not in the ICD-10 table',
      dose: 'Enter a valid dose', days: 'Days: a whole number from 1 to 365', quantity: 'Enter a whole quantity', expiryDate: 'Enter the expiry date',
      birthDate: 'Not a valid birth date', tenderedFen: 'Only cash has an amount handed over', sessionId: 'Choose a session', name: 'Enter the name',
      complaint: 'A template needs text in at least one field', appId: 'The app ID is 8–32 digits', gatewayUrl: 'An address starting with http(s)', notifyUrl: 'An address starting with http(s)',
      privateKey: 'Not an RSA private key in PEM', alipayPublicKey: "Not an RSA public key in PEM (paste Alipay's public key, not a private key)",
      portalCancelCutoffMinutes: 'A whole number of minutes from 0 to 10080', portalBookingsPerDay: 'A whole number from 1 to 20',
    },
  },
);
