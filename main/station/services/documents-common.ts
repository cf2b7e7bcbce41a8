/** What every printed document's data needs from the station: the clinic, names, ages. */
import { eq } from 'drizzle-orm';
import { accounts, departments, patients, staff } from '../../../db/schema';
import type { PrintedDocument } from '../../api/procedures/documents';
import { ageLabel } from '../../domain/age';
import { localDate } from '../../domain/dates';
import type { DocumentKind, DocumentData } from '../../documents/schemas';
import type { Lang } from '../../documents/labels';
import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../context';

/** A document's data gathered from the database, before it is rendered. */
export interface Gathered<K extends DocumentKind> {
  kind: K;
  data: DocumentData<K>;
  /** The printed document and the row it is of (the audit row's entity and entity_id). */
  document: PrintedDocument;
  entityId: string;
  patientId: string | null;
  /** The number people read (rx, receipt, record number…), for the file name and print job. */
  number: string;
}

export function clinicOf(ctx: RequestContext, lang: Lang) {
  const s = ctx.settings;
  const name = lang === 'en' && s.clinicNameEn.trim() !== '' && s.clinicNameEn !== 'Clinic' ? s.clinicNameEn : s.clinicName;
  return { name, address: s.address || null, phone: s.phone || null };
}

/** '35岁' / '35 y' on the clinic's date of `at`; null without a birth date (or a bad one). */
export function ageAt(ctx: RequestContext, birthDate: string | null, at: number, lang: Lang): string | null {
  if (!birthDate) return null;
  try {
    return ageLabel(birthDate, localDate(at, ctx.settings.timeZone), lang);
  } catch {
    return null; // a birth date after the document's date: print no age rather than refuse
  }
}

export type PatientRow = typeof patients.$inferSelect;

export function loadPatient(ctx: RequestContext, patientId: string, field = 'patientId'): PatientRow {
  const p = ctx.db.select().from(patients).where(eq(patients.id, patientId)).get();
  if (!p) throw new DomainError('NOT_FOUND', 'no such patient', { entity: 'patient', field, value: patientId });
  return p;
}

export function staffName(ctx: RequestContext, staffId: string | null): string | null {
  if (!staffId) return null;
  return ctx.db.select({ name: staff.name }).from(staff).where(eq(staff.id, staffId)).get()?.name ?? null;
}

/** The person behind an account: its staff member's name, else its user name. */
export function accountName(ctx: RequestContext, accountId: string): string {
  const r = ctx.db.select({ username: accounts.username, name: staff.name }).from(accounts)
    .leftJoin(staff, eq(staff.id, accounts.staffId)).where(eq(accounts.id, accountId)).get();
  return r?.name ?? r?.username ?? accountId;
}

export function departmentName(ctx: RequestContext, departmentId: string, lang: Lang): string {
  const d = ctx.db.select({ name: departments.name, nameEn: departments.nameEn }).from(departments).where(eq(departments.id, departmentId)).get();
  if (!d) return '—';
  return lang === 'en' && d.nameEn.trim() !== '' ? d.nameEn : d.name;
}

export function notFound(entity: string, field: string, value: string): DomainError {
  return new DomainError('NOT_FOUND', `no such ${entity}`, { entity, field, value });
}
