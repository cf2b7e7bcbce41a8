/**
 * The benchmark's hub in a child process (bench/sync-hub-child.ts) on a fresh copy of a hub data
 * folder: its address for the stations, and its store's meters and CPU asked over IPC.
 */
import { fork } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubAddress } from '../main/sync/testing';
import type { HubChildOp } from './sync-hub-child';
import type { Meter } from './sync-measure';
import { SYNC_OUT } from './sync-setup';

export interface HubReport {
  append: Meter;
  after: Meter;
  detection: Meter;
  /** The hub process's CPU time (user + system) over the metered span. */
  cpuMs: number;
}

export interface HubProcess {
  hub: HubAddress;
  lastSeq(): Promise<number>;
  /** Starts metering the store (and counting the process's CPU) from now. */
  meter(): Promise<void>;
  report(): Promise<HubReport>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sync-hub-child.ts', import.meta.url));

export async function hubProcessFrom(template: string, name: string): Promise<HubProcess> {
  const dataDir = join(SYNC_OUT, `${name}-hub`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(template, dataDir, { recursive: true });
  const child = fork(CHILD, [dataDir], { execArgv: ['--import', 'tsx', ...(process.env['SYNC_HUB_NODE_ARGS'] ?? '').split(' ').filter(Boolean)], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hub = await new Promise<HubAddress>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the hub process exited (${code}) before listening`)));
    child.on('message', (msg: { ready?: HubAddress; id?: number; value?: unknown; error?: string }) => {
      if (msg.ready) return resolve(msg.ready);
      const w = msg.id === undefined ? undefined : waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id!);
      if (msg.error !== undefined) w.reject(new Error(msg.error));
      else w.resolve(msg.value);
    });
  });
  const ask = <T>(op: HubChildOp): Promise<T> => new Promise<T>((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    child.send({ id, op });
  });
  return {
    hub,
    lastSeq: () => ask<number>('lastSeq'),
    meter: () => ask<void>('meter'),
    report: () => ask<HubReport>('report'),
    close: async () => {
      if (child.connected) await ask('close');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
