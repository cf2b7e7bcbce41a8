/**
 * Pure rules of the roster: which dates of a range fall on a weekday, which periods overlap,
 * which planned sessions clash with each other or with sessions already on the roster, and the
 * stop-clinic notice's wording. Dates are calendar dates ('YYYY-MM-DD') walked as day numbers,
 * so a daylight-saving change never skips or repeats a day.
 */
import { dayOfWeek, daysBetween, fromEpochDay, parseIsoDate, toEpochDay } from './dates';
import type { SessionPeriod } from './enums';
import { DomainError } from './errors';

/** Longest range one generation covers (a quarter). */
export const MAX_GENERATE_DAYS = 92;
/** Longest range of the admin calendar. */
export const MAX_CALENDAR_DAYS = 31;
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 500;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const d = dayOfWeek(isoDate);
  return d === 0 ? 7 : d;
}

/**
 * Checks a range of dates: INVALID_DATE {field: 'from' | 'to'} for a date that is not one,
 * VALIDATION {field: 'to', reason: 'before_from'} or {field: 'to', reason: 'range_too_long', maxDays}.
 * Returns the number of days in it (both ends included).
 */
export function checkDateRange(from: string, to: string, maxDays: number): number {
  parseIsoDate(from, 'from');
  parseIsoDate(to, 'to');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new DomainError('VALIDATION', 'the range ends before it starts', { field: 'to', reason: 'before_from', from, to });
  if (days > maxDays) {
    throw new DomainError('VALIDATION', `at most ${maxDays} days at a time`, { field: 'to', reason: 'range_too_long', maxDays, days });
  }
  return days;
}

/** Every date from `from` to `to`, both included (an empty list when `to` is earlier). */
export function datesInRange(from: string, to: string): string[] {
  const start = toEpochDay(from, 'from');
  const end = toEpochDay(to, 'to');
  const out: string[] = [];
  for (let d = start; d <= end; d++) out.push(fromEpochDay(d));
  return out;
}

/** A full day overlaps both halves; morning and afternoon do not overlap each other. */
export function periodsOverlap(a: SessionPeriod, b: SessionPeriod): boolean {
  return a === b || a === 'full_day' || b === 'full_day';
}

export interface TemplateRule {
  templateId: string;
  doctorId: string;
  weekday: number;
  period: SessionPeriod;
  roomId: string | null;
  capacity: number;
}

export interface PlannedSession {
  templateId: string;
  date: string;
  period: SessionPeriod;
  doctorId: string;
  roomId: string | null;
  capacity: number;
}

/** A session already on the roster. */
export interface RosterSlot {
  id: string;
  date: string;
  period: SessionPeriod;
  doctorId: string;
  roomId: string | null;
  stopped: boolean;
}

/**
 * The sessions that templates give for the dates of a range: holidays are skipped (listed once
 * each, only when some template falls on them), and so is a session that already exists for the
 * same doctor, date and period (re-running a generation adds nothing).
 */
export function planSessions(
  templates: readonly TemplateRule[], dates: readonly string[], holidays: ReadonlySet<string>, existing: readonly RosterSlot[],
): { planned: PlannedSession[]; skippedHolidays: string[]; skippedExisting: number } {
  const have = new Set(existing.map((s) => `${s.doctorId}|${s.date}|${s.period}`));
  const planned: PlannedSession[] = [];
  const skippedHolidays: string[] = [];
  let skippedExisting = 0;
  for (const date of dates) {
    const weekday = isoWeekday(date);
    const todays = templates.filter((t) => t.weekday === weekday);
    if (todays.length === 0) continue;
    if (holidays.has(date)) {
      skippedHolidays.push(date);
      continue;
    }
    for (const t of todays) {
      if (have.has(`${t.doctorId}|${date}|${t.period}`)) {
        skippedExisting++;
        continue;
      }
      planned.push({ templateId: t.templateId, date, period: t.period, doctorId: t.doctorId, roomId: t.roomId, capacity: t.capacity });
    }
  }
  return { planned, skippedHolidays, skippedExisting };
}

export interface SlotConflict {
  /** 'doctor': the same doctor twice at overlapping periods; 'room': two doctors in one room. */
  kind: 'doctor' | 'room';
  date: string;
  period: SessionPeriod;
  doctorId: string;
  roomId: string | null;
  /** The session it clashes with: `sessionId` null when that one is also new. */
  with: { sessionId: string | null; period: SessionPeriod; doctorId: string; roomId: string | null };
}

/** A candidate: a planned session or an edited one (`id` set: it is not compared with itself). */
export interface Candidate {
  id?: string;
  date: string;
  period: SessionPeriod;
  doctorId: string;
  roomId: string | null;
}

function clash(a: Candidate, b: Candidate & { stopped?: boolean }): SlotConflict['kind'] | null {
  if (a.date !== b.date || !periodsOverlap(a.period, b.period)) return null;
  if (a.doctorId === b.doctorId) return 'doctor';
  // A stopped session no longer holds its room; it still holds its doctor's time.
  if (a.roomId !== null && a.roomId === b.roomId && !b.stopped) return 'room';
  return null;
}

/**
 * Clashes of the candidates with the sessions on the roster and with each other: the same doctor
 * at overlapping periods of a day, or one room used by two doctors at overlapping periods.
 */
export function findConflicts(candidates: readonly Candidate[], existing: readonly RosterSlot[]): SlotConflict[] {
  const out: SlotConflict[] = [];
  const byDate = new Map<string, RosterSlot[]>();
  for (const s of existing) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  const conflict = (c: Candidate, kind: SlotConflict['kind'], other: Candidate, sessionId: string | null): SlotConflict => ({
    kind, date: c.date, period: c.period, doctorId: c.doctorId, roomId: c.roomId,
    with: { sessionId, period: other.period, doctorId: other.doctorId, roomId: other.roomId },
  });
  candidates.forEach((c, i) => {
    for (const s of byDate.get(c.date) ?? []) {
      if (s.id === c.id) continue;
      const kind = clash(c, s);
      if (kind) out.push(conflict(c, kind, s, s.id));
    }
    for (const other of candidates.slice(i + 1)) {
      const kind = clash(c, other);
      if (kind) out.push(conflict(c, kind, other, other.id ?? null));
    }
  });
  return out;
}

const PERIOD_ZH: Record<SessionPeriod, string> = { morning: '上午', afternoon: '下午', full_day: '全天' };

/** The notice every desk shows when a session is stopped (same id wherever it is raised). */
export function sessionStoppedNotice(s: {
  sessionId: string; date: string; period: SessionPeriod; doctorName: string; departmentName: string; reason: string; at: number;
}): { id: string; kind: 'session_stopped'; message: string; at: number } {
  return {
    id: `session_stopped:${s.sessionId}`,
    kind: 'session_stopped',
    message: `停诊通知：${s.date} ${PERIOD_ZH[s.period]} ${s.departmentName} ${s.doctorName}，原因：${s.reason}`,
    at: s.at,
  };
}
