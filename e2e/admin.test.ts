/**
 * The admin screens in Chromium, at the hub's own web host (a browser on the LAN pointed at the
 * hub): today's figures and the 20-day chart, a department and room, a doctor with an account,
 * a weekly template generated into a week, a session stopped with its call list, a drug import
 * refused row by row then accepted, statistics with an export, devices, settings, English; and
 * at a workstation with no hub, the admin area says the hub cannot be reached instead of failing.
 * Every screen is photographed (/tmp/admin-*.png) and checked with axe-core.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryEntries } from '../db/schema';
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

const shot = (name: string) => page.screenshot({ path: `/tmp/admin-${name}.png`, fullPage: true });
const shotAs = (p: Page, name: string) => p.screenshot({ path: `/tmp/admin-${name}.png`, fullPage: true });
const open = async (section: string) => {
  // A dialog left open by a failed step would hide the menu.
  while (await page.locator('.mantine-Modal-overlay').count() > 0) { await page.keyboard.press('Escape'); await page.waitForTimeout(200); }
  await page.getByTestId(`admin-nav-${section}`).click();
  await page.getByTestId(`admin-${section}`).waitFor();
};
/** axe on the page as it rests: the pointer off any button (a hovered button is drawn a shade lighter). */
const accessible = async (p: Page) => {
  await p.mouse.move(1, 899);
  await p.waitForTimeout(150);
  await expectAccessible(p);
};
/**
 * A line chart as drawn: one line per series (no bars), each through `points` days, and a legend
 * naming them. Waited for by count, not visibility: a hub with no visits draws its lines flat on
 * zero, and a flat line has no height for Playwright to call visible.
 */
