import { describe, expect, it } from 'vitest';
import { checkApprovalNumber, isApprovalNumber } from './drugRecords';
import { codeOf } from './testing';

describe('approval numbers (批准文号)', () => {
  it('takes domestic and imported numbers, tidied', () => {
    expect(checkApprovalNumber('国药准字H20003263')).toBe('国药准字H20003263');
    expect(checkApprovalNumber(' 国药准字 z20050123 ')).toBe('国药准字Z20050123');
    expect(checkApprovalNumber('国药准字Ｓ１００００００１')).toBe('国药准字S10000001');
    expect(checkApprovalNumber('H20140975')).toBe('H20140975');
    expect(checkApprovalNumber('HC20150012')).toBe('HC20150012');
    expect(checkApprovalNumber('进口药品注册证号H20140975')).toBe('进口药品注册证号H20140975');
    expect(checkApprovalNumber('')).toBe('');
  });
  it('refuses a wrong letter, a wrong number of digits and other text', () => {
    for (const bad of ['国药准字X20003263', '国药准字H2000326', '国药准字H200032631', '国药H20003263', 'abc', '20003263']) {
      expect(codeOf(() => checkApprovalNumber(bad))).toMatchObject({ code: 'INVALID_APPROVAL_NUMBER', details: { field: 'approvalNumber', value: bad } });
    }
    expect(isApprovalNumber('国药准字J20171025')).toBe(true);
  });
});
