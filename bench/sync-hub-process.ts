/**
 * The benchmark's hub in a child process (bench/sync-hub-child.ts) on a fresh copy of a hub data
 * folder: its address for the stations, and its store's meters and CPU asked over IPC.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubAddress } from '../main/sync/testing';
import { forkBenchChild } from './child';
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
  const child = await forkBenchChild<HubAddress, HubChildOp>(CHILD, [dataDir]);
  return {
    hub: child.ready,
    lastSeq: () => child.ask<number>('lastSeq'),
    meter: () => child.ask<void>('meter'),
    report: () => child.ask<HubReport>('report'),
    close: async () => {
      await child.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
