import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  APPOINTMENT_STATUSES,
  BILL_STATUSES,
  EXAM_ORDER_STATUSES,
  PRESCRIPTION_STATUSES,
  VISIT_STATUSES,
} from './enums';
import {
  type Lifecycle,
  appointmentLifecycle,
  assertTransition,
  billLifecycle,
  canTransition,
  defineLifecycle,
  examOrderLifecycle,
  furthest,
  isTerminal,
  nextStates,
  prescriptionLifecycle,
  visitLifecycle,
} from './lifecycle';
import { codeOf } from './testing';


/** Each machine, its enum, the allowed steps as written in DESIGN.md, and its terminal states. */
const cases: Array<{
  m: Lifecycle<string>;
  entity: string;
  statuses: readonly string[];
  allowed: string[];
  terminal: string[];
}> = [
  {
    m: appointmentLifecycle,
    entity: 'appointment',
    statuses: APPOINTMENT_STATUSES,
    allowed: ['pending>confirmed', 'confirmed>completed', 'pending>cancelled', 'confirmed>cancelled', 'confirmed>no_show'],
    terminal: ['completed', 'cancelled', 'no_show'],
  },
  {
    m: visitLifecycle,
    entity: 'visit',
    statuses: VISIT_STATUSES,
    allowed: ['waiting>in_consultation', 'in_consultation>awaiting_payment', 'awaiting_payment>discharged', 'waiting>cancelled'],
    terminal: ['discharged', 'cancelled'],
  },
  {
    m: prescriptionLifecycle,
    entity: 'prescription',
    statuses: PRESCRIPTION_STATUSES,
    allowed: ['draft>issued', 'issued>paid', 'paid>dispensed', 'draft>cancelled', 'issued>cancelled'],
    terminal: ['dispensed', 'cancelled'],
  },
  {
    m: billLifecycle,
    entity: 'bill',
    statuses: BILL_STATUSES,
    allowed: ['open>paid', 'paid>refunded', 'open>void'],
    terminal: ['refunded', 'void'],
  },
  {
    m: examOrderLifecycle,
    entity: 'exam_order',
    statuses: EXAM_ORDER_STATUSES,
    allowed: ['ordered>paid', 'paid>done', 'ordered>cancelled', 'paid>cancelled'],
    terminal: ['done', 'cancelled'],
  },
];

/** States reachable from `s` in one or more steps. */
function descendants(m: Lifecycle<string>, s: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...m.transitions[s]!];
  while (todo.length) {
    const x = todo.pop()!;
    if (!seen.has(x)) {
      seen.add(x);
      todo.push(...m.transitions[x]!);
    }
  }
  return seen;
}

describe.each(cases)('$entity lifecycle', ({ m, entity, statuses, allowed, terminal }) => {
  it('has exactly the statuses of enums.ts', () => {
    expect(m.entity).toBe(entity);
    expect([...m.states].sort()).toEqual([...statuses].sort());
  });

  const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s: allowed exactly when DESIGN.md says so', (from, to) => {
    const ok = allowed.includes(`${from}>${to}`);
    expect(canTransition(m, from, to)).toBe(ok);
    if (ok) {
      // A step reserved for one action (a paid exam cancelled by its refund) is taken by that action.
      expect(() => assertTransition(m, from, to, (m.onlyBy as Record<string, string | undefined>)[`${from}>${to}`])).not.toThrow();
    } else {
      expect(codeOf(() => assertTransition(m, from, to))).toEqual({
        code: 'ILLEGAL_TRANSITION',
        details: { entity, from, to },
      });
    }
  });

  it('terminal states have no way out', () => {
    expect([...m.terminal].sort()).toEqual([...terminal].sort());
    for (const s of statuses) {
      expect(isTerminal(m, s)).toBe(terminal.includes(s));
      expect([...nextStates(m, s)].sort()).toEqual(allowed.filter((a) => a.startsWith(`${s}>`)).map((a) => a.split('>')[1]).sort());
    }
  });

  it('unknown states are refused', () => {
    expect(canTransition(m, 'nonsense', statuses[0]!)).toBe(false);
    expect(canTransition(m, statuses[0]!, 'nonsense')).toBe(false);
    expect(canTransition(m, 'toString', statuses[0]!)).toBe(false);
    expect(codeOf(() => assertTransition(m, 'nonsense', statuses[0]!)).code).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => furthest(m, 'nonsense', statuses[0]!))).toEqual({
      code: 'VALIDATION',
      details: { entity, field: 'a', value: 'nonsense' },
    });
    expect(codeOf(() => furthest(m, statuses[0]!, 'constructor')).details).toMatchObject({ field: 'b' });
    expect(nextStates(m, 'nonsense')).toEqual([]);
    expect(isTerminal(m, 'nonsense')).toBe(false);
  });

  it('furthest after a transition is the new state (merge never goes backwards)', () => {
    for (const step of allowed) {
      const [from, to] = step.split('>') as [string, string];
      expect(furthest(m, from, to)).toBe(to);
      expect(furthest(m, to, from)).toBe(to);
    }
  });

  const state = fc.constantFrom(...statuses);
  it('furthest is commutative, associative and idempotent (property)', () => {
    fc.assert(
      fc.property(state, state, state, (a, b, c) => {
        expect(furthest(m, a, b)).toBe(furthest(m, b, a));
        expect(furthest(m, furthest(m, a, b), c)).toBe(furthest(m, a, furthest(m, b, c)));
        expect(furthest(m, a, a)).toBe(a);
      }),
    );
  });
  it('furthest returns one of its inputs and never an ancestor of either (exhaustive)', () => {
    for (const a of statuses) {
      for (const b of statuses) {
        const r = furthest(m, a, b);
        expect([a, b]).toContain(r);
        // r is an ancestor of x when x can be reached from r
        expect(descendants(m, r).has(a)).toBe(false);
        expect(descendants(m, r).has(b)).toBe(false);
      }
    }
  });
  it('merging any set of replicas in any order gives the same state (property)', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (xs) => {
        const forward = xs.reduce((acc, x) => furthest(m, acc, x));
        const backward = [...xs].reverse().reduce((acc, x) => furthest(m, acc, x));
        return forward === backward;
      }),
    );
  });
});

