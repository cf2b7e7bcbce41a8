/**
 * Generating roster sessions from the active templates for a range of dates: holidays skipped,
 * sessions that already exist (same doctor, date, period) skipped, so re-running adds nothing.
 * When any new session would clash (a doctor twice at overlapping periods, a room used by two
 * doctors at once), nothing is written and the clashes are listed.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { rostersProcedures } from '../../api/procedures/rosters';
import { DomainError } from '../../domain/errors';
import { checkDateRange, datesInRange, findConflicts, MAX_GENERATE_DAYS, planSessions, type TemplateRule } from '../../domain/roster';
import { holidays, rooms, rosterSessions, rosterTemplates, staff } from '../../../db/schema';
import type { HandlersFor } from '../../station/handler';
import { clinicToday } from '../../station/services/patients-fields';
import { rosterSlots } from '../../station/services/rosters-common';

/** At most this many clashes are listed in a refusal (the count says how many there were). */
const MAX_LISTED_CONFLICTS = 100;

type SkipReason = 'doctor_inactive' | 'no_department' | 'room_inactive';

export const rosterGenerateHandlers = {
  'rosters.generate': (ctx, { from, to, doctorIds }) => {
    checkDateRange(from, to, MAX_GENERATE_DAYS);
    const today = clinicToday(ctx);
    if (from < today) {
      throw new DomainError('VALIDATION', 'sessions are generated from today on', { field: 'from', reason: 'in_past', from, today });
    }
    if (doctorIds) {
      const known = new Set(ctx.db.select({ id: staff.id }).from(staff).where(inArray(staff.id, doctorIds)).all().map((s) => s.id));
      const missing = doctorIds.filter((id) => !known.has(id));
      if (missing.length > 0) throw new DomainError('NOT_FOUND', 'no such staff member', { field: 'doctorIds', ids: missing });
    }

    const templates = ctx.db.select({
      templateId: rosterTemplates.id, doctorId: rosterTemplates.doctorId, weekday: rosterTemplates.weekday, period: rosterTemplates.period,
      roomId: rosterTemplates.roomId, capacity: rosterTemplates.capacity,
      doctorStatus: staff.status, doctorPosition: staff.position, departmentId: staff.departmentId, roomActive: rooms.active,
    }).from(rosterTemplates)
      .innerJoin(staff, eq(staff.id, rosterTemplates.doctorId))
      .leftJoin(rooms, eq(rooms.id, rosterTemplates.roomId))
      .where(and(eq(rosterTemplates.active, true), doctorIds ? inArray(rosterTemplates.doctorId, doctorIds) : undefined))
      .orderBy(rosterTemplates.doctorId, rosterTemplates.weekday, rosterTemplates.id)
      .all();

    const usable: TemplateRule[] = [];
    const departmentOf = new Map<string, string>();
    const skippedTemplates: { templateId: string; reason: SkipReason }[] = [];
    for (const t of templates) {
      const skip = (reason: SkipReason) => skippedTemplates.push({ templateId: t.templateId, reason });
      if (t.doctorStatus !== 'active' || t.doctorPosition !== 'doctor') skip('doctor_inactive');
      else if (t.departmentId === null) skip('no_department');
      else if (t.roomId !== null && t.roomActive !== true) skip('room_inactive');
      else {
        departmentOf.set(t.doctorId, t.departmentId);
        usable.push(t);
      }
    }

    const closed = new Set(ctx.db.select({ date: holidays.date }).from(holidays)
      .where(and(eq(holidays.active, true), gte(holidays.date, from), lte(holidays.date, to))).all().map((h) => h.date));
    const existing = rosterSlots(ctx, from, to);
    const { planned, skippedHolidays, skippedExisting } = planSessions(usable, datesInRange(from, to), closed, existing);

    const conflicts = findConflicts(planned, existing);
    if (conflicts.length > 0) {
      throw new DomainError('ROSTER_CONFLICT', 'some sessions would clash; nothing was generated', {
        field: 'from', count: conflicts.length, conflicts: conflicts.slice(0, MAX_LISTED_CONFLICTS),
      });
    }

    for (const p of planned) {
      const id = ctx.write.insert(rosterSessions, {
        date: p.date, period: p.period, doctorId: p.doctorId, departmentId: departmentOf.get(p.doctorId)!, roomId: p.roomId, capacity: p.capacity,
      });
      ctx.audit('create', 'roster_session', id, null);
    }
    return { created: planned.length, skippedHolidays, skippedExisting, skippedTemplates };
  },
} satisfies HandlersFor<Pick<typeof rostersProcedures, 'rosters.generate'>>;
