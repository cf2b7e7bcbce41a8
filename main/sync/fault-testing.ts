/**
 * Helpers of the fault tests: child processes (a station, the hub CLI) that can be SIGKILLed,
 * stations pre-filled with many unsent changes, and a TCP proxy that cuts connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { patients } from '../../db/schema';
import { Station } from '../station/station';
import { writeAs } from './testing';
import { TEST_STATION_KEY } from '../station/keys.testing';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Child {
  proc: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the output matches `re` (rejects when the process exits first or after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Runs a TypeScript file of this repo with tsx in a child process (a hub database URL only when given in `env`). */
export function runTs(script: string, args: string[], env: Record<string, string> = {}): Child {
  const { CLINIC_HUB_DATABASE_URL: _outer, ...inherited } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...inherited, ...env },
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString();
    for (const l of listeners) l();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => {
    r(code);
    for (const l of listeners) l();
  }));
  return {
    proc,
    output: () => out,
    exited,
    waitFor: (re, ms = 60_000) => new Promise((res, rej) => {
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${re} in:\n${out}`)), ms);
      const check = () => {
        const m = out.match(re);
        if (m) done(undefined, m);
        else if (proc.exitCode !== null || proc.signalCode !== null) done(new Error(`${script} exited (${proc.exitCode ?? proc.signalCode}) before ${re}:\n${out}`));
      };
      const done = (err?: Error, m?: RegExpMatchArray) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (err) rej(err);
        else res(m!);
      };
      listeners.add(check);
      check();
    }),
    kill: async (signal) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

/** A station file in a temp folder holding `n` unsent patient inserts (every tenth also edited). */
export function filledStation(device: string, n: number): { file: string; ids: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), `clinic-fault-${device}-`)), 'station.sqlite');
  const station = new Station({ key: TEST_STATION_KEY, file, device });
  const ids: string[] = [];
  try {
    writeAs(station, (w) => {
      for (let i = 0; i < n; i++) {
        const name = `${device}-${i}`;
        const id = w.insert(patients, { recordNo: `${device}-${String(i).padStart(6, '0')}`, name, sex: i % 2 ? 'F' : 'M', pinyinFull: name, pinyinInitials: 'x' });
        ids.push(id);
        if (i % 10 === 0) w.update(patients, id, { phone: `1380000${String(i).padStart(4, '0')}` });
      }
    });
  } finally {
    station.close();
  }
  return { file, ids };
}

/** A seeded pseudo-random generator (tests stay repeatable). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface CuttingProxy {
  port: number;
  /** Connections cut so far. */
  cut: number;
  /** Connections opened so far. */
  opened: number;
  /** Destroys every open connection (both sides) now; answers how many. */
  cutAll(): number;
  close(): Promise<void>;
}

/** A TCP proxy on loopback to `target` whose connections the test can cut at will. */
export async function cuttingProxy(target: number): Promise<CuttingProxy> {
  const open = new Set<[Socket, Socket]>();
  const server: Server = createServer((down) => {
    const up = connect(target, '127.0.0.1');
    const pair: [Socket, Socket] = [down, up];
    open.add(pair);
    proxy.opened += 1;
    const end = () => {
      open.delete(pair);
      down.destroy();
      up.destroy();
    };
    down.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
    down.pipe(up);
    up.pipe(down);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const proxy: CuttingProxy = {
    port: (server.address() as { port: number }).port,
    cut: 0,
    opened: 0,
    cutAll() {
      const pairs = [...open];
      for (const pair of pairs) {
        open.delete(pair);
        pair[0].destroy();
        pair[1].destroy();
      }
      proxy.cut += pairs.length;
      return pairs.length;
    },
    close: () => new Promise<void>((r) => {
      proxy.cutAll();
      server.close(() => r());
    }),
  };
  return proxy;
}
