/**
 * The front desk's lists at the hub: patients found by what a receptionist types, appointments
 * of the sessions of a date range, and visits of a date range or of one patient. Keyset order:
 * patients by (name, id); appointments by (session date, session id, appointment id); visits by
 * (visit date, id).
 */
import type { z } from 'zod';
import type { AppointmentLookupRow, AppointmentsLookup, PatientLookupRow, PatientsLookup, VisitLookupRow, VisitsLookup } from '../../api/procedures/lookups';
import { num } from '../stats/range';
import type { SortKey } from './cursor';
import { likePrefix } from './filters';
import { afterKey, fromKey, Params, runPage, str, strOrNull, type LookupDb, type Page } from './page';

type Raw = Record<string, unknown>;
type PatientsFilter = Pick<z.output<typeof PatientsLookup>, 'query'>;
type AppointmentsFilter = Omit<z.output<typeof AppointmentsLookup>, 'cursor' | 'limit'>;
type VisitsFilter = Omit<z.output<typeof VisitsLookup>, 'cursor' | 'limit'>;

export const PATIENTS_KEY = ['s', 's'] as const;
export const APPOINTMENTS_KEY = ['s', 's', 's'] as const;
export const VISITS_KEY = ['s', 's'] as const;

/** Name or pinyin prefix, phone prefix or last digits, ID number or record number as typed. */
export async function pagePatients(db: LookupDb, f: PatientsFilter, after: SortKey | null, limit: number): Promise<Page<z.input<typeof PatientLookupRow>>> {
  const p = new Params();
  const q = f.query.trim();
  const prefix = p.add(likePrefix(q));
  const lower = p.add(likePrefix(q.toLowerCase()));
  const reversed = p.add(likePrefix([...q].reverse().join('')));
  const exact = p.add(q.toUpperCase());
  const sql = `
    SELECT pt.id, pt.record_no, pt.name, pt.sex, pt.birth_date, pt.phone, pt.id_number,
      (SELECT count(*) FROM visits v WHERE v.patient_id = pt.id AND v.status <> 'cancelled') AS visits,
      (SELECT max(v.visit_date) FROM visits v WHERE v.patient_id = pt.id AND v.status <> 'cancelled') AS last_visit
    FROM patients pt
    WHERE pt.merged_into IS NULL
      AND (pt.name LIKE ${prefix} ESCAPE '\\' OR pt.pinyin_initials LIKE ${lower} ESCAPE '\\' OR pt.pinyin_full LIKE ${lower} ESCAPE '\\'
        OR pt.phone LIKE ${prefix} ESCAPE '\\' OR pt.phone_rev LIKE ${reversed} ESCAPE '\\' OR upper(pt.id_number) = ${exact}
        OR upper(pt.id_doc_number) = ${exact} OR upper(pt.record_no) = ${exact})
      AND ${after ? `pt.name >= ${p.add(after[0])}` : 'TRUE'} AND ${afterKey(p, ['pt.name', 'pt.id'], after)}
    ORDER BY pt.name, pt.id`;
  return runPage<Raw, z.input<typeof PatientLookupRow>>(db, 'patients', sql, p, limit, (r) => ({
    id: str(r.id), recordNo: str(r.record_no), name: str(r.name), sex: str(r.sex) as 'M', birthDate: strOrNull(r.birth_date),
    phone: strOrNull(r.phone), idNumber: strOrNull(r.id_number), visits: num(r.visits), lastVisitDate: strOrNull(r.last_visit),
  }), (r) => [str(r.name), str(r.id)]);
}

