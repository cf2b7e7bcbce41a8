import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patients } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused, register, residentId } from './desk.testing';

let fx: Fixture;
let reception: { token: string };
beforeEach(() => {
  fx = createFixture();
  reception = fx.login('reception');
});
afterEach(() => fx.close());

const ZHANG_ID = residentId('1990-03-07', 'M');

describe('patients.register', () => {
  it('stores a checked identity, normalised phone, pinyin keys and a record number, and audits the creation', () => {
    const { patient, warnings } = register(fx, reception, {
      name: ' 张三 丰 ', idNumber: ZHANG_ID, phone: '+86 138-1234-5678', emergencyPhone: '010 6234 5678', address: '  ',
    });
    expect(warnings).toEqual([]);
    expect(patient).toMatchObject({
      recordNo: 'A1-0000001', name: '张三丰', sex: 'M', birthDate: '1990-03-07', ageYears: 36, idNumber: ZHANG_ID,
      phone: '13812345678', emergencyPhone: '010-62345678', address: null, insuranceType: 'self_pay', mergedInto: null,
    });
    const row = fx.station.raw.prepare('SELECT * FROM patients WHERE id = ?').get(patient.id) as Record<string, unknown>;
    expect(row).toMatchObject({ pinyin_full: 'zhangsanfeng', pinyin_initials: 'zsf', phone_rev: '87654321831' });
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'patients' AND row_id = ?", patient.id)).toBe(1);
    expect(fx.station.raw.prepare('SELECT action, entity, entity_id, patient_id, procedure FROM audit_log').all()).toEqual([
      { action: 'create', entity: 'patient', entity_id: patient.id, patient_id: patient.id, procedure: 'patients.register' },
    ]);
    // The next patient gets the next number of this device.
    expect(register(fx, reception, { name: '李四' }).patient).toMatchObject({ recordNo: 'A1-0000002', sex: 'U', birthDate: null });
  });

  it('accepts a lower-case x and stores the ID upper-case; typed sex and birth date that agree are kept', () => {
    const id = residentId('1985-12-01', 'F', { wantX: true });
    const { patient } = register(fx, reception, { name: '王五', idNumber: id.toLowerCase(), sex: 'F', birthDate: '1985-12-01' });
    expect(patient).toMatchObject({ idNumber: id, sex: 'F', birthDate: '1985-12-01' });
  });

  it('refuses an ID number that disagrees with what was typed, or is not valid, writing nothing', () => {
    expectRefused(fx, reception, 'patients.register', { name: '张三丰', idNumber: ZHANG_ID, sex: 'F' }, 'ID_NUMBER_MISMATCH',
      { field: 'sex', fromId: 'M', typed: 'F' });
    expectRefused(fx, reception, 'patients.register', { name: '张三丰', idNumber: ZHANG_ID, birthDate: '1990-03-08' }, 'ID_NUMBER_MISMATCH',
      { field: 'birthDate', fromId: '1990-03-07' });
    const badCheck = ZHANG_ID.slice(0, 17) + (ZHANG_ID.endsWith('0') ? '1' : '0');
    expectRefused(fx, reception, 'patients.register', { name: '张三丰', idNumber: badCheck }, 'INVALID_ID_NUMBER',
      { field: 'idNumber', reason: 'checksum' });
    expectRefused(fx, reception, 'patients.register', { name: '张三丰', idNumber: '12345' }, 'INVALID_ID_NUMBER', { field: 'idNumber', reason: 'format' });
  });

  it('refuses a bad phone, emergency phone, birth date or name, writing nothing', () => {
    expectRefused(fx, reception, 'patients.register', { name: '张三', phone: '12345' }, 'INVALID_PHONE', { field: 'phone' });
    expectRefused(fx, reception, 'patients.register', { name: '张三', emergencyPhone: '999' }, 'INVALID_PHONE', { field: 'emergencyPhone' });
    expectRefused(fx, reception, 'patients.register', { name: '张三', birthDate: '2026-11-24' }, 'INVALID_DATE', { field: 'birthDate' });
    expectRefused(fx, reception, 'patients.register', { name: '张三', birthDate: '2023-02-29' }, 'INVALID_DATE', { field: 'birthDate' });
    expectRefused(fx, reception, 'patients.register', { name: '   ' }, 'VALIDATION', { field: 'name' });
  });

  it('refuses a name with emoji or symbols (register, edit, emergency contact), writing nothing; the middle dot is kept', () => {
    expectRefused(fx, reception, 'patients.register', { name: '张三😀' }, 'INVALID_NAME', { field: 'name', chars: ['😀'] });
    expectRefused(fx, reception, 'patients.register', { name: '张三', emergencyName: '李#四' }, 'INVALID_NAME', { field: 'emergencyName', chars: ['#'] });
    const { patient } = register(fx, reception, { name: '阿卜杜拉・买买提', emergencyName: 'Jean-Luc Picard' });
    expect(patient).toMatchObject({ name: '阿卜杜拉·买买提', emergencyName: 'Jean-Luc Picard' });
    expectRefused(fx, reception, 'patients.update', { id: patient.id, name: '阿卜杜拉★' }, 'INVALID_NAME', { field: 'name', chars: ['★'] });
    expect(fx.ok(reception, 'patients.get', { id: patient.id }).name).toBe('阿卜杜拉·买买提');
  });

  it('refuses a second patient with the same ID number unless confirmed with the existing id acknowledged', () => {
    const first = register(fx, reception, { name: '张三丰', idNumber: ZHANG_ID }).patient;
    const dup = { patientId: first.id, recordNo: first.recordNo, name: '张三丰' };
    expectRefused(fx, reception, 'patients.register', { name: '张君宝', idNumber: ZHANG_ID.toLowerCase() }, 'DUPLICATE_PATIENT',
      { field: 'idNumber', reason: 'id_number_on_file', duplicates: [dup] });
    expectRefused(fx, reception, 'patients.register', { name: '张君宝', idNumber: ZHANG_ID, confirmDuplicate: true }, 'DUPLICATE_PATIENT',
      { reason: 'not_acknowledged', missing: [first.id] });
    // Acknowledging without confirming is not enough either.
    expectRefused(fx, reception, 'patients.register', { name: '张君宝', idNumber: ZHANG_ID, acknowledgedDuplicateIds: [first.id] }, 'DUPLICATE_PATIENT');
    const second = register(fx, reception, { name: '张君宝', idNumber: ZHANG_ID, confirmDuplicate: true, acknowledgedDuplicateIds: [first.id] });
    expect(second.warnings).toEqual([{ ...dup, strength: 'strong', reasons: ['id_number'] }]);
    expect(count(fx, 'SELECT count(*) n FROM patients WHERE id_number = ?', ZHANG_ID)).toBe(2);
  });

  it('warns of likely duplicates: same name and birth date, same name and phone', () => {
    const a = register(fx, reception, { name: '刘备', birthDate: '1970-01-01', phone: '13900001111' }).patient;
    const byBirth = register(fx, reception, { name: '刘备', birthDate: '1970-01-01' });
    expect(byBirth.warnings).toEqual([{ patientId: a.id, recordNo: a.recordNo, name: '刘备', strength: 'likely', reasons: ['name_birth_date'] }]);
    const byPhone = register(fx, reception, { name: '刘备', phone: '139 0000 1111' });
    expect(byPhone.warnings).toEqual([{ patientId: a.id, recordNo: a.recordNo, name: '刘备', strength: 'likely', reasons: ['name_phone'] }]);
    // A different name with the same phone (family) is no warning.
    expect(register(fx, reception, { name: '刘禅', phone: '13900001111', birthDate: '1970-01-01' }).warnings).toEqual([]);
    // Merged records are not counted.
    withMasterWriter(fx.station, (w) => w.update(patients, byBirth.patient.id, { mergedInto: a.id }));
    expect(register(fx, reception, { name: '刘备', birthDate: '1970-01-01' }).warnings.map((w) => w.patientId)).toEqual([a.id]);
  });

  it('is for the front desk only', () => {
    for (const who of ['doctor', 'cashier', 'pharmacist', 'admin'] as const) {
      expectRefused(fx, fx.login(who), 'patients.register', { name: '张三' }, 'FORBIDDEN');
    }
  });
});

