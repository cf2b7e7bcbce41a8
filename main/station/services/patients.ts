/** Patients: register, edit, open the card (audited), search, look for duplicates. */
import { serializeAllergyList, type CodedAllergy } from '../../domain/allergies';
import { eq, sql } from 'drizzle-orm';
import type { patientsProcedures } from '../../api/procedures/patients';
import { DomainError } from '../../domain/errors';
import { normalizePhone } from '../../domain/phone';
import { parseResidentId } from '../../domain/residentId';
import { recordNo } from '../../domain/numbers';
import { patients } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { perConnection } from '../../../db/statement-cache';
import type { RequestContext } from '../context';
import type { HandlersFor } from '../handler';
import {
  blankToNull, checkIdentity, clinicToday, idDocColumns, nameColumns, normalizeOptionalPhone, optionalPersonName, phoneColumns, toCard, type PatientRow,
} from './patients-fields';
import { dictionaryCode } from './dictionary';
import { findDuplicates, requireAcknowledged } from './patients-duplicates';
import { searchPatients } from './patients-search';
import { patientsMergeHandlers } from './patients-merge';
import { freeNumber } from '../free-number';

/** By id, compiled once per connection: every booking, check-in and walk-in reads the patient. */
/** A typed coded allergy as stored (a blank note is none). */
function codedOf(a: { kind: CodedAllergy['kind']; allergen: string; reaction: CodedAllergy['reaction']; note?: string | null | undefined }): CodedAllergy {
  return { kind: a.kind, allergen: a.allergen, reaction: a.reaction, note: a.note ?? null };
}

const byId = perConnection((db: Db) => db.select().from(patients).where(eq(patients.id, sql.placeholder('id'))).prepare());

/** The patient row, or NOT_FOUND {field}. Merged records are returned too (their card says where they went). */
export function loadPatient(ctx: Pick<RequestContext, 'db'>, id: string, field = 'id'): PatientRow {
  const row = byId(ctx.db).get({ id });
  if (!row) throw new DomainError('NOT_FOUND', 'no such patient', { field, id });
  return row;
}

/** A patient new work may be attached to: exists and not merged away (CONFLICT {reason: 'merged', mergedInto}). */
export function loadActivePatient(ctx: Pick<RequestContext, 'db'>, id: string, field = 'patientId'): PatientRow {
  const row = loadPatient(ctx, id, field);
  if (row.mergedInto !== null) {
    throw new DomainError('CONFLICT', 'this patient record was merged into another', {
      field, reason: 'merged', id, mergedInto: row.mergedInto,
    });
  }
  return row;
}

type Patch = Partial<Omit<PatientRow, 'id' | 'createdAt' | 'updatedAt' | 'recordNo' | 'mergedInto'>>;

/** Only the columns whose value really changes. */
function changedOnly(row: PatientRow, patch: Patch): Patch {
  return Object.fromEntries(Object.entries(patch).filter(([k, v]) => row[k as keyof PatientRow] !== v)) as Patch;
}

function lenient<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

