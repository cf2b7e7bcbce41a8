import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fixture } from '../../station/testing';
import { createHubFixture } from './hub-fixture.testing';
import { auditCount, count, expectRefused, makeVisit } from '../../station/services/consultation-testkit';

let fx: Fixture;
let admin: { token: string };
beforeEach(() => {
  fx = createHubFixture();
  admin = fx.login('admin');
});
afterEach(() => fx.close());

const NEW_DRUG = {
  code: 'XY0100', name: '蒙脱石散', nameEn: 'Smectite', spec: '3g×10袋', form: 'powder', unit: '盒' as const, doseUnit: '袋',
  dosesPerUnit: 10, priceFen: 1580, insuranceClass: 'B' as const,
};

describe('master: drugs', () => {
  it('lists every drug by code, creates one with pinyin keys, audits it', () => {
    expect(fx.ok(admin, 'master.drugs', {}).items.map((d) => d.code)).toEqual(['D001', 'D002', 'D003']);
    const d = fx.ok(admin, 'master.createDrug', NEW_DRUG);
    expect(d).toMatchObject({ ...NEW_DRUG, lowStockThreshold: 10, active: true });
    expect(count(fx, 'SELECT count(*) n FROM drugs WHERE id = ? AND pinyin_initials = ?', d.id, 'mtss')).toBe(1);
    expect(auditCount(fx, 'create', 'drug', d.id)).toBe(1);
    expect(count(fx, "SELECT count(*) n FROM change_log WHERE table_name = 'drugs' AND row_id = ?", d.id)).toBe(1);
  });

  it('refuses a taken code, an unknown unit, a negative or fractional price', () => {
    expectRefused(fx, admin, 'master.createDrug', { ...NEW_DRUG, code: 'D001' }, 'CONFLICT', { field: 'code', reason: 'code_taken' });
    expectRefused(fx, admin, 'master.createDrug', { ...NEW_DRUG, unit: '吨' as never }, 'VALIDATION', { field: 'unit' });
    expectRefused(fx, admin, 'master.createDrug', { ...NEW_DRUG, priceFen: -1 }, 'VALIDATION', { field: 'priceFen' });
    expectRefused(fx, admin, 'master.createDrug', { ...NEW_DRUG, priceFen: 12.5 }, 'VALIDATION', { field: 'priceFen' });
    expectRefused(fx, admin, 'master.updateDrug', { id: fx.ids.drugs.ibuprofen, code: 'D001' }, 'CONFLICT', { field: 'code' });
    expectRefused(fx, admin, 'master.updateDrug', { id: fx.ids.exams.chestXray, priceFen: 1 }, 'NOT_FOUND');
  });

  it('a price change is an update; only changed fields are written; stop and restart', () => {
    const id = fx.ids.drugs.amoxicillin;
    const logBefore = count(fx, 'SELECT count(*) n FROM change_log');
    fx.ok(admin, 'master.updateDrug', { id, priceFen: 1850 }); // same price: nothing to write
    expect(count(fx, 'SELECT count(*) n FROM change_log')).toBe(logBefore);
    expect(fx.ok(admin, 'master.updateDrug', { id, priceFen: 1990, name: '阿莫西林胶囊(新)' })).toMatchObject({ priceFen: 1990, name: '阿莫西林胶囊(新)' });
    expect(auditCount(fx, 'update', 'drug', id)).toBe(1);
    expect(fx.ok(admin, 'master.setDrugActive', { id, active: false }).active).toBe(false);
    expect(fx.ok(admin, 'master.drugs', {}).items.find((d) => d.id === id)?.active).toBe(false);
    expect(fx.ok(admin, 'master.setDrugActive', { id, active: true }).active).toBe(true);
    expect(auditCount(fx, 'update', 'drug', id)).toBe(3);
  });
});