export async function pageAppointments(db: LookupDb, f: AppointmentsFilter, after: SortKey | null, limit: number): Promise<Page<z.input<typeof AppointmentLookupRow>>> {
  const p = new Params();
  const where = [`s.date BETWEEN ${p.add(fromKey(f.from, after))} AND ${p.add(f.to)}`];
  if (f.departmentId) where.push(`s.department_id = ${p.add(f.departmentId)}`);
  if (f.doctorId) where.push(`s.doctor_id = ${p.add(f.doctorId)}`);
  if (f.status) where.push(`a.status = ${p.add(f.status)}`);
  if (f.source) where.push(`a.source = ${p.add(f.source)}`);
  where.push(afterKey(p, ['s.date', 's.id', 'a.id'], after));
  const sql = `
    SELECT a.id, s.id AS session_id, s.date, s.period, a.patient_id, pt.name AS patient_name, pt.record_no,
      s.department_id, d.name AS department_name, d.name_en AS department_name_en, s.doctor_id, st.name AS doctor_name,
      a.status, a.source, a.created_at
    FROM roster_sessions s JOIN appointments a ON a.session_id = s.id
      LEFT JOIN patients pt ON pt.id = a.patient_id LEFT JOIN departments d ON d.id = s.department_id LEFT JOIN staff st ON st.id = s.doctor_id
    WHERE ${where.join(' AND ')}
    ORDER BY s.date, s.id, a.id`;
  return runPage<Raw, z.input<typeof AppointmentLookupRow>>(db, 'appointments', sql, p, limit, (r) => ({
    id: str(r.id), date: str(r.date), period: str(r.period), patientId: str(r.patient_id), patientName: str(r.patient_name), recordNo: str(r.record_no),
    departmentId: str(r.department_id), departmentName: str(r.department_name), departmentNameEn: str(r.department_name_en),
    doctorId: str(r.doctor_id), doctorName: str(r.doctor_name), status: str(r.status) as 'pending', source: str(r.source) as 'phone',
    createdAt: num(r.created_at),
  }), (r) => [str(r.date), str(r.session_id), str(r.id)]);
}

export async function pageVisits(db: LookupDb, f: VisitsFilter, after: SortKey | null, limit: number): Promise<Page<z.input<typeof VisitLookupRow>>> {
  const p = new Params();
  const where: string[] = [];
  if (f.from && f.to) where.push(`v.visit_date BETWEEN ${p.add(fromKey(f.from, after))} AND ${p.add(f.to)}`);
  else if (after) where.push(`v.visit_date >= ${p.add(after[0])}`);
  if (f.patientId) where.push(`v.patient_id = ${p.add(f.patientId)}`);
  if (f.departmentId) where.push(`v.department_id = ${p.add(f.departmentId)}`);
  if (f.doctorId) where.push(`v.doctor_id = ${p.add(f.doctorId)}`);
  if (f.status) where.push(`v.status = ${p.add(f.status)}`);
  where.push(afterKey(p, ['v.visit_date', 'v.id'], after));
  const sql = `
    SELECT v.id, v.visit_date, v.queue_no, v.patient_id, pt.name AS patient_name, pt.record_no,
      v.department_id, d.name AS department_name, d.name_en AS department_name_en, v.doctor_id, st.name AS doctor_name,
      v.visit_type, v.status, v.fee_fen, v.checked_in_at
    FROM visits v
      LEFT JOIN patients pt ON pt.id = v.patient_id LEFT JOIN departments d ON d.id = v.department_id LEFT JOIN staff st ON st.id = v.doctor_id
    WHERE ${where.join(' AND ')}
    ORDER BY v.visit_date, v.id`;
  return runPage<Raw, z.input<typeof VisitLookupRow>>(db, 'visits', sql, p, limit, (r) => ({
    id: str(r.id), date: str(r.visit_date), queueNo: str(r.queue_no), patientId: str(r.patient_id), patientName: str(r.patient_name),
    recordNo: str(r.record_no), departmentId: str(r.department_id), departmentName: str(r.department_name), departmentNameEn: str(r.department_name_en),
    doctorId: str(r.doctor_id), doctorName: str(r.doctor_name), visitType: str(r.visit_type) as 'first', status: str(r.status) as 'waiting',
    feeFen: num(r.fee_fen), checkedInAt: num(r.checked_in_at),
  }), (r) => [str(r.visit_date), str(r.id)]);
}
