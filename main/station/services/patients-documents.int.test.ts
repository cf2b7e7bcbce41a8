/**
 * Patients without a resident ID (issue 16) on a real SQLite desk: another identity document
 * (type and number, each type checked by its own rule) and marital status, ethnicity and
 * occupation from the data dictionary, through patients.register / update; bad input refused at
 * its field with nothing written; found by the document's number as by the ID number.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dictionaryEntries } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { expectRefused } from '../testing-expect';
import { openDesk, type Desk } from './frontdesk.testing';

let fx: Fixture;
let desk: Desk;
beforeEach(() => {
  fx = createFixture();
  desk = openDesk(fx);
  // The dictionary as the hub would have replicated it.
  withMasterWriter(fx.station, (w) => {
    w.insert(dictionaryEntries, { kind: 'marital_status', code: '20', name: '已婚', nameEn: 'Married', sortOrder: 20, active: true });
    w.insert(dictionaryEntries, { kind: 'ethnicity', code: '01', name: '汉族', nameEn: 'Han', sortOrder: 10, active: true });
    w.insert(dictionaryEntries, { kind: 'occupation', code: 'teacher', name: '教师', nameEn: 'Teacher', sortOrder: 10, active: true });
    w.insert(dictionaryEntries, { kind: 'occupation', code: 'old', name: '旧职业', nameEn: '', sortOrder: 20, active: false });
  });
});
afterEach(() => fx.close());

const JOHN = { name: 'John Smith', sex: 'M' as const, birthDate: '1980-05-01' };

describe('identity documents besides the resident ID', () => {
  it('registers a passport holder, tidied, with the dictionary fields; the card shows them', () => {
    const p = fx.ok(desk.reception, 'patients.register', {
      ...JOHN, idDocType: 'passport', idDocNumber: ' e1234 5678 ', maritalStatus: '20', ethnicity: '01', occupation: 'teacher',
    }).patient;
    expect(p).toMatchObject({ idNumber: null, idDocType: 'passport', idDocNumber: 'E12345678', maritalStatus: '20', ethnicity: '01', occupation: 'teacher' });
    expect(fx.ok(desk.reception, 'patients.get', { id: p.id })).toMatchObject({ idDocType: 'passport', idDocNumber: 'E12345678' });
  });

  it('checks each type by its own rule and refuses a half-given document, at the field, writing nothing', () => {
    for (const [idDocType, idDocNumber] of [['passport', 'ABCDEFG'], ['hk_macau_permit', 'A12345678'], ['taiwan_permit', 'H12345678'], ['foreign_permanent_residence', '11010519491231002X']] as const) {
      expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, idDocType, idDocNumber }, 'INVALID_ID_DOCUMENT'))
        .toMatchObject({ field: 'idDocNumber', reason: idDocType, docType: idDocType });
    }
    expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, idDocType: 'passport' }, 'INVALID_ID_DOCUMENT')).toMatchObject({ field: 'idDocNumber', reason: 'missing_number' });
    expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, idDocNumber: 'E12345678' }, 'INVALID_ID_DOCUMENT')).toMatchObject({ field: 'idDocType', reason: 'missing_type' });
    expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, idDocType: 'id_card' as never, idDocNumber: 'E12345678' }, 'VALIDATION');
    // The resident ID keeps its checksum rule.
    expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, idNumber: '110105194912310021' }, 'INVALID_ID_NUMBER')).toMatchObject({ field: 'idNumber', reason: 'checksum' });
  });

  it('refuses a code the dictionary does not offer, at its field, writing nothing', () => {
    expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, maritalStatus: 'married' }, 'VALIDATION')).toMatchObject({ field: 'maritalStatus', reason: 'unknown_code' });
    expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, ethnicity: '99' }, 'VALIDATION')).toMatchObject({ field: 'ethnicity' });
    // A stopped entry is no longer offered.
    expect(expectRefused(fx, desk.reception, 'patients.register', { ...JOHN, occupation: 'old' }, 'VALIDATION')).toMatchObject({ field: 'occupation' });
  });

  it('edits: changes the number by the stored type, clears the document, keeps a stopped code already given', () => {
    const p = fx.ok(desk.reception, 'patients.register', { ...JOHN, idDocType: 'hk_macau_permit', idDocNumber: 'H1234567801', occupation: 'teacher' }).patient;
    expect(p.idDocNumber).toBe('H12345678');
    expect(fx.ok(desk.reception, 'patients.update', { id: p.id, idDocNumber: 'M87654321' }).patient).toMatchObject({ idDocType: 'hk_macau_permit', idDocNumber: 'M87654321' });
    expect(expectRefused(fx, desk.reception, 'patients.update', { id: p.id, idDocType: 'taiwan_permit' }, 'INVALID_ID_DOCUMENT')).toMatchObject({ field: 'idDocNumber', reason: 'taiwan_permit' });
    withMasterWriter(fx.station, (w) => {
      const id = fx.station.raw.prepare("SELECT id FROM dictionary_entries WHERE code = 'teacher'").pluck().get() as string;
      w.update(dictionaryEntries, id, { active: false });
    });
    expect(fx.ok(desk.reception, 'patients.update', { id: p.id, occupation: 'teacher', name: 'John Adam Smith' }).patient).toMatchObject({ occupation: 'teacher', name: 'John Adam Smith' });
    expect(fx.ok(desk.reception, 'patients.update', { id: p.id, idDocType: null, idDocNumber: '' }).patient).toMatchObject({ idDocType: null, idDocNumber: null });
  });

  it('finds a patient by the document number as by the ID number, in any spacing and case', () => {
    const a = fx.ok(desk.reception, 'patients.register', { ...JOHN, idDocType: 'passport', idDocNumber: 'E12345678' }).patient.id;
    const b = fx.ok(desk.reception, 'patients.register', { name: '陈大文', sex: 'M', idDocType: 'hk_macau_permit', idDocNumber: 'H87654321' }).patient.id;
    const c = fx.ok(desk.reception, 'patients.register', { name: '林志明', sex: 'M', idDocType: 'taiwan_permit', idDocNumber: '01234567' }).patient.id;
    const found = (q: string) => fx.ok(desk.reception, 'patients.search', { q }).items.map((i) => [i.id, i.matchedBy]);
    expect(found('e1234 5678')).toEqual([[a, 'id_doc_number']]);
    expect(found('h87654321')).toEqual([[b, 'id_doc_number']]);
    expect(found('01234567')).toEqual([[c, 'id_doc_number']]);
    expect(found('E1234567')).toEqual([]);
  });
});
