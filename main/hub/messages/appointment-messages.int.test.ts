/**
 * Stop-clinic and booking messages on a real hub (PGlite, admin station, patient port over HTTPS)
 * with a paired desk and a local Aliyun SMS server that checks the signing: a desk booking (once
 * synced) and an online booking each get one confirmation, in the patient's language, none for an
 * opt-out; a cancellation gets one (a reschedule only the new confirmation); a stopped session
 * tells each of its booked patients. Each is queued the moment the hub has the change and sent
 * at once, without the minute job; the job (the catch-up), run after, and a restart add and send
 * nothing twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rosterSessions } from '../../../db/schema';
import { addDays } from '../../domain/dates';
import { spelled } from '../../domain/testing';
import { withMasterWriter } from '../../station/master';
import { TEST_PASSWORD, TODAY, TOMORROW } from '../../station/testing';
import { hubTemplate } from '../../sync/hooks.testing';
import { until } from '../../sync/testing';
import { pairedWorkstation } from '../admin.testing';
import { jobRunnerFor, messagesAtOnceFor, QUEUE_JOB, SEND_JOB } from '../jobs/clinic-jobs';
import { registered, startPortalHub } from '../portal/portal.testing';
import { startFakeAliyunSms } from './aliyun-sms.testing';
import { OutboxStore } from './store';

const template = hubTemplate();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const KEYS = { accessKeyId: 'LTAItest0001', accessKeySecret: 'test-secret-made-here' };

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('stop-clinic and booking messages', () => {
  it('queues one message per booking, cancellation and stop (desk and online alike) the moment the hub has it, sends it at once through Aliyun, and the job adds nothing twice across restarts', async () => {
    const t = await startPortalHub(template());
    cleanups.push(t.close);
    const desk = await pairedWorkstation(t, 'A1');
    cleanups.push(desk.close);
    const fake = await startFakeAliyunSms(KEYS);
    cleanups.push(() => fake.close());
    const later = withMasterWriter(t.clinic.admin.station, (w) => w.insert(rosterSessions, {
      date: addDays(TODAY, 3), period: 'afternoon', doctorId: t.ids.staff.doctor, departmentId: t.ids.departments.internal, roomId: t.ids.rooms.room1, capacity: 10,
    }));
    await t.clinic.admin.flush();
    const outbox = new OutboxStore(t.store.hubOnly);
    const runner = () => jobRunnerFor(t.store)!;
    const atOnce = () => messagesAtOnceFor(t.store)!;
    const jobRuns = async () => (await runner().status()).filter((j) => j.name === QUEUE_JOB || j.name === SEND_JOB).map((j) => j.runs);
    const runsAtStart = await jobRuns();

    // The clinic texts through Aliyun (nothing is sent until the send job runs, after a restart).
    const admin = await desk.login('admin');
    await ok(desk.call(admin, 'messages.setProvider', {
      provider: 'aliyun', ...KEYS, signName: '康宁诊所', endpoint: fake.url, confirmPassword: TEST_PASSWORD,
      templates: { booking_confirmed: 'SMS_100', 'booking_confirmed.en': 'SMS_101', stop_clinic: 'SMS_200', booking_cancelled: 'SMS_300' },
    }));
    const state = await ok(desk.call(admin, 'messages.list', {}));
    expect(state.provider).toMatchObject({ provider: 'aliyun', keyHint: '••••••••0001', signName: '康宁诊所', lastError: null });
    expect(JSON.stringify(state)).not.toContain(KEYS.accessKeySecret);
    // At the desk: 患者一 (Chinese) books tomorrow, 患者二 (English) books in three days, 患者三 opted out books too.
    const reception = await desk.login('reception');
    const patient = async (n: number) => (await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(n)}`, phone: `1380013800${n}` }))).patient.id;
    const [one, two, three] = [await patient(1), await patient(2), await patient(3)];
    await desk.client.syncNow(); // the hub knows the patients before their choices
    await ok(desk.call(reception, 'messages.setPreference', { patientId: two, optedOut: false, language: 'en' }));
    await ok(desk.call(reception, 'messages.setPreference', { patientId: three, optedOut: true, language: 'zh-CN' }));
    expect(await ok(desk.call(reception, 'messages.preference', { patientId: two }))).toEqual({ optedOut: false, language: 'en', updatedAt: t.clock.t });
    expect(await ok(desk.call(reception, 'messages.preference', { patientId: one }))).toEqual({ optedOut: false, language: 'zh-CN', updatedAt: null });
    await ok(desk.call(reception, 'appointments.book', { patientId: one, sessionId: t.ids.sessions.tomorrow }));
    await ok(desk.call(reception, 'appointments.book', { patientId: two, sessionId: later }));
    const optedOut = await ok(desk.call(reception, 'appointments.book', { patientId: three, sessionId: later }));
    await desk.client.syncNow();
    // Queued as the desk's bookings arrive, and sent at once: no job run.
    await until(() => fake.accepted.length === 2);
    // On a phone: a patient books tomorrow online, and another session, then moves that one.
    const online = await registered(t, 7);
    const booked = performance.now();
    await online.phone.ok('portal.book', { memberId: online.memberId, sessionId: t.ids.sessions.tomorrow });
    await until(() => fake.accepted.length === 3);
    const latency = performance.now() - booked;
    expect(latency).toBeLessThan(3_000); // within seconds: the booking's batch, 200 ms, the queueing and the send
    const moved = await online.phone.ok('portal.book', { memberId: online.memberId, sessionId: later });
    await until(() => fake.accepted.length === 4);
    await atOnce().idle();
    // Neither the queue job nor a scheduled send ran; the sender was nudged (a send run per batch queued).
    const [queueRuns, sendRuns] = await jobRuns();
    expect(queueRuns).toBe(runsAtStart[0]);
    expect(sendRuns).toBeGreaterThan(runsAtStart[1]!);
    // The minute job, the catch-up, finds nothing new.
    expect((await runner().runNow(QUEUE_JOB)).lastDetail).toBe('0 queued, 1 left out (opted out or no mobile number)');
    await online.phone.ok('portal.reschedule', { appointmentId: moved.id, sessionId: t.ids.sessions.todayAfternoon });
    // The desk cancels the opted-out patient's booking: nothing for them either.
    await ok(desk.call(reception, 'appointments.cancel', { id: optedOut.id, reason: '患者来电取消' }));
    await desk.client.syncNow();
    await until(() => fake.accepted.length === 5);
    await atOnce().idle();
    expect((await runner().runNow(QUEUE_JOB)).lastDetail).toBe('0 queued, 1 left out (opted out or no mobile number)');
    let all = await outbox.list();
    expect(all.map((m) => `${m.kind} ${m.patientName} ${m.language} ${m.day}`).sort()).toEqual([
      `booking_confirmed 患者${spelled(1)} zh-CN ${TOMORROW}`,
      `booking_confirmed 患者${spelled(7)} zh-CN ${TODAY}`,
      `booking_confirmed 患者${spelled(7)} zh-CN ${TOMORROW}`,
      `booking_confirmed 患者${spelled(7)} zh-CN ${addDays(TODAY, 3)}`,
      `booking_confirmed 患者${spelled(2)} en ${addDays(TODAY, 3)}`,
    ]);
    expect(all.find((m) => m.language === 'en')?.body).toBe(
      `Dear 患者二, your appointment at Kangning Clinic is confirmed: ${addDays(TODAY, 3)}, afternoon, with 李明.`);

    // The admin stops tomorrow's session: its two booked patients are told at once (no job run), each once.
    await ok(desk.call(admin, 'rosters.stop', { sessionId: t.ids.sessions.tomorrow, reason: '医生外出学习' }));
    await until(() => fake.accepted.length === 7);
    await atOnce().idle();
    expect((await runner().runNow(QUEUE_JOB)).lastDetail).toBe('0 queued, 1 left out (opted out or no mobile number)');
    all = await outbox.list();
    expect(all).toHaveLength(7);
    expect(all.filter((m) => m.kind === 'stop_clinic').map((m) => m.body).sort()).toEqual([
      `患者一您好，康宁诊所李明医生 ${TOMORROW} 上午 停诊，您的预约已取消，请重新预约。`,
      `患者七您好，康宁诊所李明医生 ${TOMORROW} 上午 停诊，您的预约已取消，请重新预约。`,
    ]);

    // Each went through Aliyun once; a restart and more runs of the jobs queue and send nothing again.
    await t.restart();
    t.clock.t += 3_600_000;
    expect((await runner().runNow(QUEUE_JOB)).lastDetail).toBe('0 queued, 1 left out (opted out or no mobile number)');
    expect((await runner().runNow(SEND_JOB)).lastDetail).toBe('0 sent, 0 failed, 0 waiting');
    expect(fake.accepted).toHaveLength(7);
    expect(new Set(fake.accepted.map((m) => m.outId)).size).toBe(7);
    expect(fake.accepted.map((m) => m.templateCode).sort()).toEqual(['SMS_100', 'SMS_100', 'SMS_100', 'SMS_100', 'SMS_101', 'SMS_200', 'SMS_200']);
    expect(fake.accepted.find((m) => m.templateCode === 'SMS_101')).toMatchObject({ phone: '13800138002', params: { name: '患者二', period: 'afternoon', doctor: '李明' } });
    expect((await outbox.list()).map((m) => m.status)).toEqual(Array(7).fill('sent'));
  });

  it('refuses bad provider keys and preferences, writing nothing', async () => {
    const t = await startPortalHub(template());
    cleanups.push(t.close);
    const desk = await pairedWorkstation(t, 'A1');
    cleanups.push(desk.close);
    const admin = await desk.login('admin');
    const reception = await desk.login('reception');
    const outbox = new OutboxStore(t.store.hubOnly);
    const base = { provider: 'aliyun', ...KEYS, signName: '康宁诊所', templates: { reminder: 'SMS_100' }, confirmPassword: TEST_PASSWORD } as const;
    const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
      const r = await p;
      return r.ok ? 'ok' : r.error?.code;
    };
    expect(await code(desk.call(admin, 'messages.setProvider', { ...base, templates: { reminder: '1001' } }))).toBe('VALIDATION'); // not an Aliyun template code
    expect(await code(desk.call(admin, 'messages.setProvider', { ...base, endpoint: 'http://192.168.1.9/' }))).toBe('VALIDATION'); // plain http off this PC
    expect(await code(desk.call(admin, 'messages.setProvider', { ...base, secretKey: 'x' } as never))).toBe('VALIDATION'); // Tencent's field on Aliyun
    expect(await code(desk.call(admin, 'messages.setProvider', { ...base, confirmPassword: 'wrong-password' }))).toBe('BAD_CREDENTIALS');
    expect(await code(desk.call(reception, 'messages.setProvider', base))).toBe('FORBIDDEN');
    expect(await outbox.provider()).toBeUndefined();
    expect(await code(desk.call(reception, 'messages.setPreference', { patientId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', optedOut: true, language: 'en' }))).toBe('NOT_FOUND');
    expect(await code(desk.call(reception, 'messages.setPreference', { patientId: t.ids.staff.doctor, optedOut: true, language: 'fr' as never }))).toBe('VALIDATION');
    expect(await outbox.preferences([t.ids.staff.doctor])).toEqual(new Map());
    // Receptionists and admins both open the call list; a doctor does not.
    expect(await code(desk.call(reception, 'messages.callList', { day: TODAY }))).toBe('ok');
    expect(await code(desk.call(admin, 'messages.callList', { day: TODAY }))).toBe('ok');
    expect(await code(desk.call(await desk.login('doctor'), 'messages.callList', { day: TODAY }))).toBe('FORBIDDEN');
  });
});
