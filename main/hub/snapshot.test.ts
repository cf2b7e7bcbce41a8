import { describe, expect, it } from 'vitest';
import { mergeRow, type MergeInput } from '../sync/merge';
import type { SequencedChangeT } from '../sync/protocol';
import { compactChange } from './snapshot';

const change = (seq: number, op: 'insert' | 'update', columns: SequencedChangeT['columns'], table = 'patients'): SequencedChangeT => ({
  seq, id: `c${seq}`, hlc: `17000000000000${seq}-0000-A1`, device: 'A1', table, rowId: 'p1', op, columns,
});

describe('the bootstrap snapshot', () => {
  const log = [
    change(1, 'insert', { name: '张三', phone: '1', note: 'a' }),
    change(2, 'update', { phone: '2', note: 'b' }),
    change(3, 'update', { note: 'c' }),
    change(4, 'update', { phone: '3' }),
  ];
  const state = mergeRow(log as MergeInput[]);

  it('leaves out updates that won nothing, trims updates to what they still win, keeps inserts whole', () => {
    expect(compactChange(log[0]!, state)).toEqual(log[0]);
    expect(compactChange(log[1]!, state)).toBeNull();
    expect(compactChange(log[2]!, state)).toEqual(log[2]);
    expect(compactChange(log[3]!, state)).toEqual(log[3]);
    const partly = change(5, 'update', { phone: '4', note: 'd' });
    const later = mergeRow([...log, partly, change(6, 'update', { note: 'e' })] as MergeInput[]);
    expect(compactChange(partly, later)).toEqual({ ...partly, columns: { phone: '4' } });
  });

  it('what it keeps merges to the same row as the whole log, in any order', () => {
    const kept = log.map((c) => compactChange(c, state)).filter((c): c is SequencedChangeT => c !== null);
    expect(kept.length).toBeLessThan(log.length);
    expect(mergeRow(kept as MergeInput[]).values).toEqual(state.values);
    expect(mergeRow([...kept].reverse() as MergeInput[]).values).toEqual(state.values);
  });

  it('a status never goes backwards: the furthest status is what the snapshot keeps', () => {
    const visit = (seq: number, status: string, hlcSeq = seq): SequencedChangeT => ({ ...change(seq, 'update', { status }, 'visits'), hlc: `17000000000000${hlcSeq}-0000-A1` });
    const changes = [change(1, 'insert', { status: 'waiting' }, 'visits'), visit(2, 'awaiting_payment'), visit(3, 'in_consultation', 9)];
    const s = mergeRow(changes as MergeInput[]);
    expect(s.values['status']).toBe('awaiting_payment');
    expect(compactChange(changes[1]!, s)).toEqual(changes[1]);
    expect(compactChange(changes[2]!, s)).toBeNull();
  });

  it('a row the hub has no state for is passed through', () => {
    expect(compactChange(log[1]!, undefined)).toEqual(log[1]);
  });
});
