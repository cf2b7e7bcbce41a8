import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeAll, mergeChange, mergeRow, rowValues, versionOf, type MergeInput } from './merge';

let n = 0;
function ch(p: Partial<MergeInput> & Pick<MergeInput, 'hlc' | 'columns'>): MergeInput {
  n += 1;
  return { id: `c${String(n).padStart(4, '0')}`, table: 'patients', rowId: 'r1', op: 'update', ...p };
}
const hlc = (ms: number, counter = 0, device = 'A1') =>
  `${String(ms).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${device}`;

describe('merge: mutable columns', () => {
  it('last writer wins per column by HLC, whatever the arrival order', () => {
    const insert = ch({ op: 'insert', hlc: hlc(1), columns: { id: 'r1', name: '张三', phone: '1' } });
    const a = ch({ hlc: hlc(5, 0, 'A1'), columns: { name: '张四' } });
    const b = ch({ hlc: hlc(3, 0, 'B1'), columns: { name: '张五', phone: '2' } });
    for (const order of [[insert, a, b], [b, a, insert], [a, insert, b]]) {
      const s = mergeRow(order);
      expect(s.values).toEqual({ id: 'r1', name: '张四', phone: '2' });
      expect(s.inserted).toBe(versionOf(insert));
    }
  });

  it('ties on the clock are broken by device, then change id', () => {
    const a = ch({ hlc: hlc(5, 0, 'A1'), columns: { name: 'a' } });
    const b = ch({ hlc: hlc(5, 0, 'A12'), columns: { name: 'b' } });
    expect(mergeRow([a, b]).values['name']).toBe('b');
    expect(mergeRow([b, a]).values['name']).toBe('b');
  });

  it('an update before its insert keeps the later value once the insert arrives', () => {
    const upd = ch({ hlc: hlc(9), columns: { name: 'new' } });
    const ins = ch({ op: 'insert', hlc: hlc(2), columns: { id: 'r1', name: 'old' } });
    const s1 = mergeChange(undefined, upd);
    expect(s1.inserted).toBeNull();
    expect(mergeChange(s1, ins).values).toEqual({ id: 'r1', name: 'new' });
  });

  it('applying a change twice returns the same state object', () => {
    const a = ch({ hlc: hlc(5), columns: { name: 'a' } });
    const s = mergeChange(undefined, a);
    expect(mergeChange(s, a)).toBe(s);
  });
});

describe('merge: lifecycle statuses', () => {
  it('visits.status goes to the furthest state even when an older write arrives last', () => {
    const later = ch({ table: 'visits', hlc: hlc(9), columns: { status: 'waiting' } });
    const earlier = ch({ table: 'visits', hlc: hlc(4), columns: { status: 'discharged' } });
    expect(mergeRow([earlier, later]).values['status']).toBe('discharged');
    expect(mergeRow([later, earlier]).values['status']).toBe('discharged');
  });

  it('a cancellation loses against payment on bills, and a plain column on the same row stays LWW', () => {
    const paid = ch({ table: 'bills', hlc: hlc(3), columns: { status: 'paid', note: 'x' } });
    const voided = ch({ table: 'bills', hlc: hlc(8), columns: { status: 'void', note: 'y' } });
    expect(mergeRow([voided, paid]).values).toEqual({ status: 'paid', note: 'y' });
  });

  it('fee_status, admissions and medical records merge forward too', () => {
    expect(mergeRow([
      ch({ table: 'visits', hlc: hlc(2), columns: { fee_status: 'paid' } }),
      ch({ table: 'visits', hlc: hlc(7), columns: { fee_status: 'unpaid' } }),
    ]).values['fee_status']).toBe('paid');
    expect(mergeRow([
      ch({ table: 'admissions', hlc: hlc(2), columns: { status: 'discharged' } }),
      ch({ table: 'admissions', hlc: hlc(7), columns: { status: 'admitted' } }),
    ]).values['status']).toBe('discharged');
    expect(mergeRow([
      ch({ table: 'medical_records', hlc: hlc(2), columns: { status: 'signed' } }),
      ch({ table: 'medical_records', hlc: hlc(7), columns: { status: 'draft' } }),
    ]).values['status']).toBe('signed');
  });

  it('a status column on a table without a machine is plain LWW', () => {
    const a = ch({ table: 'staff', hlc: hlc(2), columns: { status: 'left' } });
    const b = ch({ table: 'staff', hlc: hlc(7), columns: { status: 'active' } });
    expect(mergeRow([a, b]).values['status']).toBe('active');
  });
});

