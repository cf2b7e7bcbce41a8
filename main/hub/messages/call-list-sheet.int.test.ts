/**
 * messages.callListSheet on a real hub (PGlite, admin station, socket.io, a paired desk): the
 * day's call list as an A4 sheet read back with pdftotext — the same rows as messages.callList,
 * still to call first, those called with when — audited at the hub as a print of that day;
 * a doctor, an impossible day and a desk credential alone are refused.
 */
import { describe, expect, it } from 'vitest';
import { flatText } from '../../documents/testPdf';
import { spelled } from '../../domain/testing';
import { pairedWorkstation, startTestClinicHub } from '../admin.testing';
import { jobRunnerFor, REMINDERS_JOB } from '../jobs/clinic-jobs';
import { cleanupsAfterEach, hubTemplate } from '../../sync/hooks.testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const DAY = '2026-11-24';

describe('the call list on paper', () => {
  it('is the day\'s call list as a sheet, still to call first, audited as a print; refused to a doctor and for an impossible day', async () => {
    const t = await startTestClinicHub(template());
    cleanups.push(t.close);
    const desk = await pairedWorkstation(t, 'A1');
    cleanups.push(desk.close);
    const reception = await desk.login('reception');
    for (const n of [1, 2]) {
      const p = await ok(desk.call(reception, 'patients.register', { name: `患者${spelled(n)}`, phone: `1380013800${n}` }));
      await ok(desk.call(reception, 'appointments.book', { patientId: p.patient.id, sessionId: t.ids.sessions.tomorrow }));
    }
    await desk.client.syncNow();
    await jobRunnerFor(t.store)!.runNow(REMINDERS_JOB);
    const list = (await ok(desk.call(reception, 'messages.callList', { day: DAY }))).messages;
    const reminders = list.filter((m) => m.kind === 'reminder');
    expect(reminders).toHaveLength(2);
    const called = reminders.find((m) => m.patientName === `患者${spelled(2)}`)!;
    await ok(desk.call(reception, 'messages.markCalled', { id: called.id }));

    const sheet = await ok(desk.call(reception, 'messages.callListSheet', { day: DAY, lang: 'zh-CN' }));
    expect(sheet).toMatchObject({ filename: `call-list-${DAY}.pdf`, mimeType: 'application/pdf', rows: list.length, toCall: list.length - 1 });
    const text = flatText(Buffer.from(sheet.pdfBase64, 'base64'));
    for (const s of ['电话通知单', `日期：${DAY}`, `待通知：${list.length - 1}`, '已通知：1', '13800138001', '13800138002', '就诊提醒']) expect(text).toContain(s);
    // The one called comes after every one still to call.
    expect(text.lastIndexOf(`患者${spelled(1)}`)).toBeLessThan(text.lastIndexOf(`患者${spelled(2)}`));
    const audited = t.clinic.admin.station.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'print' AND entity = 'call_list' AND entity_id = ?").get(DAY);
    expect(audited).toEqual({ n: 1 });
    const english = await ok(desk.call(reception, 'messages.callListSheet', { day: DAY, lang: 'en' }));
    expect(flatText(Buffer.from(english.pdfBase64, 'base64'))).toContain('Calllist');

    const doctor = await desk.login('doctor');
    const refused = await desk.call(doctor, 'messages.callListSheet', { day: DAY, lang: 'zh-CN' });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const badDay = await desk.call(reception, 'messages.callListSheet', { day: '2026-02-30', lang: 'zh-CN' });
    expect(badDay.ok ? null : badDay.error).toMatchObject({ code: 'INVALID_DATE', details: { field: 'day' } });
    const noPerson = await desk.call({ token: null }, 'messages.callListSheet', { day: DAY, lang: 'zh-CN' });
    expect(noPerson.ok ? null : noPerson.error.code).toBe('UNAUTHENTICATED');
    expect(t.clinic.admin.station.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'print' AND entity = 'call_list'").get()).toEqual({ n: 2 });
  });
});
