/**
 * Safe prescribing (issue 14) on a real station (SQLite file, dispatch): each safety stop —
 * allergy by ingredient, by class and by the free-text history, the same drug or class twice in
 * the visit, a dose above the drug's maximum — stops issuing until the prescriber overrides it
 * with a reason; the override is stored, audited, shown to the pharmacist and printed; voiding
 * needs a reason and the voided prescription stays listed with it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drugs, patients, stockBatches, stockMovements } from '../../../db/schema';
import { flatText } from '../../documents/testPdf';
import { withMasterWriter } from '../master';
import { createFixture, type Fixture } from '../testing';
import { count, expectRefused, makePatient, makeVisit, setStatus, withSafetyFields } from './consultation-testkit';
import { ok, pdfOf } from './documents.testing';

let fx: Fixture;
let doctor: { token: string };

beforeEach(() => {
  fx = createFixture();
  doctor = fx.login('doctor');
  withSafetyFields(fx);
});
afterEach(() => fx.close());

/** Another NSAID with stock: 双氯芬酸钠缓释片. */
function diclofenac(): string {
  return withMasterWriter(fx.station, (w) => {
    const drugId = w.insert(drugs, {
      code: 'D010', name: '双氯芬酸钠缓释片', nameEn: 'Diclofenac Sodium SR Tablets', spec: '75mg×10片', form: 'tablet', unit: '盒',
      doseUnit: '片', dosesPerUnit: 10, priceFen: 1200, insuranceClass: 'A', pinyinInitials: 'slfsnhsp', ingredients: '双氯芬酸',
      drugClasses: 'nsaid',
    });
    const batchId = w.insert(stockBatches, { drugId, batchNo: 'DCF-1', expiryDate: '2028-01-01', costFen: 500 });
    w.insert(stockMovements, { drugId, batchId, kind: 'receive', quantity: 20, byAccount: fx.ids.accounts.pharmacist, createdAt: fx.clock.t });
    return drugId;
  });
}

function visitWith(opts: { allergies?: string | null; allergyList?: string | null } = {}) {
  const patientId = makePatient(fx, { allergies: opts.allergies ?? null });
  if (opts.allergyList) withMasterWriter(fx.station, (w) => w.update(patients, patientId, { allergyList: opts.allergyList ?? null }));
  const { visitId } = makeVisit(fx, { patientId });
  return { visitId, patientId };
}

function rxWith(visitId: string, lines: { drugId: string; dose?: number }[]) {
  const rx = fx.ok(doctor, 'prescriptions.create', { visitId });
  for (const l of lines) {
    fx.ok(doctor, 'prescriptions.addItem', { prescriptionId: rx.id, drugId: l.drugId, dose: l.dose ?? 1, frequency: 'bid', route: 'po', days: 3 });
  }
  return fx.ok(doctor, 'prescriptions.get', { prescriptionId: rx.id });
}

const coded = (...a: { kind: 'ingredient' | 'class'; allergen: string; reaction?: string }[]) =>
  JSON.stringify(a.map((x) => ({ reaction: 'rash', note: null, ...x })));

/** Issuing without an override is refused with the stops, and nothing is written (expectRefused compares every table). */
function expectStopped(rxId: string, stops: Record<string, unknown>[]) {
  const details = expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rxId }, 'SAFETY_OVERRIDE_REQUIRED', { field: 'override', prescriptionId: rxId });
  expect(details?.['stops']).toEqual(stops.map((s) => expect.objectContaining(s)));
  expect(fx.ok(doctor, 'prescriptions.get', { prescriptionId: rxId }).status).toBe('draft');
}