describe('merge: details of a status', () => {
  it('a cancel overruled by a payment leaves no cancel time on the row, in either order; the state keeps it', () => {
    const insert = ch({ table: 'prescriptions', op: 'insert', hlc: hlc(1), columns: { id: 'r1', status: 'issued', cancelled_at: null, note: 'x' } });
    const cancel = ch({ table: 'prescriptions', hlc: hlc(9, 0, 'A1'), columns: { status: 'cancelled', cancelled_at: 9000 } });
    const pay = ch({ table: 'prescriptions', hlc: hlc(5, 0, 'C1'), columns: { status: 'paid' } });
    for (const order of [[insert, cancel, pay], [pay, cancel, insert], [insert, pay, cancel]]) {
      const s = mergeRow(order);
      expect(s.values['cancelled_at']).toBe(9000);
      expect(rowValues('prescriptions', s)).toEqual({ id: 'r1', status: 'paid', cancelled_at: null, note: 'x' });
    }
  });

  it('a cancel that holds shows its time and reason; other tables and states are left as merged', () => {
    const insert = ch({ table: 'appointments', op: 'insert', hlc: hlc(1), columns: { id: 'r1', status: 'pending', cancelled_at: null, cancel_reason: null } });
    const cancel = ch({ table: 'appointments', hlc: hlc(4), columns: { status: 'cancelled', cancelled_at: 4000, cancel_reason: '患者改期' } });
    const s = mergeRow([insert, cancel]);
    expect(rowValues('appointments', s)).toBe(s.values);
    expect(rowValues('appointments', s)).toMatchObject({ status: 'cancelled', cancelled_at: 4000, cancel_reason: '患者改期' });
    const done = mergeChange(s, ch({ table: 'appointments', hlc: hlc(3, 0, 'B1'), columns: { status: 'completed' } }));
    expect(rowValues('appointments', done)).toMatchObject({ status: 'completed', cancelled_at: null, cancel_reason: null });
    const bill = mergeRow([ch({ table: 'bills', op: 'insert', hlc: hlc(1), columns: { id: 'r1', status: 'paid', cancelled_at: 5 } })]);
    expect(rowValues('bills', bill)).toBe(bill.values);
  });
});

describe('merge: ledgers', () => {
  it('ignores updates and keeps the earliest insert of an id', () => {
    const first = ch({ table: 'payments', op: 'insert', hlc: hlc(2), columns: { id: 'p', amount_fen: 100 } });
    const second = ch({ table: 'payments', op: 'insert', hlc: hlc(5), columns: { id: 'p', amount_fen: 999 } });
    const upd = ch({ table: 'payments', hlc: hlc(9), columns: { amount_fen: 1 } });
    for (const order of [[first, second, upd], [upd, second, first], [second, upd, first]]) {
      expect(mergeRow(order).values).toEqual({ id: 'p', amount_fen: 100 });
    }
    expect(mergeRow([upd]).inserted).toBeNull();
  });
});

describe('merge: properties', () => {
  const TABLES = ['patients', 'visits', 'bills', 'payments', 'appointments'] as const;
  const VALUES: Record<string, string[]> = {
    status: ['waiting', 'in_consultation', 'cancelled', 'discharged', 'open', 'paid', 'void', 'pending', 'confirmed', 'completed'],
    name: ['a', 'b', 'c'],
  };
  const change = fc.record({
    table: fc.constantFrom(...TABLES),
    rowId: fc.constantFrom('r1', 'r2', 'r3'),
    op: fc.constantFrom('insert' as const, 'update' as const),
    ms: fc.integer({ min: 1, max: 20 }),
    counter: fc.integer({ min: 0, max: 2 }),
    device: fc.constantFrom('A1', 'B1', 'C12'),
    columns: fc.record(
      { status: fc.constantFrom(...VALUES['status']!), name: fc.option(fc.constantFrom(...VALUES['name']!)), amount: fc.integer({ min: 0, max: 5 }) },
      { requiredKeys: [] },
    ),
  });
  const changes = fc.uniqueArray(change, { maxLength: 25, selector: (c) => `${c.ms}-${c.counter}-${c.device}-${c.table}-${c.rowId}` })
    .map((cs) => cs.map((c, i): MergeInput => ({
      id: `id${i}`, hlc: hlc(c.ms, c.counter, c.device), table: c.table, rowId: c.rowId, op: c.op, columns: c.columns,
    })));
  const asObject = (m: Map<string, unknown>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));

  it('any permutation of a set of changes gives the same rows (commutative)', () => {
    fc.assert(fc.property(changes.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length }))), ([cs, shuffled]) => {
      expect(asObject(mergeAll(shuffled))).toEqual(asObject(mergeAll(cs)));
    }), { numRuns: 300 });
  });

  it('repeating changes any number of times changes nothing (idempotent)', () => {
    fc.assert(fc.property(changes.chain((cs) => fc.tuple(
      fc.constant(cs),
      fc.array(fc.nat({ max: Math.max(0, cs.length - 1) }), { maxLength: 30 }),
      fc.shuffledSubarray(cs, { minLength: cs.length }),
    )), ([cs, repeats, shuffled]) => {
      const withRepeats = [...shuffled, ...repeats.filter((i) => i < cs.length).map((i) => cs[i]!), ...cs];
      expect(asObject(mergeAll(withRepeats))).toEqual(asObject(mergeAll(cs)));
    }), { numRuns: 300 });
  });

  it('a status never goes backwards: the merged status ranks at least as high as each input', () => {
    fc.assert(fc.property(changes, (cs) => {
      const rows = mergeAll(cs);
      for (const c of cs) {
        if (c.table !== 'visits' || c.columns['status'] === undefined) continue;
        const order = ['waiting', 'cancelled', 'in_consultation', 'awaiting_payment', 'discharged'];
        const got = rows.get(`visits\u0001${c.rowId}`)!.values['status'] as string;
        const rin = order.indexOf(c.columns['status'] as string);
        if (rin >= 0) expect(order.indexOf(got)).toBeGreaterThanOrEqual(rin);
      }
    }), { numRuns: 300 });
  });
});

