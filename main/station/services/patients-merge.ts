/**
 * Merging a duplicate patient record into the one kept. Patients are not master data: a merge
 * runs at any desk, offline too, and replicates like any other write.
 *
 * What a merge writes, in one transaction, through the writer (so every change replicates):
 *   1. every row of the merged record in PATIENT_ROW_TABLES gets the kept record's patient_id;
 *   2. records merged earlier into the merged one now point at the kept one (no chains);
 *   3. the kept record's allergies gain the merged record's (a safety field: never lost);
 *   4. the merged record gets merged_into = kept id (written last, after the rows it left);
 *   5. two audit rows, action 'merge', entity 'patient_merge', one in each record's trail,
 *      whose entity_id is JSON {keepId, mergeId, reason}.
 *
 * Ledger rows (main/sync/merge.ts LEDGER_TABLES) are insert-only and are not moved. Of them only
 * audit_log has a patient_id: it keeps naming the record that was read or changed at the time,
 * which is the truth of the log; the merge rows link the two records' trails.
 *
 * Rows written offline for the merged record by a desk that had not heard of the merge yet
 * arrive after it. The hub finds them (main/hub/detect.ts, task merged_patient_rows) and a person
 * moves them with `patients.mergeLeftovers`, which moves whatever rows of a merged record this
 * desk holds to the live end of its merged_into chain.
 */
import { parseAllergyList, serializeAllergyList } from '../../domain/allergies';
import { eq } from 'drizzle-orm';
import type { patientsProcedures } from '../../api/procedures/patients';
import { PATIENT_ROW_TABLES, type PatientRowCountsT, type PatientRowTable } from '../../api/procedures/reviews';
import { DomainError } from '../../domain/errors';
import { admissions, appointments, bills, examOrders, medicalRecords, patients, prescriptions, visits } from '../../../db/schema';
import type { RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import { clinicToday, toCard, type PatientRow } from './patients-fields';

/** The drizzle table of each patient-row table (checked against the schema by patients-merge.int.test.ts). */
export const PATIENT_ROW_DRIZZLE = {
  appointments, visits, bills, medical_records: medicalRecords, prescriptions, exam_orders: examOrders, admissions,
} as const satisfies Record<PatientRowTable, unknown>;

/** Longest merged_into chain followed (chains are flattened by every merge; this only stops a loop). */
const MAX_CHAIN = 20;

function load(ctx: Pick<RequestContext, 'db'>, id: string, field: string): PatientRow {
  const row = ctx.db.select().from(patients).where(eq(patients.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'no such patient', { field, id });
  return row;
}

/** Moves every row of `fromId` in the patient-row tables to `toId`; the count per table. */
function moveRows(ctx: RequestContext, fromId: string, toId: string): PatientRowCountsT {
  const moved = {} as PatientRowCountsT;
  for (const name of PATIENT_ROW_TABLES) {
    const ids = ctx.raw.prepare(`SELECT id FROM "${name}" WHERE patient_id = ? ORDER BY id`).pluck().all(fromId) as string[];
    const table = PATIENT_ROW_DRIZZLE[name];
    for (const id of ids) ctx.write.update(table, id, { patientId: toId });
    moved[name] = ids.length;
  }
  return moved;
}

/** Both allergy texts, the kept one first; the kept text alone when the other adds nothing. */
export function combinedAllergies(keep: string | null, merged: string | null): string | null {
  const m = merged?.trim() ?? '';
  const k = keep?.trim() ?? '';
  if (m === '' || k.includes(m)) return keep;
  return k === '' ? m : `${k}；${m}`;
}

function auditMerge(ctx: RequestContext, keepId: string, mergeId: string, reason: string): void {
  const entityId = JSON.stringify({ keepId, mergeId, reason });
  ctx.audit('merge', 'patient_merge', entityId, keepId);
  ctx.audit('merge', 'patient_merge', entityId, mergeId);
}

function result(ctx: RequestContext, keepId: string, mergeId: string, moved: PatientRowCountsT) {
  const today = clinicToday(ctx);
  return { kept: toCard(load(ctx, keepId, 'keepId'), today), merged: toCard(load(ctx, mergeId, 'mergeId'), today), moved };
}

export const patientsMergeHandlers = {
  'patients.merge': (ctx, { keepId, mergeId, reason }) => {
    if (keepId === mergeId) throw new DomainError('VALIDATION', 'a record cannot be merged into itself', { field: 'mergeId', reason: 'same_patient' });
    const keep = load(ctx, keepId, 'keepId');
    const merged = load(ctx, mergeId, 'mergeId');
    if (merged.mergedInto !== null) {
      throw new DomainError('CONFLICT', 'this record was already merged into another', { field: 'mergeId', reason: 'merged', id: mergeId, mergedInto: merged.mergedInto });
    }
    if (keep.mergedInto !== null) {
      throw new DomainError('CONFLICT', 'the record to keep was itself merged into another', { field: 'keepId', reason: 'merged', id: keepId, mergedInto: keep.mergedInto });
    }
    const moved = moveRows(ctx, mergeId, keepId);
    const earlier = ctx.raw.prepare('SELECT id FROM patients WHERE merged_into = ? ORDER BY id').pluck().all(mergeId) as string[];
    for (const id of earlier) ctx.write.update(patients, id, { mergedInto: keepId });
    const allergies = combinedAllergies(keep.allergies, merged.allergies);
    if (allergies !== keep.allergies) ctx.write.update(patients, keepId, { allergies });
    const coded = parseAllergyList(keep.allergyList).items.concat(parseAllergyList(merged.allergyList).items);
    const allergyList = serializeAllergyList(coded);
    if (allergyList !== keep.allergyList && coded.length > 0) ctx.write.update(patients, keepId, { allergyList });
    ctx.write.update(patients, mergeId, { mergedInto: keepId });
    auditMerge(ctx, keepId, mergeId, reason);
    return result(ctx, keepId, mergeId, moved);
  },

  'patients.mergeLeftovers': (ctx, { patientId }) => {
    const merged = load(ctx, patientId, 'patientId');
    if (merged.mergedInto === null) {
      throw new DomainError('CONFLICT', 'this record was not merged: there is nothing to move', { field: 'patientId', reason: 'not_merged', id: patientId });
    }
    let target = load(ctx, merged.mergedInto, 'patientId');
    for (let i = 0; target.mergedInto !== null; i++) {
      if (i >= MAX_CHAIN || target.mergedInto === patientId) {
        throw new DomainError('CONFLICT', 'the merged records point at each other', { field: 'patientId', reason: 'merge_loop', id: patientId });
      }
      target = load(ctx, target.mergedInto, 'patientId');
    }
    const moved = moveRows(ctx, patientId, target.id);
    if (Object.values(moved).some((n) => n > 0)) auditMerge(ctx, target.id, patientId, 'rows written after the merge');
    return result(ctx, target.id, patientId, moved);
  },
} satisfies HandlersFor<Pick<typeof patientsProcedures, 'patients.merge' | 'patients.mergeLeftovers'>>;
