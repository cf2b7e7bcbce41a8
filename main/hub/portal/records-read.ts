/**
 * Reading a family member's records from the hub's replica (its admin station's SQLite file) for
 * the patient: visits, and one visit's signed record (never a draft), issued prescriptions (never
 * a draft; voided ones marked), exam orders and results, bills with payments and refunds. Only
 * reads; the caller checks the ids belong to the account first and audits the read.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { AdmissionView, BillDetailView, ExamView, RecordView, RxView, VisitSummaryView } from '../../api/patient-records-contract';
import type { PatientDocument } from '../../api/patient-records-contract';
import type { VisitStatus } from '../../domain/enums';
import { isFinishedVisit } from './records-policy';

type Summary = Omit<z.input<typeof VisitSummaryView>, 'rating'>;

const VISIT_SQL = `SELECT v.id, v.patient_id AS memberId, v.visit_date AS date, v.status, v.doctor_id AS doctorId,
    d.name AS departmentName, d.name_en AS departmentNameEn, st.name AS doctorName,
    (SELECT r.status FROM medical_records r WHERE r.visit_id = v.id) AS recordStatus
  FROM visits v JOIN departments d ON d.id = v.department_id JOIN staff st ON st.id = v.doctor_id`;

interface VisitRow extends Omit<Summary, 'finished' | 'recordSigned'> { doctorId: string; recordStatus: string | null }

function toSummary({ recordStatus, doctorId: _doctor, ...v }: VisitRow): Summary {
  return { ...v, finished: isFinishedVisit(v.status), recordSigned: recordStatus === 'signed' };
}

/** A member's visits, newest first (the last 100). */
export function visitsOf(raw: Database.Database, patientId: string): Summary[] {
  return (raw.prepare(`${VISIT_SQL} WHERE v.patient_id = ? ORDER BY v.checked_in_at DESC, v.id DESC LIMIT 100`).all(patientId) as VisitRow[]).map(toSummary);
}

/** A visit's owner, doctor and status, or undefined when there is no such visit. */
export function visitHead(raw: Database.Database, visitId: string): { patientId: string; doctorId: string; status: VisitStatus } | undefined {
  return raw.prepare('SELECT patient_id AS patientId, doctor_id AS doctorId, status FROM visits WHERE id = ?').get(visitId) as
    { patientId: string; doctorId: string; status: VisitStatus } | undefined;
}

export function visitSummary(raw: Database.Database, visitId: string): Summary {
  return toSummary(raw.prepare(`${VISIT_SQL} WHERE v.id = ?`).get(visitId) as VisitRow);
}

export function signedRecord(raw: Database.Database, visitId: string): z.input<typeof RecordView> | null {
  const r = raw.prepare(`SELECT r.id, r.complaint, r.present_illness AS presentIllness, r.past_history AS pastHistory, r.findings, r.plan,
      r.signed_at AS signedAt, coalesce(s.name, d.name, '—') AS doctorName
    FROM medical_records r LEFT JOIN staff s ON s.id = r.signed_by LEFT JOIN staff d ON d.id = r.doctor_id
    WHERE r.visit_id = ? AND r.status = 'signed'`).get(visitId) as (Omit<z.input<typeof RecordView>, 'diagnoses' | 'amendments'> & { id: string }) | undefined;
  if (!r) return null;
  const { id, ...rest } = r;
  const diagnoses = raw.prepare(`SELECT icd10 AS code, text FROM diagnoses WHERE visit_id = ? AND removed = 0
    ORDER BY is_primary DESC, seq, id`).all(visitId) as { code: string; text: string }[];
  const amendments = raw.prepare(`SELECT field, new_text AS newText, reason, created_at AS at FROM record_amendments
    WHERE record_id = ? ORDER BY created_at, id`).all(id) as { field: string; newText: string; reason: string; at: number }[];
  return { ...rest, diagnoses, amendments };
}

/** Issued prescriptions (paid, dispensed, or voided after issue); drafts never. */
export function issuedPrescriptions(raw: Database.Database, visitId: string): z.input<typeof RxView>[] {
  const rxs = raw.prepare(`SELECT p.id, p.rx_no AS rxNo, p.status, p.issued_at AS issuedAt, coalesce(s.name, '—') AS doctorName
    FROM prescriptions p LEFT JOIN staff s ON s.id = p.doctor_id
    WHERE p.visit_id = ? AND p.status <> 'draft' AND p.issued_at IS NOT NULL ORDER BY p.issued_at, p.id`).all(visitId) as
    Omit<z.input<typeof RxView>, 'voided' | 'items'>[];
  const items = raw.prepare(`SELECT d.name AS drugName, d.name_en AS drugNameEn, d.spec, i.dose, i.dose_unit AS doseUnit, i.frequency, i.route,
      i.days, i.quantity, d.unit, i.note AS instructions, d.max_dose AS maxDose, d.contraindications, d.cautions, d.manufacturer,
      d.approval_number AS approvalNumber
    FROM prescription_items i JOIN drugs d ON d.id = i.drug_id WHERE i.prescription_id = ? AND i.removed = 0 ORDER BY i.seq, i.id`);
  return rxs.map((rx) => ({ ...rx, voided: rx.status === 'cancelled', items: items.all(rx.id) as z.input<typeof RxView>['items'] }));
}

