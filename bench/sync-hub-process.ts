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
  /** The projection's transactions (hub_rows and the typed tables, after the appends). */
  projection: Meter;
  /** The hub process's CPU time (user + system) over the metered span. */
  cpuMs: number;
}

export interface HubProcess {
  hub: HubAddress;
  lastSeq(): Promise<number>;
  /** Resolves when the hub has projected its whole log (at the projection's own pace). */
  projected(): Promise<void>;
  /** Starts metering the store (and counting the process's CPU) from now. */
  meter(): Promise<void>;
  report(): Promise<HubReport>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sync-hub-child.ts', import.meta.url));

/** A hub process on a fresh copy of the `template` data folder, or on a PostgreSQL database (`postgres://…`) already holding the seed. */
export async function hubProcessFrom(template: string, name: string): Promise<HubProcess> {
  const onPostgres = template.startsWith('postgres://');
  const where = onPostgres ? template : join(SYNC_OUT, `${name}-hub`);
  if (!onPostgres) {
    rmSync(where, { recursive: true, force: true });
    cpSync(template, where, { recursive: true });
  }
  const child = await forkBenchChild<HubAddress, HubChildOp>(CHILD, [where]);
  return {
    hub: child.ready,
    lastSeq: () => child.ask<number>('lastSeq'),
    projected: () => child.ask<void>('projected'),
    meter: () => child.ask<void>('meter'),
    report: () => child.ask<HubReport>('report'),
    close: async () => {
      await child.close();
      if (!onPostgres) rmSync(where, { recursive: true, force: true });
    },
  };
}
