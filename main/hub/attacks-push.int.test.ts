/**
 * Attacks on the push path (issue 12): a paired desk pushes crafted changes over a real socket to
 * a real hub (PGlite, its admin station auditing). Each crafted change is refused with its code,
 * audited (audit_log action 'refuse' at the hub's admin station), made a review task, and nothing
 * of it is appended; the good changes of the same batch and of later batches are appended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { accounts, bills, patients, payments, visits } from '../../db/schema';
import { hlcToString } from '../domain/hlc';
import { uuidv7 } from '../domain/uuid';
import { TODAY } from '../station/testing';
import { Writer } from '../station/writer';
import { pendingCount } from '../sync/local';
import { storedCredential } from '../sync/pair';
import { PROTOCOL_VERSION, PushAnswer, schemaVersion, type ChangeT, type PushAnswerT, type SyncErrorCode } from '../sync/protocol';
import { rawSocket, until, writeAs } from '../sync/testing';
import { pairedWorkstation, startTestClinicHub, type TestClinicHub, type TestWorkstation } from './admin.testing';
import { MAX_FUTURE_MS } from './push-policy';
import { REPORTED_PER_PUSH } from './push-handler';
import { PgliteStore } from './pglite-store';

let t: TestClinicHub;
let desk: TestWorkstation;
let raw: Socket;
let n = 0;

beforeAll(async () => {
  t = await startTestClinicHub(await PgliteStore.template());
  desk = await pairedWorkstation(t, 'A1');
  // The same desk's credential on a socket of its own: what a tampered desk can send.
  raw = rawSocket(t.clinic.hub);
  await new Promise<void>((r) => raw.once('connect', () => r()));
  const hello = await raw.emitWithAck('hello', { protocol: PROTOCOL_VERSION, device: 'A1', credential: storedCredential(desk.station), schemaVersion: schemaVersion() }) as { ok: boolean };
  expect(hello.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  raw.disconnect();
  await desk.close();
  await t.close();
});

const hlc = (ms = t.clock.t, device = 'A1') => hlcToString({ ms, counter: (n += 1), device });

/** A change of device A1 as its Writer would log it; a patient of its own by default. */
function change(over: Partial<ChangeT> = {}): ChangeT {
  const seqNo = (n += 1);
  return {
    id: uuidv7(), hlc: hlc(), device: 'A1', table: 'patients', rowId: uuidv7(), op: 'insert',
    columns: { record_no: `A1-${String(900_000 + seqNo).padStart(7, '0')}`, name: `患者${seqNo}`, sex: 'F', pinyin_full: 'hz', pinyin_initials: 'hz', insurance_type: 'self_pay', created_at: t.clock.t, updated_at: t.clock.t },
    seq: null, ...over,
  };
}

async function push(changes: ChangeT[]): Promise<Extract<PushAnswerT, { ok: true }>> {
  const answer = PushAnswer.parse(await raw.emitWithAck('push', { changes }));
  if (!answer.ok) throw new Error(`push refused whole: ${answer.error.code} ${answer.error.message}`);
  return answer;
}

async function logged(c: ChangeT): Promise<boolean> {
  return (await t.store.changeIdsOf([{ table: c.table, rowId: c.rowId }])).get(`${c.table}\u0001${c.rowId}`)?.has(c.id) ?? false;
}

const refusalAudit = (changeId: string) => t.clinic.admin.station.raw
  .prepare("SELECT device, entity, entity_id AS entityId, procedure, detail FROM audit_log WHERE action = 'refuse' AND entity_id LIKE ?")
  .get(`%${changeId}%`) as { device: string; entity: string; entityId: string; procedure: string; detail: string } | undefined;

/**
 * Pushes good, bad, good in one batch and a good one after: the bad one is refused with `code`,
 * audited, a review task, not appended; the good ones are appended.
 */
