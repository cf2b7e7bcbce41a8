/**
 * Doctors' weekly roster templates and the clinic's holidays (hub administration, admins only).
 * A template is refused when, on its weekday, it would put its doctor in two overlapping periods
 * or share its room with another doctor's active template at an overlapping period.
 */
import { and, asc, eq, gte, lte, ne, type SQL } from 'drizzle-orm';
import { MAX_HOLIDAY_RANGE_DAYS, type rostersProcedures, type TemplateViewT } from '../../api/procedures/rosters';
import type { SessionPeriod } from '../../domain/enums';
import { parseIsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { checkDateRange, findConflicts } from '../../domain/roster';
import { departments, holidays, rooms, rosterTemplates, staff } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import type { HandlersFor } from '../../station/handler';
import { activeDoctor, checkActiveRoom } from '../../station/services/rosters-common';

type TemplateRow = typeof rosterTemplates.$inferSelect;

function templateQuery(ctx: Pick<RequestContext, 'db'>, where: (SQL | undefined)[]): TemplateViewT[] {
  return ctx.db.select({
    id: rosterTemplates.id, doctorId: rosterTemplates.doctorId, doctorName: staff.name, departmentId: staff.departmentId,
    departmentName: departments.name, weekday: rosterTemplates.weekday, period: rosterTemplates.period, roomId: rosterTemplates.roomId,
    roomName: rooms.name, capacity: rosterTemplates.capacity, active: rosterTemplates.active, updatedAt: rosterTemplates.updatedAt,
  }).from(rosterTemplates)
    .innerJoin(staff, eq(staff.id, rosterTemplates.doctorId))
    .leftJoin(departments, eq(departments.id, staff.departmentId))
    .leftJoin(rooms, eq(rooms.id, rosterTemplates.roomId))
    .where(and(...where))
    .orderBy(asc(staff.name), asc(rosterTemplates.doctorId), asc(rosterTemplates.weekday), asc(rosterTemplates.period), asc(rosterTemplates.id))
    .all();
}

function templateView(ctx: Pick<RequestContext, 'db'>, id: string): TemplateViewT {
  return templateQuery(ctx, [eq(rosterTemplates.id, id)])[0]!;
}

function loadTemplate(ctx: Pick<RequestContext, 'db'>, id: string): TemplateRow {
  const row = ctx.db.select().from(rosterTemplates).where(eq(rosterTemplates.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such roster template', { field: 'id', id });
  return row;
}

/** ROSTER_CONFLICT {field: 'period', conflicts: [{kind, weekday, period, with: {templateId, …}}]}. */
function refuseClashes(
  ctx: Pick<RequestContext, 'db'>, t: { id?: string; doctorId: string; weekday: number; period: SessionPeriod; roomId: string | null },
): void {
  const others = ctx.db.select().from(rosterTemplates)
    .where(and(eq(rosterTemplates.weekday, t.weekday), eq(rosterTemplates.active, true), t.id ? ne(rosterTemplates.id, t.id) : undefined)).all();
  const day = `weekday-${t.weekday}`; // the clash rules compare slots of one day: every template of this weekday is on it
  const conflicts = findConflicts(
    [{ date: day, period: t.period, doctorId: t.doctorId, roomId: t.roomId }],
    others.map((o) => ({ id: o.id, date: day, period: o.period, doctorId: o.doctorId, roomId: o.roomId, stopped: false })),
  ).map((c) => ({
    kind: c.kind, weekday: t.weekday, period: c.period,
    with: { templateId: c.with.sessionId, period: c.with.period, doctorId: c.with.doctorId, roomId: c.with.roomId },
  }));
  if (conflicts.length > 0) {
    throw new DomainError('ROSTER_CONFLICT', 'this template clashes with another active template', { field: 'period', conflicts });
  }
}

export const rosterTemplateHandlers = {
  'rosters.templates': (ctx, { doctorId, includeInactive }) => ({
    items: templateQuery(ctx, [
      doctorId ? eq(rosterTemplates.doctorId, doctorId) : undefined,
      includeInactive ? undefined : eq(rosterTemplates.active, true),
    ]),
  }),

  'rosters.createTemplate': (ctx, input) => {
    activeDoctor(ctx, input.doctorId);
    checkActiveRoom(ctx, input.roomId);
    refuseClashes(ctx, input);
    const id = ctx.write.insert(rosterTemplates, { ...input, active: true });
    ctx.audit('create', 'roster_template', id, null);
    return templateView(ctx, id);
  },

  'rosters.updateTemplate': (ctx, { id, ...patch }) => {
    const row = loadTemplate(ctx, id);
    if (Object.values(patch).every((v) => v === undefined)) {
      throw new DomainError('VALIDATION', 'nothing to change', { field: 'id', reason: 'nothing_to_change' });
    }
    const next = {
      id, doctorId: row.doctorId, weekday: patch.weekday ?? row.weekday, period: patch.period ?? row.period,
      roomId: patch.roomId === undefined ? row.roomId : patch.roomId, capacity: patch.capacity ?? row.capacity,
    };
    if (patch.roomId !== undefined) checkActiveRoom(ctx, next.roomId);
    if (row.active) refuseClashes(ctx, next);
    ctx.write.update(rosterTemplates, id, { weekday: next.weekday, period: next.period, roomId: next.roomId, capacity: next.capacity });
    ctx.audit('update', 'roster_template', id, null);
    return templateView(ctx, id);
  },

  'rosters.deactivateTemplate': (ctx, { id }) => {
    const row = loadTemplate(ctx, id);
    if (!row.active) return templateView(ctx, id); // already inactive: nothing to do
    ctx.write.update(rosterTemplates, id, { active: false });
    ctx.audit('update', 'roster_template', id, null);
    return templateView(ctx, id);
  },

  'rosters.holidays': (ctx, { from, to }) => {
    checkDateRange(from, to, MAX_HOLIDAY_RANGE_DAYS);
    return {
      items: ctx.db.select({ id: holidays.id, date: holidays.date, name: holidays.name }).from(holidays)
        .where(and(eq(holidays.active, true), gte(holidays.date, from), lte(holidays.date, to))).orderBy(asc(holidays.date)).all(),
    };
  },

  'rosters.addHoliday': (ctx, { date, name }) => {
    parseIsoDate(date, 'date');
    const same = ctx.db.select({ id: holidays.id, name: holidays.name, active: holidays.active }).from(holidays).where(eq(holidays.date, date)).get();
    if (same?.active) throw new DomainError('CONFLICT', 'this date is already a holiday', { field: 'date', date, holidayId: same.id, name: same.name });
    if (same) {
      // Removed earlier: the date is unique, so the old row comes back with the new name.
      ctx.write.update(holidays, same.id, { active: true, name });
      ctx.audit('update', 'holiday', same.id, null);
      return { id: same.id, date, name };
    }
    const id = ctx.write.insert(holidays, { date, name });
    ctx.audit('create', 'holiday', id, null);
    return { id, date, name };
  },

  'rosters.removeHoliday': (ctx, { id }) => {
    const row = ctx.db.select({ date: holidays.date, active: holidays.active }).from(holidays).where(eq(holidays.id, id)).get();
    if (!row?.active) throw new DomainError('NOT_FOUND', 'no such holiday', { field: 'id', id });
    ctx.write.update(holidays, id, { active: false });
    ctx.audit('update', 'holiday', id, null);
    return { id, date: row.date };
  },
} satisfies HandlersFor<Pick<typeof rostersProcedures,
  'rosters.templates' | 'rosters.createTemplate' | 'rosters.updateTemplate' | 'rosters.deactivateTemplate' | 'rosters.holidays' | 'rosters.addHoliday' | 'rosters.removeHoliday'>>;
