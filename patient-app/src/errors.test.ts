import { describe, expect, it } from 'vitest';
import { errorText, fieldOfError, formErrors } from './errors';
import { translator } from './i18n';

const zh = translator('zh-CN');
const en = translator('en');

describe("the hub's refusals in words", () => {
  it('puts an error on the field the details name, or the one its code means', () => {
    expect(fieldOfError({ code: 'CONFLICT', message: '', details: { field: 'phone', reason: 'phone_taken' } })).toBe('phone');
    expect(fieldOfError({ code: 'VALIDATION', message: '', details: { field: 'idNumber', issues: [] } })).toBe('idNumber');
    expect(fieldOfError({ code: 'INVALID_ID_NUMBER', message: '', details: { reason: 'checksum' } })).toBe('idNumber');
    expect(fieldOfError({ code: 'WEAK_PASSWORD', message: '', details: { reason: 'no_digit' } })).toBe('password');
    expect(fieldOfError({ code: 'BAD_CREDENTIALS', message: '' })).toBeNull();
  });

  it('keeps an error for a field the form lacks on the form as a whole', () => {
    const e = { code: 'INVALID_NAME', message: '', details: { field: 'name' } } as const;
    expect(formErrors(e, ['name', 'phone'], zh)).toEqual({ name: zh('err_INVALID_NAME') });
    expect(formErrors(e, ['phone', 'password'], zh)).toEqual({ '': zh('err_INVALID_NAME') });
  });

  it('says cut-off and daily limit with their numbers, and reasons before codes', () => {
    expect(errorText({ code: 'BOOKING_CUTOFF', message: '', details: { field: 'appointmentId', cutoffMinutes: 120 } }, zh)).toContain('120 分钟');
    expect(errorText({ code: 'BOOKING_CUTOFF', message: '', details: { cutoffMinutes: 120 } }, en)).toContain('120 minutes');
    expect(errorText({ code: 'BOOKING_LIMIT', message: '', details: { limit: 2 } }, zh)).toBe('每位就诊人每天最多预约 2 个号。');
    expect(errorText({ code: 'CONFLICT', message: '', details: { reason: 'phone_taken' } }, en)).toBe(en('err_phone_taken'));
    expect(errorText({ code: 'VALIDATION', message: '', details: { reason: 'beyond_window' } }, zh)).toBe(zh('err_beyond_window'));
  });

  it('names a code it has no words for instead of hiding it', () => {
    expect(errorText({ code: 'STORAGE_BUSY', message: 'busy' }, en)).toBe('Something went wrong (STORAGE_BUSY): please try again later.');
  });
});
