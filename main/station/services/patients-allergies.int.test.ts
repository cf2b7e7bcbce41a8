/**
 * The coded-allergy editor's procedure (issue 14) on a real station: the front desk records a
 * class allergy (青霉素类) through `patients.update`, audited, and the doctor's drug search then
 * shows the stop on amoxicillin; an allergen written as 'other' is checked like the history; the
 * free-text history is kept as written; bad lists and the wrong role are refused, nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drugs } from '../../../db/schema';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { auditCount, expectRefused, makePatient, makeVisit } from './consultation-testkit';

let fx: Fixture;
let reception: { token: string };
let doctor: { token: string };

beforeEach(() => {
  fx = createFixture();
  reception = fx.login('reception');
  doctor = fx.login('doctor');
  withMasterWriter(fx.station, (w) => w.update(drugs, fx.ids.drugs.amoxicillin, { ingredients: '阿莫西林', drugClasses: 'penicillin' }));
});
afterEach(() => fx.close());

const amoxAllergens = (visitId: string) =>
  fx.ok(doctor, 'prescriptions.searchFormulary', { q: '阿莫西林', limit: 5, visitId }).items.find((d) => d.id === fx.ids.drugs.amoxicillin)?.allergens;

describe('recording coded allergies', () => {
  it('the front desk records 青霉素类 and the doctor\'s amoxicillin search shows the stop; the edit is audited', () => {
    const { visitId, patientId } = makeVisit(fx);
    expect(amoxAllergens(visitId)).toEqual([]);
    const before = auditCount(fx, 'update', 'patient', patientId);
    const saved = fx.ok(reception, 'patients.update', {
      id: patientId, allergies: '青霉素皮试阳性（2019年）', allergyList: [{ kind: 'class', allergen: 'penicillin', reaction: 'urticaria', note: '2019年' }],
    });
    expect(saved.patient.allergyList).toEqual([{ kind: 'class', allergen: 'penicillin', reaction: 'urticaria', note: '2019年' }]);
    expect(saved.patient.allergies).toBe('青霉素皮试阳性（2019年）');
    expect(auditCount(fx, 'update', 'patient', patientId)).toBe(before + 1);
    expect(amoxAllergens(visitId)).toContain('penicillin');
  });

  it('the doctor removes one entry and adds another; the history text stays as written when not given', () => {
    const { visitId, patientId } = makeVisit(fx);
    fx.ok(reception, 'patients.update', {
      id: patientId, allergies: '海鲜过敏', allergyList: [{ kind: 'class', allergen: 'penicillin', reaction: 'rash' }, { kind: 'ingredient', allergen: '布洛芬', reaction: 'gi' }],
    });
    const saved = fx.ok(doctor, 'patients.update', { id: patientId, allergyList: [{ kind: 'ingredient', allergen: '布洛芬', reaction: 'gi' }] });
    expect(saved.patient.allergyList).toEqual([{ kind: 'ingredient', allergen: '布洛芬', reaction: 'gi', note: null }]);
    expect(saved.patient.allergies).toBe('海鲜过敏');
    expect(amoxAllergens(visitId)).toEqual([]);
  });

  it('an allergen written as "other" is checked like the free-text history', () => {
    const { visitId, patientId } = makeVisit(fx);
    fx.ok(reception, 'patients.update', { id: patientId, allergyList: [{ kind: 'other', allergen: '阿莫西林克拉维酸', reaction: 'anaphylaxis' }] });
    expect(amoxAllergens(visitId)).toEqual(['阿莫西林克拉维酸']);
    fx.ok(reception, 'patients.update', { id: patientId, allergyList: [{ kind: 'other', allergen: '花粉', reaction: 'rash' }] });
    expect(amoxAllergens(visitId)).toEqual([]);
    expect(fx.ok(doctor, 'patients.get', { id: patientId }).allergyList).toEqual([{ kind: 'other', allergen: '花粉', reaction: 'rash', note: null }]);
  });
});

describe('bad allergy lists are refused and nothing is written', () => {
  it('a class that is not a drug class, a blank allergen, an unknown kind or reaction, too many entries', () => {
    const patientId = makePatient(fx);
    const bad: unknown[] = [
      [{ kind: 'class', allergen: 'penicilin', reaction: 'rash' }],
      [{ kind: 'ingredient', allergen: '   ', reaction: 'rash' }],
      [{ kind: 'food', allergen: '花生', reaction: 'rash' }],
      [{ kind: 'ingredient', allergen: '布洛芬', reaction: 'sneezing' }],
      [{ kind: 'other', allergen: '花'.repeat(61), reaction: 'rash' }],
      Array.from({ length: 31 }, (_, i) => ({ kind: 'other', allergen: `过敏原${'一二三四五六七八九十'[i % 10]}${i}`, reaction: 'rash' })),
    ];
    for (const allergyList of bad) {
      // @ts-expect-error -- a list the renderer's types would not allow, as a hostile caller may send it
      expectRefused(fx, reception, 'patients.update', { id: patientId, allergyList }, 'VALIDATION');
    }
  });

  it('a cashier or pharmacist cannot edit allergies', () => {
    const patientId = makePatient(fx);
    for (const who of ['cashier', 'pharmacist'] as const) {
      expectRefused(fx, fx.login(who), 'patients.update', { id: patientId, allergyList: [{ kind: 'class', allergen: 'penicillin', reaction: 'rash' }] }, 'FORBIDDEN');
    }
  });
});
