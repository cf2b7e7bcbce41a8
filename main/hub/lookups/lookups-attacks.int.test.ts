/**
 * Attacks on the lookups, with a real hub (PGlite, socket.io over TLS on loopback) and a real
 * paired desk: a desk's stored credential with nobody logged in gets nothing and is audited as a
 * refusal; a receptionist's real hub token, replayed on a raw socket or used at the desk, is
 * FORBIDDEN on every lookup; the admin at the same desk gets the audit trail, which shows the
 * refused attempts and the admin's own read.
 */
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ProcedureName } from '../../api/contract';
import { TODAY } from '../../station/testing';
import { storedCredential } from '../../sync/pair';
import { PROTOCOL_VERSION, schemaVersion } from '../../sync/protocol';
import { rawSocket, until } from '../../sync/testing';
import { cleanupsAfterEach, hubTemplate } from '../../sync/hooks.testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from '../admin.testing';

const template = hubTemplate();
const cleanups = cleanupsAfterEach();

const LOOKUPS: [ProcedureName, unknown][] = [
  ['lookup.patients', { query: '张' }],
  ['lookup.appointments', { from: TODAY, to: TODAY }],
  ['lookup.visits', { from: TODAY, to: TODAY }],
  ['lookup.money', { kind: 'payments', from: TODAY, to: TODAY }],
  ['lookup.dayCloses', { date: TODAY }],
  ['lookup.audit', { from: TODAY, to: TODAY }],
  ['lookup.export', { list: 'audit', filter: { from: TODAY, to: TODAY }, format: 'csv' }],
];

async function withCredentialOf(t: TestClinicHub, desk: TestWorkstation): Promise<(event: string, payload: unknown) => Promise<unknown>> {
  const socket: Socket = rawSocket(t.clinic.hub, { reconnection: false });
  cleanups.push(() => socket.disconnect());
  await new Promise<void>((ok, fail) => { socket.once('connect', () => ok()); socket.once('connect_error', fail); });
  const emit = (event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<unknown>;
  expect(await emit('hello', { protocol: PROTOCOL_VERSION, device: desk.station.device, credential: storedCredential(desk.station), schemaVersion: schemaVersion() }))
    .toMatchObject({ ok: true });
  return emit;
}

describe('lookups are for a logged-in admin only', () => {
  it('a desk credential alone, or a receptionist, gets nothing from any lookup; the admin sees those refusals in the audit trail', async () => {
    const t = await startTestClinicHub(template());
    cleanups.push(t.close);
    const desk = await pairedWorkstation(t, 'A1');
    cleanups.push(desk.close);
    const emit = await withCredentialOf(t, desk);
    for (const [procedure, input] of LOOKUPS) {
      expect(await emit('call', { procedure, input }), procedure).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await emit('call', { procedure, input, accountId: t.ids.accounts.admin }), procedure).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    // The receptionist's real token: at the desk, and replayed on the raw socket.
    const reception = await desk.login('reception');
    const token = desk.station.sessions.get(reception.token, desk.station.now())?.hubToken?.token;
    expect(token).toBeDefined();
    for (const [procedure, input] of LOOKUPS) {
      expect(await desk.call(reception, procedure, input as never), procedure).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await emit('call', { procedure, input, token }), procedure).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Nobody's lookup ran: no read of a lookup in the hub's audit log.
    const raw = t.clinic.admin.station.raw;
    expect(raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'lookup'`).get()).toEqual({ n: 0 });
    await until(() => (raw.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'refuse'`).get() as { n: number }).n >= LOOKUPS.length * 2);

    // The admin at the same desk reads the audit trail at the hub: the refused calls are in it, and the read is audited.
    await t.clinic.admin.idle();
    const admin = await desk.login('admin');
    const trail = await desk.call(admin, 'lookup.audit', { from: TODAY, to: TODAY, action: 'refuse', device: 'A1', limit: 200 });
    if (!trail.ok) throw new Error(JSON.stringify(trail.error));
    const refused = trail.value.rows.map((r) => r.entityId);
    for (const [procedure] of LOOKUPS) expect(refused, procedure).toContain(procedure);
    expect(raw.prepare(`SELECT account_id AS accountId, action, entity_id AS list FROM audit_log WHERE entity = 'lookup'`).all())
      .toEqual([{ accountId: t.ids.accounts.admin, action: 'read', list: 'audit' }]);
  }, 120_000);
});
