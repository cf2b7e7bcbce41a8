/**
 * Departments and rooms, administered at the hub. Deactivating is refused while something still
 * depends on it (IN_USE, listing what): the admin moves or lets go of the staff, deactivates the
 * rooms and stops or moves the roster sessions first. There is no "force": a department nobody
 * can book into is what deactivation means, and a half-deactivated one would still be booked.
 */
import { and, asc, count, eq, gte, ne, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { DepartmentAdminView, RoomAdminView } from '../../api/procedures/org-schemas';
import { DomainError } from '../../domain/errors';
import { departments, rooms, rosterSessions, rosterTemplates, staff } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import { clinicToday } from '../../station/services/patients-fields';

type Dept = typeof departments.$inferSelect;
type Room = typeof rooms.$inferSelect;
/** How many names an IN_USE refusal lists (the counts are always complete). */
const LISTED = 20;

export function loadDepartment(ctx: RequestContext, id: string, field = 'id'): Dept {
  const row = ctx.db.select().from(departments).where(eq(departments.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such department', { field, entity: 'department', id });
  return row;
}

/** A department that exists and is active, for a room or a person to belong to. */
export function requireActiveDepartment(ctx: RequestContext, id: string, field: string): Dept {
  const row = loadDepartment(ctx, id, field);
  if (!row.active) throw new DomainError('DEPARTMENT_INACTIVE', `department ${row.code} is inactive`, { field, departmentId: id, code: row.code });
  return row;
}

/** The id of the department with this code (any case), or null: for imports that name departments by code. */
export function departmentIdByCode(ctx: RequestContext, code: string): string | null {
  const row = ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.code, code.trim().toUpperCase())).get();
  return row?.id ?? null;
}

function assertCodeFree(ctx: RequestContext, code: string, selfId: string | null): void {
  const other = ctx.db.select({ id: departments.id, active: departments.active }).from(departments)
    .where(and(eq(departments.code, code), selfId ? ne(departments.id, selfId) : undefined)).get();
  if (other) throw new DomainError('ALREADY_EXISTS', `department code ${code} is taken`, { field: 'code', value: code, id: other.id, active: other.active });
}

export function departmentView(ctx: RequestContext, id: string): z.input<typeof DepartmentAdminView> {
  const d = loadDepartment(ctx, id);
  const [s] = ctx.db.select({ n: count() }).from(staff).where(and(eq(staff.departmentId, id), ne(staff.status, 'left'))).all();
  const [r] = ctx.db.select({ n: count() }).from(rooms).where(and(eq(rooms.departmentId, id), eq(rooms.active, true))).all();
  return { id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, active: d.active, activeStaff: s?.n ?? 0, activeRooms: r?.n ?? 0, updatedAt: d.updatedAt };
}

export function listDepartments(ctx: RequestContext): z.input<typeof DepartmentAdminView>[] {
  const staffBy = new Map(ctx.db.select({ id: staff.departmentId, n: count() }).from(staff)
    .where(ne(staff.status, 'left')).groupBy(staff.departmentId).all().map((r) => [r.id, r.n]));
  const roomsBy = new Map(ctx.db.select({ id: rooms.departmentId, n: count() }).from(rooms)
    .where(eq(rooms.active, true)).groupBy(rooms.departmentId).all().map((r) => [r.id, r.n]));
  return ctx.db.select().from(departments).orderBy(asc(departments.code)).all().map((d) => ({
    id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, active: d.active,
    activeStaff: staffBy.get(d.id) ?? 0, activeRooms: roomsBy.get(d.id) ?? 0, updatedAt: d.updatedAt,
  }));
}

export function createDepartment(ctx: RequestContext, input: { code: string; name: string; nameEn: string }): string {
  assertCodeFree(ctx, input.code, null);
  const id = ctx.write.insert(departments, { code: input.code, name: input.name, nameEn: input.nameEn });
  ctx.audit('create', 'departments', id, null);
  return id;
}

export function updateDepartment(ctx: RequestContext, id: string, patch: { code?: string | undefined; name?: string | undefined; nameEn?: string | undefined }): void {
  const d = loadDepartment(ctx, id);
  if (patch.code !== undefined && patch.code !== d.code) assertCodeFree(ctx, patch.code, id);
  const changes = changed(d, patch);
  if (!changes) return;
  ctx.write.update(departments, id, changes);
  ctx.audit('update', 'departments', id, null);
}

/** Sessions from the clinic's today on that still run (not stopped). */
export function upcomingSessions(ctx: RequestContext, where: SQL): number {
  const [row] = ctx.db.select({ n: count() }).from(rosterSessions)
    .where(and(where, gte(rosterSessions.date, clinicToday(ctx)), eq(rosterSessions.stopped, false))).all();
  return row?.n ?? 0;
}

export function setDepartmentActive(ctx: RequestContext, id: string, active: boolean): void {
  const d = loadDepartment(ctx, id);
  if (d.active === active) return;
  if (!active) {
    const people = ctx.db.select({ id: staff.id, name: staff.name }).from(staff)
      .where(and(eq(staff.departmentId, id), ne(staff.status, 'left'))).orderBy(asc(staff.name)).all();
    const openRooms = ctx.db.select({ id: rooms.id, name: rooms.name }).from(rooms)
      .where(and(eq(rooms.departmentId, id), eq(rooms.active, true))).orderBy(asc(rooms.name)).all();
    const sessions = upcomingSessions(ctx, eq(rosterSessions.departmentId, id));
    if (people.length > 0 || openRooms.length > 0 || sessions > 0) {
      throw new DomainError('IN_USE', `department ${d.code} still has staff, rooms or sessions`, {
        field: 'active', reason: 'department_in_use', entity: 'department', id,
        staffCount: people.length, staff: people.slice(0, LISTED),
        roomCount: openRooms.length, rooms: openRooms.slice(0, LISTED),
        upcomingSessions: sessions,
      });
    }
  }
  ctx.write.update(departments, id, { active });
  ctx.audit('update', 'departments', id, null);
}

function loadRoom(ctx: RequestContext, id: string): Room {
  const row = ctx.db.select().from(rooms).where(eq(rooms.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such room', { field: 'id', entity: 'room', id });
  return row;
}

function assertRoomNameFree(ctx: RequestContext, departmentId: string, name: string, selfId: string | null): void {
  const other = ctx.db.select({ id: rooms.id, active: rooms.active }).from(rooms)
    .where(and(eq(rooms.departmentId, departmentId), eq(rooms.name, name), selfId ? ne(rooms.id, selfId) : undefined)).get();
  if (other) {
    throw new DomainError('ALREADY_EXISTS', `the department already has a room named ${name}`, {
      field: 'name', value: name, id: other.id, active: other.active,
    });
  }
}

const roomColumns = {
  id: rooms.id, departmentId: rooms.departmentId, departmentCode: departments.code, departmentName: departments.name,
  name: rooms.name, active: rooms.active, updatedAt: rooms.updatedAt,
};

export function listRooms(ctx: RequestContext, departmentId: string | undefined): z.input<typeof RoomAdminView>[] {
  return ctx.db.select(roomColumns).from(rooms).innerJoin(departments, eq(departments.id, rooms.departmentId))
    .where(departmentId ? eq(rooms.departmentId, departmentId) : undefined)
    .orderBy(asc(departments.code), asc(rooms.name), asc(rooms.id)).all();
}

export function roomView(ctx: RequestContext, id: string): z.input<typeof RoomAdminView> {
  const row = ctx.db.select(roomColumns).from(rooms).innerJoin(departments, eq(departments.id, rooms.departmentId)).where(eq(rooms.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such room', { field: 'id', entity: 'room', id });
  return row;
}

export function createRoom(ctx: RequestContext, input: { departmentId: string; name: string }): string {
  requireActiveDepartment(ctx, input.departmentId, 'departmentId');
  assertRoomNameFree(ctx, input.departmentId, input.name, null);
  const id = ctx.write.insert(rooms, { departmentId: input.departmentId, name: input.name });
  ctx.audit('create', 'rooms', id, null);
  return id;
}

export function updateRoom(ctx: RequestContext, id: string, patch: { name?: string | undefined; departmentId?: string | undefined }): void {
  const room = loadRoom(ctx, id);
  if (patch.departmentId !== undefined && patch.departmentId !== room.departmentId) requireActiveDepartment(ctx, patch.departmentId, 'departmentId');
  const target = { departmentId: patch.departmentId ?? room.departmentId, name: patch.name ?? room.name };
  if (target.departmentId !== room.departmentId || target.name !== room.name) assertRoomNameFree(ctx, target.departmentId, target.name, id);
  const changes = changed(room, patch);
  if (!changes) return;
  ctx.write.update(rooms, id, changes);
  ctx.audit('update', 'rooms', id, null);
}

export function setRoomActive(ctx: RequestContext, id: string, active: boolean): void {
  const room = loadRoom(ctx, id);
  if (room.active === active) return;
  if (active) {
    requireActiveDepartment(ctx, room.departmentId, 'departmentId');
  } else {
    const sessions = upcomingSessions(ctx, eq(rosterSessions.roomId, id));
    const [t] = ctx.db.select({ n: count() }).from(rosterTemplates).where(and(eq(rosterTemplates.roomId, id), eq(rosterTemplates.active, true))).all();
    const templates = t?.n ?? 0;
    if (sessions > 0 || templates > 0) {
      throw new DomainError('IN_USE', `room ${room.name} is still rostered`, {
        field: 'active', reason: 'room_in_use', entity: 'room', id, upcomingSessions: sessions, activeTemplates: templates,
      });
    }
  }
  ctx.write.update(rooms, id, { active });
  ctx.audit('update', 'rooms', id, null);
}

/** The fields of `patch` that differ from `row` (undefined ones left out), or null when nothing changes. */
export function changed<P extends object>(row: object, patch: P): Partial<P> | null {
  const stored = row as Record<string, unknown>;
  const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && stored[k] !== v);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<P>) : null;
}