describe('each safety stop stops issuing', () => {
  it('a coded allergy to an ingredient of the drug', () => {
    const { visitId } = visitWith({ allergyList: coded({ kind: 'ingredient', allergen: '阿莫西林', reaction: 'anaphylaxis' }) });
    const rx = rxWith(visitId, [{ drugId: fx.ids.drugs.amoxicillin }, { drugId: fx.ids.drugs.ibuprofen }]);
    expect(rx.warnings).toEqual([expect.objectContaining({ kind: 'allergy', itemId: rx.items[0]!.id, allergen: '阿莫西林', reaction: 'anaphylaxis' })]);
    expectStopped(rx.id, [{ kind: 'allergy', drugId: fx.ids.drugs.amoxicillin, itemId: rx.items[0]!.id, allergen: '阿莫西林' }]);
  });

  it('a coded allergy to the drug\'s class, and a free-text history naming the class or an ingredient', () => {
    const byClass = rxWith(visitWith({ allergyList: coded({ kind: 'class', allergen: 'penicillin' }) }).visitId, [{ drugId: fx.ids.drugs.amoxicillin }]);
    expectStopped(byClass.id, [{ kind: 'allergy', allergen: 'penicillin', drugName: '阿莫西林胶囊' }]);
    const byText = rxWith(visitWith({ allergies: '对布洛芬过敏（皮疹）' }).visitId, [{ drugId: fx.ids.drugs.ibuprofen }]);
    expectStopped(byText.id, [{ kind: 'allergy', allergen: '布洛芬', reaction: null }]);
    const nsaidText = rxWith(visitWith({ allergies: '非甾体类抗炎药' }).visitId, [{ drugId: diclofenac() }]);
    expectStopped(nsaidText.id, [{ kind: 'allergy', drugName: '双氯芬酸钠缓释片' }]);
  });

  it('the same drug twice in the visit, on one prescription or two (a voided one does not count)', () => {
    const { visitId } = visitWith();
    const twice = rxWith(visitId, [{ drugId: fx.ids.drugs.amoxicillin }, { drugId: fx.ids.drugs.amoxicillin }]);
    expectStopped(twice.id, [{ kind: 'duplicate_drug', itemId: twice.items[1]!.id, otherItemId: twice.items[0]!.id }]);
    fx.ok(doctor, 'prescriptions.cancel', { prescriptionId: twice.id, reason: '重开' });
    const first = rxWith(visitId, [{ drugId: fx.ids.drugs.amoxicillin }]);
    expect(fx.ok(doctor, 'prescriptions.issue', { prescriptionId: first.id }).override).toBeNull();
    const second = rxWith(visitId, [{ drugId: fx.ids.drugs.amoxicillin }]);
    expectStopped(second.id, [{ kind: 'duplicate_drug', itemId: second.items[0]!.id, otherItemId: first.items[0]!.id }]);
  });

  it('two drugs of one class in the visit', () => {
    const { visitId } = visitWith();
    const other = diclofenac();
    const rx = rxWith(visitId, [{ drugId: fx.ids.drugs.ibuprofen }, { drugId: other }]);
    expectStopped(rx.id, [{ kind: 'duplicate_class', drugId: other, allergen: 'nsaid', otherDrugName: '布洛芬缓释胶囊' }]);
  });

  it('a single dose above the drug\'s maximum (in its dose unit); at the maximum it issues', () => {
    const { visitId } = visitWith();
    const over = rxWith(visitId, [{ drugId: fx.ids.drugs.ibuprofen, dose: 3 }]);
    expectStopped(over.id, [{ kind: 'over_max_dose', dose: 3, maxDose: 2 }]);
    fx.ok(doctor, 'prescriptions.updateItem', { itemId: over.items[0]!.id, dose: 2 });
    expect(fx.ok(doctor, 'prescriptions.issue', { prescriptionId: over.id }).status).toBe('issued');
  });

  it('the formulary search shows which drugs the patient is allergic to', () => {
    const { visitId } = visitWith({ allergies: '青霉素', allergyList: coded({ kind: 'class', allergen: 'nsaid' }) });
    const found = fx.ok(doctor, 'prescriptions.searchFormulary', { q: 'D00', visitId }).items;
    expect(Object.fromEntries(found.map((d) => [d.code, d.allergens]))).toEqual({ D001: ['青霉素'], D002: ['nsaid'], D003: [] });
    expect(fx.ok(doctor, 'prescriptions.searchFormulary', { q: 'D00' }).items.every((d) => d.allergens.length === 0)).toBe(true);
  });
});