const expectLines = async (chart: ReturnType<Page['getByTestId']>, legend: string[], points: number) => {
  await poll(() => chart.locator('.recharts-line').count()).toBe(legend.length);
  expect(await chart.locator('.recharts-bar').count()).toBe(0);
  await poll(() => chart.locator('.recharts-line-dot').count()).toBe(legend.length * points);
  const curves = await chart.locator('.recharts-line-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  expect(curves).toHaveLength(legend.length);
  for (const d of curves) expect(d).toMatch(/^M[\d.]+,[\d.]+/);
  const shown = await chart.locator('.mantine-LineChart-legend, .recharts-legend-wrapper').first().textContent();
  for (const name of legend) expect(shown).toContain(name);
};
/** A Mantine Select: open it by its label, pick the option. */
/** The step-up: account, role, device and pairing changes ask for the admin's own password first. */
const confirmOwnPassword = async () => {
  const prompt = page.getByTestId('password-prompt');
  await prompt.locator('input[name="confirmPassword"]').fill(PASSWORD);
  await prompt.getByRole('button', { name: '确认' }).click();
  await prompt.waitFor({ state: 'hidden' });
};
const pick = async (scope: Page | ReturnType<Page['getByTestId']>, label: string, option: string | RegExp) => {
  await scope.getByLabel(new RegExp(`^${label}( \\*)?$`)).click();
  await page.getByRole('option', { name: option }).first().click();
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-admin-'));
  const file = join(dir, 'station.sqlite');
  seedSmallClinic(file);
  // The desk's priority reasons and payment methods as the hub would have replicated them (issue 16).
  const s = new Station({ key: TEST_STATION_KEY, file, device: 'E2', allowMasterData: true });
  withMasterWriter(s, (w) => {
    const entries: ['priority_reason' | 'payment_method', string, string, string, boolean][] = [
      ['priority_reason', 'elderly', '老年人', 'Elderly', true], ['priority_reason', 'blood_donor', '无偿献血者', 'Blood donor', true],
      ['priority_reason', 'pregnant', '孕妇', 'Pregnant', false],
      ['payment_method', 'cash', '现金', 'Cash', true], ['payment_method', 'yb_card', '医保卡', 'Medical insurance card', true],
      ['payment_method', 'card', '银行卡', 'Card', true], ['payment_method', 'qr', '扫码支付', 'QR pay', false],
    ];
    entries.forEach(([kind, code, name, nameEn, active], i) => w.insert(dictionaryEntries, { kind, code, name, nameEn, sortOrder: (i + 1) * 10, active }));
  });
  s.close();
  const staticDir = await builtRenderer();
  [browser, hub, station] = await Promise.all([launch(), startHubWithWeb(staticDir, { username: 'admin', password: PASSWORD }), startHost(file, staticDir)]);
  ({ context, page } = await desk(browser));
  await logIn(page, hub.url, 'admin', PASSWORD);
}, 150_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `/tmp/admin-failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await Promise.all([hub?.stop(), station?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('admin screens at the hub, in zh-CN', { timeout: 60_000 }, () => {
  it('opens on today’s figures and a 20-day registrations chart', async () => {
    expect(page.url()).toContain('#/admin');
    await poll(() => page.getByTestId('fig-registrations-value').textContent()).toBe('0');
    expect(await page.getByTestId('fig-income-value').textContent()).toBe('¥0.00');
    await page.getByTestId('dashboard-chart').locator('.recharts-surface').first().waitFor();
    // A line chart (the trend over the days), with its legend: registrations, first visits, follow-ups.
    await expectLines(page.getByTestId('dashboard-chart'), ['挂号', '初诊', '复诊'], 20);
    // 20 days on the axis, today's month-day last.
    await poll(() => page.getByTestId('dashboard-chart').locator('.recharts-cartesian-axis-tick').count()).toBeGreaterThan(3);
    await shot('dashboard');
    await accessible(page);
  });

  it('creates a department and a room in it', async () => {
    await open('org');
    await page.getByTestId('new-department').click();
    const dialog = page.getByTestId('department-dialog');
    await dialog.locator('input[name="code"]').fill('nk');
    await dialog.locator('input[name="name"]').fill('内科');
    await dialog.locator('input[name="nameEn"]').fill('Internal medicine');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('departments-table').textContent()).toContain('内科');
    expect(await page.getByTestId('departments-table').textContent()).toContain('NK');
    // The same code again is refused, in Chinese, next to the code field or above the buttons.
    await page.getByTestId('new-department').click();
    await dialog.locator('input[name="code"]').fill('NK');
    await dialog.locator('input[name="name"]').fill('内科二');
    await dialog.locator('input[name="nameEn"]').fill('Medicine 2');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => dialog.textContent()).toContain('已存在相同的记录');
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.getByTestId('new-room').click();
    const room = page.getByTestId('room-dialog');
    await pick(room, '科室', '内科');
    await room.locator('input[name="roomName"]').fill('内科一诊室');
    await room.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('rooms-table').textContent()).toContain('内科一诊室');
    await shot('org');
    await accessible(page);
  });

  it('adds a doctor, then his account with the doctor role', async () => {
    await open('staff');
    await page.getByTestId('new-staff').click();
    const dialog = page.getByTestId('staff-dialog');
    await dialog.locator('input[name="name"]').fill('李明');
    await pick(dialog, '性别', '男');
    await pick(dialog, '科室', '内科');
    await dialog.locator('input[name="title"]').fill('主治医师');
    await dialog.locator('input[name="fee"]').fill('15');
    await dialog.getByRole('button', { name: '保存' }).click();
    // Saving a new active person goes on to the account.
    const account = page.getByTestId('account-dialog');
    await account.locator('input[name="username"]').waitFor();
    expect(await account.getByRole('checkbox', { name: '医生' }).isChecked()).toBe(true);
    await account.locator('input[name="username"]').fill('liming');
    await account.locator('input[name="password"]').fill('Weak');
    await account.getByRole('button', { name: '开通账号' }).click();
    await confirmOwnPassword();
    await poll(() => account.textContent()).toMatch(/密码/);
    await account.locator('input[name="password"]').fill(PASSWORD);
    await account.getByRole('button', { name: '开通账号' }).click();
    await confirmOwnPassword();
    await account.waitFor({ state: 'detached' });
    const row = page.getByTestId('staff-row').filter({ hasText: '李明' });
    await poll(() => row.textContent()).toContain('liming');
    expect(await row.textContent()).toContain('¥15.00');
    await shot('staff');
    await accessible(page);
    await page.getByTestId('accounts-tab').click();
    await poll(() => page.getByTestId('accounts-table').textContent()).toContain('liming');
  });

  it('makes a weekly template, generates next week, and stops a booked session with its call list', async () => {
    await open('rosters');
    await page.getByTestId('rosters-tab-templates').click();
    await page.getByTestId('new-template').click();
    const dialog = page.getByTestId('template-dialog');
    await pick(dialog, '医生', /李明/);
    await pick(dialog, '星期', '周一');
    await pick(dialog, '诊室', /内科一诊室/);
    await dialog.locator('input[name="capacity"]').fill('2');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('templates-table').textContent()).toContain('周一');
    await shot('rosters-templates');
    await accessible(page);

    await page.getByTestId('rosters-tab-generate').click();
    await page.getByTestId('generate-submit').click();
    await poll(() => page.getByTestId('generate-result').textContent()).toContain('新生成 1 个出诊时段');
    await shot('rosters-generate');

    await page.getByTestId('rosters-tab-calendar').click();
    await page.getByRole('button', { name: '下一周' }).click();
    const card = page.getByTestId('calendar-session').filter({ hasText: '李明' });
    await poll(() => card.getByTestId('session-seats').textContent()).toBe('0/2');
    const sessionId = await card.getAttribute('data-session-id');
    // A receptionist books a patient into that Monday (set up through the API, as a desk would;
    // an admin too, since the hub's web host takes admin accounts only).
    await callsInPage(page, [
      { name: 'accounts.login', input: { username: 'admin', password: PASSWORD } },
      { name: 'org.createAccount', input: { username: 'wangfang', roles: ['admin', 'receptionist'], password: PASSWORD, confirmPassword: PASSWORD } },
      { name: 'accounts.login', input: { username: 'wangfang', password: PASSWORD } },
      { name: 'patients.register', input: { name: '赵敏', sex: 'F', phone: '13912345678' } },
      { name: 'appointments.book', input: { patientId: '$3.patient.id', sessionId, source: 'phone' } },
      { name: 'patients.register', input: { name: '钱学文', sex: 'M', phone: '13700002222' } },
      { name: 'appointments.book', input: { patientId: '$5.patient.id', sessionId, source: 'counter' } },
    ]);
    await page.getByRole('button', { name: '本周' }).click();
    await page.getByRole('button', { name: '下一周' }).click();
    await poll(() => card.getByTestId('session-seats').textContent()).toBe('2/2');
    await shot('rosters-calendar');
    await accessible(page);

    // One seat fewer than booked: the admin must say what happens to the extra booking.
    await card.getByTestId('session-edit-open').click();
    const edit = page.getByTestId('session-edit');
    await edit.locator('input[name="capacity"]').fill('1');
    await edit.getByTestId('overflow').waitFor();
    expect(await edit.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await edit.getByRole('radio', { name: /取消最晚的 1 个预约/ }).check();
    await shot('rosters-overflow');
    await accessible(page);
    await edit.getByRole('button', { name: '保存' }).click();
    await poll(() => edit.getByTestId('call-list').textContent()).toContain('钱学文');
    await edit.getByRole('button', { name: '关闭' }).last().click();
    await poll(() => card.getByTestId('session-seats').textContent()).toBe('1/1');

    await card.getByTestId('session-stop-open').click();
    const stop = page.getByTestId('session-stop');
    await stop.locator('textarea[name="reason"]').fill('医生外出开会');
    await stop.getByRole('button', { name: '确认停诊' }).click();
    await poll(() => stop.getByTestId('call-list').textContent()).toContain('赵敏');
    expect(await stop.getByTestId('call-list').textContent()).toContain('13912345678');
    await shot('rosters-call-list');
    await accessible(page);
    await stop.getByRole('button', { name: '关闭' }).last().click();
    await poll(() => card.textContent()).toContain('停诊');
  });

  it('refuses a drug file with a bad row, listing the row, then imports a good one', async () => {
    await open('catalog');
    await page.getByTestId('catalog-files-tab').click();
    const header = '编码,名称,英文名,规格,剂型,单位,剂量单位,每单位剂量数,单价(元),医保类别,库存预警,状态';
    const good = '\nXY0001,阿莫西林胶囊,Amoxicillin,0.25g*24粒,胶囊,盒,粒,24,18.50,甲类,10,在用';
    const bad = '\nXY0002,布洛芬缓释胶囊,Ibuprofen,0.3g*20粒,胶囊,盒,粒,20,十二元,乙类,10,在用';
    const file = page.getByTestId('drugs-import-file');
    const upload = async (name: string, text: string) => {
      const input = page.getByTestId('drugs-import').locator('input[type="file"]');
      await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}\n`, 'utf8') });
      await page.getByTestId('drugs-import-submit').click();
    };
    expect(await file.count()).toBe(1);
    await upload('drugs-bad.csv', header + good + bad);
    const errors = page.getByTestId('import-errors');
    await poll(() => errors.textContent()).toContain('3');
    expect(await page.getByTestId('import-error-row').count()).toBe(1);
    await shot('catalog-import-errors');
    await accessible(page);
    await upload('drugs-good.csv', header + good);
    await poll(() => page.getByTestId('drugs-import-result').textContent()).toContain('新建 1');
    await page.getByRole('tab', { name: '药品', exact: true }).click();
    await poll(() => page.getByTestId('drugs-table').textContent()).toContain('阿莫西林胶囊');
    expect(await page.getByTestId('drugs-table').textContent()).toContain('¥18.50');
    await shot('catalog');
    await accessible(page);

    // A ward with two beds.
    await page.getByRole('tab', { name: '病区与床位' }).click();
    const wards = page.getByTestId('wards');
    await wards.locator('input[name="wardName"]').fill('一病区');
    await wards.locator('input[name="dailyRate"]').fill('60');
    await wards.getByRole('button', { name: '新建病区' }).click();
    const ward = page.getByTestId('ward').filter({ hasText: '一病区' });
    await poll(() => ward.textContent()).toContain('¥60.00/天');
    await ward.locator('input[name^="beds-"]').fill('1，2');
    await ward.getByRole('button', { name: '添加床位' }).click();
    await poll(() => ward.textContent()).toContain('2 · 空闲');
    await shot('catalog-wards');
    await accessible(page);
  });

  it('shows statistics for a range with a chart and a table, and exports a CSV', async () => {
    await open('stats');
    await page.getByTestId('report-registrations').locator('.recharts-surface').first().waitFor();
    await poll(() => page.getByTestId('report-table').locator('tbody tr').count()).toBe(30);
    await expectLines(page.getByTestId('report-registrations'), ['挂号', '初诊', '复诊'], 30);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8').split('\n').length).toBeGreaterThan(30);
    await page.getByTestId('stats-groups').getByText('收入').click();
    await page.getByTestId('stats-reports').getByText('各支付方式收入').click();
    await poll(() => page.getByTestId('report-table').textContent()).toContain('现金');
    await shot('stats');
    await accessible(page);
  });

  it('lists the devices with a pairing code, and keeps the clinic settings', async () => {
    await open('devices');
    await page.getByTestId('issue-code').click();
    await confirmOwnPassword();
    await poll(() => page.getByTestId('pairing-code').textContent()).toMatch(/^\d{6}$/);
    await shot('devices');
    await accessible(page);
    await open('settings');
    const form = page.getByTestId('settings-form');
    await form.locator('input[name="clinicName"]').fill('康宁诊所');
    await form.locator('input[name="phone"]').fill('021-12345678');
    await form.getByTestId('settings-save').click();
    await poll(() => page.locator('.mantine-Notification-root').allTextContents()).toContain('设置已保存');
    await shot('settings');
    await accessible(page);
  });

  it('switches the admin screens to English', async () => {
    await open('rosters');
    await page.getByText('EN', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-rosters').textContent()).toBe('Rosters');
    await poll(() => page.getByTestId('rosters-tab-templates').textContent()).toBe('Weekly templates');
    await shot('english');
    await accessible(page);
    await page.getByText('中文', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-rosters').textContent()).toBe('排班');
  });
});

