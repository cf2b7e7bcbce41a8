/**
 * The clinic's own message texts on a real hub (PGlite, admin station, socket.io over TLS, the
 * patient port) with a paired desk: a save with several problems is refused with every one and
 * its field, changing nothing; a receptionist and a desk's credential alone are refused; a good
 * save is audited and what is queued from then on (an online booking, at once) uses it, while a
 * message queued before keeps its text; "back to standard" restores the standard texts; with
 * Aliyun set, a provider template must name our variables (Aliyun's style).
 */
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TOMORROW } from '../../station/testing';
import { storedCredential } from '../../sync/pair';
import { PROTOCOL_VERSION, schemaVersion } from '../../sync/protocol';
import { cleanupsAfterEach, hubTemplate } from '../../sync/hooks.testing';
import { rawSocket } from '../../sync/testing';
import { pairedWorkstation } from '../admin.testing';
import { messagesAtOnceFor } from '../jobs/clinic-jobs';
import { registered, startPortalHub } from '../portal/portal.testing';
import { OutboxStore } from './store';
import { defaultTemplateSet } from './template-rules';
import { DEFAULT_TEMPLATES } from './templates';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe("the clinic's message texts", () => {
  it('refuses a bad save with every problem, lets only the admin save, and queues with the saved text from then on', async () => {
    const t = await startPortalHub(template());
    cleanups.push(t.close);
    const desk = await pairedWorkstation(t, 'A1');
    cleanups.push(desk.close);
    const admin = await desk.login('admin');
    const outbox = new OutboxStore(t.store.hubOnly);
    const raw = t.clinic.admin.station.raw;
    const audited = () => raw.prepare(`SELECT entity_id AS what FROM audit_log WHERE entity = 'message_templates' ORDER BY rowid`).all();

    const first = await ok(desk.call(admin, 'messages.templates', {}));
    expect(first).toMatchObject({ custom: false, updatedAt: null, provider: null, codes: {}, maxChars: 268, variables: ['name', 'clinic', 'date', 'period', 'doctor'] });
    expect(first.templates).toEqual(defaultTemplateSet());

    // Four problems in three texts: all reported with their fields, nothing saved, nothing audited.
    const bad = defaultTemplateSet();
    bad.reminder.en.text = ' ';
    bad.stop_clinic['zh-CN'].text = '{{nmae}}您好，{{clinic}停诊';
    bad.booking_cancelled.en.text = `Dear {{name}}, ${'x'.repeat(300)}`;
    const refused = await desk.call(admin, 'messages.saveTemplates', { templates: bad });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'VALIDATION',
      details: {
        field: 'templates.reminder.en.text',
        problems: [
          { field: 'templates.reminder.en.text', problem: 'empty' },
          { field: 'templates.stop_clinic.zh-CN.text', problem: 'unknown_variable', variable: 'nmae' },
          { field: 'templates.stop_clinic.zh-CN.text', problem: 'unbalanced_braces' },
          { field: 'templates.booking_cancelled.en.text', problem: 'too_long', length: 318, max: 268 },
        ],
      },
    });
    expect(await ok(desk.call(admin, 'messages.templates', {}))).toMatchObject({ custom: false });
    expect(audited()).toEqual([]);

    // Not the admin: a receptionist at the desk, and the desk's own credential with no one logged in.
    const mine = defaultTemplateSet();
    mine.booking_confirmed['zh-CN'] = { text: '{{name}}，您{{date}}{{period}}的号已约好（{{doctor}}医生）。{{clinic}}', provider: '${name}您好，${date}${period}${doctor}' };
    const reception = await desk.login('reception');
    expect(await desk.call(reception, 'messages.saveTemplates', { templates: mine })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await desk.call(reception, 'messages.resetTemplates', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await desk.call(reception, 'messages.templates', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const socket: Socket = rawSocket(t.clinic.hub, { reconnection: false });
    cleanups.push(() => socket.disconnect());
    await new Promise<void>((done, fail) => { socket.once('connect', () => done()); socket.once('connect_error', fail); });
    const emit = (event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<unknown>;
    expect(await emit('hello', { protocol: PROTOCOL_VERSION, device: desk.station.device, credential: storedCredential(desk.station), schemaVersion: schemaVersion() }))
      .toMatchObject({ ok: true });
    expect(await emit('call', { procedure: 'messages.saveTemplates', input: { templates: mine } })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await emit('call', { procedure: 'messages.saveTemplates', input: { templates: mine }, accountId: t.ids.accounts.admin }))
      .toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await ok(desk.call(admin, 'messages.templates', {}))).toMatchObject({ custom: false });

    // The admin saves: audited, and an online booking made now is queued (at once) with the clinic's text.
    await ok(desk.call(admin, 'messages.saveTemplates', { templates: mine }));
    const saved = await ok(desk.call(admin, 'messages.templates', {}));
    expect(saved).toMatchObject({ custom: true, updatedAt: t.clock.t });
    expect(saved.templates.booking_confirmed['zh-CN']).toEqual(mine.booking_confirmed['zh-CN']);
    expect(audited()).toEqual([{ what: 'all' }]);
    const online = await registered(t, 7);
    await online.phone.ok('portal.book', { memberId: online.memberId, sessionId: t.ids.sessions.tomorrow });
    for (let i = 0; i < 200 && (await outbox.list()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    await messagesAtOnceFor(t.store)!.idle();
    const queued = await outbox.list();
    expect(queued.map((m) => m.body)).toEqual([`患者七，您${TOMORROW}上午的号已约好（李明医生）。康宁诊所`]);

    // Back to standard: the standard texts again; the message queued before keeps its own.
    await ok(desk.call(admin, 'messages.resetTemplates', {}));
    const standard = await ok(desk.call(admin, 'messages.templates', {}));
    expect(standard).toMatchObject({ custom: false, updatedAt: null });
    expect(standard.templates.booking_confirmed['zh-CN'].text).toBe(DEFAULT_TEMPLATES.booking_confirmed['zh-CN']);
    expect(audited()).toEqual([{ what: 'all' }, { what: 'standard' }]);
    expect((await outbox.list()).map((m) => m.body)).toEqual(queued.map((m) => m.body));

    // With Aliyun set: its template codes are shown beside the texts, and a provider template in Tencent's style is refused.
    await ok(desk.call(admin, 'messages.setProvider', {
      provider: 'aliyun', accessKeyId: 'LTAItest0001', accessKeySecret: 'test-secret-made-here', signName: '康宁诊所', confirmPassword: TEST_PASSWORD,
      templates: { booking_confirmed: 'SMS_100', 'booking_confirmed.en': 'SMS_101' },
    }));
    expect(await ok(desk.call(admin, 'messages.templates', {}))).toMatchObject({ provider: 'aliyun', codes: { booking_confirmed: 'SMS_100', 'booking_confirmed.en': 'SMS_101' } });
    const tencentStyle = defaultTemplateSet();
    tencentStyle.booking_confirmed.en.provider = 'Dear {1}, {2} {3} {4} {5}';
    expect(await desk.call(admin, 'messages.saveTemplates', { templates: tencentStyle })).toMatchObject({
      ok: false, error: { code: 'VALIDATION', details: { problems: [{ field: 'templates.booking_confirmed.en.provider', problem: 'provider_variables' }] } },
    });
    expect(await ok(desk.call(admin, 'messages.templates', {}))).toMatchObject({ custom: false });
  }, 120_000);
});
