/**
 * The patient's way in from the front desk and their records, in Chromium: a receptionist at the
 * desk's screens (the hub's web host) opens the patient's card, asks for the patient-app code, sees
 * it once with the address and steps and prints the 80 mm slip (read back with pdftotext); a phone
 * (390×844, touch) opens the account with that code. Then a desk synced to the hub signs the record
 * and issues a prescription: the patient opens the visit in my records, downloads the prescription
 * (the patient-copy mark, the name, the drug) and rates the visit; the doctor admits and discharges
 * them and the stay shows under my records (ward, bed, dates, status, the bill); the visit again in
 * English. axe-core on every screen; screenshots in /tmp/patient-app-*.png.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drugs } from '../db/schema';
import type { Input, ProcedureName } from '../main/api/contract';
import { pdfText } from '../main/documents/testPdf';
import { mobile, PATIENT_PASSWORD, residentId } from '../main/hub/portal/portal.testing';
import { deskCall } from '../main/hub/portal/records.testing';
import { withMasterWriter } from '../main/station/master';
import { TEST_PASSWORD } from '../main/station/testing';
import { expectAccessible } from './support/axe';
import { desk as deskBrowser, logIn, poll } from './support/browser';
import { downloadPdf } from './support/download';
import { accessibleNow, atDeskAs, goTo, headingOf, patientAppTemplate, shotOf, startPatientAppRig, type PatientAppRig, type Tab } from './support/patient-app';

const template = patientAppTemplate();
let rig: PatientAppRig;
let patientId: string;
let visitId: string;
const PHONE = mobile(600);

const page = (): Page => rig.page;
const shot = (name: string) => shotOf(page(), name);
const accessible = () => accessibleNow(page());
const tab = (where: Tab) => goTo(page(), where);
const heading = () => headingOf(page());
const atDesk = <N extends ProcedureName>(who: string, name: N, input: Input<N>) => atDeskAs(rig.desk, who, name, input);

beforeAll(async () => {
  rig = await startPatientAppRig(template, { deskUi: true });
  // Registered at the counter on an earlier day: a record, no patient-app account yet.
  patientId = deskCall(rig.t, 'reception', 'patients.register', { name: '王小明', idNumber: residentId(600), phone: PHONE }).patient.id;
  await rig.t.clinic.admin.flush();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await rig?.page.screenshot({ path: `/tmp/patient-app-failed-${ctx.task.name.slice(0, 24).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await rig?.close();
});

describe('the front desk gives the patient a code for the patient app', { timeout: 120_000 }, () => {
  it('issues the code on the patient card, shows it once with the steps, prints the slip; the phone opens the account with it', async () => {
    let code = '';
    let deskContext: BrowserContext | null = null;
    try {
      const at = await deskBrowser(rig.browser);
      deskContext = at.context;
      const desk = at.page;
      await logIn(desk, rig.t.clinic.web!.url, 'reception', TEST_PASSWORD);
      await desk.keyboard.press('Control+k');
      await desk.getByTestId('finder-input').fill('王小明');
      await desk.getByTestId('finder-result').first().click();
      await desk.getByTestId('portal-code').click();
      const dialog = desk.getByTestId('portal-code-dialog');
      await dialog.getByTestId('portal-code').waitFor();
      code = (await dialog.getByTestId('portal-code').textContent()) ?? '';
      expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      expect(await dialog.getByTestId('portal-code-url').textContent()).toContain(new URL(rig.t.portalUrl).origin);
      expect(await dialog.getByTestId('portal-code-expires').textContent()).toContain('有效期至');
      await desk.screenshot({ path: '/tmp/patient-app-desk-code.png' });
      await expectAccessible(desk);
      const slip = await downloadPdf(desk, dialog.getByTestId('portal-code-print'));
      for (const s of ['手机端激活码', code, '王*明', new URL(rig.t.portalUrl).origin, '有前台给的激活码']) expect(slip.flat).toContain(s);
      await dialog.getByTestId('portal-code-close').click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await deskContext?.close();
    }

    await page().goto(rig.t.portalUrl);
    await page().getByTestId('to-activate').tap();
    await page().getByTestId('activate-form').waitFor();
    await page().getByTestId('field-code').fill(code.toLowerCase());
    await page().getByTestId('field-phone').fill(PHONE);
    await page().getByTestId('field-password').fill(PATIENT_PASSWORD);
    await shot('zh-activate');
    await accessible();
    await page().getByTestId('activate-submit').tap();
    await page().getByTestId('departments').waitFor();
    const account = await rig.t.portal.accountByPhone(PHONE);
    expect((await rig.t.portal.members(account!.id)).map((m) => m.patientId)).toEqual([patientId]);
  });
});

describe('the front desk in English', { timeout: 120_000 }, () => {
  it('shows the code with the steps and the address in English, and its slip is in English', async () => {
    deskCall(rig.t, 'reception', 'patients.register', { name: '李小华', idNumber: residentId(601), phone: mobile(601) });
    await rig.t.clinic.admin.flush();
    const { context, page: desk } = await deskBrowser(rig.browser, 'en');
    try {
      await logIn(desk, rig.t.clinic.web!.url, 'reception', TEST_PASSWORD);
      await desk.keyboard.press('Control+k');
      await desk.getByTestId('finder-input').fill('李小华');
      await desk.getByTestId('finder-result').first().click();
      await desk.getByTestId('portal-code').click();
      const dialog = desk.getByTestId('portal-code-dialog');
      await dialog.getByTestId('portal-code').waitFor();
      expect(await desk.getByRole('dialog').getByText('Patient app code: 李小华').count()).toBe(1);
      expect(await dialog.getByTestId('portal-code-expires').textContent()).toMatch(/^Valid until .+, once\.$/);
      expect(await dialog.textContent()).toContain('Have a code from the front desk?');
      await desk.screenshot({ path: '/tmp/patient-app-desk-code-en.png' });
      await expectAccessible(desk);
      const slip = await downloadPdf(desk, dialog.getByTestId('portal-code-print'));
      for (const s of ['Patientappcode', 'Validuntil', (await dialog.getByTestId('portal-code').textContent())!]) expect(slip.flat).toContain(s);
    } finally {
      await context.close();
    }
  });
});

describe("the patient's records on a phone", { timeout: 120_000 }, () => {
  it('sees the record and prescription a desk signed and issued, downloads the prescription, and rates the visit', async () => {
    await poll(() => rig.desk.station.raw.prepare('SELECT count(*) AS n FROM patients WHERE id = ?').get(patientId)).toEqual({ n: 1 });
    const walkIn = await atDesk('reception', 'frontdesk.walkIn', {
      patientId, doctorId: rig.t.ids.staff.doctor2, payment: { method: 'cash', tenderedFen: 10_000, idempotencyKey: 'e2e-records' },
    });
    visitId = walkIn.visit.id;
    await atDesk('doctor2', 'queue.call', { visitId });
    await atDesk('doctor2', 'queue.start', { visitId });
    await atDesk('doctor2', 'consultation.saveRecord', { visitId, complaint: '咽痛两天', findings: '扁桃体无肿大', plan: '多喝水，注意休息' });
    await atDesk('doctor2', 'consultation.addDiagnosis', { visitId, icd10: 'J06.9' });
    const rx = await atDesk('doctor2', 'prescriptions.create', { visitId });
    await atDesk('doctor2', 'prescriptions.addItem', { prescriptionId: rx.id, drugId: rig.t.ids.drugs.ibuprofen, dose: 1, frequency: 'bid', route: 'po', days: 3, note: '饭后服用' });
    await atDesk('doctor2', 'prescriptions.issue', { prescriptionId: rx.id });
    await atDesk('doctor2', 'consultation.sign', { visitId });
    const admitted = await atDesk('doctor2', 'consultation.admit', { visitId, bedId: rig.t.ids.beds.bed2 });
    await atDesk('doctor2', 'consultation.discharge', { admissionId: admitted.id, note: '好转出院' });
    await atDesk('doctor2', 'queue.finish', { visitId });
    // Synced through the hub to its replica, which the patient port reads.
    const hub = rig.t.clinic.admin.station.raw;
    await poll(() => hub.prepare('SELECT status FROM visits WHERE id = ?').get(visitId)).toEqual({ status: 'awaiting_payment' });
    await poll(() => hub.prepare('SELECT status FROM medical_records WHERE visit_id = ?').get(visitId)).toEqual({ status: 'signed' });
    await poll(() => hub.prepare('SELECT status FROM admissions WHERE id = ?').get(admitted.id)).toEqual({ status: 'discharged' });
    // The drug's records as the admin keeps them in the catalog (issue 16): the patient reads them on the line.
    withMasterWriter(rig.t.clinic.admin.station, (w) => w.update(drugs, rig.t.ids.drugs.ibuprofen, {
      contraindications: '活动性消化道溃疡者禁用', cautions: '不宜空腹服用', manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089',
    }));

    await tab('records');
    await page().getByTestId('visits').waitFor();
    expect(await heading()).toBe('我的病历');
    expect(await page().getByTestId('visit').first().textContent()).toContain('病历已签名');
    // The stay in a bed, below the visits: ward and bed, discharged, the dates, the visit's bill.
    const stay = page().getByTestId('admission').first();
    await stay.waitFor();
    expect(await stay.getByTestId('admission-bed').textContent()).toBe('观察室 · 2床');
    expect(await stay.getByTestId('admission-status').textContent()).toBe('已出院');
    expect(await stay.getByTestId('admission-admitted').textContent()).toMatch(/^入院：/);
    expect(await stay.getByTestId('admission-discharged').textContent()).toMatch(/^出院：/);
    expect(await stay.getByTestId('admission-bills').textContent()).toContain('挂号费');
    await stay.scrollIntoViewIfNeeded();
    await shot('zh-records');
    await accessible();
    await page().getByTestId('visit').first().tap();
    await page().getByTestId('record').waitFor();
    expect(await page().getByTestId('record').textContent()).toContain('咽痛两天');
    expect(await page().getByTestId('how-to-take').first().textContent()).toBe('每次 1粒，每日两次，口服，共 3 天（饭后服用）');
    expect(await page().getByTestId('rx-contraindications').first().textContent()).toBe('禁忌：活动性消化道溃疡者禁用');
    expect(await page().getByTestId('rx-cautions').first().textContent()).toBe('注意事项：不宜空腹服用');
    expect(await page().getByTestId('rx-maker').first().textContent()).toBe('中美天津史克制药有限公司 · 批准文号 国药准字H10900089');
    await shot('zh-visit');
    await accessible();

    const [download] = await Promise.all([page().waitForEvent('download'), page().getByTestId('download-rx').first().tap()]);
    expect(download.suggestedFilename()).toMatch(/^prescription-.+-patient-copy\.pdf$/);
    const text = pdfText(readFileSync(await download.path())).replace(/\s+/g, '');
    for (const s of ['患者留存', '王小明', '布洛芬缓释胶囊']) expect(text).toContain(s);

    await page().getByTestId('stars-4').check();
    await page().getByTestId('field-comment').fill('医生很耐心');
    await page().getByTestId('rate-submit').tap();
    await page().getByTestId('your-rating').waitFor();
    expect(await page().getByTestId('your-rating').textContent()).toBe('您的评价：4 星 · 医生很耐心');
    expect((await rig.t.portal.ratingsOf([visitId])).get(visitId)).toMatchObject({ stars: 4, comment: '医生很耐心' });
    await shot('zh-rated');
    await accessible();
    // The doctor's rating shows where patients choose a doctor.
    await tab('book');
    await page().getByTestId('department').filter({ hasText: '儿科' }).tap();
    await page().getByTestId('doctor-rating').first().waitFor();
    expect(await page().getByTestId('doctor-rating').first().textContent()).toBe('★ 4.0（1 条评价）');
  });

  it('shows the visit and the stay in English', async () => {
    await page().getByTestId('language').tap();
    await tab('records');
    await page().getByTestId('admission').first().waitFor();
    expect(await heading()).toBe('My records');
    expect(await page().getByTestId('admission-status').first().textContent()).toBe('Discharged');
    await shot('en-records');
    await accessible();
    await page().getByTestId('visit').first().tap();
    await page().getByTestId('record').waitFor();
    expect(await page().getByTestId('how-to-take').first().textContent()).toBe('1粒 each time, twice a day, by mouth, for 3 days (饭后服用)');
    expect(await page().getByTestId('rx-contraindications').first().textContent()).toBe('Do not take if: 活动性消化道溃疡者禁用');
    expect(await page().getByTestId('your-rating').textContent()).toBe('Your rating: 4/5 · 医生很耐心');
    await shot('en-visit');
    await accessible();
  });
});
