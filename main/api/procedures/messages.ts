/**
 * Messages to patients, kept at the hub's outbox (main/hub/messages): the admin's list with each
 * message's status and the SMS provider's state (its keys are set with the admin's password and
 * never read back), and the front desk's call list of what was not sent, ticked off as called.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Id, Instant, IsoDate, Ok } from '../schemas';
import { ConfirmPassword } from './org-schemas';

export const MessageStatus = z.enum(['queued', 'sending', 'sent', 'failed', 'called']);
export const MessageLanguage = z.enum(['zh-CN', 'en']);

export const MessageView = z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'stop_clinic', 'booking_confirmed', 'booking_cancelled']),
  patientId: z.string(),
  patientName: z.string(),
  phone: z.string().nullable(),
  language: MessageLanguage,
  body: z.string(),
  day: IsoDate,
  status: MessageStatus,
  attempts: z.number().int().nonnegative(),
  /** The provider's reason when it failed (or why it waits). */
  reason: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
  calledAt: Instant.nullable(),
});

const Secret = z.string().min(1).max(200);
/** Provider template ids by kind (and optionally `<kind>.en` for English). */
const TemplateKey = z.string().regex(/^(reminder|stop_clinic|booking_confirmed|booking_cancelled)(\.en|\.zh-CN)?$/);
const TemplateIds = z.record(TemplateKey, z.string().min(1).max(40));
/** Another endpoint than the provider's own (a proxy); https only, except on this PC. */
const Endpoint = z.url().refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u), 'https only');

export const SmsProvider = z.enum(['tencent', 'aliyun']);

/** Tencent Cloud SMS: SecretId/SecretKey, the SMS app id, the signature name, numeric template ids. */
const TencentKeys = z.strictObject({
  provider: z.literal('tencent'), secretId: Secret, secretKey: Secret, sdkAppId: z.string().regex(/^\d{1,20}$/), signName: z.string().min(1).max(40),
  templates: TemplateIds, region: z.string().regex(/^[a-z]{2}-[a-z]+$/).optional(), endpoint: Endpoint.optional(),
  confirmPassword: ConfirmPassword,
});
/** Aliyun SMS: AccessKey id and secret, the signature name, template codes (SMS_…). */
const AliyunKeys = z.strictObject({
  provider: z.literal('aliyun'), accessKeyId: Secret, accessKeySecret: Secret, signName: z.string().min(1).max(40),
  templates: z.record(TemplateKey, z.string().regex(/^SMS_\d{1,20}$/)), region: z.string().regex(/^[a-z]{2}-[a-z]+(-\d)?$/).optional(),
  endpoint: Endpoint.optional(), confirmPassword: ConfirmPassword,
});

export const ProviderState = z.object({
  provider: SmsProvider,
  /** The key id with all but its last 4 characters masked (the secret is never answered). */
  keyHint: z.string(),
  signName: z.string(),
  /** The template ids by kind (not secret: the admin checks them). */
  templates: z.record(z.string(), z.string()),
  updatedAt: Instant,
  lastError: z.string().nullable(),
  lastErrorAt: Instant.nullable(),
});

const KindEnum = z.enum(['reminder', 'stop_clinic', 'booking_confirmed', 'booking_cancelled']);
/**
 * One kind's text in one language (what the call list reads out, what is kept as the message's
 * text) and, optionally, the provider's approved template noted to have its variables checked.
 * Empty, unknown variables, braces and length are checked by the hub, every problem at once.
 */
const TemplateText = z.strictObject({ text: z.string().max(1000), provider: z.string().max(1000).nullable() });
const TemplateLanguages = z.strictObject({ 'zh-CN': TemplateText, en: TemplateText });
export const TemplateSet = z.strictObject({
  reminder: TemplateLanguages, stop_clinic: TemplateLanguages, booking_confirmed: TemplateLanguages, booking_cancelled: TemplateLanguages,
});
const Variables = z.object({ name: z.string(), clinic: z.string(), date: z.string(), period: z.string(), doctor: z.string() });

export const messagesProcedures = {
  'messages.list': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: "The outbox's messages (latest first), optionally of one day, and the SMS provider's state (never its keys).",
    input: z.object({ day: IsoDate.optional() }),
    output: z.object({
      messages: z.array(MessageView),
      provider: ProviderState.nullable(),
    }),
  }),
  'messages.setProvider': procedure({
    kind: 'command', access: ['admin'], at: 'hub', proof: 'confirmPassword',
    summary: 'Set the SMS provider (Tencent Cloud or Aliyun) and its keys; they stay at the hub and are never read back.',
    input: z.discriminatedUnion('provider', [TencentKeys, AliyunKeys]),
    output: Ok,
  }),
  'messages.templates': procedure({
    kind: 'query', access: ['admin'], at: 'hub',
    summary: "The clinic's message texts per kind and language (the standard ones until it saves its own), the variables they may use, sample values for a preview, and the provider's template codes (set with its keys).",
    input: z.object({}),
    output: z.object({
      templates: TemplateSet,
      /** False: the standard texts (never saved, or back to standard). */
      custom: z.boolean(),
      updatedAt: Instant.nullable(),
      variables: z.array(z.string()),
      sample: z.object({ 'zh-CN': Variables, en: Variables }),
      /** Longest text, filled with the sample values (SMS segments × characters). */
      maxChars: z.number().int().positive(),
      provider: SmsProvider.nullable(),
      /** The provider's template codes by `<kind>` or `<kind>.en` (kept with its keys). */
      codes: z.record(z.string(), z.string()),
      kinds: z.array(KindEnum),
    }),
  }),
  'messages.saveTemplates': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: "Save the clinic's message texts: messages queued from now on use them (those queued already keep theirs). Refused with every problem and its field (`details.problems`), changing nothing.",
    input: z.object({ templates: TemplateSet }),
    output: Ok,
  }),
  'messages.resetTemplates': procedure({
    kind: 'command', access: ['admin'], at: 'hub',
    summary: 'Back to the standard message texts.',
    input: z.object({}),
    output: Ok,
  }),
  'messages.callList': procedure({
    kind: 'query', access: ['receptionist', 'admin'], at: 'hub',
    summary: "The day's messages that did not go out by text (no provider, no internet, or failed): to call, and those already called.",
    input: z.object({ day: IsoDate }),
    output: z.object({ messages: z.array(MessageView) }),
  }),
  'messages.markCalled': procedure({
    kind: 'command', access: ['receptionist', 'admin'], at: 'hub',
    summary: 'Tick a message off the call list: the patient was called.',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: Ok,
  }),
  'messages.preference': procedure({
    kind: 'query', access: ['receptionist'], at: 'hub',
    summary: "A patient's text-message choice (no choice made yet: texts on, in Chinese).",
    input: z.object({ patientId: Id }),
    output: z.object({ optedOut: z.boolean(), language: MessageLanguage, updatedAt: Instant.nullable() }),
  }),
  'messages.setPreference': procedure({
    kind: 'command', access: ['receptionist'], at: 'hub',
    summary: "A patient's choice: no text messages (opt-out), and the language of those sent.",
    input: z.object({ patientId: Id, optedOut: z.boolean(), language: MessageLanguage }),
    output: Ok,
  }),
} as const;
