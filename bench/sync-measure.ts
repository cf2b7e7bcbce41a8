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

/** The store calls detection makes after each batch (main/hub/detect.ts): its reads of the projection, and its tasks. */
const DETECTION_READS = ['row', 'rows', 'rowsWhere', 'query'] as const;
const DETECTION_TASKS = ['getTask', 'putTask', 'tasks'] as const;

/**
 * Times the store's append, its page reads (after, snapshotAfter) and the calls detection makes, from now on; answers the meters
 * and a function that puts the originals back.
 */
export function meterStore(store: HubStore): { append: Meter; after: Meter; detection: Meter; projection: () => Meter; restore: () => void } {
  const append = meter();
  const after = meter();
  const detection = meter();
  const undo: (() => void)[] = [];
  const wrap = (on: object, name: string, into: Meter) => {
    const target = on as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const orig = target[name]!;
    target[name] = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await orig.apply(on, args);
      } finally {
        into.ms += performance.now() - t;
        into.calls += 1;
      }
    };
    undo.push(() => { target[name] = orig; });
  };
  wrap(store, 'append', append);
  wrap(store, 'after', after);
  // A new station's first pulls read the hub's snapshot (main/hub/snapshot.ts) instead of the log.
  wrap(store, 'snapshotAfter', after);
  for (const name of DETECTION_READS) wrap(store.asProjected, name, detection);
  for (const name of DETECTION_TASKS) wrap(store, name, detection);
  const p0 = store.projectionStats();
  /** The projection's transactions since metering began (main/hub/projection.ts). */
  const projection = (): Meter => {
    const p = store.projectionStats();
    return { ms: p.ms - p0.ms, calls: p.chunks - p0.chunks };
  };
  return { append, after, detection, projection, restore: () => { for (const f of undo) f(); } };
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
