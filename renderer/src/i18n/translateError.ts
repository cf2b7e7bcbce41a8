/** An API error in the user's language: the code's message, or the finer one for its reason or field. */
import i18next from 'i18next';
import { ApiError } from '../api/client';

/** Keys made at run time (code, reason, field); `exists` is checked before they are used. */
const tr = (key: string): string => i18next.t(key as 'errors.INTERNAL');

export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return tr('errors.INTERNAL');
  const reason = err.details?.['reason'];
  if (typeof reason === 'string' && i18next.exists(`errorReasons.${err.code}.${reason}`)) return tr(`errorReasons.${err.code}.${reason}`);
  return i18next.exists(`errors.${err.code}`) ? tr(`errors.${err.code}`) : tr('errors.INTERNAL');
}

/** Next to a field, a bad-input error says what is wrong with that field. */
function validationMessage(err: ApiError, field: string): string {
  const issues = err.details?.['issues'];
  const first = Array.isArray(issues) ? (issues[0] as { code?: unknown; message?: unknown } | undefined) : undefined;
  const leafOf = field.split('.').pop() ?? field;
  // A number out of range: the field's own sentence says the range ("required"/"too long" would mislead).
  if (typeof first?.message === 'string' && /expected number/.test(first.message) && i18next.exists(`validation.byField.${leafOf}`)) return tr(`validation.byField.${leafOf}`);
  if (first?.code === 'too_small' && typeof first.message === 'string' && /(>=1|at least 1\b|>0)/.test(first.message)) return tr('validation.required');
  if (first?.code === 'too_big') return tr('validation.tooLong');
  const leaf = field.split('.').pop() ?? field;
  return i18next.exists(`validation.byField.${leaf}`) ? tr(`validation.byField.${leaf}`) : tr('validation.field');
}

/** The message for one form field, when the error is about that field. */
export function fieldError(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError) || err.field === null) return undefined;
  const f = err.field;
  if (f !== field && !f.startsWith(`${field}.`)) return undefined;
  return err.code === 'VALIDATION' ? validationMessage(err, f) : errorMessage(err);
}

/** An error that no field on the form shows (shown above the buttons). */
export function formError(err: unknown, fields: readonly string[]): string | undefined {
  if (!err) return undefined;
  if (err instanceof ApiError && err.field !== null && fields.some((f) => fieldError(err, f) !== undefined)) return undefined;
  return errorMessage(err);
}
