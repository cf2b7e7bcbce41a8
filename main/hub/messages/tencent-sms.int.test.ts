/**
 * Our Tencent SMS client against a local server that checks TC3-HMAC-SHA256 as Tencent does
 * (main/hub/messages/tencent-sms.testing.ts): right keys are sent, a wrong key or secret id is
 * refused and reported as a key failure, a provider that is away is "try again later".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sendTencentSms, type SmsRequest } from './tencent-sms';
import { startFakeTencentSms, type FakeTencentSms } from './tencent-sms.testing';

const KEYS = { secretId: 'AKIDtest0001', secretKey: 'test-secret-key-made-here' };
const REQ: SmsRequest = { messageId: 'm-1', phone: '+8613800138000', templateId: '1001', params: ['张三', '康宁诊所', '2026-11-24', '上午', '李明'] };
const NOW = Date.parse('2026-11-23T10:00:00Z');

let fake: FakeTencentSms | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Tencent SMS client', () => {
  it('sends a message the server accepts as signed right, with the message id as its session context', async () => {
    fake = await startFakeTencentSms(KEYS);
    const out = await sendTencentSms({ ...KEYS, sdkAppId: '1400000000', signName: '康宁诊所', endpoint: fake.url }, REQ, NOW);
    expect(out).toEqual({ kind: 'sent', providerRef: 'serial-1' });
    expect(fake.accepted).toEqual([{ phone: '+8613800138000', templateId: '1001', params: REQ.params, sessionContext: 'm-1' }]);
  });

  it('is refused with a wrong secret key or id: a key failure with the provider\'s reason, nothing sent', async () => {
    fake = await startFakeTencentSms(KEYS);
    const wrongKey = await sendTencentSms({ ...KEYS, secretKey: 'not-the-key', sdkAppId: '1', signName: 's', endpoint: fake.url }, REQ, NOW);
    expect(wrongKey).toEqual({ kind: 'keyFailed', reason: 'AuthFailure.SignatureFailure: refused: AuthFailure.SignatureFailure' });
    const wrongId = await sendTencentSms({ ...KEYS, secretId: 'AKIDother', sdkAppId: '1', signName: 's', endpoint: fake.url }, REQ, NOW);
    expect(wrongId.kind).toBe('keyFailed');
    expect(fake.refused).toEqual(['AuthFailure.SignatureFailure', 'AuthFailure.SecretIdNotFound']);
    expect(fake.accepted).toEqual([]);
  });

  it('says "unreachable" when the provider is away or nothing listens', async () => {
    fake = await startFakeTencentSms(KEYS);
    fake.down = true;
    expect((await sendTencentSms({ ...KEYS, sdkAppId: '1', signName: 's', endpoint: fake.url }, REQ, NOW)).kind).toBe('unreachable');
    const url = fake.url;
    await fake.close();
    fake = undefined;
    expect((await sendTencentSms({ ...KEYS, sdkAppId: '1', signName: 's', endpoint: url }, REQ, NOW, 2_000)).kind).toBe('unreachable');
  });
});