export function examsOf(raw: Database.Database, visitId: string): z.input<typeof ExamView>[] {
  return raw.prepare(`SELECT o.id, e.name, e.name_en AS nameEn, o.status, o.result, o.created_at AS orderedAt
    FROM exam_orders o JOIN exam_items e ON e.id = o.exam_item_id WHERE o.visit_id = ? ORDER BY o.created_at, o.id`).all(visitId) as z.input<typeof ExamView>[];
}

export function billsOf(raw: Database.Database, visitId: string): z.input<typeof BillDetailView>[] {
  const bills = raw.prepare(`SELECT id, kind, status, total_fen AS totalFen, insurance_fen AS insuranceFen, self_pay_fen AS selfPayFen, created_at AS createdAt
    FROM bills WHERE visit_id = ? ORDER BY created_at, id`).all(visitId) as Omit<z.input<typeof BillDetailView>, 'payments' | 'refunds'>[];
  // The method's name from the data dictionary (the clinic's own methods, renamed built-ins); null: the app's own word.
  const pays = raw.prepare(`SELECT p.id, p.receipt_no AS receiptNo, p.method, de.name AS methodName, de.name_en AS methodNameEn,
      p.amount_fen AS amountFen, p.created_at AS createdAt
    FROM payments p LEFT JOIN dictionary_entries de ON de.kind = 'payment_method' AND de.code = p.method
    WHERE p.bill_id = ? ORDER BY p.created_at, p.id`);
  const refunds = raw.prepare(`SELECT id, refund_no AS refundNo, method, amount_fen AS amountFen, reason, created_at AS createdAt
    FROM refunds WHERE bill_id = ? ORDER BY created_at, id`);
  return bills.map((b) => ({
    ...b, payments: pays.all(b.id) as z.input<typeof BillDetailView>['payments'], refunds: refunds.all(b.id) as z.input<typeof BillDetailView>['refunds'],
  }));
}

type AdmissionRow = Omit<z.input<typeof AdmissionView>, 'bills'>;

/** A member's admissions to a bed, newest first (the last 50), each with the bills of the visit it was admitted from. */
export function admissionsOf(raw: Database.Database, patientId: string): z.input<typeof AdmissionView>[] {
  const rows = raw.prepare(`SELECT a.id, a.patient_id AS memberId, a.visit_id AS visitId, w.name AS wardName, b.label AS bedLabel, a.status,
      a.admitted_at AS admittedAt, a.discharged_at AS dischargedAt, w.daily_rate_fen AS dailyRateFen,
      coalesce(d.name, '—') AS departmentName, coalesce(d.name_en, '—') AS departmentNameEn, coalesce(st.name, '—') AS doctorName
    FROM admissions a JOIN beds b ON b.id = a.bed_id JOIN wards w ON w.id = b.ward_id JOIN visits v ON v.id = a.visit_id
      LEFT JOIN departments d ON d.id = v.department_id LEFT JOIN staff st ON st.id = v.doctor_id
    WHERE a.patient_id = ? ORDER BY a.admitted_at DESC, a.id DESC LIMIT 50`).all(patientId) as AdmissionRow[];
  return rows.map((a) => ({ ...a, bills: billsOf(raw, a.visitId) }));
}

/**
 * Whose document this is, when the patient may have it at all: a visit with a signed record, an
 * issued prescription, a payment, a refund. Undefined otherwise (answered like a missing id).
 */
export function documentOwner(raw: Database.Database, document: PatientDocument, id: string): string | undefined {
  const sql: Record<PatientDocument, string> = {
    medicalRecord: "SELECT v.patient_id AS p FROM visits v JOIN medical_records r ON r.visit_id = v.id WHERE v.id = ? AND r.status = 'signed'",
    prescription: "SELECT patient_id AS p FROM prescriptions WHERE id = ? AND status <> 'draft' AND issued_at IS NOT NULL",
    receipt: 'SELECT b.patient_id AS p FROM payments x JOIN bills b ON b.id = x.bill_id WHERE x.id = ?',
    refundSlip: 'SELECT b.patient_id AS p FROM refunds x JOIN bills b ON b.id = x.bill_id WHERE x.id = ?',
  };
  return (raw.prepare(sql[document]).get(id) as { p: string } | undefined)?.p;
}
