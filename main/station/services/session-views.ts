/** Roster sessions as the screens show them (booked/capacity from seats.ts): booking at the desk and the admin calendar. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { SessionViewT } from '../../api/procedures/catalog';
import { SESSION_PERIODS } from '../../domain/enums';
import { departments, rooms, rosterSessions, staff } from '../../../db/schema';
import type { RequestContext } from '../context';
import { clinicToday } from './patients-fields';
import { countSeats } from './seats';

type Ctx = Pick<RequestContext, 'db' | 'raw' | 'now' | 'settings'>;

const PERIOD_ORDER = sql`CASE ${rosterSessions.period} ${sql.join(SESSION_PERIODS.map((p, i) => sql`WHEN ${p} THEN ${i}`), sql` `)} END`;

/** Sessions with their seats (booked/capacity from seats.ts), by date, period, department, doctor. */
export function sessionViews(ctx: Ctx, where: SQL[]): SessionViewT[] {
  const rows = ctx.db.select({
    id: rosterSessions.id, date: rosterSessions.date, period: rosterSessions.period,
    doctorId: rosterSessions.doctorId, doctorName: staff.name, doctorTitle: staff.title, doctorPhone: staff.phone, registrationFeeFen: staff.registrationFeeFen,
    departmentId: rosterSessions.departmentId, departmentName: departments.name, roomId: rosterSessions.roomId, roomName: rooms.name,
    capacity: rosterSessions.capacity, stopped: rosterSessions.stopped, stopReason: rosterSessions.stopReason,
  }).from(rosterSessions)
    .innerJoin(staff, eq(staff.id, rosterSessions.doctorId))
    .innerJoin(departments, eq(departments.id, rosterSessions.departmentId))
    .leftJoin(rooms, eq(rooms.id, rosterSessions.roomId))
    .where(and(...where))
    .orderBy(asc(rosterSessions.date), PERIOD_ORDER, asc(departments.code), asc(staff.name), asc(rosterSessions.id))
    .all();
  const today = clinicToday(ctx);
  return rows.map((r) => {
    const { booked, seatsLeft } = countSeats(ctx, r);
    return { ...r, booked, seatsLeft, past: r.date < today };
  });
}

/** One session's view; NOT_FOUND {field: 'sessionId'}. */