describe('master: exam items', () => {
  it('create, rename and reprice, deactivate; orders already made keep their price', () => {
    const doctor = fx.login('doctor');
    const { visitId } = makeVisit(fx);
    const order = fx.ok(doctor, 'consultation.orderExam', { visitId, examItemId: fx.ids.exams.bloodRoutine });
    const e = fx.ok(admin, 'master.updateExamItem', { id: fx.ids.exams.bloodRoutine, priceFen: 3000, name: '血常规(五分类)' });
    expect(e).toMatchObject({ priceFen: 3000, name: '血常规(五分类)', active: true });
    expect(count(fx, 'SELECT count(*) n FROM exam_orders WHERE id = ? AND price_fen = 2500', order.id)).toBe(1);

    const mri = fx.ok(admin, 'master.createExamItem', { code: 'E010', name: '头颅MRI', category: 'imaging', priceFen: 45000 });
    expect(mri).toMatchObject({ code: 'E010', nameEn: '', active: true });
    expectRefused(fx, admin, 'master.createExamItem', { code: 'E010', name: 'x', category: 'lab', priceFen: 1 }, 'CONFLICT', { field: 'code' });
    fx.ok(admin, 'master.setExamItemActive', { id: mri.id, active: false });
    expect(fx.ok(doctor, 'catalog.examItems', {}).items.map((i) => i.code)).toEqual(['E001', 'E002']);
    expect(fx.ok(admin, 'master.examItems', {}).items.map((i) => [i.code, i.active])).toEqual([['E001', true], ['E002', true], ['E010', false]]);
    expect(auditCount(fx, 'update', 'exam_item', mri.id)).toBe(1);
  });
});

describe('master: wards and beds', () => {
  it('create a ward, add beds, refuse a repeated label; a bed with a patient cannot be deactivated', () => {
    const ward = fx.ok(admin, 'master.createWard', { name: '输液室', departmentId: fx.ids.departments.internal, dailyRateFen: 2000 });
    expect(ward).toMatchObject({ name: '输液室', departmentName: '内科', dailyRateFen: 2000, active: true, beds: [] });
    const withBeds = fx.ok(admin, 'master.addBeds', { wardId: ward.id, labels: ['A1', 'A2'] });
    expect(withBeds.beds.map((b) => [b.label, b.active, b.occupied])).toEqual([['A1', true, false], ['A2', true, false]]);
    expectRefused(fx, admin, 'master.addBeds', { wardId: ward.id, labels: ['A3', 'A1'] }, 'CONFLICT', { field: 'labels.1' });
    expectRefused(fx, admin, 'master.createWard', { name: '输液室' }, 'CONFLICT', { field: 'name' });

    const doctor = fx.login('doctor');
    const { visitId } = makeVisit(fx);
    fx.ok(doctor, 'consultation.admit', { visitId, bedId: fx.ids.beds.bed1 });
    const observation = fx.ok(admin, 'master.wards', {}).items.find((w) => w.id === fx.ids.ward);
    expect(observation?.beds.map((b) => [b.label, b.occupied])).toEqual([['1床', true], ['2床', false]]);
    expectRefused(fx, admin, 'master.setBedActive', { id: fx.ids.beds.bed1, active: false }, 'BED_OCCUPIED', { field: 'id' });
    const after = fx.ok(admin, 'master.setBedActive', { id: fx.ids.beds.bed2, active: false });
    expect(after.beds.map((b) => [b.label, b.active])).toEqual([['1床', true], ['2床', false]]);
    expect(auditCount(fx, 'update', 'bed', fx.ids.beds.bed2)).toBe(1);
  });

  it('other roles may not administer the catalog', () => {
    const pharmacist = fx.login('pharmacist');
    expectRefused(fx, pharmacist, 'master.createDrug', NEW_DRUG, 'FORBIDDEN');
    expectRefused(fx, pharmacist, 'master.importDrugs', { format: 'csv', base64: '' }, 'FORBIDDEN');
  });
});
