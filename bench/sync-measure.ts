/**
 * Where sync time goes, measured from the outside without touching the sync code: the hub
 * store's append and after (wrapped on the store object), and the SQLite transactions of a
 * station (wrapped on its connection: applying a batch, marking acks). Everything else of a
 * run's wall time is socket.io, JSON, zod, reading the change log and waiting.
 */
import type Database from 'better-sqlite3';
import type { HubStore } from '../main/hub/store';

export interface Meter {
  ms: number;
  calls: number;
}

const meter = (): Meter => ({ ms: 0, calls: 0 });

/** The store calls detection makes after each batch (main/hub/detect.ts), besides append and after. */
const DETECTION = ['row', 'rows', 'rowsWhere', 'getTask', 'putTask', 'tasks'] as const;

/**
 * Times the store's append, its page reads (after, snapshotAfter) and the calls detection makes, from now on; answers the meters
 * and a function that puts the originals back.
 */
export function meterStore(store: HubStore): { append: Meter; after: Meter; detection: Meter; restore: () => void } {
  const append = meter();
  const after = meter();
  const detection = meter();
  const undo: (() => void)[] = [];
  const wrap = (name: keyof HubStore, into: Meter) => {
    const target = store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const orig = target[name]!;
    target[name] = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await orig.apply(store, args);
      } finally {
        into.ms += performance.now() - t;
        into.calls += 1;
      }
    };
    undo.push(() => { target[name] = orig; });
  };
  wrap('append', append);
  wrap('after', after);
  // A new station's first pulls read the hub's snapshot (main/hub/snapshot.ts) instead of the log.
  wrap('snapshotAfter', after);
  for (const name of DETECTION) wrap(name, detection);
  return { append, after, detection, restore: () => { for (const f of undo) f(); } };
}

type TxFn = ReturnType<Database.Database['transaction']>;

/** Times the outermost transactions run on this connection (nested savepoints are inside them). */
export function meterTransactions(raw: Database.Database): { tx: Meter; restore: () => void } {
  const tx = meter();
  const orig = raw.transaction;
  let depth = 0;
  const timedCall = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    const outer = depth === 0;
    const t = performance.now();
    depth += 1;
    try {
      return f(...a);
    } finally {
      depth -= 1;
      if (outer) {
        tx.ms += performance.now() - t;
        tx.calls += 1;
      }
    }
  };
  raw.transaction = ((fn: (...a: unknown[]) => unknown) => {
    const made = orig.call(raw, fn) as TxFn;
    return Object.assign(timedCall(made), {
      default: timedCall(made.default), deferred: timedCall(made.deferred), immediate: timedCall(made.immediate), exclusive: timedCall(made.exclusive),
    });
  }) as Database.Database['transaction'];
  return { tx, restore: () => { raw.transaction = orig; } };
}

/** CPU time of this process (user + system) since `from`, in ms. */
export function cpuSince(from: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
}
