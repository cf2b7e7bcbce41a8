/**
 * Tencent Cloud SMS (API 3.0, SendSms, version 2021-01-11), signed TC3-HMAC-SHA256 as Tencent
 * documents it: a canonical request of the method, path, query, the signed headers
 * (content-type, host, x-tc-action) and the body's SHA-256; the string to sign names the
 * algorithm, timestamp and credential scope (date/sms/tc3_request); the key is derived from
 * "TC3" + SecretKey by HMAC over the date, the service and "tc3_request". Our own client over
 * fetch: no SDK. The message id goes as SessionContext and comes back with the answer.
 */
import { createHash, createHmac } from 'node:crypto';

export interface TencentSmsKeys {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region?: string;
  /** Default https://sms.tencentcloudapi.com (tests: a local server). */
  endpoint?: string;
}

export interface SmsRequest {
  messageId: string;
  /** E.164, e.g. +8613800138000. */
  phone: string;
  templateId: string;
  params: string[];
}

/** sent: the provider took it; refused: it answered no (the reason is its own); keyFailed: our keys are wrong; unreachable: try again later. */
export type SmsOutcome =
  | { kind: 'sent'; providerRef: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'keyFailed'; reason: string }
  | { kind: 'unreachable'; reason: string };

const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** The Authorization header of a request with this body, host and timestamp (seconds). */
export function tc3Authorization(keys: Pick<TencentSmsKeys, 'secretId' | 'secretKey'>, host: string, body: string, timestamp: number): string {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = ['POST', '/', '', `content-type:${CONTENT_TYPE}`, `host:${host}`, `x-tc-action:${ACTION.toLowerCase()}`, '',
    'content-type;host;x-tc-action', sha256(body)].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${keys.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signing).update(toSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${keys.secretId}/${scope}, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`;
}

interface TencentAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string; SessionContext?: string }[];
  };
}

/** Sends one message; never throws (a network failure is `unreachable`). */
export async function sendTencentSms(keys: TencentSmsKeys, req: SmsRequest, nowMs: number, timeoutMs = 10_000): Promise<SmsOutcome> {
  const url = new URL(keys.endpoint ?? 'https://sms.tencentcloudapi.com');
  const body = JSON.stringify({
    PhoneNumberSet: [req.phone], SmsSdkAppId: keys.sdkAppId, SignName: keys.signName, TemplateId: req.templateId,
    TemplateParamSet: req.params, SessionContext: req.messageId,
  });
  const timestamp = Math.floor(nowMs / 1000);
  let answer: TencentAnswer;
  try {
    const res = await fetch(url, {
      method: 'POST', body, signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': CONTENT_TYPE, 'X-TC-Action': ACTION, 'X-TC-Version': VERSION, 'X-TC-Timestamp': String(timestamp),
        'X-TC-Region': keys.region ?? 'ap-guangzhou', Authorization: tc3Authorization(keys, url.host, body, timestamp),
      },
    });
    if (res.status >= 500) return { kind: 'unreachable', reason: `HTTP ${res.status}` };
    answer = await res.json() as TencentAnswer;
  } catch (err) {
    return { kind: 'unreachable', reason: err instanceof Error ? err.message : String(err) };
  }
  const error = answer.Response?.Error;
  if (error) {
    const reason = `${error.Code ?? 'Error'}: ${error.Message ?? ''}`.trim();
    if (error.Code?.startsWith('AuthFailure')) return { kind: 'keyFailed', reason };
    if (error.Code === 'InternalError' || error.Code === 'RequestLimitExceeded') return { kind: 'unreachable', reason };
    return { kind: 'refused', reason };
  }
  const status = answer.Response?.SendStatusSet?.[0];
  if (!status) return { kind: 'unreachable', reason: 'the answer had no send status' };
  if (status.Code === 'Ok') return { kind: 'sent', providerRef: status.SerialNo ?? '' };
  return { kind: 'refused', reason: `${status.Code ?? 'Error'}: ${status.Message ?? ''}` };
}
