/**
 * A benchmark server in a child process (the sync hub, or PouchDB's server), forked with IPC:
 * the child sends { ready: <its address> } once listening, then answers { id, op } with
 * { id, value } (or { id, error }). `SYNC_CHILD_NODE_ARGS` adds node flags (e.g. --cpu-prof).
 */
import { fork } from 'node:child_process';

export interface BenchChild<Ready, Op extends string> {
  ready: Ready;
  ask<T>(op: Op): Promise<T>;
  /** Asks it to 'close', then waits for it to exit. */
  close(): Promise<void>;
}

export async function forkBenchChild<Ready, Op extends string>(script: string, args: string[]): Promise<BenchChild<Ready, Op>> {
  const extra = (process.env['SYNC_CHILD_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = fork(script, args, { execArgv: ['--import', 'tsx', ...extra], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
    child.on('message', (msg: { ready?: Ready; id?: number; value?: unknown; error?: string }) => {
      if (msg.ready) return resolve(msg.ready);
      const w = msg.id === undefined ? undefined : waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id!);
      if (msg.error !== undefined) w.reject(new Error(msg.error));
      else w.resolve(msg.value);
    });
  });
  const ask = <T>(op: Op | 'close'): Promise<T> => new Promise<T>((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    child.send({ id, op });
  });
  return {
    ready,
    ask,
    close: async () => {
      if (child.connected) await ask('close');
      await exited;
    },
  };
}

/** The child's side: answers ops with `handle`, 'close' with `close` then exits. */
export function serveBenchParent<Op extends string>(ready: unknown, handle: (op: Op) => Promise<unknown>, close: () => Promise<void>): void {
  const send = (msg: unknown) => process.send!(msg);
  process.on('message', (msg: { id: number; op: Op | 'close' }) => {
    void (async () => {
      if (msg.op === 'close') {
        await close();
        send({ id: msg.id, value: null });
        process.disconnect();
        return;
      }
      send({ id: msg.id, value: (await handle(msg.op)) ?? null });
    })().catch((err: unknown) => send({ id: msg.id, error: err instanceof Error ? err.message : String(err) }));
  });
  send({ ready });
}
