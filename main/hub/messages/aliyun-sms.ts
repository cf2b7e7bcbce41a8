/**
 * Aliyun SMS (Dysmsapi 2017-05-25, SendSms), signed as Aliyun documents its RPC-style API
 * (SignatureVersion 1.0, HMAC-SHA1): every parameter, the common ones (AccessKeyId, Action,
 * Format, RegionId, SignatureMethod, SignatureNonce, SignatureVersion, Timestamp, Version) and
 * the action's, percent-encoded (RFC 3986: space %20, `*` %2A, `~` kept), sorted by name and
 * joined into the canonical query; the string to sign is `POST&%2F&` + that query encoded once
 * more; the signature is base64 HMAC-SHA1 with `AccessKeySecret&`. Our own client over fetch
 * rather than `@alicloud/dysmsapi20170525` (its Tea runtime and a dozen packages for one call),
 * the same shape as the Tencent one. The message id goes as OutId. Aliyun templates name their
 * variables (${name}), so the parameters go as a JSON object keyed by TEMPLATE_VARIABLES.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { SmsOutcome, SmsRequest } from './tencent-sms';
import { TEMPLATE_VARIABLES } from './templates';

export interface AliyunSmsKeys {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  region?: string;
  /** Default https://dysmsapi.aliyuncs.com (tests: a local server). */
  endpoint?: string;
}

/** RFC 3986 percent-encoding as Aliyun's POP signing wants it. */
export function popEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature of these parameters (Signature itself left out); we send POSTs. */
export function aliyunSignature(secret: string, params: Readonly<Record<string, string>>, method: 'POST' | 'GET' = 'POST'): string {
  const canonical = Object.keys(params).filter((k) => k !== 'Signature').sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k] ?? '')}`).join('&');
  const toSign = `${method}&${popEncode('/')}&${popEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign, 'utf8').digest('base64');
}

/** The answer's codes that mean our account or keys are wrong: every message would fail the same way. */
const KEY_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidTimeStamp|SignatureNonceUsed|Forbidden|isp\.RAM_PERMISSION_DENY|isv\.(ACCOUNT_NOT_EXISTS|ACCOUNT_ABNORMAL|AMOUNT_NOT_ENOUGH|OUT_OF_SERVICE|SMS_SIGNATURE_ILLEGAL|SMS_SIGN_ILLEGAL))/;
/** The provider busy or limiting: try again later. */
const LATER_CODES = /^(isp\.SYSTEM_ERROR|ServiceUnavailable|InternalError|Throttling|isv\.BUSINESS_LIMIT_CONTROL)/;

interface AliyunAnswer { Code?: string; Message?: string; BizId?: string; RequestId?: string }

/** The phone number as Aliyun takes it: mainland numbers without +86, others with their 00 prefix. */
export function aliyunPhone(e164: string): string {
  if (e164.startsWith('+86')) return e164.slice(3);
  return e164.startsWith('+') ? `00${e164.slice(1)}` : e164;
}

/** Sends one message; never throws (a network failure is `unreachable`). */
export async function sendAliyunSms(keys: AliyunSmsKeys, req: SmsRequest, nowMs: number, timeoutMs = 10_000): Promise<SmsOutcome> {
  const url = new URL(keys.endpoint ?? 'https://dysmsapi.aliyuncs.com/');
  const templateParam = Object.fromEntries(TEMPLATE_VARIABLES.map((k, i) => [k, req.params[i] ?? '']));
  const params: Record<string, string> = {
    AccessKeyId: keys.accessKeyId, Action: 'SendSms', Format: 'JSON', RegionId: keys.region ?? 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1', SignatureNonce: randomUUID(), SignatureVersion: '1.0',
    Timestamp: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2017-05-25',
    PhoneNumbers: aliyunPhone(req.phone), SignName: keys.signName, TemplateCode: req.templateId,
    TemplateParam: JSON.stringify(templateParam), OutId: req.messageId,
  };
  params['Signature'] = aliyunSignature(keys.accessKeySecret, params);
  const body = Object.entries(params).map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join('&');
  let answer: AliyunAnswer;
  try {
    const res = await fetch(url, {
      method: 'POST', body, signal: AbortSignal.timeout(timeoutMs),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Accept: 'application/json' },
    });
    if (res.status >= 500) return { kind: 'unreachable', reason: `HTTP ${res.status}` };
    answer = await res.json() as AliyunAnswer;
  } catch (err) {
    return { kind: 'unreachable', reason: err instanceof Error ? err.message : String(err) };
  }
  const code = answer.Code ?? '';
  if (code === 'OK') return { kind: 'sent', providerRef: answer.BizId ?? '' };
  const reason = `${code || 'Error'}: ${answer.Message ?? ''}`.trim();
  if (KEY_CODES.test(code)) return { kind: 'keyFailed', reason };
  if (LATER_CODES.test(code) || code === '') return { kind: 'unreachable', reason };
  return { kind: 'refused', reason };
}