export const patientsHandlers = {
  'patients.register': (ctx, input) => {
    const today = clinicToday(ctx);
    const names = nameColumns(input.name);
    const identity = checkIdentity(input, today);
    const phone = phoneColumns(input.phone);
    const emergencyPhone = normalizeOptionalPhone(input.emergencyPhone, 'emergencyPhone');
    const warnings = findDuplicates(ctx.raw, { name: names.name, birthDate: identity.birthDate, idNumber: identity.idNumber, phone: phone.phone });
    requireAcknowledged(warnings, input.confirmDuplicate, input.acknowledgedDuplicateIds);
    const id = ctx.write.insert(patients, {
      recordNo: freeNumber(ctx.raw, ctx.nextSeq, 'record', (n) => recordNo(ctx.device, n), { table: 'patients', column: 'record_no' }),
      ...names,
      ...identity,
      ...phone,
      address: blankToNull(input.address),
      insuranceType: input.insuranceType ?? 'self_pay',
      insuranceNo: blankToNull(input.insuranceNo),
      allergies: blankToNull(input.allergies),
      allergyList: serializeAllergyList((input.allergyList ?? []).map(codedOf)),
      emergencyName: optionalPersonName(input.emergencyName, 'emergencyName'),
      emergencyPhone,
      ...idDocColumns(input.idDocType, input.idDocNumber),
      maritalStatus: dictionaryCode(ctx, 'marital_status', input.maritalStatus, 'maritalStatus'),
      ethnicity: dictionaryCode(ctx, 'ethnicity', input.ethnicity, 'ethnicity'),
      occupation: dictionaryCode(ctx, 'occupation', input.occupation, 'occupation'),
    });
    ctx.audit('create', 'patient', id, id);
    return { patient: toCard(loadPatient(ctx, id), today), warnings };
  },

  'patients.update': (ctx, input) => {
    const today = clinicToday(ctx);
    const row = loadPatient(ctx, input.id);
    if (row.mergedInto !== null) {
      throw new DomainError('CONFLICT', 'this patient record was merged into another; edit that one', {
        field: 'id', reason: 'merged', id: row.id, mergedInto: row.mergedInto,
      });
    }
    const patch: Patch = {};
    if (input.name !== undefined) Object.assign(patch, nameColumns(input.name));
    if (input.idNumber !== undefined || input.sex !== undefined || input.birthDate !== undefined) {
      const idNumber = input.idNumber !== undefined ? blankToNull(input.idNumber) : row.idNumber;
      const newId = idNumber !== null && idNumber.toUpperCase() !== row.idNumber;
      // A new ID number fills sex and birth date unless they were typed in this edit too.
      Object.assign(patch, checkIdentity({
        idNumber,
        sex: input.sex !== undefined ? input.sex : newId ? undefined : row.sex,
        birthDate: input.birthDate !== undefined ? input.birthDate : newId ? undefined : row.birthDate,
      }, today));
    }
    if (input.phone !== undefined) Object.assign(patch, phoneColumns(input.phone));
    if (input.emergencyPhone !== undefined) patch.emergencyPhone = normalizeOptionalPhone(input.emergencyPhone, 'emergencyPhone');
    if (input.address !== undefined) patch.address = blankToNull(input.address);
    if (input.insuranceType !== undefined) patch.insuranceType = input.insuranceType;
    if (input.insuranceNo !== undefined) patch.insuranceNo = blankToNull(input.insuranceNo);
    if (input.allergies !== undefined) patch.allergies = blankToNull(input.allergies);
    if (input.allergyList !== undefined) patch.allergyList = serializeAllergyList(input.allergyList.map(codedOf));
    if (input.emergencyName !== undefined) patch.emergencyName = optionalPersonName(input.emergencyName, 'emergencyName');
    if (input.idDocType !== undefined || input.idDocNumber !== undefined) {
      Object.assign(patch, idDocColumns(input.idDocType !== undefined ? input.idDocType : row.idDocType, input.idDocNumber !== undefined ? input.idDocNumber : row.idDocNumber));
    }
    // A code the dictionary has since stopped may stay on the patient it was given to.
    if (input.maritalStatus !== undefined) patch.maritalStatus = dictionaryCode(ctx, 'marital_status', input.maritalStatus, 'maritalStatus', row.maritalStatus);
    if (input.ethnicity !== undefined) patch.ethnicity = dictionaryCode(ctx, 'ethnicity', input.ethnicity, 'ethnicity', row.ethnicity);
    if (input.occupation !== undefined) patch.occupation = dictionaryCode(ctx, 'occupation', input.occupation, 'occupation', row.occupation);

    const changes = changedOnly(row, patch);
    const after = { ...row, ...changes };
    const warnings = findDuplicates(ctx.raw, after, row.id);
    // Only a newly set ID number needs the acknowledgement: an old, already-confirmed one does not block edits.
    if (changes.idNumber) requireAcknowledged(warnings, input.confirmDuplicate, input.acknowledgedDuplicateIds);
    if (Object.keys(changes).length > 0) {
      ctx.write.update(patients, row.id, changes);
      ctx.audit('update', 'patient', row.id, row.id);
    }
    return { patient: toCard(loadPatient(ctx, row.id), today), warnings };
  },

  'patients.get': (ctx, { id }) => {
    const row = loadPatient(ctx, id);
    ctx.audit('read', 'patient', id, id);
    return toCard(row, clinicToday(ctx));
  },

  'patients.search': (ctx, { q, limit }) => searchPatients(ctx.raw, q, limit, clinicToday(ctx)),

  'patients.checkDuplicates': (ctx, input) => {
    const today = clinicToday(ctx);
    const name = input.name ? lenient(() => nameColumns(input.name!).name) : null;
    const idNumber = blankToNull(input.idNumber);
    const phone = blankToNull(input.phone);
    const warnings = findDuplicates(ctx.raw, {
      name,
      birthDate: blankToNull(input.birthDate),
      idNumber: idNumber === null ? null : lenient(() => parseResidentId(idNumber, today).idNumber),
      phone: phone === null ? null : lenient(() => normalizePhone(phone)),
    }, input.excludeId);
    return { warnings };
  },

  ...patientsMergeHandlers,
} satisfies HandlersFor<Omit<typeof patientsProcedures, 'patients.portalCode' | 'patients.printPortalCodeSlip'>>;
