/**
 * The doctor's consultation in the browser, in Chinese and in English: the front desk records a
 * coded allergy (青霉素类) and the doctor's amoxicillin search then shows the stop, and repeating last month's
 * prescription lists what is added (with its stop) and what is left out; vital signs at the front desk
 * (an impossible reading refused at its field, a fever flagged); the patient's vital signs
 * (an impossible reading refused next to its field, a fever flagged), a record template that fills
 * the empty fields and asks before replacing typed text, and the signature's confirmation saying
 * what will happen. Screenshots at 1366×768 in /tmp/clinic-e2e-consult-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, drugs, patients, prescriptionItems, prescriptions, recordTemplates, staff, visits } from '../db/schema';
import { addDays } from '../main/domain/dates';
import { pinyinKeys } from '../main/domain/pinyin';
import { withMasterWriter } from '../main/station/master';
import { Station } from '../main/station/station';
import { TEST_STATION_KEY } from '../main/station/keys.testing';
import { desk, launch, poll, shot } from './support/browser';
import { builtRenderer } from './support/build';
import { startHost, type RunningHost } from './support/host';
import { PASSWORD, seedSmallClinic } from './support/seed';

/** The small clinic with two patients waiting for Dr 李明 (no fee due: one for each language's run) and an internal-medicine template. */
function seedConsultation(file: string): void {
  const { today } = seedSmallClinic(file);
  const station = new Station({ key: TEST_STATION_KEY, file, device: 'E2', allowMasterData: true });
  try {
    const doctor = station.db.select().from(staff).where(eq(staff.name, '李明')).get()!;
    const dept = station.db.select().from(departments).where(eq(departments.code, 'NK')).get()!;
    withMasterWriter(station, (w) => {
      (['王小红', '李小兰'] as const).forEach((name, i) => {
        const keys = pinyinKeys(name);
        const patientId = w.insert(patients, {
          recordNo: `E2-000090${i + 1}`, name, sex: 'F', birthDate: '1975-03-02', insuranceType: 'self_pay', allergies: null,
          pinyinFull: keys.full, pinyinInitials: keys.initials,
        });
        const now = Date.now() + i;
        // A month ago: amoxicillin and 头孢克洛 (out of stock now), issued and dispensed, to repeat today.
        const earlier = w.insert(visits, {
          patientId, visitDate: addDays(today, -30), doctorId: doctor.id, departmentId: dept.id, queueNo: `00${i + 1}`, queueOrder: now - 30 * 86_400_000,
          visitType: 'first', followUpOf: null, priority: false, status: 'discharged', feeFen: 0, feeStatus: 'not_required', checkedInAt: now - 30 * 86_400_000, callCount: 0,
        });
        const rxId = w.insert(prescriptions, {
          rxNo: `P-E2-OLD-${i + 1}`, visitId: earlier, patientId, doctorId: doctor.id, status: 'dispensed', note: null, issuedAt: now - 30 * 86_400_000,
          reviewedBy: null, dispensedAt: now - 30 * 86_400_000, dispensedBy: null, cancelledAt: null,
        });
        (['D001', 'D003'] as const).forEach((code, n) => {
          const d = station.db.select().from(drugs).where(eq(drugs.code, code)).get()!;
          w.insert(prescriptionItems, {
            prescriptionId: rxId, drugId: d.id, seq: n + 1, dose: 1, doseUnit: d.doseUnit, frequency: 'tid', route: 'po', days: 3, quantity: 1,
            unitPriceFen: d.priceFen, amountFen: d.priceFen, note: null, removed: false,
          });
        });
        w.insert(visits, {
          patientId, visitDate: today, doctorId: doctor.id, departmentId: dept.id, queueNo: `00${i + 1}`, queueOrder: now, visitType: 'first',
          followUpOf: null, priority: false, status: 'waiting', feeFen: 0, feeStatus: 'not_required', checkedInAt: now, callCount: 0,
        });
      });
      const amoxicillin = station.db.select().from(drugs).where(eq(drugs.code, 'D001')).get()!;
      w.update(drugs, amoxicillin.id, { ingredients: '阿莫西林', drugClasses: 'penicillin' });
      w.insert(recordTemplates, {
        departmentId: dept.id, name: '上呼吸道感染', complaint: '咳嗽、咽痛', presentIllness: '受凉后出现咳嗽、咽痛',
        pastHistory: '', findings: '咽部充血，双肺呼吸音清', plan: '多饮水，对症治疗', active: true,
      });
    });
  } finally {
    station.close();
  }
}

