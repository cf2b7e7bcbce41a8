/**
 * Turning what the receptionist typed into what is stored: identity checked against the
 * resident ID, phones normalised, pinyin keys made; and the patient card as the API shows it.
 */
import { parseAllergyList } from '../../domain/allergies';
import type { PatientCardT } from '../../api/procedures/patients';
import { ageOn } from '../../domain/age';
import { localDate } from '../../domain/dates';
import type { Sex } from '../../domain/enums';
import { DomainError } from '../../domain/errors';
import { checkPersonName } from '../../domain/personName';
import { normalizePhone } from '../../domain/phone';
import { pinyinKeys } from '../../domain/pinyin';
import { checkIdDocument, type IdDocType } from '../../domain/idDocuments';
import { checkResidentId, MIN_BIRTH_DATE } from '../../domain/residentId';
import { parseIsoDate } from '../../domain/dates';
import type { patients } from '../../../db/schema';
import type { RequestContext } from '../context';

export type PatientRow = typeof patients.$inferSelect;

export function clinicToday(ctx: Pick<RequestContext, 'now' | 'settings'>): string {
  return localDate(ctx.now(), ctx.settings.timeZone);
}

/** Blank text is "none". */
export function blankToNull(s: string | null | undefined): string | null {
  if (s === undefined || s === null) return null;
  const t = s.trim();
  return t === '' ? null : t;
}

/**
 * Re-throws a domain error with `details.field` naming the form field it concerns; `override`
 * false keeps a field the error already names (a mismatch names 'sex' or 'birthDate').
 */
function withField<T>(field: string, fn: () => T, override = true): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) {
      const details = override ? { ...err.details, field } : { field, ...err.details };
      throw new DomainError(err.code, err.message, details);
    }
    throw err;
  }
}

export interface Identity {
  sex: Sex;
  birthDate: string | null;
  idNumber: string | null;
}

/**
 * Checks sex, birth date and ID number together. With an ID number: INVALID_ID_NUMBER
 * {field: 'idNumber', reason}, or ID_NUMBER_MISMATCH {field: 'birthDate' | 'sex'} when what was
 * typed disagrees; what was not typed (or sex 'U') is filled from the ID. Without one: the
 * birth date must be a real date from 1900 to today (INVALID_DATE {field: 'birthDate'}).
 */
export function checkIdentity(
  typed: { sex?: Sex | null | undefined; birthDate?: string | null | undefined; idNumber?: string | null | undefined },
  todayIso: string,
): Identity {
  const idNumber = blankToNull(typed.idNumber);
  const birthDate = blankToNull(typed.birthDate);
  if (idNumber !== null) {
    const parsed = withField('idNumber', () => checkResidentId({ idNumber, birthDate, sex: typed.sex ?? null, todayIso }), false);
    return { idNumber: parsed.idNumber, birthDate: parsed.birthDate, sex: typed.sex === 'M' || typed.sex === 'F' ? typed.sex : parsed.sex };
  }
  if (birthDate !== null) {
    parseIsoDate(birthDate, 'birthDate');
    if (birthDate < MIN_BIRTH_DATE || birthDate > todayIso) {
      throw new DomainError('INVALID_DATE', 'birth date must be between 1900-01-01 and today', {
        field: 'birthDate', value: birthDate, min: MIN_BIRTH_DATE, max: todayIso,
      });
    }
  }
  return { idNumber: null, birthDate, sex: typed.sex ?? 'U' };
}

/** The digits a phone is searched by: the number without its extension ('0755-2345678-8001' → '07552345678'). */
export function phoneSearchDigits(normalized: string): string {
  const groups = normalized.split('-');
  return (groups.length === 3 ? groups.slice(0, 2) : groups).join('');
}

export function reverse(s: string): string {
  return [...s].reverse().join('');
}

/** Normalised phone and its reversed digits (for last-digits search); INVALID_PHONE {field}. */
export function phoneColumns(input: string | null | undefined, field = 'phone'): { phone: string | null; phoneRev: string | null } {
  const raw = blankToNull(input);
  if (raw === null) return { phone: null, phoneRev: null };
  const phone = withField(field, () => normalizePhone(raw));
  return { phone, phoneRev: reverse(phoneSearchDigits(phone)) };
}

export function normalizeOptionalPhone(input: string | null | undefined, field: string): string | null {
  return phoneColumns(input, field).phone;
}

/** NFKC, trimmed, single spaces, none between Chinese characters ('张 三' is '张三'): stored and searched alike. */
export function tidyName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
}

export function nameColumns(name: string): { name: string; pinyinFull: string; pinyinInitials: string } {
  const clean = tidyName(name);
  if (clean === '') throw new DomainError('VALIDATION', 'name is required', { field: 'name' });
  const checked = checkPersonName(clean);
  const keys = pinyinKeys(checked);
  return { name: checked, pinyinFull: keys.full, pinyinInitials: keys.initials };
}

/** An emergency contact's name: blank is none, else a person's name (INVALID_NAME {field: 'emergencyName'}). */
export function optionalPersonName(input: string | null | undefined, field: string): string | null {
  const raw = blankToNull(input);
  return raw === null ? null : checkPersonName(tidyName(raw), field);
}

export function ageYears(birthDate: string | null, todayIso: string): number | null {
  if (birthDate === null) return null;
  try {
    return ageOn(birthDate, todayIso).years;
  } catch {
    return null; // a birth date after today (clock set back, synced data): no age rather than a failure
  }
}

export function toCard(row: PatientRow, todayIso: string): PatientCardT {
  return {
    id: row.id,
    recordNo: row.recordNo,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    ageYears: ageYears(row.birthDate, todayIso),
    idNumber: row.idNumber,
    idDocType: row.idDocType,
    idDocNumber: row.idDocNumber,
    maritalStatus: row.maritalStatus,
    ethnicity: row.ethnicity,
    occupation: row.occupation,
    phone: row.phone,
    address: row.address,
    insuranceType: row.insuranceType,
    insuranceNo: row.insuranceNo,
    allergies: row.allergies,
    allergyList: parseAllergyList(row.allergyList).items,
    emergencyName: row.emergencyName,
    emergencyPhone: row.emergencyPhone,
    mergedInto: row.mergedInto,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** '13812345678' → '138****5678'; landlines keep only their last four digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const digits = phoneSearchDigits(phone);
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/** '110101199003071233' → '110101********1233'. */
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null) return null;
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/**
 * Another identity document (issue 16): both blank is none; a type without a number, or a number
 * without a type, is refused at the missing one; the number is checked by its type's rule
 * (main/domain/idDocuments.ts). INVALID_ID_DOCUMENT {field: 'idDocNumber' | 'idDocType', reason}.
 */
export function idDocColumns(type: IdDocType | null | undefined, number: string | null | undefined): { idDocType: IdDocType | null; idDocNumber: string | null } {
  const raw = blankToNull(number);
  const docType = type ?? null;
  if (docType === null && raw === null) return { idDocType: null, idDocNumber: null };
  if (docType === null) throw new DomainError('INVALID_ID_DOCUMENT', 'a document number needs its type', { field: 'idDocType', reason: 'missing_type' });
  if (raw === null) throw new DomainError('INVALID_ID_DOCUMENT', 'a document type needs its number', { field: 'idDocNumber', reason: 'missing_number', docType });
  return { idDocType: docType, idDocNumber: checkIdDocument(docType, raw) };
}
