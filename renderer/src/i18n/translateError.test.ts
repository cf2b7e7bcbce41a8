import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ApiError } from '../api/client';
import { resources } from './resources';
import { errorMessage, fieldError, formError } from './translateError';

beforeAll(async () => {
  await i18next.init({ resources, lng: 'zh-CN', fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
});

describe('API errors in the user’s language', () => {
  it('says the code’s message, or the finer one for a known reason', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(errorMessage(new ApiError({ code: 'SESSION_FULL', message: 'full' }))).toBe('该出诊时段已约满');
    expect(errorMessage(new ApiError({ code: 'INVALID_ID_NUMBER', message: 'x', details: { reason: 'checksum' } }))).toContain('校验位');
    expect(errorMessage(new ApiError({ code: 'INVALID_ID_NUMBER', message: 'x', details: { reason: 'unheard_of' } }))).toBe('身份证号无效');
    expect(errorMessage(new Error('boom'))).toBe('系统内部错误，请重试或联系管理员');
    await i18next.changeLanguage('en');
    expect(errorMessage(new ApiError({ code: 'SESSION_FULL', message: 'full' }))).toBe('This session is fully booked');
  });

  it('puts a field’s error next to that field only, and the rest above the buttons', async () => {
    await i18next.changeLanguage('zh-CN');
    const qr = new ApiError({ code: 'VALIDATION', message: 'x', details: { field: 'reference' } });
    expect(fieldError(qr, 'reference')).toBe('扫码支付必须填写交易单号');
    expect(fieldError(qr, 'amountFen')).toBeUndefined();
    expect(formError(qr, ['reference'])).toBeUndefined();
    expect(formError(qr, ['amountFen'])).toBe('输入有误，请检查标红的项目');
    const blank = new ApiError({ code: 'VALIDATION', message: 'x', details: { field: 'reason', issues: [{ path: 'reason', code: 'too_small', message: 'Too small: expected string to have >=1 characters' }] } });
    expect(fieldError(blank, 'reason')).toBe('必填');
    const perDay = new ApiError({ code: 'VALIDATION', message: 'x', details: { field: 'portalBookingsPerDay', issues: [{ path: 'portalBookingsPerDay', code: 'too_small', message: 'Too small: expected number to be >=1' }] } });
    expect(fieldError(perDay, 'portalBookingsPerDay')).toBe('请填写 1–20 之间的整数');
    const taken = new ApiError({ code: 'CONFLICT', message: 'x', details: { field: 'name', reason: 'name_taken' } });
    expect(fieldError(taken, 'name')).toBe('这个名称已被使用，请换一个');
    const dup = new ApiError({ code: 'DUPLICATE_PATIENT', message: 'x', details: { field: 'idNumber' } });
    expect(fieldError(dup, 'idNumber')).toBe('已有相同身份证号的患者，请核对后确认');
    expect(fieldError(new ApiError({ code: 'VALIDATION', message: 'x', details: { field: 'payment.amountFen' } }), 'payment')).toBe('此项填写有误');
  });
});
