/**
 * Identity documents of people without a resident ID (居民身份证), each checked by its own rule.
 * Numbers are compared as written on the document: NFKC, spaces and hyphens dropped, upper case.
 * - passport (护照): 5–17 letters and digits with at least one digit. Chinese passports (E, G, D,
 *   S, P and digits) fit; a foreign passport's number is whatever its state prints, up to the
 *   ICAO machine-readable zone's length with its optional data.
 * - hk_macau_permit (港澳居民来往内地通行证, 回乡证): H (Hong Kong) or M (Macau) and 8 digits;
 *   the 2-digit issue count printed after it is accepted and dropped.
 * - taiwan_permit (台湾居民来往大陆通行证, 台胞证): 8 digits (the card since 2015).
 * - foreign_permanent_residence (外国人永久居留身份证): the 2017 card's 15 characters (3-letter
 *   nationality, 12 digits) or the 2023 card's 18, starting with 9, whose last character is the
 *   resident ID's ISO 7064 MOD 11-2 check.
 * Refusal: INVALID_ID_DOCUMENT {field: 'idDocNumber', reason: the type (the number does not fit
 * it) or 'checksum', docType, value}.
 */
import type { ID_DOC_TYPES } from './enums';
import { DomainError } from './errors';
import { residentIdCheckChar } from './residentId';

export type IdDocType = (typeof ID_DOC_TYPES)[number];

/** As written on the document: NFKC, no spaces or hyphens, upper case. */
export function tidyDocNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

function refuse(docType: IdDocType, value: string, reason: string = docType): never {
  throw new DomainError('INVALID_ID_DOCUMENT', `not a ${docType} number: ${value}`, { field: 'idDocNumber', reason, docType, value });
}

export function checkPassport(raw: string): string {
  const n = tidyDocNumber(raw);
  if (!/^[A-Z0-9]{5,17}$/.test(n) || !/\d/.test(n)) refuse('passport', raw);
  return n;
}

export function checkHkMacauPermit(raw: string): string {
  const n = tidyDocNumber(raw);
  const m = /^([HM]\d{8})(\d{2})?$/.exec(n);
  if (!m) refuse('hk_macau_permit', raw);
  return m[1]!;
}

export function checkTaiwanPermit(raw: string): string {
  const n = tidyDocNumber(raw);
  if (!/^\d{8}$/.test(n)) refuse('taiwan_permit', raw);
  return n;
}

export function checkForeignPermanentResidence(raw: string): string {
  const n = tidyDocNumber(raw);
  if (/^[A-Z]{3}\d{12}$/.test(n)) return n;
  if (!/^9\d{16}[\dX]$/.test(n)) refuse('foreign_permanent_residence', raw);
  if (residentIdCheckChar(n.slice(0, 17)) !== n[17]) refuse('foreign_permanent_residence', raw, 'checksum');
  return n;
}

const RULES: Record<IdDocType, (raw: string) => string> = {
  passport: checkPassport,
  hk_macau_permit: checkHkMacauPermit,
  taiwan_permit: checkTaiwanPermit,
  foreign_permanent_residence: checkForeignPermanentResidence,
};

/** The number as stored, checked by its type's rule. */
export function checkIdDocument(docType: IdDocType, raw: string): string {
  return RULES[docType](raw);
}

/** The document number a search box's text may be (letters and digits, 5+), else null. */
export function docNumberSearchKey(q: string): string | null {
  const n = tidyDocNumber(q);
  return /^[A-Z0-9]{5,18}$/.test(n) && /\d/.test(n) ? n : null;
}
