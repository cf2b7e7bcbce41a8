import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRow, type MergeInput } from '../sync/merge';
import { packState, unpackState } from './row-state-pack';

const hlc = (ms: number) => `${String(ms).padStart(15, '0')}-0000-A1`;

/** Random changes of one row: inserts and updates of a few columns, on two tables (one a ledger). */
const changes = fc.array(fc.record({
  ms: fc.integer({ min: 1, max: 50 }),
  insert: fc.boolean(),
  table: fc.constantFrom('patients', 'visits', 'payments'),
  columns: fc.dictionary(fc.constantFrom('name', 'phone', 'status', 'fee_fen'), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
}), { maxLength: 12 }).map((list) => list.map((c, i): MergeInput => ({
  id: `c${i}`, hlc: hlc(c.ms), table: c.table, rowId: 'r1', op: c.insert ? 'insert' : 'update', columns: c.columns,
})));

describe('hub row state packing', () => {
  it('reads back every merged state exactly as merged', () => {
    fc.assert(fc.property(changes, (list) => {
      const state = mergeRow(list);
      expect(unpackState(JSON.parse(JSON.stringify(packState(state))))).toEqual(state);
    }));
  });

  it('leaves out only the versions equal to the insert, and reads a state stored whole unchanged', () => {
    const ins: MergeInput = { id: 'c1', hlc: hlc(1), table: 'visits', rowId: 'r1', op: 'insert', columns: { id: 'r1', status: 'waiting', fee_fen: 1000 } };
    const upd: MergeInput = { id: 'c2', hlc: hlc(2), table: 'visits', rowId: 'r1', op: 'update', columns: { status: 'in_consultation' } };
    const state = mergeRow([ins, upd]);
    expect(packState(state).versions).toEqual({ status: `${hlc(2)} c2` });
    expect(unpackState(state)).toEqual(state);
    // Only updates known (no insert yet): nothing can be left out.
    const early = mergeRow([upd]);
    expect(packState(early)).toEqual(early);
  });
});
