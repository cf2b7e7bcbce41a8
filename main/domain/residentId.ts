/**
 * China resident identity card number, 18 characters (GB 11643-1999):
 *   6 digits region code · 8 digits birth date YYYYMMDD · 3 digits sequence · check character.
 * The sequence's last digit is odd for men, even for women. The check character is
 * ISO 7064 MOD 11-2 over the first 17 digits, 'X' standing for 10.
 * Region codes are not checked against a list: divisions are redrawn and old cards stay valid.
 */
import { DomainError } from './errors';
import { isIsoDate, parseIsoDate } from './dates';

export type IdSex = 'M' | 'F';
export type IdRefusal = 'format' | 'checksum' | 'birth_date';

export interface ResidentId {
  idNumber: string; // uppercased, 18 characters
  regionCode: string;
  birthDate: string; // 'YYYY-MM-DD'
  sex: IdSex;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const ID_RE = /^\d{17}[\dX]$/;
/** Earliest birth date accepted. */
export const MIN_BIRTH_DATE = '1900-01-01';

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError('INVALID_ID_NUMBER', 'need 17 digits', { reason: 'format', value: first17 });
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function refuse(reason: IdRefusal, value: string, extra?: Record<string, unknown>): never {
  throw new DomainError('INVALID_ID_NUMBER', `resident ID number refused: ${reason}`, { reason, value, ...extra });
}

/**
 * Parses an 18-character resident ID (spaces around it and a lower-case 'x' are tolerated).
 * Throws INVALID_ID_NUMBER {reason: 'format' | 'checksum' | 'birth_date', value}; checks run in
 * that order. The birth date must be a real date between 1900-01-01 and `todayIso`.
 */
export function parseResidentId(input: string, todayIso: string): ResidentId {
  parseIsoDate(todayIso, 'todayIso');
  const idNumber = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!ID_RE.test(idNumber)) refuse('format', String(input));
  const expected = residentIdCheckChar(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) refuse('checksum', idNumber);
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) refuse('birth_date', idNumber, { birthDate });
  if (birthDate < MIN_BIRTH_DATE || birthDate > todayIso) refuse('birth_date', idNumber, { birthDate });
  return {
    idNumber,
    regionCode: idNumber.slice(0, 6),
    birthDate,
    sex: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
  };
}

export interface CheckResidentIdInput {
  idNumber: string;
  /** What the receptionist typed; blank/null/undefined means not typed. */
  birthDate?: string | null;
  /** 'U' (not stated) is never a mismatch. */
  sex?: 'M' | 'F' | 'U' | null;
  todayIso: string;
}

/**
 * Parses the ID and checks it against what was typed on the form. Throws
 * ID_NUMBER_MISMATCH {field: 'birthDate' | 'sex', fromId, typed}; birth date is checked first.
 */
export function checkResidentId(input: CheckResidentIdInput): ResidentId {
  const parsed = parseResidentId(input.idNumber, input.todayIso);
  const { birthDate, sex } = input;
  if (birthDate !== undefined && birthDate !== null && birthDate !== '') {
    parseIsoDate(birthDate, 'birthDate');
    if (birthDate !== parsed.birthDate) {
      throw new DomainError('ID_NUMBER_MISMATCH', 'birth date differs from the ID number', {
        field: 'birthDate',
        fromId: parsed.birthDate,
        typed: birthDate,
      });
    }
  }
  if ((sex === 'M' || sex === 'F') && sex !== parsed.sex) {
    throw new DomainError('ID_NUMBER_MISMATCH', 'sex differs from the ID number', {
      field: 'sex',
      fromId: parsed.sex,
      typed: sex,
    });
  }
  return parsed;
}

/**
 * Builds a valid ID number (demo data, tests). `sequence` is the 3-digit order code 0–999 whose
 * parity must agree with `sex` (odd = M, even = F): a mismatch is refused, not silently fixed.
 * Throws VALIDATION {field} for a bad region code, sequence or sex; INVALID_DATE for the date.
 */
export function makeResidentId(regionCode: string, birthDate: string, sequence: number, sex: IdSex): string {
  if (typeof regionCode !== 'string' || !/^\d{6}$/.test(regionCode)) {
    throw new DomainError('VALIDATION', 'region code must be 6 digits', { field: 'regionCode', value: regionCode });
  }
  parseIsoDate(birthDate, 'birthDate');
  if (birthDate < MIN_BIRTH_DATE) {
    throw new DomainError('INVALID_DATE', 'birth date before 1900', { field: 'birthDate', value: birthDate });
  }
  if (sex !== 'M' && sex !== 'F') throw new DomainError('VALIDATION', 'sex must be M or F', { field: 'sex', value: sex });
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new DomainError('VALIDATION', 'sequence must be 0–999', { field: 'sequence', value: sequence });
  }
  if ((sequence % 2 === 1) !== (sex === 'M')) {
    throw new DomainError('VALIDATION', 'sequence parity must match sex (odd = M)', {
      field: 'sequence',
      reason: 'sex_parity',
      value: sequence,
      sex,
    });
  }
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
