/**
 * Money, times and people as the user's language writes them. Times are shown in the clinic's time
 * zone (the station's setting), like "today" and the printed documents, not in this machine's own.
 */
import { formatFen, type Sex } from '../../../main/api/contract';
import { currentLanguage } from '../i18n';

let clinicTimeZone: string | undefined;

/** The zone every time is shown in from now on (the workbench sets it from catalog.settings); undefined: this machine's. */
export function setClinicTimeZone(timeZone: string | undefined): void {
  clinicTimeZone = timeZone;
}

export function shownTimeZone(): string | undefined {
  return clinicTimeZone;
}

export function money(fen: number): string {
  return formatFen(fen, currentLanguage());
}

export function time(ms: number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: clinicTimeZone }).format(ms);
}

/** Hours, minutes and seconds (clocks). */
export function clockTime(ms: number): string {
  return new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: clinicTimeZone }).format(ms);
}

export function dateTime(ms: number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'short', timeStyle: 'short', hour12: false, timeZone: clinicTimeZone }).format(ms);
}

export function yuanInput(fen: number): string {
  return (fen / 100).toFixed(2);
}

export type { Sex };
