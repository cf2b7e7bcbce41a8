import { describe, expect, it } from 'vitest';
import { hlcToString } from '../domain/hlc';
import { rowKey } from '../sync/merge';
import type { ChangeT } from '../sync/protocol';
import { PARENT_COLUMNS, parentKeys, parentsOf } from './push-parents';
import { judgePush, type PushContext } from './push-policy';

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);
const ctx = (over: Partial<PushContext> = {}): PushContext => ({
  device: 'A1', now: NOW, masterDataFromStations: false, ledgerRows: new Map(), parentRows: new Set(), ...over,
});
let n = 0;
const change = (table: string, rowId: string, columns: ChangeT['columns'], over: Partial<ChangeT> = {}): ChangeT => {
  n += 1;
  return { id: `c${n}`, hlc: hlcToString({ ms: NOW - 1000, counter: n, device: 'A1' }), device: 'A1', table, rowId, op: 'insert', columns, seq: null, ...over };
};
const patient = (id: string, over: Partial<ChangeT> = {}) => change('patients', id, { name: '张三', record_no: 'A1-0000001' }, over);
const visit = (id: string, patientId: string) => change('visits', id, { patient_id: patientId, doctor_id: 'doc', department_id: 'dep', queue_no: 'A1-001' });
const bill = (id: string, visitId: string, patientId: string) => change('bills', id, { visit_id: visitId, patient_id: patientId, kind: 'outpatient' });
const item = (id: string, billId: string) => change('bill_items', id, { bill_id: billId, description: '挂号费' });
/** The master data every visit names, at the hub. */
const master = [rowKey('staff', 'doc'), rowKey('departments', 'dep')];
const codes = (changes: ChangeT[], c: PushContext) => judgePush(changes, c).refused.map((r) => [r.id, r.code]);

describe('the parents a pushed row names', () => {
  it('come from the schema\'s foreign keys, between replicated tables only', () => {
    expect(PARENT_COLUMNS.get('bill_items')).toEqual([{ column: 'bill_id', parent: 'bills' }]);
    expect(PARENT_COLUMNS.get('visits')?.map((r) => r.column).sort()).toEqual(['appointment_id', 'department_id', 'doctor_id', 'patient_id', 'session_id']);
    expect(PARENT_COLUMNS.has('patients')).toBe(false);
  });

  it('are the foreign-key columns a change sets to a value (an update too; null names none)', () => {
    expect(parentsOf(change('visits', 'v1', { patient_id: 'p1', session_id: null, status: 'waiting' }, { op: 'update' })))
      .toEqual([{ column: 'patient_id', parent: 'patients', rowId: 'p1' }]);
    expect(parentsOf(change('visits', 'v1', { status: 'done' }, { op: 'update' }))).toEqual([]);
  });

  it('are looked up at the hub once each, leaving out the ones the push inserts itself', () => {
    const changes = [patient('p1'), visit('v1', 'p1'), visit('v2', 'p9'), bill('b1', 'v2', 'p9')];
    expect(parentKeys(changes)).toEqual([
      { table: 'staff', rowId: 'doc' }, { table: 'departments', rowId: 'dep' }, { table: 'patients', rowId: 'p9' }, { table: 'visits', rowId: 'v2' },
    ].filter((k) => k.table !== 'visits'));
  });
});

describe('judgePush refuses orphans', () => {
  it('takes a child whose parent the hub has, or that the same push inserts before or after it', () => {
    const withHub = ctx({ parentRows: new Set([...master, rowKey('patients', 'p0')]) });
    expect(codes([visit('v0', 'p0')], withHub)).toEqual([]);
    expect(codes([patient('p1'), visit('v1', 'p1')], withHub)).toEqual([]);
    const later = visit('v2', 'p2');
    const v = judgePush([later, patient('p2')], withHub);
    expect(v.refused).toEqual([]);
    expect(v.taken[0]).toBe(later);
  });

  it('refuses a child whose parent neither the hub nor the push has, naming the parent; the rest is taken', () => {
    const orphan = visit('v1', 'nobody');
    const fine = patient('p1');
    const v = judgePush([fine, orphan], ctx({ parentRows: new Set(master) }));
    expect(v.taken).toEqual([fine]);
    expect(v.refused).toEqual([{ id: orphan.id, code: 'MISSING_PARENT', reason: 'visits.patient_id names patients row nobody, which the hub does not have', change: orphan }]);
    // An update that points a row at a missing parent is an orphan as much.
    const moved = change('visits', 'v0', { patient_id: 'gone' }, { op: 'update' });
    expect(codes([moved], ctx({ parentRows: new Set(master) }))).toEqual([[moved.id, 'MISSING_PARENT']]);
  });

  it('refuses the children of a parent refused in the same push, and theirs, each naming its parent', () => {
    const p = patient('p1', { columns: { name: '张三', record_no: 'B2-0000001' } }); // another desk's number: refused
    const v = visit('v1', 'p1');
    const b = bill('b1', 'v1', 'p1');
    const i = item('i1', 'b1');
    const other = patient('p2');
    const verdict = judgePush([i, b, v, p, other], ctx({ parentRows: new Set(master) }));
    expect(verdict.taken).toEqual([other]);
    expect(verdict.refused.map((r) => [r.change.rowId, r.code])).toEqual([['i1', 'MISSING_PARENT'], ['b1', 'MISSING_PARENT'], ['v1', 'MISSING_PARENT'], ['p1', 'FOREIGN_NUMBER']]);
    const reasons = new Map(verdict.refused.map((r) => [r.change.rowId, r.reason]));
    expect(reasons.get('v1')).toBe('visits.patient_id names patients row p1, whose insert this push had refused (FOREIGN_NUMBER)');
    expect(reasons.get('i1')).toBe('bill_items.bill_id names bills row b1, whose insert this push had refused (MISSING_PARENT)');
  });

  it('takes a child whose refused parent insert is made up for by another insert of it the hub takes', () => {
    const bad = patient('p1', { columns: { name: 'x', record_no: 'B2-0000001' } });
    const good = patient('p1');
    expect(codes([bad, good, visit('v1', 'p1')], ctx({ parentRows: new Set(master) }))).toEqual([[bad.id, 'FOREIGN_NUMBER']]);
  });
});