const WORDS = {
  'zh-CN': { switchTo: null, penicillins: '青霉素类', urticaria: '荨麻疹', allergySaved: '已保存', searchAllergy: '过敏：青霉素类', outOfStock: '该药品无库存', rxTab: '处方', patient: '王小红', outOfRange: '不是可能的读数（30–45）', saved: '生命体征已记录', replace: '用模板内容替换', signAsk: '签署后不能直接修改', cancel: '取消', yes: '确认', call: '呼叫' },
  en: { switchTo: 'EN', penicillins: 'penicillins', urticaria: 'Urticaria', allergySaved: 'Saved the allergies', searchAllergy: 'Allergy: penicillins', outOfStock: 'This drug is out of stock', rxTab: 'Prescription', patient: '李小兰', outOfRange: 'Not a possible reading (30–45)', saved: 'Vital signs recorded', replace: "Replace your text with the template's", signAsk: 'Once signed it cannot be edited', cancel: 'Cancel', yes: 'Confirm', call: 'Call' },
} as const;

let browser: Browser;
let host: RunningHost;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-consult-'));
  const file = join(dir, 'station.sqlite');
  seedConsultation(file);
  const [staticDir, b] = await Promise.all([builtRenderer(), launch()]);
  browser = b;
  host = await startHost(file, staticDir);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function logIn(page: Page, lang: 'zh-CN' | 'en', username = 'doctor'): Promise<void> {
  await page.goto(host.url);
  const to = WORDS[lang].switchTo;
  if (to) {
    await page.getByText(to, { exact: true }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  }
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('user-menu').waitFor();
}

describe.each(['zh-CN', 'en'] as const)('the consultation in %s', { timeout: 120_000 }, (lang) => {
  const W = WORDS[lang];
  it('the front desk records a penicillin allergy in the coded-allergy editor and takes vital signs', async () => {
    const { context, page } = await desk(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await logIn(page, lang, 'reception');
    await page.keyboard.press('Control+k');
    await page.getByTestId('finder-input').fill(W.patient);
    await page.getByTestId('finder-result').first().click();
    await page.getByTestId('edit-allergies').click();
    const editor = page.getByRole('dialog').filter({ has: page.getByTestId('allergy-add') });
    expect(await editor.getByTestId('allergy-add').isDisabled()).toBe(true);
    await editor.getByTestId('allergy-class').click();
    await page.getByRole('option', { name: W.penicillins, exact: true }).click();
    await editor.getByTestId('allergy-reaction').click();
    await page.getByRole('option', { name: W.urticaria, exact: true }).click();
    await editor.getByTestId('allergy-add').click();
    await poll(() => editor.getByTestId('allergy-row').count()).toBe(1);
    await editor.locator('textarea[name="allergy-history"]').fill('青霉素皮试阳性');
    await shot(page, lang === 'zh-CN' ? 'allergy-editor' : 'allergy-editor-en');
    await editor.getByTestId('allergy-save').click();
    await editor.waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('patient-card').getByTestId('coded-allergies').textContent()).toContain(W.penicillins);
    expect(await page.getByTestId('patient-card').textContent()).toContain('青霉素皮试阳性');
    await shot(page, lang === 'zh-CN' ? 'allergy-card' : 'allergy-card-en');

    // Vital signs at the front desk: an impossible reading is refused at its field, a fever is flagged.
    const deskVitals = page.getByTestId('frontdesk-vitals');
    await deskVitals.getByTestId('vitals-save').waitFor();
    await deskVitals.locator('input[name="vitals-temperatureC"]').fill('60');
    await deskVitals.getByTestId('vitals-save').click();
    await poll(() => deskVitals.textContent()).toContain(W.outOfRange);
    expect(await deskVitals.getByTestId('vitals-row').count()).toBe(0);
    await deskVitals.locator('input[name="vitals-temperatureC"]').fill('39.2');
    await deskVitals.getByTestId('vitals-save').click();
    await poll(() => deskVitals.getByTestId('vitals-row').count()).toBe(1);
    expect(await deskVitals.getByTestId('vitals-row').textContent()).toContain('39.2℃↑');
    await deskVitals.scrollIntoViewIfNeeded();
    await shot(page, lang === 'zh-CN' ? 'frontdesk-vitals' : 'frontdesk-vitals-en');
    await context.close();
  });

  it('vital signs refused and flagged, a template filling empty fields and asking before replacing, signing confirmed', async () => {
    const { context, page } = await desk(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await logIn(page, lang);
    const row = page.getByTestId('my-queue-row').filter({ hasText: W.patient });
    await row.getByRole('button', { name: W.call, exact: true }).click();
    await row.getByTestId('start-visit').click();
    const ws = page.getByTestId('visit-workspace');
    const vitals = ws.getByTestId('vitals-panel');

    // The panel has loaded the reading taken at the front desk before anything is typed (a panel
    // still loading is drawn again when its readings arrive, and would drop what was typed).
    await poll(() => vitals.getByTestId('vitals-row').count()).toBe(1);
    // An impossible temperature is refused next to its field; nothing is recorded.
    await vitals.locator('input[name="vitals-temperatureC"]').fill('60');
    await vitals.getByTestId('vitals-save').click();
    await poll(() => vitals.textContent()).toContain(W.outOfRange);
    expect(await vitals.getByTestId('vitals-row').count()).toBe(1); // taken at the front desk
    await vitals.locator('input[name="vitals-temperatureC"]').fill('38.6');
    for (const [f, v] of [['systolic', '128'], ['diastolic', '82'], ['pulse', '96'], ['spo2', '97'], ['weightKg', '62'], ['heightCm', '160']] as const) {
      await vitals.locator(`input[name="vitals-${f}"]`).fill(v);
    }
    await vitals.getByTestId('vitals-save').click();
    await poll(() => page.getByText(W.saved).count()).toBeGreaterThan(0);
    const last = vitals.getByTestId('vitals-row').last();
    await poll(() => last.textContent()).toContain('38.6℃↑');
    expect(await last.textContent()).toContain('128/82');
    expect(await last.textContent()).toContain('24.2↑'); // BMI 62 / 1.6² (overweight by WS/T 428)
    await ws.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, lang === 'zh-CN' ? 'consult-vitals-table' : 'consult-vitals-table-en');

    // A template: typed findings are kept unless the doctor agrees to replace them.
    {
      await ws.locator('textarea[name="findings"]').fill('扁桃体Ⅱ度肿大');
      await ws.getByTestId('record-template').click();
      await page.getByRole('option', { name: '上呼吸道感染' }).click();
      await poll(() => ws.locator('textarea[name="complaint"]').inputValue()).toBe('咳嗽、咽痛');
      expect(await ws.locator('textarea[name="plan"]').inputValue()).toBe('多饮水，对症治疗');
      const ask = page.getByTestId('confirm');
      await poll(() => ask.textContent()).toContain(W.replace);
      expect(await ws.locator('textarea[name="findings"]').inputValue()).toBe('扁桃体Ⅱ度肿大');
      await shot(page, lang === 'zh-CN' ? 'consult-template-ask' : 'consult-template-ask-en');
      await ask.getByRole('button', { name: W.cancel }).click();
      expect(await ws.locator('textarea[name="findings"]').inputValue()).toBe('扁桃体Ⅱ度肿大');
      await ws.getByTestId('save-record').click();
      await ws.getByTestId('icd10').fill('J06.9');
      await ws.getByTestId('icd10-option').first().click();
      await poll(() => ws.textContent()).toContain('J06.9');
    }
    await shot(page, lang === 'zh-CN' ? 'consult-vitals' : 'consult-vitals-en');

    // The allergy the front desk recorded shows in the header and stops amoxicillin in the drug search.
    expect(await ws.getByTestId('coded-allergies').textContent()).toContain(W.penicillins);
    await ws.getByRole('tab', { name: W.rxTab }).click();
    await ws.getByTestId('new-rx').click();
    await ws.getByTestId('drug-search').fill('阿莫西林');
    await poll(() => ws.getByTestId('drug-search-option').filter({ hasText: '阿莫西林' }).first().textContent()).toContain(W.searchAllergy);
    await shot(page, lang === 'zh-CN' ? 'consult-allergy-search' : 'consult-allergy-search-en');
    await ws.getByTestId('drug-search').fill('');

    // Repeating last month's prescription: the confirmation lists what is added (amoxicillin, with its allergy stop) and what is not (头孢克洛, out of stock).
    await ws.getByTestId('earlier-rx').first().getByTestId('repeat-rx').click();
    const repeat = page.getByRole('dialog').filter({ has: page.getByTestId('repeat-confirm') });
    await poll(() => repeat.getByTestId('repeat-added').count()).toBe(1);
    expect(await repeat.getByTestId('repeat-added').textContent()).toContain('阿莫西林胶囊');
    expect(await repeat.getByTestId('repeat-added').getByTestId('stop-allergy').count()).toBeGreaterThan(0);
    expect(await repeat.getByTestId('repeat-left-out').textContent()).toContain('头孢克洛胶囊');
    expect(await repeat.getByTestId('repeat-left-out').textContent()).toContain(W.outOfStock);
    await shot(page, lang === 'zh-CN' ? 'consult-repeat' : 'consult-repeat-en');
    await repeat.getByTestId('repeat-confirm').click();
    await repeat.waitFor({ state: 'detached' });
    await poll(() => ws.getByTestId('prescription').first().textContent()).toContain('阿莫西林胶囊');
    expect(await ws.getByTestId('prescription').first().textContent()).not.toContain('头孢克洛');
    await ws.getByRole('tab', { name: lang === 'zh-CN' ? '病历' : 'Record' }).click();

    // Signing asks first, saying it cannot be edited afterwards.
    await ws.getByTestId('sign-record').click();
    await poll(() => page.getByTestId('confirm').textContent()).toContain(W.signAsk);
    await shot(page, lang === 'zh-CN' ? 'consult-sign-confirm' : 'consult-sign-confirm-en');
    await page.getByTestId('confirm').getByRole('button', { name: W.yes }).click();
    await ws.getByTestId('record-signed').waitFor();
    await context.close();
  });
});
