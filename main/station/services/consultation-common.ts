/** What the consult-room services share: loading a visit, who may write it, its state. */
import { eq } from 'drizzle-orm';
import { parseAllergyList } from '../../domain/allergies';
import { localDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import type { VisitStatus } from '../../domain/enums';
import { departments, patients, staff, visits } from '../../../db/schema';
import { accountOf, type RequestContext } from '../context';

export type VisitRow = typeof visits.$inferSelect;

/** The clinic's local date now. */
export function today(ctx: RequestContext): string {
  return localDate(ctx.now(), ctx.settings.timeZone);
}

export function notFound(entity: string, field: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${entity} ${id} not found`, { entity, field, id });
}

export function loadVisit(ctx: RequestContext, visitId: string, field = 'visitId'): VisitRow {
  const v = ctx.db.select().from(visits).where(eq(visits.id, visitId)).get();
  if (!v) throw notFound('visit', field, visitId);
  return v;
}

/** The staff member behind the logged-in account (doctors always have one). */
export function myStaffId(ctx: RequestContext): string {
  const staffId = accountOf(ctx).staffId;
  if (!staffId) throw new DomainError('FORBIDDEN', 'this account is not linked to a staff member', { reason: 'no_staff' });
  return staffId;
}

/** Only the doctor the visit is with writes its record, prescriptions and orders. */
export function requireVisitDoctor(ctx: RequestContext, visit: Pick<VisitRow, 'id' | 'doctorId'>): string {
  const me = myStaffId(ctx);
  if (me !== visit.doctorId) {
    throw new DomainError('FORBIDDEN', "only the visit's doctor may do this", { reason: 'not_visit_doctor', visitId: visit.id });
  }
  return me;
}

const NOT_STARTED: readonly VisitStatus[] = ['waiting', 'cancelled'];

/** Orders (prescriptions, exams, admissions) are made while the patient is in the room. */
export function requireInConsultation(visit: Pick<VisitRow, 'id' | 'status'>): void {
  if (visit.status !== 'in_consultation') {
    throw new DomainError('VISIT_NOT_IN_CONSULTATION', 'the visit is not in consultation', { visitId: visit.id, status: visit.status });
  }
}

/** A record may be written once the consultation has started (and completed after it). */
export function consultationStarted(visit: Pick<VisitRow, 'status'>): boolean {
  return !NOT_STARTED.includes(visit.status);
}

export function requireStarted(visit: Pick<VisitRow, 'id' | 'status'>): void {
  if (!consultationStarted(visit)) {
    throw new DomainError('VISIT_NOT_IN_CONSULTATION', 'the consultation has not started', { visitId: visit.id, status: visit.status });
  }
}

export function patientBrief(ctx: RequestContext, patientId: string) {
  const p = ctx.db.select({
    id: patients.id, recordNo: patients.recordNo, name: patients.name, sex: patients.sex, birthDate: patients.birthDate,
    allergies: patients.allergies,
  }).from(patients).where(eq(patients.id, patientId)).get();
  if (!p) throw notFound('patient', 'patientId', patientId);
  return p;
}

/** The patient's coded allergies as the consult room shows them (an unreadable stored list is said, never read as none). */
export function codedAllergies(ctx: RequestContext, patientId: string) {
  const p = ctx.db.select({ allergyList: patients.allergyList }).from(patients).where(eq(patients.id, patientId)).get();
  const parsed = parseAllergyList(p?.allergyList);
  return { allergyList: parsed.items, allergyListUnreadable: parsed.unreadable };
}

/** Names of staff members by id (unknown ids are left out). */
export function staffNames(ctx: RequestContext, ids: Iterable<string>): Map<string, string> {
  const want = new Set(ids);
  const out = new Map<string, string>();
  if (want.size === 0) return out;
  // The staff list of a clinic is small: one read beats a long IN list.
  for (const s of ctx.db.select({ id: staff.id, name: staff.name }).from(staff).all()) if (want.has(s.id)) out.set(s.id, s.name);
  return out;
}

export function departmentNames(ctx: RequestContext): Map<string, string> {
  return new Map(ctx.db.select({ id: departments.id, name: departments.name }).from(departments).all().map((d) => [d.id, d.name]));
}
