/** Merging a duplicate patient: every row moves, the record points to the kept one, audited; bad inputs refused with nothing written. */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getTableName } from 'drizzle-orm';
import { PATIENT_ROW_TABLES } from '../../api/procedures/reviews';
import { appointments } from '../../../db/schema';
import { isLedgerTable } from '../../sync/merge';
import { writeAs } from '../../sync/testing';
import { REPLICATED_TABLES } from '../tables';
import { createFixture, type Fixture } from '../testing';
import { residentId } from './desk.testing';
import { addExamOrder, addPrescription, inConsultation, newPatient, openDesk, paidWalkIn, type Desk } from './frontdesk.testing';
import { combinedAllergies } from './patients-merge';
import { count, expectRefused } from '../testing-expect';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
});
afterEach(() => fx.close());

const rowsOf = (table: string, patientId: string) => count(fx, `SELECT count(*) AS n FROM "${table}" WHERE patient_id = ?`, patientId);

/** Two records of one person (same ID number), the second one with a full history. */
function duplicates() {
  const ID = residentId('1980-05-06', 'M');
  const keep = fx.ok(desk.reception, 'patients.register', { name: '张伟', idNumber: ID, phone: '13800138000', allergies: '青霉素' }).patient.id;
  const dup = fx.ok(desk.reception, 'patients.register', {
    name: '张伟', idNumber: ID, allergies: '磺胺类', confirmDuplicate: true, acknowledgedDuplicateIds: [keep],
  }).patient.id;
  fx.ok(desk.reception, 'appointments.book', { patientId: dup, sessionId: fx.ids.sessions.tomorrow });
  const seen = inConsultation(fx, desk, dup);
  fx.ok(desk.doctor, 'consultation.saveRecord', { visitId: seen.id, complaint: '头痛三天' });
  addPrescription(fx, seen, [[fx.ids.drugs[Object.keys(fx.ids.drugs)[0] as keyof typeof fx.ids.drugs], 1, 500]]);
  addExamOrder(fx, seen, fx.ids.exams[Object.keys(fx.ids.exams)[0] as keyof typeof fx.ids.exams], 2000);
  fx.ok(desk.doctor, 'consultation.admit', { visitId: seen.id, bedId: fx.ids.beds.bed1 });
  paidWalkIn(fx, desk, keep);
  return { ID, keep, dup };
}

describe('patients.merge', () => {
  it('the tables it moves are exactly the non-ledger replicated tables with a patient_id', () => {
    const found = REPLICATED_TABLES.filter((t) => getTableConfig(t as Parameters<typeof getTableConfig>[0]).columns.some((c) => c.name === 'patient_id'))
      .map((t) => getTableName(t));
    expect(found.filter((t) => !isLedgerTable(t)).sort()).toEqual([...PATIENT_ROW_TABLES].sort());
    // The one ledger table with a patient_id: the audit log, which stays as written.
    expect(found.filter((t) => isLedgerTable(t))).toEqual(['audit_log']);
  });

  it('moves every row onto the kept record, points the merged one at it, combines allergies, audits both trails', () => {
    const { keep, dup } = duplicates();
    for (const t of PATIENT_ROW_TABLES) expect(rowsOf(t, dup), t).toBeGreaterThan(0);
    const before = Object.fromEntries(PATIENT_ROW_TABLES.map((t) => [t, rowsOf(t, dup) + rowsOf(t, keep)]));
    const dupAudit = count(fx, 'SELECT count(*) AS n FROM audit_log WHERE patient_id = ?', dup);

    const out = fx.ok(desk.reception, 'patients.merge', { keepId: keep, mergeId: dup, reason: '同一人在两台工作站重复建档' });
    expect(out.merged.mergedInto).toBe(keep);
    expect(out.kept.mergedInto).toBeNull();
    expect(out.kept.allergies).toBe('青霉素；磺胺类');
    for (const t of PATIENT_ROW_TABLES) {
      expect(rowsOf(t, dup), t).toBe(0);
      expect(rowsOf(t, keep), t).toBe(before[t]);
      expect(out.moved[t], t).toBeGreaterThan(0);
    }
    // Audit: the old rows stay on the merged record; a merge row in each trail names both and the reason.
    const merges = fx.station.raw.prepare("SELECT patient_id, entity, entity_id FROM audit_log WHERE action = 'merge' ORDER BY patient_id").all() as
      { patient_id: string; entity: string; entity_id: string }[];
    expect(merges.map((m) => m.patient_id).sort()).toEqual([keep, dup].sort());
    for (const m of merges) expect(JSON.parse(m.entity_id)).toEqual({ keepId: keep, mergeId: dup, reason: '同一人在两台工作站重复建档' });
    expect(count(fx, 'SELECT count(*) AS n FROM audit_log WHERE patient_id = ?', dup)).toBe(dupAudit + 1);
    // Every move replicates: a change-log entry per moved row.
    const logged = count(fx, "SELECT count(*) AS n FROM change_log WHERE columns LIKE '%patient_id%' AND op = 'update'");
    expect(logged).toBe(Object.values(out.moved).reduce((a, b) => a + b, 0));
    // New work on the merged record is refused; search finds only the kept one.
    expect(fx.call(desk.reception, 'frontdesk.walkIn', { patientId: dup, doctorId: fx.ids.staff.doctor }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'merged', mergedInto: keep } } });
    expect(fx.ok(desk.reception, 'patients.search', { q: '张伟' }).items.map((p) => p.id)).toEqual([keep]);
  });

  it('an admin may merge; a doctor or cashier may not', () => {
    const a = newPatient(fx, desk);
    const b = newPatient(fx, desk);
    expectRefused(fx, desk.doctor, 'patients.merge', { keepId: a, mergeId: b, reason: 'x' }, 'FORBIDDEN');
    expectRefused(fx, desk.cashier, 'patients.merge', { keepId: a, mergeId: b, reason: 'x' }, 'FORBIDDEN');
    expect(fx.ok(desk.admin, 'patients.merge', { keepId: a, mergeId: b, reason: '重复' }).merged.mergedInto).toBe(a);
  });

  it('refuses bad merges with the field named and nothing written', () => {
    const { keep, dup } = duplicates();
    const other = newPatient(fx, desk);
    const unknown = '01900000-0000-7000-8000-000000000000';
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: keep, mergeId: keep, reason: 'x' }, 'VALIDATION', { field: 'mergeId', reason: 'same_patient' });
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: unknown, mergeId: dup, reason: 'x' }, 'NOT_FOUND', { field: 'keepId' });
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: keep, mergeId: unknown, reason: 'x' }, 'NOT_FOUND', { field: 'mergeId' });
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: keep, mergeId: dup, reason: '   ' }, 'VALIDATION', { field: 'reason' });
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: keep, mergeId: 'not-an-id', reason: 'x' }, 'VALIDATION', { field: 'mergeId' });
    fx.ok(desk.reception, 'patients.merge', { keepId: keep, mergeId: dup, reason: '重复' });
    // Either side already merged.
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: other, mergeId: dup, reason: 'x' }, 'CONFLICT', { field: 'mergeId', reason: 'merged', mergedInto: keep });
    expectRefused(fx, desk.reception, 'patients.merge', { keepId: dup, mergeId: other, reason: 'x' }, 'CONFLICT', { field: 'keepId', reason: 'merged', mergedInto: keep });
  });

  it('merging the kept record later repoints records merged into it (no chains)', () => {
    const a = newPatient(fx, desk);
    const b = newPatient(fx, desk);
    const c = newPatient(fx, desk);
    fx.ok(desk.reception, 'patients.merge', { keepId: b, mergeId: a, reason: '重复' });
    fx.ok(desk.reception, 'patients.merge', { keepId: c, mergeId: b, reason: '重复' });
    expect(fx.ok(desk.reception, 'patients.get', { id: a }).mergedInto).toBe(c);
  });
});

