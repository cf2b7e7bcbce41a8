/** An API error in the user's language: the code's message, or the finer one for its reason. */
import i18next from 'i18next';
import { ApiError } from '../api/client';

export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return i18next.t('errors.INTERNAL');
  const reason = err.details?.['reason'];
  if (typeof reason === 'string') {
    const key = `errorReasons.${err.code}.${reason}`;
    if (i18next.exists(key)) return i18next.t(key as 'errors.INTERNAL');
  }
  const key = `errors.${err.code}`;
  return i18next.exists(key) ? i18next.t(key as 'errors.INTERNAL') : i18next.t('errors.INTERNAL');
}

/** The message for one form field, when the error is about that field. */
export function fieldError(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError) || err.field === null) return undefined;
  const f = err.field;
  return f === field || f.startsWith(`${field}.`) ? errorMessage(err) : undefined;
}

/** An error that no field on the form shows (shown above the buttons). */
export function formError(err: unknown, fields: readonly string[]): string | undefined {
  if (!err) return undefined;
  if (err instanceof ApiError && err.field !== null && fields.some((f) => fieldError(err, f) !== undefined)) return undefined;
  return errorMessage(err);
}
