import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_PERIODS, type SessionPeriod } from './enums';
import {
  checkDateRange, datesInRange, findConflicts, isoWeekday, periodsOverlap, planSessions, sessionStoppedNotice, type RosterSlot, type TemplateRule,
} from './roster';
import { codeOf } from './testing';

const tpl = (templateId: string, doctorId: string, weekday: number, period: SessionPeriod, roomId: string | null = 'r1'): TemplateRule =>
  ({ templateId, doctorId, weekday, period, roomId, capacity: 20 });
const slot = (id: string, date: string, period: SessionPeriod, doctorId: string, roomId: string | null = 'r1', stopped = false): RosterSlot =>
  ({ id, date, period, doctorId, roomId, stopped });

describe('dates of a range', () => {
  it('ISO weekdays: Monday 1 … Sunday 7', () => {
    expect(['2026-11-23', '2026-11-24', '2026-11-28', '2026-11-29', '2024-02-29'].map(isoWeekday)).toEqual([1, 2, 6, 7, 4]);
  });

  it('walks across a month end, a year end and a leap day, both ends included', () => {
    expect(datesInRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(datesInRange('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(datesInRange('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesInRange('2026-11-23', '2026-11-23')).toEqual(['2026-11-23']);
    expect(datesInRange('2026-11-24', '2026-11-23')).toEqual([]);
  });

  it('never skips or repeats a day, whatever the time zone of the process (DST days are plain dates)', () => {
    // Days around the European and US clock changes: every date once, in order, one day apart.
    const days = datesInRange('2026-03-01', '2026-11-30');
    expect(days).toHaveLength(275);
    expect(new Set(days).size).toBe(days.length);
    expect(days).toContain('2026-03-29');
    expect(days).toContain('2026-11-01');
    fc.assert(fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 120 }), (start, len) => {
      const from = new Date(Date.UTC(2000, 0, 1) + start * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2000, 0, 1) + (start + len) * 86_400_000).toISOString().slice(0, 10);
      const d = datesInRange(from, to);
      expect(d).toHaveLength(len + 1);
      expect(d[0]).toBe(from);
      expect(d.at(-1)).toBe(to);
      d.forEach((x, i) => expect(isoWeekday(x)).toBe(((isoWeekday(from) - 1 + i) % 7) + 1));
    }), { numRuns: 200, seed: 5 });
  });

  it('checks a range: bad dates, reversed, too long', () => {
    expect(checkDateRange('2026-11-01', '2026-11-30', 31)).toBe(30);
    expect(checkDateRange('2026-11-01', '2027-01-31', 92)).toBe(92);
    expect(codeOf(() => checkDateRange('2026-11-01', '2027-02-01', 92))).toEqual({
      code: 'VALIDATION', details: { field: 'to', reason: 'range_too_long', maxDays: 92, days: 93 },
    });
    expect(codeOf(() => checkDateRange('2026-11-02', '2026-11-01', 92)).details).toMatchObject({ field: 'to', reason: 'before_from' });
    expect(codeOf(() => checkDateRange('2026-02-29', '2026-03-01', 92))).toMatchObject({ code: 'INVALID_DATE', details: { field: 'from' } });
    expect(codeOf(() => checkDateRange('2026-03-01', '2026-13-01', 92))).toMatchObject({ code: 'INVALID_DATE', details: { field: 'to' } });
  });
});

describe('periods', () => {
  it('a full day overlaps both halves; the halves do not overlap each other', () => {
    const table = SESSION_PERIODS.flatMap((a) => SESSION_PERIODS.map((b) => `${a}/${b}:${periodsOverlap(a, b)}`));
    expect(table).toEqual([
      'morning/morning:true', 'morning/afternoon:false', 'morning/full_day:true',
      'afternoon/morning:false', 'afternoon/afternoon:true', 'afternoon/full_day:true',
      'full_day/morning:true', 'full_day/afternoon:true', 'full_day/full_day:true',
    ]);
  });
});

