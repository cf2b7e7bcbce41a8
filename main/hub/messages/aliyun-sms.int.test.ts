/**
 * Our Aliyun SMS client against a local server that recomputes the RPC HMAC-SHA1 signature as
 * Aliyun documents it (main/hub/messages/aliyun-sms.testing.ts): right keys are sent (Chinese
 * parameters and all), a refused number is "refused" with Aliyun's reason, a wrong secret or key
 * id is a key failure, a provider away is "try again later".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { aliyunSignature, popEncode, sendAliyunSms } from './aliyun-sms';
import { startFakeAliyunSms, type FakeAliyunSms } from './aliyun-sms.testing';
import type { SmsRequest } from './tencent-sms';

const KEYS = { accessKeyId: 'LTAItest0001', accessKeySecret: 'test-secret-made-here' };
const REQ: SmsRequest = { messageId: 'm-1', phone: '+8613800138000', templateId: 'SMS_100001', params: ['张三', '康宁诊所', '2026-11-24', '上午', '李明'] };
const NOW = Date.parse('2026-11-23T10:00:00Z');

let fake: FakeAliyunSms | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Aliyun SMS client', () => {
  it('signs as Aliyun\'s documented example does', () => {
    // Aliyun's RPC signing example (AccessKeySecret "testsecret", the DescribeRegions request).
    const params = {
      AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
    };
    const canonical = Object.keys(params).sort().map((k) => `${k}=${popEncode(params[k as keyof typeof params])}`).join('&');
    expect(canonical).toBe('AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26');
    expect(popEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(aliyunSignature('testsecret', params, 'GET')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(aliyunSignature('testsecret', params)).not.toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY='); // ours are POSTs: the method is signed
  });

  it('sends a message the server accepts as signed right, with named parameters and the message id as OutId', async () => {
    fake = await startFakeAliyunSms(KEYS);
    const out = await sendAliyunSms({ ...KEYS, signName: '康宁诊所', endpoint: fake.url }, REQ, NOW);
    expect(out).toEqual({ kind: 'sent', providerRef: 'biz-1' });
    expect(fake.accepted).toEqual([{
      phone: '13800138000', templateCode: 'SMS_100001', outId: 'm-1', signName: '康宁诊所',
      params: { name: '张三', clinic: '康宁诊所', date: '2026-11-24', period: '上午', doctor: '李明' },
    }]);
    // A number abroad goes with its 00 prefix.
    expect(await sendAliyunSms({ ...KEYS, signName: 's', endpoint: fake.url }, { ...REQ, phone: '+85291234567' }, NOW)).toEqual({ kind: 'sent', providerRef: 'biz-2' });
    expect(fake.accepted[1]?.phone).toBe('0085291234567');
  });

  it('is refused for a number Aliyun does not take: refused with its reason, not a key failure', async () => {
    fake = await startFakeAliyunSms(KEYS);
    fake.refuseNumbers.add('13800138000');
    expect(await sendAliyunSms({ ...KEYS, signName: 's', endpoint: fake.url }, REQ, NOW)).toEqual({ kind: 'refused', reason: 'isv.MOBILE_NUMBER_ILLEGAL: 非法手机号' });
    expect(fake.accepted).toEqual([]);
  });

  it('is refused with a wrong secret or key id: a key failure with the provider\'s reason, nothing sent', async () => {
    fake = await startFakeAliyunSms(KEYS);
    const wrongSecret = await sendAliyunSms({ ...KEYS, accessKeySecret: 'not-the-secret', signName: 's', endpoint: fake.url }, REQ, NOW);
    expect(wrongSecret.kind).toBe('keyFailed');
    expect(wrongSecret.kind === 'keyFailed' && wrongSecret.reason).toMatch(/^SignatureDoesNotMatch: /);
    const wrongId = await sendAliyunSms({ ...KEYS, accessKeyId: 'LTAIother', signName: 's', endpoint: fake.url }, REQ, NOW);
    expect(wrongId).toEqual({ kind: 'keyFailed', reason: 'InvalidAccessKeyId.NotFound: Specified access key is not found.' });
    expect(fake.refused).toEqual(['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound']);
    expect(fake.accepted).toEqual([]);
  });

  it('says "unreachable" when the provider is away or nothing listens', async () => {
    fake = await startFakeAliyunSms(KEYS);
    fake.down = true;
    expect(await sendAliyunSms({ ...KEYS, signName: 's', endpoint: fake.url }, REQ, NOW)).toEqual({ kind: 'unreachable', reason: 'HTTP 503' });
    const url = fake.url;
    await fake.close();
    fake = undefined;
    expect((await sendAliyunSms({ ...KEYS, signName: 's', endpoint: url }, REQ, NOW, 2_000)).kind).toBe('unreachable');
  });
});
