import { describe, expect, it } from 'vitest';
import { hlcToString } from '../domain/hlc';
import { rowKey } from '../sync/merge';
import type { ChangeT } from '../sync/protocol';
import { DEVICE_COLUMN_TABLES, MAX_FUTURE_MS, REPLICATED_SHAPES, checkChange, judgePush, ledgerInsertKeys, takeKnown, type PushContext } from './push-policy';

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);
const ctx = (over: Partial<PushContext> = {}): PushContext => ({ device: 'A1', now: NOW, masterDataFromStations: false, ledgerRows: new Map(), parentRows: new Set(), ...over });
let n = 0;
const change = (over: Partial<ChangeT> = {}): ChangeT => {
  n += 1;
  return {
    id: `c${n}`, hlc: hlcToString({ ms: NOW - 1000, counter: n, device: 'A1' }), device: 'A1', table: 'patients', rowId: `p${n}`,
    op: 'insert', columns: { name: '张三', record_no: 'A1-0000001' }, seq: null, ...over,
  };
};
const codeOf = (c: ChangeT, x: PushContext = ctx()) => checkChange(c, x)?.code ?? null;

describe('checkChange', () => {
  it('takes an ordinary change of the pushing device', () => {
    expect(codeOf(change())).toBeNull();
    expect(codeOf(change({ op: 'update', columns: { phone: '13800138000' } }))).toBeNull();
  });

  it('refuses a table that does not replicate, and local-only tables', () => {
    expect(codeOf(change({ table: 'no_such_table' }))).toBe('UNKNOWN_TABLE');
    expect(codeOf(change({ table: 'change_log' }))).toBe('UNKNOWN_TABLE');
    expect(codeOf(change({ table: 'station_meta' }))).toBe('UNKNOWN_TABLE');
  });

  it('refuses a column the table does not have, from the schema', () => {
    expect(REPLICATED_SHAPES.get('patients')?.columns.has('record_no')).toBe(true);
    expect(codeOf(change({ columns: { name: 'x', is_admin: 1 } }))).toBe('UNKNOWN_COLUMN');
    expect(codeOf(change({ table: 'audit_log', columns: { recordNo: 'A1-0000001' } }))).toBe('UNKNOWN_COLUMN');
  });

  it('refuses columns that give the row another key than its row id', () => {
    expect(codeOf(change({ rowId: 'p1', columns: { id: 'p2', name: 'x' } }))).toBe('BAD_ROW_ID');
    expect(codeOf(change({ rowId: 'p1', columns: { id: 'p1', name: 'x', record_no: 'A1-0000002' } }))).toBeNull();
  });

  it("refuses an HLC of another device, or one that is not an HLC at all", () => {
    expect(codeOf(change({ hlc: hlcToString({ ms: NOW, counter: 0, device: 'B2' }) }))).toBe('FOREIGN_HLC');
    expect(codeOf(change({ hlc: 'garbage' }))).toBe('FOREIGN_HLC');
  });

  it("refuses an HLC further ahead of the hub's clock than the bound, and takes one just inside it", () => {
    expect(codeOf(change({ hlc: '999999999999999-0000-A1' }))).toBe('FUTURE_HLC');
    expect(codeOf(change({ hlc: hlcToString({ ms: NOW + MAX_FUTURE_MS + 1, counter: 0, device: 'A1' }) }))).toBe('FUTURE_HLC');
    expect(codeOf(change({ hlc: hlcToString({ ms: NOW + MAX_FUTURE_MS, counter: 0, device: 'A1' }) }))).toBeNull();
    // Far behind is no advantage: it loses to every later edit.
    expect(codeOf(change({ hlc: hlcToString({ ms: 1, counter: 0, device: 'A1' }) }))).toBeNull();
  });

  it('refuses any update of an insert-only ledger but the day-close stamp', () => {
    expect(codeOf(change({ table: 'payments', op: 'update', columns: { amount_fen: 1 } }))).toBe('LEDGER_REWRITE');
    expect(codeOf(change({ table: 'payments', op: 'update', columns: { day_close_id: 'd1', amount_fen: 1 } }))).toBe('LEDGER_REWRITE');
    expect(codeOf(change({ table: 'audit_log', op: 'update', columns: { action: 'read' } }))).toBe('LEDGER_REWRITE');
    expect(codeOf(change({ table: 'stock_movements', op: 'update', columns: { quantity: 1 } }))).toBe('LEDGER_REWRITE');
    expect(codeOf(change({ table: 'payments', op: 'update', columns: { day_close_id: 'd1' } }))).toBeNull();
    expect(codeOf(change({ table: 'refunds', op: 'update', columns: { day_close_id: 'd1' } }))).toBeNull();
  });

  it('refuses a re-insert of a ledger row the hub has, and takes the same change again (a resend)', () => {
    const audit = change({ table: 'audit_log', rowId: 'a1', columns: { device: 'A1', action: 'read' } });
    const has = ctx({ ledgerRows: new Map([[rowKey('audit_log', 'a1'), new Set(['someone-else'])]]) });
    expect(codeOf(audit, has)).toBe('LEDGER_REWRITE');
    const mine = ctx({ ledgerRows: new Map([[rowKey('audit_log', 'a1'), new Set([audit.id])]]) });
    expect(codeOf(audit, mine)).toBeNull();
  });

  it('refuses the second insert of one ledger row within a batch', () => {
    const first = change({ table: 'audit_log', rowId: 'a9', columns: { device: 'A1' } });
    const second = change({ table: 'audit_log', rowId: 'a9', columns: { device: 'A1' } });
    const v = judgePush([first, second, first], ctx());
    expect(v.taken.map((c) => c.id)).toEqual([first.id, first.id]);
    expect(v.refused.map((r) => [r.id, r.code])).toEqual([[second.id, 'LEDGER_REWRITE']]);
  });

  it('refuses a row naming another device, in every table that has a device column', () => {
    expect([...DEVICE_COLUMN_TABLES].sort()).toEqual(['audit_log', 'day_close_entries', 'day_closes', 'payments', 'refund_items', 'refunds']);
    expect(codeOf(change({ table: 'refund_items', columns: { device: 'B2', quantity: 1 } }))).toBe('FOREIGN_DEVICE');
    expect(codeOf(change({ table: 'day_close_entries', columns: { device: 'B2', entry_table: 'payments' } }))).toBe('FOREIGN_DEVICE');
    expect(codeOf(change({ table: 'audit_log', columns: { device: 'B2', action: 'read' } }))).toBe('FOREIGN_DEVICE');
    expect(codeOf(change({ table: 'payments', columns: { device: 'B2', receipt_no: 'R20261204-A1-0001' } }))).toBe('FOREIGN_DEVICE');
    expect(codeOf(change({ table: 'audit_log', columns: { device: 'A1', action: 'read' } }))).toBeNull();
  });

  it("refuses a device-prefixed number of another device's sequence, or none of the formats", () => {
    expect(codeOf(change({ columns: { record_no: 'B2-0000001' } }))).toBe('FOREIGN_NUMBER');
    expect(codeOf(change({ columns: { record_no: 'whatever' } }))).toBe('FOREIGN_NUMBER');
    expect(codeOf(change({ columns: { record_no: null } }))).toBe('FOREIGN_NUMBER');
    expect(codeOf(change({ table: 'payments', columns: { device: 'A1', receipt_no: 'R20261204-B2-0001' } }))).toBe('FOREIGN_NUMBER');
    expect(codeOf(change({ table: 'prescriptions', columns: { rx_no: 'P20261204-B2-0001' } }))).toBe('FOREIGN_NUMBER');
    expect(codeOf(change({ table: 'day_closes', columns: { device: 'A1', close_no: 'D20261204-A1-01' } }))).toBeNull();
  });

  it('takes a queue number per doctor and day, or the desk\'s own older per-desk one, at insert only', () => {
    expect(codeOf(change({ table: 'visits', columns: { queue_no: '001' } }))).toBeNull();
    expect(codeOf(change({ table: 'visits', columns: { queue_no: '1234' } }))).toBeNull();
    expect(codeOf(change({ table: 'visits', columns: { queue_no: 'A1-001' } }))).toBeNull();
    expect(codeOf(change({ table: 'visits', columns: { queue_no: 'B2-001' } }))).toBe('QUEUE_NUMBER');
    for (const bad of ['1', '0001', '000', 'x', '', null, 7]) expect(codeOf(change({ table: 'visits', columns: { queue_no: bad } }))).toBe('QUEUE_NUMBER');
    // A desk cannot move a patient's number (to take an earlier turn, or to clash on purpose): only the hub renumbers.
    expect(codeOf(change({ table: 'visits', op: 'update', columns: { queue_no: '001' } }))).toBe('QUEUE_NUMBER');
    expect(codeOf(change({ table: 'visits', op: 'update', columns: { called_at: 5 } }))).toBeNull();
  });

  it('refuses master data unless the hub takes it from stations', () => {
    const staff = change({ table: 'accounts', op: 'update', columns: { password_hash: 'x' } });
    expect(codeOf(staff)).toBe('READ_ONLY_TABLE');
    expect(codeOf(staff, ctx({ masterDataFromStations: true }))).toBeNull();
  });
});

