/**
 * Where a command's time goes: wraps one better-sqlite3 connection's `prepare` and
 * `transaction` and the Statement methods, to add up statement preparation (compilations: the
 * connection caches statements), statement execution and BEGIN/COMMIT, and the time inside the
 * handler. For benchmarks only: the Statement wrapping lasts for the process.
 */
import type Database from 'better-sqlite3';

export interface ProbeTotals {
  prepareMs: number;
  prepares: number;
  execMs: number;
  execs: number;
  handlerMs: number;
  transactionMs: number;
}

export function probe(raw: Database.Database): { totals: ProbeTotals; reset: () => void } {
  const totals: ProbeTotals = { prepareMs: 0, prepares: 0, execMs: 0, execs: 0, handlerMs: 0, transactionMs: 0 };
  const prepare = raw.prepare.bind(raw);
  const transaction = raw.transaction.bind(raw);
  const timedExec = <F extends (...a: never[]) => unknown>(f: F): F => ((...a: never[]) => {
    const t = performance.now();
    try {
      return f(...a);
    } finally {
      totals.execMs += performance.now() - t;
      totals.execs++;
    }
  }) as F;
  // Statements are compiled once and reused (db/statement-cache.ts), so execution is timed on
  // the Statement prototype (every statement of this process), and `prepare` counts compilations.
  const proto = Object.getPrototypeOf(prepare('SELECT 1')) as Record<string, (...a: never[]) => unknown>;
  // better-sqlite3 runs BEGIN/COMMIT/SAVEPOINT as statements too: those belong to the transaction's
  // own time (measured below), not to the handler's statements.
  const control = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const original = proto[m]!;
    proto[m] = function (this: { source: string }, ...a: never[]) {
      const call = original.bind(this) as (...a: never[]) => unknown;
      return control.test(this.source) ? call(...a) : timedExec(call)(...a);
    };
  }
  (raw as { prepare: unknown }).prepare = (sql: string) => {
    const t = performance.now();
    const st = prepare(sql);
    totals.prepareMs += performance.now() - t;
    totals.prepares++;
    return st;
  };
  (raw as { transaction: unknown }).transaction = (fn: (...a: unknown[]) => unknown) => {
    const inner = transaction((...a: unknown[]) => {
      const t = performance.now();
      try {
        return fn(...a);
      } finally {
        totals.handlerMs += performance.now() - t;
      }
    });
    const outer = (mode: 'immediate' | 'deferred') => (...a: unknown[]) => {
      const t = performance.now();
      try {
        return inner[mode](...a);
      } finally {
        totals.transactionMs += performance.now() - t;
      }
    };
    return Object.assign((...a: unknown[]) => inner(...a), { immediate: outer('immediate'), deferred: outer('deferred') });
  };
  return { totals, reset: () => Object.assign(totals, { prepareMs: 0, prepares: 0, execMs: 0, execs: 0, handlerMs: 0, transactionMs: 0 }) };
}