describe('an override', () => {
  it('needs a reason (blank is refused), then is stored, audited, shown to the pharmacist and printed', async () => {
    const { visitId, patientId } = visitWith({ allergyList: coded({ kind: 'class', allergen: 'penicillin' }) });
    const rx = rxWith(visitId, [{ drugId: fx.ids.drugs.amoxicillin, dose: 6 }]);
    expectRefused(fx, doctor, 'prescriptions.issue', { prescriptionId: rx.id, override: { reason: '   ' } }, 'VALIDATION');
    expect(fx.ok(doctor, 'prescriptions.get', { prescriptionId: rx.id }).status).toBe('draft');
    const issued = fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id, override: { reason: '皮试阴性，专科会诊同意' } });
    expect(issued.status).toBe('issued');
    expect(issued.override).toEqual({
      reason: '皮试阴性，专科会诊同意',
      stops: [expect.objectContaining({ kind: 'allergy', allergen: 'penicillin' }), expect.objectContaining({ kind: 'over_max_dose', dose: 6, maxDose: 4 })],
    });
    const audit = fx.station.raw.prepare(`SELECT account_id a, patient_id p, detail FROM audit_log WHERE action = 'override' AND entity_id = ?`).all(rx.id) as { a: string; p: string; detail: string }[];
    expect(audit).toEqual([{ a: fx.ids.accounts.doctor, p: patientId, detail: expect.stringContaining('皮试阴性，专科会诊同意') }]);
    expect(audit[0]!.detail).toContain('allergy:阿莫西林胶囊(penicillin)');

    setStatus(fx, 'prescriptions', rx.id, 'paid');
    const pharmacist = fx.login('pharmacist');
    const queued = fx.ok(pharmacist, 'pharmacy.queue', {}).items.find((p) => p.id === rx.id);
    expect(queued?.override?.reason).toBe('皮试阴性，专科会诊同意');

    const zh = flatText(pdfOf(await ok(fx, doctor, 'documents.prescription', { prescriptionId: rx.id, lang: 'zh-CN' })));
    expect(zh).toContain('安全拦截已由医师确认');
    expect(zh).toContain('过敏：阿莫西林胶囊（青霉素）');
    expect(zh).toContain('皮试阴性，专科会诊同意');
    expect(zh).toContain('过敏史：青霉素（皮疹）');
    const en = flatText(pdfOf(await ok(fx, pharmacist, 'documents.prescription', { prescriptionId: rx.id, lang: 'en' })));
    expect(en).toContain('abovemaximum:阿莫西林胶囊6>4'); // flatText drops spaces
    expect(en).toContain('Allergies:penicillin(rash)');
  });

  it('is not stored when there was nothing to override', () => {
    const rx = rxWith(visitWith().visitId, [{ drugId: fx.ids.drugs.ibuprofen }]);
    const issued = fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id, override: { reason: '无' } });
    expect(issued.override).toBeNull();
    expect(count(fx, `SELECT count(*) n FROM audit_log WHERE action = 'override'`)).toBe(0);
  });
});

describe('voiding', () => {
  it('needs a reason; the voided prescription stays in the visit\'s list with it, audited', () => {
    const { visitId, patientId } = visitWith();
    const rx = rxWith(visitId, [{ drugId: fx.ids.drugs.ibuprofen }]);
    fx.ok(doctor, 'prescriptions.issue', { prescriptionId: rx.id });
    expectRefused(fx, doctor, 'prescriptions.cancel', { prescriptionId: rx.id, reason: '' }, 'VALIDATION');
    expect(fx.ok(doctor, 'prescriptions.get', { prescriptionId: rx.id }).status).toBe('issued');
    fx.ok(doctor, 'prescriptions.cancel', { prescriptionId: rx.id, reason: '患者已有同类药' });
    expect(fx.ok(doctor, 'prescriptions.forVisit', { visitId }).items).toEqual([
      expect.objectContaining({ id: rx.id, status: 'cancelled', cancelReason: '患者已有同类药' }),
    ]);
    expect(fx.station.raw.prepare(`SELECT patient_id p, detail FROM audit_log WHERE action = 'void' AND entity_id = ?`).all(rx.id))
      .toEqual([{ p: patientId, detail: '患者已有同类药' }]);
  });
});

describe('coded allergies on the patient', () => {
  it('are set through patients.update (classes must be known), and a malformed stored list says so', () => {
    const patientId = makePatient(fx);
    const reception = fx.login('reception');
    expectRefused(fx, reception, 'patients.update', { id: patientId, allergyList: [{ kind: 'class', allergen: '青霉素类', reaction: 'rash' }] }, 'VALIDATION');
    const card = fx.ok(reception, 'patients.update', {
      id: patientId, allergyList: [{ kind: 'class', allergen: 'penicillin', reaction: 'urticaria' }, { kind: 'ingredient', allergen: ' 布洛芬 ', reaction: 'rash', note: '2019' }],
    });
    expect(card.patient.allergyList).toEqual([
      { kind: 'class', allergen: 'penicillin', reaction: 'urticaria', note: null }, { kind: 'ingredient', allergen: '布洛芬', reaction: 'rash', note: '2019' },
    ]);
    // A row from elsewhere that does not read: the prescriber is told, nothing is silently dropped.
    withMasterWriter(fx.station, (w) => w.update(patients, patientId, { allergyList: '[{"kind":"class","allergen":"penicillin"},{"kind":"bogus"}]' }));
    const { visitId } = makeVisit(fx, { patientId });
    const rx = rxWith(visitId, [{ drugId: fx.ids.drugs.amoxicillin }]);
    expect(rx.allergyListUnreadable).toBe(true);
    expect(rx.warnings).toEqual([expect.objectContaining({ kind: 'allergy', allergen: 'penicillin', reaction: 'unknown' })]);
  });
});
