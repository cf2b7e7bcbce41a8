/**
 * What the patient-app end-to-end files share: a real hub with its patient port (HTTPS with the
 * hub's certificate) and the local payment gateway, a real desk synced to it, Chromium with a
 * phone in it; the tab bar, screenshots in /tmp/patient-app-*.png, axe-core, and calls made at
 * the desk as staff would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Input, Output, ProcedureName } from '../../main/api/contract';
import { pairedWorkstation, type TestWorkstation } from '../../main/hub/admin.testing';
import { startPayHub, type PayHub } from '../../main/hub/payments/payments.testing';
import { PATIENT_PASSWORD } from '../../main/hub/portal/portal.testing';
import { hubTemplate } from '../../main/sync/hooks.testing';
import { expectAccessible } from './axe';
import { launch } from './browser';
import { builtPatientApp, builtRenderer } from './build';
import { phoneContext } from './phone';

export type Tab = 'book' | 'bookings' | 'records' | 'queue' | 'account';
/** Screens under 我的 / Me, reached from its tab. */
export type UnderMe = 'members' | 'pay';

export interface PatientAppRig {
  t: PayHub;
  desk: TestWorkstation;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A new phone (a fresh browser context) in `locale`, replacing the current one. */
  newPhone: (locale: 'zh-CN' | 'en-US') => Promise<Page>;
  close: () => Promise<void>;
}

/** The hub's database to start from: call at the top of the test file (it registers a beforeAll that makes it). */
export const patientAppTemplate = hubTemplate;

/**
 * The hub on a copy of `template` (its web host serving the staff UI to any role when `deskUi`),
 * a desk paired with it, and a phone in Chinese. `prepare` writes master data at the hub before the desk pairs.
 */
export async function startPatientAppRig(template: () => Blob | File, opts: { deskUi?: boolean; prepare?: (t: PayHub) => Promise<void> | void } = {}): Promise<PatientAppRig> {
  const [staticDir, rendererDir] = await Promise.all([builtPatientApp(), opts.deskUi ? builtRenderer() : Promise.resolve(null)]);
  const t = await startPayHub(template(), staticDir, rendererDir ? { staticDir: rendererDir, anyRole: true } : undefined);
  await opts.prepare?.(t);
  const desk = await pairedWorkstation(t, 'D1');
  const browser = await launch();
  const rig: PatientAppRig = {
    t, desk, browser, ...(await phoneContext(browser, 'zh-CN')),
    newPhone: async (locale) => {
      await rig.context.close();
      ({ context: rig.context, page: rig.page } = await phoneContext(browser, locale));
      return rig.page;
    },
    close: async () => {
      await rig.context?.close();
      await browser.close();
      await desk.close();
      await t.close();
    },
  };
  return rig;
}

export const shotOf = (page: Page, name: string) => page.screenshot({ path: `/tmp/patient-app-${name}.png` });
export const headingOf = (page: Page) => page.locator('main h1').textContent();
export const accessibleNow = (page: Page) => expectAccessible(page);

/** A tab of the bar at the bottom; family members and paying through 我的 / Me. */
export async function goTo(page: Page, where: Tab | UnderMe): Promise<void> {
  if (where === 'members' || where === 'pay') {
    await page.getByTestId('tab-account').tap();
    await page.getByTestId(`me-${where}`).tap();
    return;
  }
  await page.getByTestId(`tab-${where}`).tap();
}

/** Logs in on the phone's log-in screen with the patients' test password. */
export async function logInOnPhone(page: Page, url: string, phone: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('field-phone').fill(phone);
  await page.getByTestId('field-password').fill(PATIENT_PASSWORD);
  await page.getByTestId('login-submit').tap();
  await page.getByTestId('departments').waitFor();
}

/** The desk's view of a day's appointments (as a receptionist sees them). */
export async function appointmentsAtDesk(desk: TestWorkstation, date: string): Promise<{ id: string; status: string; source: string; patientName: string }[]> {
  const r = await desk.call(await desk.login('reception'), 'appointments.day', { date, limit: 200, offset: 0 });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.items;
}

/** A staff member's call at the desk (logged in as `who`). */
export async function atDeskAs<N extends ProcedureName>(desk: TestWorkstation, who: string, name: N, input: Input<N>): Promise<Output<N>> {
  const r = await desk.call(await desk.login(who), name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value;
}
