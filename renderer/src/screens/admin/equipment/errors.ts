/** An equipment form's error at one field: the finer sentence for the reasons the hub gives (main/domain/equipment.ts), else the usual one. */
import i18next from 'i18next';
import { ApiError } from '../../../api/client';
import { fieldError } from '../../../i18n/translateError';

export function equipmentFieldError(err: unknown, field: string): string | undefined {
  if (err instanceof ApiError && err.field === field) {
    const reason = err.details?.['reason'];
    if (typeof reason === 'string' && i18next.exists(`equipment.reason.${reason}`)) return i18next.t(`equipment.reason.${reason}` as 'equipment.reason.in_future');
  }
  return fieldError(err, field);
}