async function expectRefused(bad: ChangeT, code: SyncErrorCode): Promise<string> {
  const [before, after, later] = [change(), change(), change()];
  const answer = await push([before, bad, after]);
  expect(answer.refused).toEqual([{ id: bad.id, code, reason: expect.any(String) as string }]);
  expect(answer.acks.map((a) => a.id)).toEqual([before.id, after.id]);
  expect(await logged(bad)).toBe(false);
  expect(await logged(before) && await logged(after)).toBe(true);
  // A later batch is taken as ever.
  expect((await push([later])).acks.map((a) => a.id)).toEqual([later.id]);
  await until(() => refusalAudit(bad.id) !== undefined);
  expect(refusalAudit(bad.id)).toMatchObject({ device: 'A1', entity: 'push', procedure: code });
  const task = await t.store.getTask(`refused_change:${bad.id}`);
  expect(task).toMatchObject({ kind: 'refused_change', resolvedAt: null, details: { device: 'A1', table: bad.table, rowId: bad.rowId, changeId: bad.id, code } });
  return answer.refused![0]!.reason;
}

describe('attacks on the push path: each crafted change is refused, audited, a review task; the rest is taken', () => {
  it('a forged audit row: a re-insert of an existing audit_log id with a tiny HLC', async () => {
    // A real audit row written at the hub (its admin station audits a refusal), replicated to every desk.
    t.clinic.hub.refuse({ kind: 'login', device: 'B1', accountId: null, subject: 'someone', code: 'BAD_CREDENTIALS', reason: 'wrong password' });
    await until(() => refusalAudit('someone') !== undefined);
    await t.clinic.admin.flush();
    const audits = await t.store.rows('audit_log');
    const [id, real] = [...audits].find(([, r]) => r.values['entity_id'] === 'someone') ?? [];
    expect(id && real).toBeTruthy();
    const forged = change({
      table: 'audit_log', rowId: id!, hlc: hlcToString({ ms: 1, counter: 0, device: 'A1' }),
      columns: { ...real!.values, device: 'A1', action: 'read', detail: 'forged' },
    });
    expect(await expectRefused(forged, 'LEDGER_REWRITE')).toMatch(/insert-only/);
    expect((await t.store.row('audit_log', id!))?.values).toEqual(real!.values);
  });

  it('a far-future HLC, and one just past the bound', async () => {
    expect(await expectRefused(change({ hlc: '999999999999999-0000-A1' }), 'FUTURE_HLC')).toMatch(/ahead of the hub's clock/);
    await expectRefused(change({ hlc: hlc(t.clock.t + MAX_FUTURE_MS + 1_000) }), 'FUTURE_HLC');
  });

  it("an HLC of another device", async () => {
    await expectRefused(change({ hlc: hlc(t.clock.t, 'B1') }), 'FOREIGN_HLC');
  });

  it('a table that does not exist, and a column a table does not have', async () => {
    await expectRefused(change({ table: 'evil_table' }), 'UNKNOWN_TABLE');
    await expectRefused(change({ table: 'change_log' }), 'UNKNOWN_TABLE');
    const c = change();
    await expectRefused({ ...c, columns: { ...c.columns, is_admin: 1 } }, 'UNKNOWN_COLUMN');
  });

  it('a re-insert and an update of a payment; the desk pays for real first', async () => {
    const ids = t.ids;
    const paymentId = writeAs(desk.station, (w) => {
      const patientId = w.insert(patients, { recordNo: 'A1-0000001', name: '付款', sex: 'M', pinyinFull: 'fk', pinyinInitials: 'fk' });
      const visitId = w.insert(visits, {
        patientId, visitDate: TODAY, doctorId: ids.staff.doctor, departmentId: ids.departments.internal, queueNo: 'A1-001',
        queueOrder: 1, visitType: 'first', status: 'waiting', feeFen: 1500, feeStatus: 'unpaid', checkedInAt: t.clock.t,
      });
      const billId = w.insert(bills, { visitId, patientId, kind: 'registration', status: 'open', totalFen: 1500, insuranceFen: 0, selfPayFen: 1500 });
      return w.insert(payments, {
        billId, receiptNo: 'R20261123-A1-0001', method: 'cash', amountFen: 1500, idempotencyKey: uuidv7(), cashierId: ids.accounts.cashier,
        device: 'A1', createdAt: t.clock.t,
      });
    });
    await until(() => pendingCount(desk.station) === 0);
    const real = await t.store.row('payments', paymentId);
    expect(real?.values['amount_fen']).toBe(1500);
    await expectRefused(change({
      table: 'payments', rowId: paymentId, hlc: hlcToString({ ms: 1, counter: 0, device: 'A1' }), columns: { ...real!.values, amount_fen: 1 },
    }), 'LEDGER_REWRITE');
    await expectRefused(change({ table: 'payments', rowId: paymentId, op: 'update', columns: { amount_fen: 1 } }), 'LEDGER_REWRITE');
    expect((await t.store.row('payments', paymentId))?.values['amount_fen']).toBe(1500);
  });

  it("line refunds and close-of-day entries: one naming another device, an edit of each, and a refund line for a bill the hub has never seen", async () => {
    const at = t.clock.t;
    const refundItem = (over: Record<string, unknown> = {}) => change({
      table: 'refund_items',
      columns: { bill_id: uuidv7(), bill_item_id: uuidv7(), ref_id: null, quantity: 1, amount_fen: 99_900, insurance_fen: 0, refund_key: uuidv7(), device: 'A1', created_at: at, ...over },
    });
    const closeEntry = (over: Record<string, unknown> = {}) => change({
      table: 'day_close_entries', columns: { day_close_id: uuidv7(), entry_table: 'payments', entry_id: uuidv7(), device: 'A1', created_at: at, ...over },
    });
    await expectRefused(refundItem({ device: 'B1' }), 'FOREIGN_DEVICE');
    await expectRefused(closeEntry({ device: 'B1' }), 'FOREIGN_DEVICE');
    // Raising a refund line's amount, or moving a payment out of a close, after the fact.
    await expectRefused(change({ table: 'refund_items', op: 'update', columns: { amount_fen: 1_000_000 } }), 'LEDGER_REWRITE');
    await expectRefused(change({ table: 'day_close_entries', op: 'update', columns: { day_close_id: uuidv7() } }), 'LEDGER_REWRITE');
    // Money out of a bill that does not exist.
    await expectRefused(refundItem(), 'MISSING_PARENT');
  });

  it('an audit row naming another device', async () => {
    await expectRefused(change({
      table: 'audit_log', columns: { at: t.clock.t, account_id: t.ids.accounts.admin, device: 'B1', action: 'read', entity: 'patient', entity_id: 'x', procedure: 'patients.get' },
    }), 'FOREIGN_DEVICE');
  });

  it("a record number and a receipt number of another device's sequence", async () => {
    const c = change();
    await expectRefused({ ...c, columns: { ...c.columns, record_no: 'B1-0000001' } }, 'FOREIGN_NUMBER');
    await expectRefused(change({ table: 'payments', columns: { receipt_no: 'R20261123-B1-0001', device: 'A1' } }), 'FOREIGN_NUMBER');
  });

  it("a queue number changed by a desk (to jump the line or clash on purpose), and one that is no queue number", async () => {
    const ids = t.ids;
    const visitId = writeAs(desk.station, (w) => {
      const patientId = w.insert(patients, { recordNo: 'A1-0000090', name: '排队', sex: 'F', pinyinFull: 'pd', pinyinInitials: 'pd' });
      return w.insert(visits, {
        patientId, visitDate: TODAY, doctorId: ids.staff.doctor2, departmentId: ids.departments.paeds, queueNo: '005',
        queueOrder: 1, visitType: 'first', status: 'waiting', feeFen: 0, feeStatus: 'not_required', checkedInAt: t.clock.t,
      });
    });
    await until(() => pendingCount(desk.station) === 0);
    expect((await t.store.row('visits', visitId))?.values['queue_no']).toBe('005');
    await expectRefused(change({ table: 'visits', rowId: visitId, op: 'update', columns: { queue_no: '001' } }), 'QUEUE_NUMBER');
    const { id: _id, ...columns } = (await t.store.row('visits', visitId))!.values;
    await expectRefused(change({ table: 'visits', rowId: uuidv7(), columns: { ...columns, queue_no: 'B1-001' } }), 'QUEUE_NUMBER');
    expect((await t.store.row('visits', visitId))?.values['queue_no']).toBe('005');
  });

  it('master data: an account row', async () => {
    await expectRefused(change({ table: 'accounts', rowId: t.ids.accounts.admin, op: 'update', columns: { password_hash: 'attacker' } }), 'READ_ONLY_TABLE');
  });

  it('master data: a data-dictionary entry a desk made up (issue 16)', async () => {
    const rowId = uuidv7();
    await expectRefused(change({ table: 'dictionary_entries', rowId, columns: {
      id: rowId, kind: 'ethnicity', code: 'x1', name: '捏造', name_en: '', sort_order: 0, active: 1, created_at: 1, updated_at: 1,
    } }), 'READ_ONLY_TABLE');
    expect(await t.store.row('dictionary_entries', rowId)).toBeUndefined();
  });
});

describe('a flood of crafted changes', () => {
  it('is refused whole change by change, but audited and made tasks one by one only up to a bound per push', async () => {
    const bad = Array.from({ length: REPORTED_PER_PUSH + 5 }, () => change({ table: 'evil_table' }));
    const good = change();
    const answer = await push([...bad, good]);
    expect(answer.refused).toHaveLength(bad.length);
    expect(answer.acks.map((a) => a.id)).toEqual([good.id]);
    await until(() => refusalAudit('more changes of one push') !== undefined);
    const tasks = await Promise.all(bad.map((c) => t.store.getTask(`refused_change:${c.id}`)));
    expect(tasks.map((x) => x !== undefined)).toEqual(bad.map((_, i) => i < REPORTED_PER_PUSH));
    expect(bad.slice(0, REPORTED_PER_PUSH).every((c) => refusalAudit(c.id) !== undefined)).toBe(true);
    expect(bad.slice(REPORTED_PER_PUSH).some((c) => refusalAudit(c.id) !== undefined)).toBe(false);
  });
});

describe('a desk whose change is refused keeps syncing everything else', () => {
  it("the old 'password change blocks uploads' case: a master-data write at a desk, then a patient registered; the patient reaches the hub, the write is set aside and shown", async () => {
    const told: { count: number; codes: string[] }[] = [];
    const off = desk.station.on('sync.status', (e) => told.push({ count: e.setAside?.count ?? 0, codes: (e.setAside?.latest ?? []).map((x) => x.code) }));
    const asideBefore = told.at(-1)?.count ?? 0;
    // What accounts.changePassword wrote at a desk: an accounts row (the Writer lets a self-service write through).
    const master = new Writer({ db: desk.station.db, device: 'A1', clock: desk.station.clock, now: desk.station.now, allowMasterData: true });
    desk.station.raw.transaction(() => master.update(accounts, t.ids.accounts.reception, { passwordHash: 'changed-at-the-desk' })).immediate();
    desk.station.emit('data.changed', { tables: ['accounts'] });
    const pid = writeAs(desk.station, (w) => w.insert(patients, { recordNo: 'A1-0000002', name: '后来', sex: 'F', pinyinFull: 'hl', pinyinInitials: 'hl' }));
    await until(() => pendingCount(desk.station) === 0, 30_000);
    expect((await t.store.row('patients', pid))?.values['name']).toBe('后来');
    expect((await t.store.row('accounts', t.ids.accounts.reception))?.values['password_hash']).not.toBe('changed-at-the-desk');
    // Set aside with why, and the desk's row converges on the hub's again.
    await until(() => (told.at(-1)?.count ?? 0) > asideBefore);
    expect(told.at(-1)?.codes).toContain('READ_ONLY_TABLE');
    const local = desk.station.raw.prepare('SELECT password_hash AS h FROM accounts WHERE id = ?').get(t.ids.accounts.reception) as { h: string };
    expect(local.h).not.toBe('changed-at-the-desk');
    expect(desk.client.state.error).toBeNull();
    off();
  });
});