describe('merge: a keyed row inserted at two desks (one record per visit)', () => {
  const row = { table: 'medical_records', rowId: 'rec1' };
  const blank = { id: 'rec1', visit_id: 'v1', complaint: '', findings: '', status: 'draft' };
  const insA = () => ch({ ...row, op: 'insert', hlc: hlc(10, 0, 'A1'), columns: blank });
  const updA = () => ch({ ...row, hlc: hlc(11, 0, 'A1'), columns: { complaint: '头痛' } });
  const insB = () => ch({ ...row, op: 'insert', hlc: hlc(20, 0, 'B1'), columns: { ...blank, findings: '' } });
  const updB = () => ch({ ...row, hlc: hlc(21, 0, 'B1'), columns: { findings: '血压高' } });

  it('keeps both desks\' edits: an insert\'s blank never beats an update, whatever the HLCs and arrival order', () => {
    const changes = [insA(), updA(), insB(), updB()];
    const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1], [1, 3, 0, 2], [2, 0, 3, 1]];
    const states = orders.map((o) => mergeRow(o.map((i) => changes[i]!)));
    for (const s of states) {
      expect(s.values).toEqual({ ...blank, complaint: '头痛', findings: '血压高' });
      expect(s.inserted).toBe(versionOf(changes[0]!));
    }
    for (const s of states) expect(s.versions).toEqual(states[0]!.versions);
  });

  it('takes the starting values of the earliest insert, and a status further along wins over an insert', () => {
    const early = ch({ ...row, op: 'insert', hlc: hlc(5, 0, 'B1'), columns: { ...blank, complaint: 'B起始' } });
    const late = ch({ ...row, op: 'insert', hlc: hlc(8, 0, 'A1'), columns: { ...blank, complaint: 'A起始' } });
    const signed = ch({ ...row, hlc: hlc(6, 0, 'B1'), columns: { status: 'signed' } });
    for (const order of [[early, late, signed], [late, signed, early], [signed, late, early]]) {
      const s = mergeRow(order);
      expect(s.values['complaint']).toBe('B起始');
      expect(s.values['status']).toBe('signed');
    }
  });

  it('is the same fold for any order of random inserts and updates of one keyed row (property)', () => {
    const change = fc.record({
      insert: fc.boolean(), ms: fc.integer({ min: 1, max: 50 }), device: fc.constantFrom('A1', 'B1', 'C1'),
      complaint: fc.option(fc.constantFrom('', 'x', 'y'), { nil: undefined }), status: fc.option(fc.constantFrom('draft', 'signed'), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), (specs, seed) => {
      const changes = specs.map((c) => ch({
        ...row, op: c.insert ? 'insert' : 'update', hlc: hlc(c.ms, 0, c.device),
        columns: c.insert ? { ...blank, complaint: c.complaint ?? '' } : { ...(c.complaint !== undefined ? { complaint: c.complaint } : {}), ...(c.status ? { status: c.status } : {}) },
      }));
      const shuffled = [...changes].sort((x, y) => ((x.id.charCodeAt(4) * seed) % 7) - ((y.id.charCodeAt(4) * seed) % 7));
      const a = mergeRow(changes);
      const b = mergeRow(shuffled);
      const c = mergeRow([...shuffled, ...changes]);
      expect(b.values).toEqual(a.values);
      expect(c.values).toEqual(a.values);
      expect(b.inserted).toBe(a.inserted);
      expect(b.versions).toEqual(a.versions);
    }));
  });
});
