/** Messages for the wizard's fields: its own words for bad input, the shared ones otherwise. */
import i18next from 'i18next';
import { ApiError } from '../../api/client';
import { fieldError } from '../../i18n/translateError';

export function setupFieldError(err: unknown, field: string): string | undefined {
  if (err instanceof ApiError && err.code === 'VALIDATION' && err.field === field && i18next.exists(`setup.invalid.${field}`)) {
    return i18next.t(`setup.invalid.${field}` as 'setup.invalid.code');
  }
  return fieldError(err, field);
}