describe('documented merge of branches', () => {
  it('facts beat cancellations', () => {
    expect(furthest(appointmentLifecycle, 'cancelled', 'completed')).toBe('completed');
    expect(furthest(appointmentLifecycle, 'cancelled', 'no_show')).toBe('no_show');
    expect(furthest(appointmentLifecycle, 'no_show', 'completed')).toBe('completed');
    expect(furthest(visitLifecycle, 'cancelled', 'in_consultation')).toBe('in_consultation');
    expect(furthest(prescriptionLifecycle, 'cancelled', 'paid')).toBe('paid');
    expect(furthest(prescriptionLifecycle, 'cancelled', 'issued')).toBe('cancelled');
    expect(furthest(billLifecycle, 'void', 'paid')).toBe('paid');
    expect(furthest(examOrderLifecycle, 'cancelled', 'done')).toBe('done');
  });
  it('a refunded exam order (paid → cancelled) stays cancelled against its payment, and a done exam stays done', () => {
    expect(furthest(examOrderLifecycle, 'paid', 'cancelled')).toBe('cancelled');
    expect(furthest(examOrderLifecycle, 'cancelled', 'done')).toBe('done');
  });
});

describe('defineLifecycle', () => {
  it('builds a frozen machine', () => {
    const m = defineLifecycle<'a' | 'b'>('thing', { a: ['b'], b: [] }, ['a', 'b']);
    expect(m.states).toEqual(['a', 'b']);
    expect(m.terminal).toEqual(['b']);
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.transitions.a)).toBe(true);
  });
  it('refuses a rank that misses, repeats or invents states', () => {
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['b'], b: [] }, ['a'])).code).toBe('INTERNAL');
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['b'], b: [] }, ['a', 'a'])).code).toBe('INTERNAL');
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['b'], b: [] }, ['a', 'c' as 'b'])).code).toBe('INTERNAL');
  });
  it('refuses a transition that goes down the rank, or to an unknown state', () => {
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['b'], b: [] }, ['b', 'a'])).code).toBe('INTERNAL');
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['a'], b: [] }, ['a', 'b'])).code).toBe('INTERNAL');
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['z' as 'b'], b: [] }, ['a', 'b'])).code).toBe('INTERNAL');
  });
  it('reserves a step for one action: taken by it, refused to anyone else with the action as the reason', () => {
    const m = defineLifecycle<'a' | 'b' | 'c'>('t', { a: ['b', 'c'], b: ['c'], c: [] }, ['a', 'b', 'c'], { 'b>c': 'refund' });
    expect(() => assertTransition(m, 'b', 'c', 'refund')).not.toThrow();
    expect(() => assertTransition(m, 'a', 'c')).not.toThrow();
    expect(codeOf(() => assertTransition(m, 'b', 'c'))).toEqual({ code: 'ILLEGAL_TRANSITION', details: { entity: 't', from: 'b', to: 'c', reason: 'refund' } });
    expect(codeOf(() => assertTransition(m, 'b', 'c', 'other')).code).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => defineLifecycle<'a' | 'b'>('t', { a: ['b'], b: [] }, ['a', 'b'], { 'b>a': 'x' })).code).toBe('INTERNAL');
  });
});
