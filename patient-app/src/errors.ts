/**
 * A refusal of the hub in words, and the form field it concerns. The hub's structured error
 * names the field in `details.field` (or a validation issue's path); a few codes mean one field
 * whatever the details say. Cut-off and limit errors carry their numbers into the text.
 */
import type { ApiError } from './api';
import type { TextKey, Translate } from './i18n';

const FIELD_OF_CODE: Partial<Record<string, string>> = {
  INVALID_PHONE: 'phone', INVALID_NAME: 'name', INVALID_ID_NUMBER: 'idNumber', ID_NUMBER_MISMATCH: 'idNumber',
  WEAK_PASSWORD: 'password', BAD_ACTIVATION_CODE: 'code',
};

const REASON_TEXTS = new Set(['phone_taken', 'beyond_window', 'same_session', 'already_rated', 'visit_not_finished']);
const CODE_TEXTS = new Set([
  'BAD_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'UNAUTHENTICATED', 'INVALID_PHONE', 'INVALID_NAME', 'INVALID_ID_NUMBER', 'ID_NUMBER_MISMATCH',
  'INVALID_DATE', 'WEAK_PASSWORD', 'CONFLICT', 'ALREADY_EXISTS', 'BAD_ACTIVATION_CODE', 'SESSION_FULL', 'SESSION_STOPPED', 'SESSION_PAST',
  'DUPLICATE_BOOKING', 'BOOKING_LIMIT', 'BOOKING_CUTOFF', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'VALIDATION', 'HUB_UNREACHABLE',
  'IDENTITY_NOT_MATCHED', 'NO_APPOINTMENT_TODAY', 'ALREADY_CHECKED_IN', 'FORBIDDEN', 'PAYMENT_GATEWAY_UNREACHABLE',
]);

function detail(error: ApiError, key: string): unknown {
  return error.details?.[key];
}

/** The form field the error is about ('' or a path like 'idNumber'), or null for the form as a whole. */
export function fieldOfError(error: ApiError): string | null {
  const named = detail(error, 'field');
  if (typeof named === 'string' && named !== '') return named.split('.')[0]!;
  return FIELD_OF_CODE[error.code] ?? null;
}

/** The error in the patient's language, with its numbers (cut-off minutes, daily limit). */
export function errorText(error: ApiError, t: Translate): string {
  const reason = detail(error, 'reason');
  if (typeof reason === 'string' && REASON_TEXTS.has(reason)) return t(`err_${reason}` as TextKey);
  if (error.code === 'VALIDATION' && error.details?.['issues'] !== undefined) return t('invalidField');
  if (CODE_TEXTS.has(error.code)) {
    const minutes = detail(error, 'cutoffMinutes');
    const limit = detail(error, 'limit');
    return t(`err_${error.code}` as TextKey, {
      minutes: typeof minutes === 'number' ? minutes : '',
      limit: typeof limit === 'number' ? limit : '',
    });
  }
  return t('err_other', { code: error.code });
}

/** Errors by field for a form with these fields; the rest (no field, or one the form lacks) under ''. */
export function formErrors(error: ApiError, fields: readonly string[], t: Translate): Record<string, string> {
  const field = fieldOfError(error);
  const text = errorText(error, t);
  return field !== null && fields.includes(field) ? { [field]: text } : { '': text };
}
