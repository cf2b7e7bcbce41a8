/**
 * The outbox's sender (the 'messages.send' job): due queued messages go to the clinic's SMS
 * provider one by one, each claimed first so it is sent at most once. Provider away: back to the
 * queue with a growing wait (given up as failed after MAX_ATTEMPTS). Our keys refused: the
 * provider (Tencent Cloud or Aliyun) is marked failed (shown on the admin screen), the messages wait on the queue and the
 * call list, and nothing else stops. No provider: nothing is sent; the call list has them all.
 */
import { sendAliyunSms, type AliyunSmsKeys } from './aliyun-sms';
import { sendTencentSms, type SmsOutcome, type SmsRequest, type TencentSmsKeys } from './tencent-sms';
import { MAX_ATTEMPTS, retryDelayMs, type MessageKind } from './templates';
import type { OutboxStore, ProviderRow } from './store';

export const SMS_PROVIDERS = ['tencent', 'aliyun'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

/** The provider's template id for a kind and language: `template.<kind>.<lang>`, else `template.<kind>`. */
export function templateIdOf(keys: Readonly<Record<string, string>>, kind: MessageKind, language: string): string | undefined {
  return keys[`template.${kind}.${language}`] ?? keys[`template.${kind}`];
}

function sendVia(p: ProviderRow, req: SmsRequest, now: number): Promise<SmsOutcome> {
  if (p.provider === 'tencent') {
    const k = p.keys;
    const keys: TencentSmsKeys = {
      secretId: k['secretId'] ?? '', secretKey: k['secretKey'] ?? '', sdkAppId: k['sdkAppId'] ?? '', signName: k['signName'] ?? '',
      ...(k['region'] ? { region: k['region'] } : {}), ...(k['endpoint'] ? { endpoint: k['endpoint'] } : {}),
    };
    return sendTencentSms(keys, req, now);
  }
  if (p.provider === 'aliyun') {
    const k = p.keys;
    const keys: AliyunSmsKeys = {
      accessKeyId: k['accessKeyId'] ?? '', accessKeySecret: k['accessKeySecret'] ?? '', signName: k['signName'] ?? '',
      ...(k['region'] ? { region: k['region'] } : {}), ...(k['endpoint'] ? { endpoint: k['endpoint'] } : {}),
    };
    return sendAliyunSms(keys, req, now);
  }
  return Promise.resolve({ kind: 'keyFailed', reason: `unknown provider ${p.provider}` });
}

export interface SendSummary { sent: number; failed: number; waiting: number; keyFailed: string | null }

/** One pass over the due messages; answers what happened. */
export async function sendDueMessages(outbox: OutboxStore, now: () => number, limit = 100): Promise<SendSummary> {
  const out: SendSummary = { sent: 0, failed: await outbox.failInterrupted(), waiting: 0, keyFailed: null };
  const provider = await outbox.provider();
  const due = await outbox.due(now(), limit);
  if (!provider) return { ...out, waiting: due.length };
  for (const [i, m] of due.entries()) {
    const templateId = templateIdOf(provider.keys, m.kind, m.language);
    if (!(await outbox.claim(m.id, provider.provider))) continue;
    if (!templateId || !m.phone) {
      await outbox.markFailed(m.id, !m.phone ? 'no phone number' : `no ${provider.provider} template for ${m.kind}`);
      out.failed += 1;
      continue;
    }
    const result = await sendVia(provider, { messageId: m.id, phone: m.phone, templateId, params: m.params }, now());
    if (result.kind === 'sent') {
      await outbox.markSent(m.id, result.providerRef, now());
      out.sent += 1;
      if (provider.lastError !== null) await outbox.providerFailed(provider.provider, null, now());
    } else if (result.kind === 'refused') {
      await outbox.markFailed(m.id, result.reason);
      out.failed += 1;
    } else if (result.kind === 'unreachable' && m.attempts + 1 >= MAX_ATTEMPTS) {
      await outbox.markFailed(m.id, `gave up after ${MAX_ATTEMPTS} tries: ${result.reason}`);
      out.failed += 1;
    } else {
      // Away or our keys refused: this one and the rest wait (the next pass tries again).
      await outbox.requeue(m.id, result.reason, now() + retryDelayMs(m.attempts + 1));
      out.waiting += due.length - i;
      if (result.kind === 'keyFailed') {
        await outbox.providerFailed(provider.provider, result.reason, now());
        out.keyFailed = result.reason;
      }
      break;
    }
  }
  return out;
}

export function describeSend(s: SendSummary): string {
  return `${s.sent} sent, ${s.failed} failed, ${s.waiting} waiting${s.keyFailed ? `; the provider refused our keys: ${s.keyFailed}` : ''}`;
}
