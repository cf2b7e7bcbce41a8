/** Read-only master data for the screens (written at the hub, replicated here). */
import { and, asc, eq, gte, lte, ne, type SQL } from 'drizzle-orm';
import { MAX_SESSION_RANGE_DAYS, type catalogProcedures } from '../../api/procedures/catalog';
import { daysBetween, parseIsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { departments, examItems, rosterSessions, staff } from '../../../db/schema';
import type { HandlersFor } from '../handler';
import { clinicToday } from './patients-fields';
import { sessionViews } from './session-views';

/** Master lists are small; this only guards the answer's size. */
const MAX_ROWS = 500;


function checkRange(from: string, to: string): void {
  parseIsoDate(from, 'from');
  parseIsoDate(to, 'to');
  const days = daysBetween(from, to);
  if (days < 0) throw new DomainError('VALIDATION', 'the range ends before it starts', { field: 'to', reason: 'before_from', from, to });
  if (days >= MAX_SESSION_RANGE_DAYS) {
    throw new DomainError('VALIDATION', `at most ${MAX_SESSION_RANGE_DAYS} days at a time`, {
      field: 'to', reason: 'range_too_long', maxDays: MAX_SESSION_RANGE_DAYS,
    });
  }
}

export const catalogHandlers = {
  'catalog.examItems': (ctx, { category }) => ({
    items: ctx.db.select({
      id: examItems.id, code: examItems.code, name: examItems.name, nameEn: examItems.nameEn, category: examItems.category, priceFen: examItems.priceFen,
    }).from(examItems).where(and(eq(examItems.active, true), category ? eq(examItems.category, category) : undefined))
      .orderBy(asc(examItems.code)).limit(MAX_ROWS).all(),
  }),

  'catalog.departments': (ctx) => ({
    items: ctx.db.select({ id: departments.id, code: departments.code, name: departments.name, nameEn: departments.nameEn })
      .from(departments).where(eq(departments.active, true)).orderBy(asc(departments.code)).limit(MAX_ROWS).all(),
  }),

  'catalog.doctors': (ctx, { departmentId }) => {
    const where: SQL[] = [eq(staff.position, 'doctor'), ne(staff.status, 'left')];
    if (departmentId) where.push(eq(staff.departmentId, departmentId));
    return {
      items: ctx.db.select({
        id: staff.id, name: staff.name, title: staff.title, specialty: staff.specialty, departmentId: staff.departmentId,
        departmentName: departments.name, registrationFeeFen: staff.registrationFeeFen, status: staff.status,
      }).from(staff).leftJoin(departments, eq(departments.id, staff.departmentId)).where(and(...where))
        .orderBy(asc(departments.code), asc(staff.name), asc(staff.id)).limit(MAX_ROWS).all(),
    };
  },

  'catalog.sessions': (ctx, { from, to, departmentId, doctorId, bookableOnly }) => {
    checkRange(from, to);
    const where: SQL[] = [gte(rosterSessions.date, from), lte(rosterSessions.date, to)];
    if (departmentId) where.push(eq(rosterSessions.departmentId, departmentId));
    if (doctorId) where.push(eq(rosterSessions.doctorId, doctorId));
    if (bookableOnly) where.push(eq(rosterSessions.stopped, false));
    const items = sessionViews(ctx, where);
    return { items: bookableOnly ? items.filter((s) => !s.past && s.seatsLeft > 0) : items };
  },

  'catalog.settings': (ctx) => {
    const s = ctx.settings;
    return {
      clinicName: s.clinicName, clinicNameEn: s.clinicNameEn, address: s.address, phone: s.phone,
      timeZone: s.timeZone, feeAtCheckIn: s.feeAtCheckIn, paymentMethods: s.paymentMethods, today: clinicToday(ctx),
    };
  },
} satisfies HandlersFor<typeof catalogProcedures>;
