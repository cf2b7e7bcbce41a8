/**
 * Staff administration at the hub, and the functions the staff import reuses (stable API):
 *
 * - `validateStaff(ctx, row)`: checks one person's fields (the `StaffCreateInput` schema, then the
 *   department: it must exist and be active) and returns them with defaults filled in. Writes
 *   nothing. Throws DomainError VALIDATION (details.field, details.issues), NOT_FOUND or
 *   DEPARTMENT_INACTIVE (details.field 'departmentId').
 * - `insertStaff(ctx, row)`: validates as above, inserts the person (with its change-log entry)
 *   and audits it; returns the new id.
 * - `departmentIdByCode(ctx, code)`: resolves a department code (any case) for rows that name one.
 *
 * A person leaves (status 'left') only once no active account is linked to them and they have no
 * roster sessions from today on, nor active roster templates (IN_USE, listing them).
 */
import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { StaffCreateInput, type StaffAdminView, type StaffCreate, type StaffPatchT } from '../../api/procedures/org-schemas';
import { DomainError } from '../../domain/errors';
import { accounts, departments, rosterSessions, rosterTemplates, staff } from '../../../db/schema';
import type { RequestContext } from '../../station/context';
import { normalizeOptionalPhone } from '../../station/services/patients-fields';
import { changed, departmentIdByCode, requireActiveDepartment, upcomingSessions } from './org-structure';

export { departmentIdByCode };
export type { StaffCreate } from '../../api/procedures/org-schemas';
type StaffRow = typeof staff.$inferSelect;

/** A zod failure as the one error shape: VALIDATION with the first bad field. */
export function validationError(error: z.ZodError): DomainError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  return new DomainError('VALIDATION', 'invalid input', { field: issues[0]?.path ?? '', issues });
}

/** One person's fields checked and defaulted; see the module comment. Writes nothing. */
export function validateStaff(ctx: RequestContext, row: unknown): StaffCreate {
  const parsed = StaffCreateInput.safeParse(row);
  if (!parsed.success) throw validationError(parsed.error);
  if (parsed.data.departmentId !== null) requireActiveDepartment(ctx, parsed.data.departmentId, 'departmentId');
  return { ...parsed.data, phone: normalizeOptionalPhone(parsed.data.phone, 'phone') };
}

/** Validates, inserts and audits one person; returns the new id. */
export function insertStaff(ctx: RequestContext, row: unknown): string {
  const s = validateStaff(ctx, row);
  const id = ctx.write.insert(staff, s);
  ctx.audit('create', 'staff', id, null);
  return id;
}

export function loadStaff(ctx: RequestContext, id: string, field = 'id'): StaffRow {
  const row = ctx.db.select().from(staff).where(eq(staff.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such person', { field, entity: 'staff', id });
  return row;
}

function assertMayLeave(ctx: RequestContext, person: StaffRow): void {
  const linked = ctx.db.select({ id: accounts.id, username: accounts.username }).from(accounts)
    .where(and(eq(accounts.staffId, person.id), eq(accounts.active, true))).orderBy(asc(accounts.username)).all();
  const sessions = upcomingSessions(ctx, eq(rosterSessions.doctorId, person.id));
  const [t] = ctx.db.select({ n: count() }).from(rosterTemplates)
    .where(and(eq(rosterTemplates.doctorId, person.id), eq(rosterTemplates.active, true))).all();
  const templates = t?.n ?? 0;
  if (linked.length > 0 || sessions > 0 || templates > 0) {
    throw new DomainError('IN_USE', `${person.name} still has an active account or roster`, {
      field: 'status', reason: 'staff_in_use', entity: 'staff', id: person.id,
      accounts: linked, upcomingSessions: sessions, activeTemplates: templates,
    });
  }
}

/** Changes the given fields of a person (only those that differ are written); see the module comment. */
export function updateStaff(ctx: RequestContext, id: string, patch: StaffPatchT): void {
  const person = loadStaff(ctx, id);
  if (patch.departmentId != null && patch.departmentId !== person.departmentId) {
    requireActiveDepartment(ctx, patch.departmentId, 'departmentId');
  }
  if (patch.status === 'left' && person.status !== 'left') assertMayLeave(ctx, person);
  const changes = changed(person, patch.phone === undefined ? patch : { ...patch, phone: normalizeOptionalPhone(patch.phone, 'phone') });
  if (!changes) return;
  ctx.write.update(staff, id, changes);
  ctx.audit('update', 'staff', id, null);
}

const staffColumns = {
  id: staff.id, name: staff.name, sex: staff.sex, position: staff.position, title: staff.title,
  departmentId: staff.departmentId, departmentName: departments.name, specialty: staff.specialty,
  registrationFeeFen: staff.registrationFeeFen, status: staff.status, phone: staff.phone, updatedAt: staff.updatedAt,
};

export function staffView(ctx: RequestContext, id: string): z.input<typeof StaffAdminView> {
  const row = ctx.db.select(staffColumns).from(staff).leftJoin(departments, eq(departments.id, staff.departmentId)).where(eq(staff.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such person', { field: 'id', entity: 'staff', id });
  return row;
}

export function listStaff(
  ctx: RequestContext, filter: { departmentId?: string | undefined; position?: StaffRow['position'] | undefined; status?: StaffRow['status'] | undefined },
): z.input<typeof StaffAdminView>[] {
  const where: SQL[] = [];
  if (filter.departmentId) where.push(eq(staff.departmentId, filter.departmentId));
  if (filter.position) where.push(eq(staff.position, filter.position));
  if (filter.status) where.push(eq(staff.status, filter.status));
  return ctx.db.select(staffColumns).from(staff).leftJoin(departments, eq(departments.id, staff.departmentId))
    .where(and(...where)).orderBy(asc(departments.code), asc(staff.name), asc(staff.id)).all();
}
