/**
 * A drug's approval number (批准文号), as the NMPA issues them:
 * - domestic: 国药准字 + a letter (H chemical, Z Chinese medicine, S biological, J imported and
 *   repackaged, B health products, T in-vitro reagents, F auxiliary materials) + 8 digits;
 * - imported (进口药品注册证号) and from Hong Kong, Macau or Taiwan (医药产品注册证号): a letter,
 *   an optional C, and 8 digits (H20140975, HC20150012), optionally after their title.
 * Stored as typed but tidied: NFKC, no spaces, letters upper case. Blank is none.
 * Refusal: INVALID_APPROVAL_NUMBER {field: 'approvalNumber', value}.
 */
import { DomainError } from './errors';

const DOMESTIC = /^国药准字[HZSJBTF]\d{8}$/;
const IMPORTED = /^(进口药品注册证号|医药产品注册证号)?[HZSBTF]C?\d{8}$/;

export function tidyApprovalNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

export function isApprovalNumber(tidy: string): boolean {
  return DOMESTIC.test(tidy) || IMPORTED.test(tidy);
}

/** The number as stored ('' when blank); throws INVALID_APPROVAL_NUMBER. */
export function checkApprovalNumber(raw: string, field = 'approvalNumber'): string {
  const n = tidyApprovalNumber(raw);
  if (n === '' || isApprovalNumber(n)) return n;
  throw new DomainError('INVALID_APPROVAL_NUMBER', `not an approval number: ${raw}`, { field, value: raw });
}
