/** Money, times and people as the user's language writes them. */
import { formatFen, type Sex } from '../../../main/api/contract';
import { currentLanguage } from '../i18n';

export function money(fen: number): string {
  return formatFen(fen, currentLanguage());
}

export function time(ms: number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);
}

export function dateTime(ms: number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'short', timeStyle: 'short', hour12: false }).format(ms);
}

export function yuanInput(fen: number): string {
  return (fen / 100).toFixed(2);
}

export type { Sex };
