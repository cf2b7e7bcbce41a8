/**
 * Issue 16 in Chromium: at the hub's admin screens, the data dictionary (the national marital
 * statuses added, an occupation made, a bad code refused at its field), a drug with its maker,
 * approval number (a bad one refused at the field), contraindications and cautions, and a staff
 * member's phone on the staff list; at a front desk, a passport holder registered (a number that
 * is no passport refused at the field) with a marital status from the dictionary, found by the
 * passport's number; the clinic's medical equipment (an item made, a file with bad rows refused row
 * by row, a good one imported, maintenance recorded). axe on each new screen in Chinese and English; screenshots in
 * /tmp/records16-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryEntries, drugs } from '../db/schema';
import { withMasterWriter } from '../main/station/master';
import { Station } from '../main/station/station';
import { TEST_STATION_KEY } from '../main/station/keys.testing';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll } from './support/browser';
import { startHost, type RunningHost } from './support/host';
import { callsInPage, startHubWithWeb, type RunningHub } from './support/hub';
import { PASSWORD, seedSmallClinic } from './support/seed';

let browser: Browser;
let hub: RunningHub;
let station: RunningHost;
let dir: string;
let context: BrowserContext;
let page: Page;
let today: string;

const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/records16-${name}.png`, fullPage: true });
const accessible = async (p: Page) => {
  await p.mouse.move(1, 899);
  await p.waitForTimeout(150);
  await expectAccessible(p);
};
const open = async (section: string) => {
  while (await page.locator('.mantine-Modal-overlay').count() > 0) { await page.keyboard.press('Escape'); await page.waitForTimeout(200); }
  await page.getByTestId(`admin-nav-${section}`).click();
  await page.getByTestId(`admin-${section}`).waitFor();
};
const pick = async (p: Page, scope: Page | ReturnType<Page['getByTestId']>, label: string, option: string | RegExp) => {
  await scope.getByLabel(new RegExp(`^${label}( \\*)?$`)).click();
  await p.getByRole('option', { name: option }).first().click();
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-records16-'));
  const file = join(dir, 'station.sqlite');
  ({ today } = seedSmallClinic(file));
  // The desk's dictionary as the hub would have replicated it.
  const s = new Station({ key: TEST_STATION_KEY, file, device: 'E2', allowMasterData: true });
  withMasterWriter(s, (w) => {
    w.insert(dictionaryEntries, { kind: 'marital_status', code: '10', name: '未婚', nameEn: 'Never married', sortOrder: 10, active: true });
    w.insert(dictionaryEntries, { kind: 'marital_status', code: '20', name: '已婚', nameEn: 'Married', sortOrder: 20, active: true });
    w.insert(dictionaryEntries, { kind: 'occupation', code: 'teacher', name: '教师', nameEn: 'Teacher', sortOrder: 10, active: true });
    w.insert(dictionaryEntries, { kind: 'cancel_reason', code: 'patient_request', name: '患者要求取消', nameEn: 'Patient asked to cancel', sortOrder: 10, active: true });
  });
  const ibuprofen = s.raw.prepare("SELECT id FROM drugs WHERE name = '布洛芬缓释胶囊'").pluck().get() as string;
  withMasterWriter(s, (w) => w.update(drugs, ibuprofen, {
    manufacturer: '中美天津史克制药有限公司', approvalNumber: '国药准字H10900089', contraindications: '活动性消化道溃疡者禁用', cautions: '不宜空腹服用',
  }));
  s.close();
  const staticDir = await builtRenderer();
  [browser, hub, station] = await Promise.all([launch(), startHubWithWeb(staticDir, { username: 'admin', password: PASSWORD }), startHost(file, staticDir)]);
  ({ context, page } = await desk(browser));
  await logIn(page, hub.url, 'admin', PASSWORD);
}, 150_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `/tmp/records16-failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await Promise.all([hub?.stop(), station?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('issue 16 at the hub', { timeout: 60_000 }, () => {
  it('keeps the data dictionary: the national marital statuses, an occupation made, a bad code refused', async () => {
    await open('dictionary');
    await page.getByTestId('dictionary-standard').click();
    await poll(() => page.getByTestId('dictionary-table').textContent()).toContain('已婚');
    expect(await page.getByTestId('dictionary-row').count()).toBe(5);
    await page.getByTestId('dictionary-kind').getByText('职业').click();
    await page.getByTestId('dictionary-new').click();
    const dialog = page.getByTestId('entry-dialog');
    await dialog.locator('input[name="code"]').fill('教师');
    await dialog.locator('input[name="name"]').fill('教师');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => dialog.locator('.mantine-TextInput-error').first().textContent()).not.toBe('');
    await dialog.locator('input[name="code"]').fill('teacher');
    await dialog.locator('input[name="nameEn"]').fill('Teacher');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('dictionary-table').textContent()).toContain('teacher');
    await shot(page, 'dictionary-zh');
    await accessible(page);
    await page.getByText('EN', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-dictionary').textContent()).toBe('Data dictionary');
    await shot(page, 'dictionary-en');
    await accessible(page);
    await page.getByText('中文', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-dictionary').textContent()).toBe('数据字典');
  });

  it("makes a drug with its maker, approval number, contraindications and cautions; a bad approval number is said at its field", async () => {
    await open('catalog');
    await page.getByTestId('new-drug').click();
    const dialog = page.getByTestId('drug-dialog');
    for (const [name, value] of [['code', 'XY0900'], ['name', '布洛芬缓释胶囊'], ['spec', '0.3g×20粒'], ['form', '胶囊'], ['doseUnit', '粒'], ['price', '15.80'],
      ['manufacturer', '中美天津史克制药有限公司'], ['approvalNumber', '国药准字H123']] as const) {
      await dialog.locator(`input[name="${name}"]`).fill(value);
    }
    await dialog.locator('textarea[name="contraindications"]').fill('活动性消化道溃疡者禁用');
    await dialog.locator('textarea[name="cautions"]').fill('不宜空腹服用');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => dialog.locator('.mantine-TextInput-error').first().textContent()).toContain('批准文号格式不对');
    await shot(page, 'drug-dialog-refused');
    await accessible(page);
    await dialog.locator('input[name="approvalNumber"]').fill('国药准字 h10900089');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('drugs-table').textContent()).toContain('布洛芬缓释胶囊');
    await page.getByTestId('drug-row').filter({ hasText: 'XY0900' }).getByRole('button', { name: '编辑' }).click();
    expect(await dialog.locator('input[name="approvalNumber"]').inputValue()).toBe('国药准字H10900089');
    expect(await dialog.locator('textarea[name="contraindications"]').inputValue()).toBe('活动性消化道溃疡者禁用');
    await shot(page, 'drug-dialog');
    await page.keyboard.press('Escape');
  });

  it("puts a phone on a staff member's record and on the staff list; a bad one is said at its field", async () => {
    await open('staff');
    await page.getByTestId('new-staff').click();
    const dialog = page.getByTestId('staff-dialog');
    await dialog.locator('input[name="name"]').fill('王医生');
    await dialog.locator('input[name="phone"]').fill('12345');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => dialog.locator('.mantine-TextInput-error').first().textContent()).not.toBe('');
    await dialog.locator('input[name="phone"]').fill('138 1234 5678');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('staff-phone').allTextContents()).toContain('13812345678');
    await shot(page, 'staff-phone');
    await accessible(page);
  });

  it('keeps the medical equipment: an item made (a due date before the purchase said at its field), a file with bad rows refused row by row, a good one imported, maintenance recorded', async () => {
    await callsInPage(page, [
      { name: 'accounts.login', input: { username: 'admin', password: PASSWORD } },
      { name: 'org.createDepartment', input: { code: 'FSK', name: '放射科', nameEn: 'Radiology' } },
    ]);
    await open('equipment');
    await poll(() => page.getByTestId('equipment-overdue').textContent()).toContain('没有逾期');
    await page.getByTestId('equipment-new').click();
    const dialog = page.getByTestId('equipment-dialog');
    await dialog.locator('input[name="assetNo"]').fill('eq-0001');
    await dialog.locator('input[name="name"]').fill('数字化X线机');
    await dialog.locator('input[name="model"]').fill('DR-600');
    await pick(page, dialog, '科室', '放射科');
    await dialog.locator('input[name="purchaseDate"]').fill('2025-01-10');
    await dialog.locator('input[name="nextMaintenanceDue"]').fill('2024-12-01');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => dialog.locator('.mantine-TextInput-error').first().textContent()).toBe('不能早于购置日期');
    await shot(page, 'equipment-dialog-refused');
    await accessible(page);
    await dialog.locator('input[name="nextMaintenanceDue"]').fill('2025-06-01');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('equipment-table').textContent()).toContain('EQ-0001');
    await poll(() => page.getByTestId('equipment-overdue').textContent()).toBe('1 台设备维护已逾期');
    expect(await page.getByTestId('equipment-row').filter({ hasText: 'EQ-0001' }).locator('[data-overdue]').count()).toBe(1);
    await shot(page, 'equipment-overdue');
    await accessible(page);

    // A file with three bad rows: every one listed, nothing written; then a good file creates one item and updates the other.
    await page.getByTestId('equipment-files-tab').click();
    const header = '资产编号,名称,型号,科室编码,状态,购置日期,下次维护日期,维护周期(月)';
    const upload = async (name: string, text: string) => {
      await page.getByTestId('equipment-import').locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}\n`, 'utf8') });
      await page.getByTestId('equipment-import-submit').click();
    };
    await upload('equipment-bad.csv', `${header}\nEQ-0002,超声诊断仪,DC-30,FSK,在用,2025-03-01,2026-03-01,12\nEQ-0003,血压计,,XX,在用,,,\n,无编号,,,,,,\nEQ-0004,离心机,,,坏了,2025-13-01,,`);
    await poll(() => page.getByTestId('import-error-row').count()).toBe(4);
    const problems = await page.getByTestId('import-error-row').allTextContents();
    expect(problems.map((r) => r.slice(0, 1))).toEqual(['3', '4', '5', '5']);
    await shot(page, 'equipment-import-errors');
    await accessible(page);
    await upload('equipment-good.csv', `${header}\nEQ-0002,超声诊断仪,DC-30,FSK,在用,2025-03-01,2027-03-01,12\nEQ-0001,数字化X线机,DR-650,FSK,在用,2025-01-10,2025-06-01,12`);
    await poll(() => page.getByTestId('equipment-import-result').textContent()).toContain('新建 1，更新 1');
    await page.getByRole('tab', { name: '医疗设备' }).click();
    await poll(() => page.getByTestId('equipment-row').count()).toBe(2);
    expect(await page.getByTestId('equipment-row').filter({ hasText: 'EQ-0001' }).textContent()).toContain('DR-650');

    // Maintenance recorded today: the last date set, the next one a year on (its interval), no longer overdue.
    await page.getByTestId('equipment-row').filter({ hasText: 'EQ-0001' }).getByTestId('equipment-log').click();
    const log = page.getByTestId('maintenance-dialog');
    await pick(page, log, '类别', '校准');
    await log.locator('input[name="note"]').fill('年度校准');
    await log.getByTestId('maintenance-submit').click();
    await poll(() => log.getByTestId('maintenance-log').textContent()).toContain('年度校准');
    await shot(page, 'equipment-maintenance');
    await accessible(page);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('equipment-overdue').textContent()).toContain('没有逾期');
    await shot(page, 'equipment-zh');
    await accessible(page);
    await page.getByText('EN', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-equipment').textContent()).toBe('Equipment');
    await poll(() => page.getByTestId('equipment-table').textContent()).toContain('Radiology');
    await shot(page, 'equipment-en');
    await accessible(page);
    await page.getByTestId('equipment-row').filter({ hasText: 'EQ-0001' }).getByTestId('equipment-log').click();
    await poll(() => page.getByTestId('maintenance-log').textContent()).toContain('Calibration');
    await accessible(page);
    await page.keyboard.press('Escape');
    await page.getByText('中文', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-equipment').textContent()).toBe('医疗设备');
  });
});

describe('issue 16 at the front desk', { timeout: 60_000 }, () => {
  it('registers a passport holder with a marital status from the dictionary, refusing a number that is no passport, and finds him by it', async () => {
    const { context: ctx, page: p } = await desk(browser);
    await logIn(p, station.url, 'reception', PASSWORD);
    await p.getByTestId('start-register').click();
    const form = p.getByTestId('register-form');
    await form.locator('input[name="name"]').fill('John Smith');
    await form.locator('input[name="birthDate"]').fill('1980-05-01');
    await pick(p, form, '其他证件类型', '护照');
    await form.locator('input[name="idDocNumber"]').fill('ABCDEFG');
    await pick(p, form, '婚姻状况', '已婚');
    await pick(p, form, '职业', '教师');
    await shot(p, 'register-zh');
    await accessible(p);
    await form.getByRole('button', { name: '登记' }).click();
    await poll(() => form.locator('.mantine-TextInput-error').first().textContent()).toContain('护照号码');
    await form.locator('input[name="idDocNumber"]').fill('e1234 5678');
    await form.getByRole('button', { name: '登记' }).click();
    const card = p.getByTestId('patient-card');
    await poll(() => card.textContent()).toContain('John Smith');
    const text = await card.textContent();
    for (const s of ['护照', 'E12345678', '已婚', '教师']) expect(text).toContain(s);
    await shot(p, 'card-zh');
    await p.getByText('EN', { exact: true }).click();
    await poll(() => card.textContent()).toContain('Married');
    await shot(p, 'card-en');
    await accessible(p);
    await p.getByTestId('edit-patient').click();
    await p.getByTestId('register-form').waitFor();
    await shot(p, 'edit-en');
    await accessible(p);
    await p.getByText('中文', { exact: true }).click();
    await p.keyboard.press('Control+k');
    await p.getByTestId('finder-input').fill('E12345678');
    await poll(() => p.getByTestId('finder-result').first().textContent()).toContain('John Smith');
    expect(await p.getByTestId('finder-result').first().textContent()).toContain('证件号');
    await shot(p, 'finder');
    await p.keyboard.press('Escape');

    // His appointment cancelled with a reason from the dictionary, in one click.
    await callsInPage(p, [
      { name: 'accounts.login', input: { username: 'reception', password: PASSWORD } },
      { name: 'catalog.sessions', input: { from: today, to: today } },
      { name: 'patients.search', input: { q: 'E12345678' } },
      { name: 'appointments.book', input: { patientId: '$2.items.0.id', sessionId: '$1.items.0.id', source: 'phone' } },
    ]);
    await p.getByRole('tab', { name: '今日预约' }).click();
    const row = p.getByTestId('appointment-row').filter({ hasText: 'John Smith' });
    await row.getByRole('button', { name: '取消' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByTestId('reason-suggestions').getByRole('button', { name: '患者要求取消' }).click();
    expect(await dialog.locator('input[name="reason"]').inputValue()).toBe('患者要求取消');
    await shot(p, 'cancel-reason');
    await accessible(p);
    await dialog.getByRole('button', { name: '确认取消' }).click();
    await poll(() => row.textContent()).toContain('已取消');
    await ctx.close();
  });

  it("shows the doctor a drug's maker in the search and its contraindications and cautions when adding it", async () => {
    const { context: ctx, page: p } = await desk(browser);
    await logIn(p, station.url, 'reception', PASSWORD);
    await callsInPage(p, [
      { name: 'accounts.login', input: { username: 'reception', password: PASSWORD } },
      { name: 'catalog.sessions', input: { from: today, to: today } },
      { name: 'patients.search', input: { q: 'E12345678' } },
      { name: 'frontdesk.walkIn', input: { patientId: '$2.items.0.id', doctorId: '$1.items.0.doctorId', payment: { method: 'cash', tenderedFen: 10_000, idempotencyKey: 'e2e-records16' } } },
    ]);
    await ctx.close();
    const { context: c2, page: d } = await desk(browser);
    await logIn(d, station.url, 'doctor', PASSWORD);
    const row = d.getByTestId('my-queue-row').filter({ hasText: 'John Smith' });
    await row.getByRole('button', { name: '呼叫', exact: true }).click();
    await row.getByTestId('start-visit').click();
    const ws = d.getByTestId('visit-workspace');
    await ws.getByRole('tab', { name: '处方' }).click();
    await ws.getByTestId('new-rx').click();
    await ws.getByTestId('drug-search').fill('布洛芬');
    const option = ws.getByTestId('drug-search-option').filter({ hasText: '布洛芬缓释胶囊' }).first();
    await poll(() => option.textContent()).toContain('中美天津史克制药有限公司');
    await option.click();
    await poll(() => ws.getByTestId('drug-cautions').textContent()).toContain('禁忌：活动性消化道溃疡者禁用');
    expect(await ws.getByTestId('drug-cautions').textContent()).toContain('注意事项：不宜空腹服用');
    expect(await ws.getByTestId('drug-maker').textContent()).toBe('中美天津史克制药有限公司 · 国药准字H10900089');
    await shot(d, 'line-form-zh');
    await accessible(d);
    await d.getByText('EN', { exact: true }).click();
    await poll(() => ws.getByTestId('drug-cautions').textContent()).toContain('Contraindications: 活动性消化道溃疡者禁用');
    await shot(d, 'line-form-en');
    await accessible(d);
    await c2.close();
  });
});
