/**
 * The outbox end to end on a real hub (PGlite, admin station, socket.io) with a paired desk and a
 * local Tencent SMS server that checks the request signing: tomorrow's reminders queued once,
 * in the patient's language, none for an opt-out; without a provider they are the front desk's
 * call list, ticked off as called; with a provider away they wait and are retried with backoff;
 * a wrong key is reported (the send job fails with the provider's reason) and blocks nothing
 * else; sent once, never twice, across a hub stop and restart.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spelled } from '../../domain/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from '../admin.testing';
import { jobRunnerFor, messagesAtOnceFor, REMINDERS_JOB, SEND_JOB } from '../jobs/clinic-jobs';
import { LAPSE_JOB } from '../jobs/lapse-appointments';
import { PgliteStore } from '../pglite-store';
import { OutboxStore } from './store';
import { startFakeTencentSms, type FakeTencentSms } from './tencent-sms.testing';
import { TEST_PASSWORD } from '../../station/testing';

let template: Blob | File;
beforeAll(async () => {
  template = await PgliteStore.template();
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const KEYS = { secretId: 'AKIDtest0001', secretKey: 'test-secret-key-made-here' };

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/**
 * The bookings' confirmations, queued the moment the desk's bookings reach the hub, are phoned
 * and ticked off at the front desk: these tests are about the reminders.
 */
async function confirmationsCalled(t: TestClinicHub, desk: TestWorkstation, reception: Awaited<ReturnType<TestWorkstation['login']>>, day: string): Promise<number> {
  await messagesAtOnceFor(t.store)!.idle();
  const confirmations = (await ok(desk.call(reception, 'messages.callList', { day }))).messages.filter((m) => m.kind === 'booking_confirmed');
  for (const m of confirmations) await ok(desk.call(reception, 'messages.markCalled', { id: m.id }));
  return confirmations.length;
}
const remindersOf = <M extends { kind: string }>(list: M[]) => list.filter((m) => m.kind === 'reminder');

async function setUp(): Promise<{ t: TestClinicHub; desk: TestWorkstation; fake: FakeTencentSms }> {
  const t = await startTestClinicHub(template);
  cleanups.push(t.close);
  const desk = await pairedWorkstation(t, 'A1');
  cleanups.push(desk.close);
  const fake = await startFakeTencentSms(KEYS);
  cleanups.push(() => fake.close());
  return { t, desk, fake };
}