describe('judgePush', () => {
  it('keeps the order of the changes it takes and lists every refused one', () => {
    const a = change();
    const bad = change({ table: 'accounts', op: 'update', columns: { password_hash: 'x' } });
    const b = change();
    const v = judgePush([a, bad, b], ctx());
    expect(v.taken).toEqual([a, b]);
    expect(v.refused).toEqual([{ id: bad.id, code: 'READ_ONLY_TABLE', reason: expect.stringContaining('accounts') as string, change: bad }]);
  });

  it('asks the store only about ledger inserts, each row once', () => {
    const p1 = change({ table: 'payments', rowId: 'x' });
    expect(ledgerInsertKeys([change(), p1, { ...p1, id: 'other' }, change({ table: 'payments', op: 'update', columns: {} })]))
      .toEqual([{ table: 'payments', rowId: 'x' }]);
  });
});

describe('takeKnown', () => {
  it('takes a refused change the log already holds under its id, in the order the push came; the others stay refused', () => {
    const a = change();
    const resent = change({ table: 'accounts', op: 'update', columns: { password_hash: 'x' } });
    const forged = change({ table: 'accounts', rowId: resent.rowId, op: 'update', columns: { password_hash: 'y' } });
    const verdict = judgePush([resent, a, forged], ctx());
    expect(verdict.refused.map((r) => r.id)).toEqual([resent.id, forged.id]);
    const logged = new Map([[rowKey('accounts', resent.rowId), new Set([resent.id])]]);
    const v = takeKnown([resent, a, forged], verdict, logged);
    expect(v.taken).toEqual([resent, a]);
    expect(v.refused.map((r) => [r.id, r.code])).toEqual([[forged.id, 'READ_ONLY_TABLE']]);
    expect(takeKnown([resent, a, forged], verdict, new Map())).toBe(verdict);
  });
});
