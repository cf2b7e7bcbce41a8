/**
 * A session booked past capacity, in Chromium: a workstation books the last seat while offline,
 * the hub's desk books it too; once the workstation syncs, reception sees the task on the front
 * desk's review tab with the session and every booking (which desk booked it), moves one booking
 * to a session with room, and the task goes. The hub runs in this process (real PGlite, real
 * socket.io, its web host on the admin station). Screenshots in /tmp/reviews-overbooked-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rosterSessions } from '../db/schema';
import type { Input, ProcedureName } from '../main/api/contract';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from '../main/hub/admin.testing';
import { PgliteStore } from '../main/hub/pglite-store';
import { dispatch } from '../main/station/dispatch';
import { withMasterWriter } from '../main/station/master';
import { TEST_PASSWORD, TOMORROW } from '../main/station/testing';
import type { SyncClient } from '../main/sync/client';
import { connected } from '../main/sync/testing';
import { expectAccessible } from './support/axe';
import { builtRenderer } from './support/build';
import { desk, launch, logIn, poll } from './support/browser';

let browser: Browser;
let t: TestClinicHub;
let ws: TestWorkstation;
let context: BrowserContext;
let page: Page;
let spare: string;
let live: SyncClient | undefined;

const shot = (name: string) => page.screenshot({ path: `/tmp/reviews-overbooked-${name}.png`, fullPage: true });

async function atHub<N extends ProcedureName>(username: string, name: N, input: Input<N>) {
  const station = t.clinic.admin.station;
  const login = await dispatch(station, { token: null }, 'accounts.login', { username, password: TEST_PASSWORD });
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const r = await dispatch(station, { token: login.value.token }, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  await t.clinic.admin.flush();
  return r.value;
}

beforeAll(async () => {
  const [staticDir, template] = await Promise.all([builtRenderer(), PgliteStore.template()]);
  // The hub's desk serves reception here (its web host takes only admins unless told otherwise).
  t = await startTestClinicHub(template, { web: { staticDir, anyRole: true } });
  ws = await pairedWorkstation(t, 'W1');
  spare = withMasterWriter(t.clinic.admin.station, (w) => w.insert(rosterSessions, {
    date: TOMORROW, period: 'afternoon', doctorId: t.ids.staff.doctor, departmentId: t.ids.departments.internal, capacity: 5,
  }));
  await t.clinic.admin.flush();
  await ws.client.idle();
  await ws.client.stop();

  // W1, offline, books the last of tomorrow morning's two seats; the hub's desk books both.
  const rec = await ws.login('reception');
  const offline = await ws.call(rec, 'patients.register', { name: '孙悦', phone: '13700001111' });
  if (!offline.ok) throw new Error(JSON.stringify(offline.error));
  const booked = await ws.call(rec, 'appointments.book', { patientId: offline.value.patient.id, sessionId: t.ids.sessions.tomorrow });
  if (!booked.ok) throw new Error(JSON.stringify(booked.error));
  for (const name of ['赵敏', '钱学文']) {
    const p = await atHub('reception', 'patients.register', { name });
    await atHub('reception', 'appointments.book', { patientId: p.patient.id, sessionId: t.ids.sessions.tomorrow, source: 'counter' });
  }
  live = await connected(ws.station, t.clinic.hub);
  await t.clinic.hub.settled();

  browser = await launch();
  ({ context, page } = await desk(browser));
  await logIn(page, t.clinic.web!.url, 'reception', TEST_PASSWORD);
}, 150_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `/tmp/reviews-overbooked-failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png` });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await live?.stop(); // (ws.close stops the first client only)
  await ws?.close();
  await t?.close();
});

describe('an overbooked session on the front desk review tab', { timeout: 90_000 }, () => {
  it('lists the session and its three bookings, with the desk that booked each', async () => {
    await page.getByTestId('frontdesk-reviews-tab').click();
    const task = page.getByTestId('task-session_overbooked');
    await task.waitFor();
    expect(await task.getByTestId('seats').textContent()).toBe('号源 2，已占用 3');
    const rows = task.getByTestId('booking-row');
    expect(await rows.count()).toBe(3);
    const text = await task.textContent();
    for (const name of ['孙悦', '赵敏', '钱学文', 'W1']) expect(text).toContain(name);
    await shot('task');
    await page.mouse.move(1, 899);
    await expectAccessible(page);
  });

  it('moves the offline booking to a session with room; the task goes', async () => {
    const row = page.getByTestId('booking-row').filter({ hasText: '孙悦' });
    await row.getByTestId('move').click();
    await page.getByTestId('move-target').click();
    await poll(async () => {
      await page.getByTestId('reviews-refresh').click();
      return page.getByTestId('reviews').getByTestId('empty-state').count();
    }).toBe(1);
    await shot('done');
    const moved = ws.station.raw.prepare("SELECT count(*) FROM appointments WHERE session_id = ? AND status = 'pending'").pluck();
    await t.clinic.hub.settled();
    await poll(() => moved.get(spare)).toBe(1);
  });
});
