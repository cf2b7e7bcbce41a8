/**
 * Messages to patients: the kinds, their texts in zh-CN and en with {{variables}}, and the
 * retry policy (pure). A provider sends its own approved template with the same variables in
 * order (TEMPLATE_VARIABLES); the text here is what the front desk reads out on the call list.
 */
export const MESSAGE_KINDS = ['reminder', 'stop_clinic', 'booking_confirmed', 'booking_cancelled'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_LANGUAGES = ['zh-CN', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export interface MessageVariables {
  name: string;
  clinic: string;
  date: string;
  period: string;
  doctor: string;
}

/** The variables each provider template takes, in order. */
export const TEMPLATE_VARIABLES: readonly (keyof MessageVariables)[] = ['name', 'clinic', 'date', 'period', 'doctor'];

export const DEFAULT_TEMPLATES: Readonly<Record<MessageKind, Readonly<Record<MessageLanguage, string>>>> = {
  reminder: {
    'zh-CN': '{{name}}您好，提醒您明天（{{date}} {{period}}）在{{clinic}}就诊，医生：{{doctor}}。如不能前来请致电取消。',
    en: 'Dear {{name}}, a reminder of your appointment tomorrow ({{date}}, {{period}}) at {{clinic}} with {{doctor}}. Please call us if you cannot come.',
  },
  stop_clinic: {
    'zh-CN': '{{name}}您好，{{clinic}}{{doctor}}医生 {{date}} {{period}} 停诊，您的预约已取消，请重新预约。',
    en: 'Dear {{name}}, {{doctor}} at {{clinic}} will not see patients on {{date}} ({{period}}); your appointment is cancelled. Please book again.',
  },
  booking_confirmed: {
    'zh-CN': '{{name}}您好，您在{{clinic}}的预约已确认：{{date}} {{period}}，医生：{{doctor}}。',
    en: 'Dear {{name}}, your appointment at {{clinic}} is confirmed: {{date}}, {{period}}, with {{doctor}}.',
  },
  booking_cancelled: {
    'zh-CN': '{{name}}您好，您在{{clinic}} {{date}} {{period}} 的预约已取消。',
    en: 'Dear {{name}}, your appointment at {{clinic}} on {{date}} ({{period}}) is cancelled.',
  },
};

/** The text of a message: each {{variable}} replaced; an unknown one is left as it is. */
export function renderMessage(template: string, vars: MessageVariables): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in vars ? vars[key as keyof MessageVariables] : whole));
}

/** The provider's template parameters, in TEMPLATE_VARIABLES order. */
export function templateParams(vars: MessageVariables): string[] {
  return TEMPLATE_VARIABLES.map((k) => vars[k]);
}

/** Tries before a message is given up as failed (then it is only on the call list). */
export const MAX_ATTEMPTS = 8;

/** Wait before try `attempt` + 1 after `attempt` failed tries without reaching the provider: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}