describe('patients.mergeLeftovers', () => {
  it('moves rows written on a merged record after the merge to the live end of its chain; audited', () => {
    const a = newPatient(fx, desk);
    const b = newPatient(fx, desk);
    fx.ok(desk.reception, 'patients.merge', { keepId: b, mergeId: a, reason: '重复' });
    // As a desk that had not heard of the merge would have written them.
    const appt = writeAs(fx.station, (w) => w.insert(appointments, { patientId: a, sessionId: fx.ids.sessions.tomorrow, status: 'pending', source: 'phone' }));
    const out = fx.ok(desk.reception, 'patients.mergeLeftovers', { patientId: a });
    expect(out.kept.id).toBe(b);
    expect(out.moved.appointments).toBe(1);
    expect(fx.station.raw.prepare('SELECT patient_id FROM appointments WHERE id = ?').pluck().get(appt)).toBe(b);
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE action = 'merge'")).toBe(4);
    // Nothing left: answered, nothing written.
    const again = fx.ok(desk.reception, 'patients.mergeLeftovers', { patientId: a });
    expect(Object.values(again.moved).every((n) => n === 0)).toBe(true);
    expect(count(fx, "SELECT count(*) AS n FROM audit_log WHERE action = 'merge'")).toBe(4);
    expect(rowsOf('visits', a)).toBe(0);
  });

  it('refuses a record that was not merged, or unknown', () => {
    const a = newPatient(fx, desk);
    expectRefused(fx, desk.reception, 'patients.mergeLeftovers', { patientId: a }, 'CONFLICT', { field: 'patientId', reason: 'not_merged' });
    expectRefused(fx, desk.reception, 'patients.mergeLeftovers', { patientId: '01900000-0000-7000-8000-000000000000' }, 'NOT_FOUND', { field: 'patientId' });
    expectRefused(fx, desk.doctor, 'patients.mergeLeftovers', { patientId: a }, 'FORBIDDEN');
  });
});

describe('combinedAllergies', () => {
  it('keeps both texts, never loses one, never repeats', () => {
    expect(combinedAllergies('青霉素', '磺胺类')).toBe('青霉素；磺胺类');
    expect(combinedAllergies(null, '磺胺类')).toBe('磺胺类');
    expect(combinedAllergies('青霉素', null)).toBe('青霉素');
    expect(combinedAllergies('青霉素、磺胺类', '磺胺类')).toBe('青霉素、磺胺类');
    expect(combinedAllergies('青霉素', '  ')).toBe('青霉素');
  });
});
