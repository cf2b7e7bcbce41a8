/** Money, dates and times as a patient reads them, in the app's language. */
import type { Language } from './i18n';

/** Integer fen as yuan with two decimals: 1500 → ¥15.00. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const locale = (language: Language) => (language === 'zh-CN' ? 'zh-CN' : 'en-GB');

/** A calendar date (YYYY-MM-DD) with its weekday: 11月24日 周二 / Tue 24 Nov. */
export function dayLabel(iso: string, language: Language): string {
  const at = Date.parse(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(language), { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' }).format(at);
}

/** An instant (UTC ms) as a date and time of day in the phone's time zone (the patient is at the clinic's). */
export function timeLabel(at: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(language), { ...(timeZone ? { timeZone } : {}), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}