describe('planSessions', () => {
  const templates = [tpl('t1', 'd1', 1, 'morning'), tpl('t2', 'd1', 3, 'afternoon'), tpl('t3', 'd2', 1, 'full_day', 'r2')];

  it('gives each template its weekdays of the range, skipping holidays', () => {
    // 2026-11-23 Monday … 2026-12-02 Wednesday; 2026-11-30 (Monday) is a holiday.
    const r = planSessions(templates, datesInRange('2026-11-23', '2026-12-02'), new Set(['2026-11-30', '2026-11-28']), []);
    expect(r.planned.map((p) => `${p.date} ${p.doctorId} ${p.period}`)).toEqual([
      '2026-11-23 d1 morning', '2026-11-23 d2 full_day', '2026-11-25 d1 afternoon', '2026-12-02 d1 afternoon',
    ]);
    // A holiday on which no template falls (Saturday 28th) is not reported as skipped.
    expect(r.skippedHolidays).toEqual(['2026-11-30']);
    expect(r.skippedExisting).toBe(0);
    expect(r.planned[0]).toEqual({ templateId: 't1', date: '2026-11-23', period: 'morning', doctorId: 'd1', roomId: 'r1', capacity: 20 });
  });

  it('skips a session that exists for the same doctor, date and period (re-running adds nothing)', () => {
    const dates = datesInRange('2026-11-23', '2026-11-29');
    const first = planSessions(templates, dates, new Set(), []);
    const existing = first.planned.map((p, i) => slot(`s${i}`, p.date, p.period, p.doctorId, p.roomId));
    expect(planSessions(templates, dates, new Set(), existing)).toEqual({ planned: [], skippedHolidays: [], skippedExisting: 3 });
    // Another period of the same doctor is not "the same session".
    const other = planSessions(templates, dates, new Set(), [slot('x', '2026-11-23', 'afternoon', 'd1')]);
    expect(other.planned).toHaveLength(3);
  });
});

describe('findConflicts', () => {
  it('the same doctor at overlapping periods of a day', () => {
    const c = findConflicts([{ date: '2026-11-23', period: 'full_day', doctorId: 'd1', roomId: 'r1' }], [slot('s1', '2026-11-23', 'morning', 'd1')]);
    expect(c).toEqual([{
      kind: 'doctor', date: '2026-11-23', period: 'full_day', doctorId: 'd1', roomId: 'r1',
      with: { sessionId: 's1', period: 'morning', doctorId: 'd1', roomId: 'r1' },
    }]);
    expect(findConflicts([{ date: '2026-11-23', period: 'afternoon', doctorId: 'd1', roomId: 'r1' }], [slot('s1', '2026-11-23', 'morning', 'd1')])).toEqual([]);
    expect(findConflicts([{ date: '2026-11-24', period: 'morning', doctorId: 'd1', roomId: 'r1' }], [slot('s1', '2026-11-23', 'morning', 'd1')])).toEqual([]);
  });

  it('one room for two doctors at overlapping periods; no room never clashes; a stopped session frees its room', () => {
    const mine = { date: '2026-11-23', period: 'morning' as const, doctorId: 'd1', roomId: 'r1' };
    expect(findConflicts([mine], [slot('s2', '2026-11-23', 'full_day', 'd2', 'r1')]).map((c) => c.kind)).toEqual(['room']);
    expect(findConflicts([mine], [slot('s2', '2026-11-23', 'full_day', 'd2', 'r2')])).toEqual([]);
    expect(findConflicts([{ ...mine, roomId: null }], [slot('s2', '2026-11-23', 'morning', 'd2', null)])).toEqual([]);
    expect(findConflicts([mine], [slot('s2', '2026-11-23', 'morning', 'd2', 'r1', true)])).toEqual([]);
    // A stopped session still holds its doctor's time.
    expect(findConflicts([mine], [slot('s1', '2026-11-23', 'full_day', 'd1', 'r2', true)]).map((c) => c.kind)).toEqual(['doctor']);
  });

  it('new sessions clash with each other too, and an edited session is not compared with itself', () => {
    const c = findConflicts([
      { date: '2026-11-23', period: 'morning', doctorId: 'd1', roomId: 'r1' },
      { date: '2026-11-23', period: 'morning', doctorId: 'd2', roomId: 'r1' },
    ], []);
    expect(c).toEqual([expect.objectContaining({ kind: 'room', doctorId: 'd1', with: { sessionId: null, period: 'morning', doctorId: 'd2', roomId: 'r1' } })]);
    expect(findConflicts([{ id: 's1', date: '2026-11-23', period: 'morning', doctorId: 'd1', roomId: 'r1' }], [slot('s1', '2026-11-23', 'morning', 'd1')])).toEqual([]);
  });
});

describe('sessionStoppedNotice', () => {
  it('one id per session, so a desk that hears it twice (here and by sync) shows it once', () => {
    const n = sessionStoppedNotice({ sessionId: 's1', date: '2026-11-24', period: 'morning', doctorName: '李明', departmentName: '内科', reason: '医生外出', at: 5 });
    expect(n).toEqual({ id: 'session_stopped:s1', kind: 'session_stopped', message: '停诊通知：2026-11-24 上午 内科 李明，原因：医生外出', at: 5 });
  });
});