describe('patients.checkDuplicates', () => {
  it('finds the same person while the form is being filled, ignoring fields that do not parse yet', () => {
    const a = register(fx, reception, { name: '张三丰', idNumber: ZHANG_ID, phone: '13812345678' }).patient;
    const { warnings } = fx.ok(reception, 'patients.checkDuplicates', { name: '张三丰', idNumber: ZHANG_ID.toLowerCase(), phone: '138 1234 5678', birthDate: '1990-03-07' });
    expect(warnings).toEqual([{ patientId: a.id, recordNo: a.recordNo, name: '张三丰', strength: 'strong', reasons: ['id_number', 'name_birth_date', 'name_phone'] }]);
    expect(fx.ok(reception, 'patients.checkDuplicates', { name: '张三丰', idNumber: '1101', phone: '138' }).warnings).toEqual([]);
    expect(fx.ok(reception, 'patients.checkDuplicates', { idNumber: ZHANG_ID, excludeId: a.id }).warnings).toEqual([]);
  });
});

describe('patients.update', () => {
  it('changes only the given fields, recomputes keys, and audits', () => {
    const p = register(fx, reception, { name: '张三', phone: '13812345678', allergies: '青霉素' }).patient;
    fx.advance(1000);
    const { patient } = fx.ok(reception, 'patients.update', { id: p.id, name: '单田芳', phone: null });
    expect(patient).toMatchObject({ name: '单田芳', phone: null, allergies: '青霉素', recordNo: p.recordNo });
    expect(patient.updatedAt).toBeGreaterThan(p.updatedAt);
    const row = fx.station.raw.prepare('SELECT pinyin_full, pinyin_initials, phone_rev FROM patients WHERE id = ?').get(p.id);
    expect(row).toEqual({ pinyin_full: 'shantianfang', pinyin_initials: 'stf', phone_rev: null });
    expect(count(fx, "SELECT count(*) n FROM audit_log WHERE action = 'update' AND patient_id = ?", p.id)).toBe(1);
    const change = fx.station.raw.prepare("SELECT columns FROM change_log WHERE op = 'update' AND row_id = ?").get(p.id) as { columns: string };
    expect(Object.keys(JSON.parse(change.columns)).sort()).toEqual(['name', 'phone', 'phone_rev', 'pinyin_full', 'pinyin_initials', 'updated_at']);
  });

  it('a doctor may edit (allergies); an edit that changes nothing writes nothing', () => {
    const p = register(fx, reception, { name: '张三', allergies: '青霉素' }).patient;
    const doctor = fx.login('doctor');
    expect(fx.ok(doctor, 'patients.update', { id: p.id, allergies: '青霉素、头孢' }).patient.allergies).toBe('青霉素、头孢');
    const before = count(fx, 'SELECT count(*) n FROM change_log');
    expect(fx.ok(doctor, 'patients.update', { id: p.id, name: '张三', allergies: '青霉素、头孢' }).patient.allergies).toBe('青霉素、头孢');
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(before);
    expectRefused(fx, fx.login('cashier'), 'patients.update', { id: p.id, allergies: '' }, 'FORBIDDEN');
  });

  it('a new ID number fills sex and birth date, unless they are typed too and disagree', () => {
    const p = register(fx, reception, { name: '张三' }).patient;
    expectRefused(fx, reception, 'patients.update', { id: p.id, idNumber: ZHANG_ID, birthDate: '1991-01-01' }, 'ID_NUMBER_MISMATCH', { field: 'birthDate' });
    const { patient } = fx.ok(reception, 'patients.update', { id: p.id, idNumber: ZHANG_ID });
    expect(patient).toMatchObject({ idNumber: ZHANG_ID, sex: 'M', birthDate: '1990-03-07' });
    // With an ID on file, a contradicting sex alone is refused.
    expectRefused(fx, reception, 'patients.update', { id: p.id, sex: 'F' }, 'ID_NUMBER_MISMATCH', { field: 'sex' });
    expectRefused(fx, reception, 'patients.update', { id: p.id, phone: 'abc' }, 'INVALID_PHONE', { field: 'phone' });
  });

  it('refuses setting an ID number another patient has, unless acknowledged; old confirmed duplicates do not block edits', () => {
    const a = register(fx, reception, { name: '张三丰', idNumber: ZHANG_ID }).patient;
    const b = register(fx, reception, { name: '张三' }).patient;
    expectRefused(fx, reception, 'patients.update', { id: b.id, idNumber: ZHANG_ID }, 'DUPLICATE_PATIENT', { duplicates: [{ patientId: a.id }] });
    fx.ok(reception, 'patients.update', { id: b.id, idNumber: ZHANG_ID, confirmDuplicate: true, acknowledgedDuplicateIds: [a.id] });
    const later = fx.ok(reception, 'patients.update', { id: b.id, address: '北京' });
    expect(later.warnings.map((w) => [w.patientId, w.strength])).toEqual([[a.id, 'strong']]);
  });

  it('refuses an unknown or merged patient', () => {
    const a = register(fx, reception, { name: '张三' }).patient;
    const b = register(fx, reception, { name: '张三' }).patient;
    withMasterWriter(fx.station, (w) => w.update(patients, b.id, { mergedInto: a.id }));
    expectRefused(fx, reception, 'patients.update', { id: b.id, address: 'x' }, 'CONFLICT', { field: 'id', reason: 'merged', mergedInto: a.id });
    expectRefused(fx, reception, 'patients.update', { id: '0190a000-0000-7000-8000-000000000000', address: 'x' }, 'NOT_FOUND', { field: 'id' });
  });
});