describe("the data dictionary's priority reasons and payment methods (issue 16)", { timeout: 90_000 }, () => {
  it('at the hub: the built-in payment methods listed to rename or stop, and a method of the clinic’s own added', async () => {
    await open('dictionary');
    await page.getByTestId('dictionary-kind').getByText('支付方式').click();
    await page.getByTestId('dictionary-standard').click();
    await poll(() => page.getByTestId('dictionary-row').count()).toBe(4);
    for (const name of ['现金', '银行卡', '扫码支付', '医保统筹']) expect(await page.getByTestId('dictionary-table').textContent()).toContain(name);
    await page.getByTestId('dictionary-new').click();
    const dialog = page.getByTestId('entry-dialog');
    await dialog.locator('input[name="code"]').fill('yb_card');
    await dialog.locator('input[name="name"]').fill('医保卡');
    await dialog.locator('input[name="nameEn"]').fill('Medical insurance card');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => page.getByTestId('dictionary-row').count()).toBe(5);
    expect(await page.getByTestId('dictionary-table').textContent()).toContain('医保卡');
    await shot('dictionary-payment-zh');
    await accessible(page);
    await page.getByText('EN', { exact: true }).click();
    await poll(() => page.getByTestId('dictionary-table').textContent()).toContain('Medical insurance card');
    await shot('dictionary-payment-en');
    await accessible(page);
    await page.getByText('中文', { exact: true }).click();
    await poll(() => page.getByTestId('admin-nav-dictionary').textContent()).toBe('数据字典');
  });

  it('at the front desk: a priority reason of the clinic’s list, the fee taken by its own method, both named by the dictionary', async () => {
    const { context: ctx, page: p } = await desk(browser);
    await logIn(p, station.url, 'reception', PASSWORD);
    await p.getByTestId('start-register').click();
    const form = p.getByTestId('register-form');
    await form.locator('input[name="name"]').fill('周献血');
    await form.getByRole('button', { name: '登记' }).click();
    await p.getByTestId('patient-card').waitFor();
    await p.getByTestId('walk-in').click();
    const visit = p.getByTestId('visit-dialog');
    await visit.getByTestId('session-option').first().click();
    await visit.getByLabel('优先就诊').check();
    await visit.getByTestId('select-priorityReason').click();
    // The clinic's list in its order: a stopped reason and a built-in one it does not list are not offered.
    await poll(() => p.getByRole('option').allTextContents()).toEqual(['老年人', '无偿献血者']);
    await p.getByRole('option', { name: '无偿献血者' }).click();
    await shotAs(p, 'walkin-priority-zh');
    await accessible(p);
    await visit.getByRole('button', { name: '挂号' }).click();
    const fee = p.getByTestId('fee-dialog');
    const methods = fee.getByTestId('payment-method');
    // The active methods in the admin's order; QR stopped, insurance (no entry, built in) still taken.
    await poll(() => methods.locator('label').allTextContents()).toEqual(['现金', '医保卡', '银行卡', '医保']);
    await methods.getByText('医保卡').click();
    await shotAs(p, 'fee-method-zh');
    await accessible(p);
    await fee.getByRole('button', { name: '确认收款' }).click();
    await fee.getByTestId('fee-settled').waitFor();
    await fee.getByTestId('fee-close').click();
    const row = p.getByTestId('visit-row').filter({ hasText: '周献血' });
    await poll(() => row.textContent()).toContain('无偿献血者');
    await p.getByText('EN', { exact: true }).click();
    await poll(() => row.textContent()).toContain('Blood donor');
    await shotAs(p, 'visits-priority-en');
    await accessible(p);
    await ctx.close();
  });
});

describe('admin screens at a workstation without a hub', { timeout: 60_000 }, () => {
  it('says the hub cannot be reached, with a retry, instead of failing', async () => {
    const { context: ctx, page: p } = await desk(browser);
    await logIn(p, `${station.url}#/admin/dashboard`, 'admin', PASSWORD);
    await p.goto(`${station.url}#/admin/dashboard`);
    const notice = p.getByTestId('hub-unreachable').first();
    await poll(() => notice.textContent()).toContain('无法连接中心服务器');
    await p.getByTestId('hub-retry').first().click();
    await poll(() => notice.textContent()).toContain('无法连接中心服务器');
    await p.screenshot({ path: '/tmp/admin-hub-unreachable.png', fullPage: true });
    await accessible(p);
    await p.getByTestId('admin-nav-org').click();
    await poll(() => p.getByTestId('hub-unreachable').count()).toBeGreaterThan(0);
    await ctx.close();
  });
});