describe('messages to patients', () => {
  it('queues reminders, lists them to call without a provider, retries while the provider is away, and sends each once across a restart', async () => {
    const { t, desk, fake } = await setUp();
    const reception = await desk.login('reception');
    const booked: string[] = [];
    for (const [n, phone] of [[1, '13800138001'], [2, '13800138002']] as const) {
      const p = await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(n)}`, phone }));
      await ok(desk.call(reception, 'appointments.book', { patientId: p.patient.id, sessionId: t.ids.sessions.tomorrow }));
      booked.push(p.patient.id);
    }
    await desk.client.syncNow(); // the hub knows the patients before their preferences
    expect(await confirmationsCalled(t, desk, reception, '2026-11-24')).toBe(2);
    await ok(desk.call(reception, 'messages.setPreference', { patientId: booked[1]!, optedOut: false, language: 'en' }));

    const runner = () => jobRunnerFor(t.store)!;
    const reminders = await runner().runNow(REMINDERS_JOB);
    expect(reminders.lastDetail).toBe('2 queued, 0 left out (opted out or no mobile number)');
    expect((await runner().runNow(REMINDERS_JOB)).lastDetail).toBe('0 queued, 0 left out (opted out or no mobile number)');

    // No provider: nothing is sent; the front desk's call list has both, in each patient's language.
    expect((await runner().runNow(SEND_JOB)).lastDetail).toBe('0 sent, 0 failed, 2 waiting');
    let list = remindersOf((await ok(desk.call(reception, 'messages.callList', { day: '2026-11-24' }))).messages);
    expect(list.map((m) => [m.patientName, m.status, m.language]).sort()).toEqual([[`患者${spelled(1)}`, 'queued', 'zh-CN'], [`患者${spelled(2)}`, 'queued', 'en']]);
    expect(list.find((m) => m.language === 'en')?.body).toMatch(/^Dear 患者二, a reminder of your appointment tomorrow \(2026-11-24, morning\) at Kangning Clinic/);

    // The provider is set (admin, with the password); it is away: the messages wait, tried again later.
    const admin = await desk.login('admin');
    const noProof = await desk.call(admin, 'messages.setProvider', {
      provider: 'tencent', ...KEYS, sdkAppId: '1400000000', signName: '康宁诊所', templates: { reminder: '1001' }, endpoint: fake.url, confirmPassword: 'wrong-password',
    });
    expect(noProof.ok ? null : noProof.error.code).toBe('BAD_CREDENTIALS');
    await ok(desk.call(admin, 'messages.setProvider', {
      provider: 'tencent', ...KEYS, sdkAppId: '1400000000', signName: '康宁诊所', templates: { reminder: '1001', 'reminder.en': '1002' }, endpoint: fake.url,
      confirmPassword: TEST_PASSWORD,
    }));
    const read = await ok(desk.call(admin, 'messages.list', {}));
    expect(JSON.stringify(read)).not.toContain(KEYS.secretKey);
    fake.down = true;
    expect((await runner().runNow(SEND_JOB)).lastDetail).toBe('0 sent, 0 failed, 2 waiting');
    list = remindersOf((await ok(desk.call(reception, 'messages.callList', { day: '2026-11-24' }))).messages);
    expect(list.map((m) => m.status)).toEqual(['queued', 'queued']);
    expect(list.some((m) => m.reason === 'HTTP 503')).toBe(true);
    // Back, but the message tried waits its backoff minute; the other goes.
    fake.down = false;
    expect((await runner().runNow(SEND_JOB)).lastDetail).toBe('1 sent, 0 failed, 0 waiting');
    t.clock.t += 60_000;
    expect((await runner().runNow(SEND_JOB)).lastDetail).toBe('1 sent, 0 failed, 0 waiting');
    expect(fake.accepted.map((m) => m.templateId).sort()).toEqual(['1001', '1002']);

    // Stopped and started again: nothing goes twice. (The start runs the jobs missed meanwhile; the
    // booking confirmations, queued at once, were phoned.)
    await t.restart();
    await runner().idle();
    t.clock.t += 3_600_000;
    await runner().runNow(SEND_JOB);
    expect((await runner().runNow(SEND_JOB)).lastDetail).toBe('0 sent, 0 failed, 0 waiting');
    expect((await runner().runNow(REMINDERS_JOB)).lastDetail).toBe('0 queued, 0 left out (opted out or no mobile number)');
    expect(fake.accepted).toHaveLength(2);
    // (the desk is still reconnecting: read the hub's outbox itself)
    const outbox = new OutboxStore(t.store.hubOnly);
    const sentReminders = (await outbox.list()).filter((m) => m.kind === 'reminder');
    expect(sentReminders.map((m) => m.status)).toEqual(['sent', 'sent']);
    expect((await outbox.list({ day: '2026-11-24', statuses: ['queued', 'failed', 'called'] })).map((m) => [m.kind, m.reason]))
      .toEqual([['booking_confirmed', null], ['booking_confirmed', null]]);
  });

  it('reports a provider key that fails on the admin screen, keeps the messages to call, and runs the other jobs all the same', async () => {
    const { t, desk, fake } = await setUp();
    const reception = await desk.login('reception');
    const p = await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(4)}`, phone: '13800138004' }));
    await ok(desk.call(reception, 'appointments.book', { patientId: p.patient.id, sessionId: t.ids.sessions.tomorrow }));
    const out = await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(5)}`, phone: '13800138005' }));
    await ok(desk.call(reception, 'appointments.book', { patientId: out.patient.id, sessionId: t.ids.sessions.tomorrow }));
    await desk.client.syncNow();
    expect(await confirmationsCalled(t, desk, reception, '2026-11-24')).toBe(2);
    await ok(desk.call(reception, 'messages.setPreference', { patientId: out.patient.id, optedOut: true, language: 'zh-CN' }));
    const admin = await desk.login('admin');
    await ok(desk.call(admin, 'messages.setProvider', {
      provider: 'tencent', secretId: KEYS.secretId, secretKey: 'a-wrong-key', sdkAppId: '1400000000', signName: '康宁诊所', templates: { reminder: '1001' },
      endpoint: fake.url, confirmPassword: TEST_PASSWORD,
    }));
    const runner = jobRunnerFor(t.store)!;
    expect((await runner.runNow(REMINDERS_JOB)).lastDetail).toBe('1 queued, 1 left out (opted out or no mobile number)');
    const sent = await runner.runNow(SEND_JOB);
    expect(sent).toMatchObject({ lastResult: 'failed' });
    expect(sent.lastDetail).toContain('AuthFailure.SignatureFailure');
    expect(fake.accepted).toEqual([]);
    const state = await ok(desk.call(admin, 'messages.list', {}));
    expect(state.provider).toMatchObject({ provider: 'tencent', lastError: expect.stringContaining('AuthFailure.SignatureFailure') });
    const toCall = remindersOf((await ok(desk.call(reception, 'messages.callList', { day: '2026-11-24' }))).messages);
    expect(toCall.map((m) => m.status)).toEqual(['queued']);
    await ok(desk.call(reception, 'messages.markCalled', { id: toCall[0]!.id }));
    expect(remindersOf((await ok(desk.call(reception, 'messages.callList', { day: '2026-11-24' }))).messages).map((m) => m.status)).toEqual(['called']);
    const again = await desk.call(reception, 'messages.markCalled', { id: toCall[0]!.id });
    expect(again.ok ? null : again.error.code).toBe('NOT_FOUND');
    expect((await runner.runNow(LAPSE_JOB)).lastResult).toBe('ok');
  });
});