describe('patients.get', () => {
  it('shows the full card to reception, doctors and cashiers, auditing each read', () => {
    const p = register(fx, reception, { name: '张三丰', idNumber: ZHANG_ID, phone: '13812345678' }).patient;
    for (const who of ['reception', 'doctor', 'cashier'] as const) {
      const caller = who === 'reception' ? reception : fx.login(who);
      expect(fx.ok(caller, 'patients.get', { id: p.id })).toEqual(p);
    }
    const reads = fx.station.raw.prepare("SELECT account_id FROM audit_log WHERE action = 'read' AND patient_id = ? ORDER BY at").all(p.id);
    expect(reads).toEqual([fx.ids.accounts.reception, fx.ids.accounts.doctor, fx.ids.accounts.cashier].map((account_id) => ({ account_id })));
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'audit_log'")).toBe(4); // create + 3 reads
  });

  it('refuses pharmacists and admins, and unknown ids', () => {
    const p = register(fx, reception, { name: '张三' }).patient;
    expectRefused(fx, fx.login('pharmacist'), 'patients.get', { id: p.id }, 'FORBIDDEN');
    expectRefused(fx, fx.login('admin'), 'patients.get', { id: p.id }, 'FORBIDDEN');
    expectRefused(fx, reception, 'patients.get', { id: '0190a000-0000-7000-8000-000000000000' }, 'NOT_FOUND', { field: 'id' });
  });
});
