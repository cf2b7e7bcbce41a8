/**
 * `npm start` stopped by a signal stops everything it started: the Electron app, or the web host.
 * Real processes, as a person or a service manager runs them: `npm start` (npm → sh → node) in a
 * folder whose package.json has the project's own start script, with a stand-in Electron binary
 * (ELECTRON_OVERRIDE_DIST_PATH, as the electron package honours it) that writes its pid and waits.
 * A SIGTERM sent to npm ends npm and its shell only; Ctrl+C reaches the whole process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../sync/testing';

const ROOT = resolve('.');
const START_SCRIPT = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start']!;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** Parent pid and state of each process (Linux /proc); a zombie (dead, not yet reaped) counts as gone. */
function processes(): Map<number, { ppid: number; running: boolean }> {
  const out = new Map<number, { ppid: number; running: boolean }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) S ppid …": the fields after the command's closing parenthesis.
      const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(ppid), running: state !== 'Z' && state !== 'X' });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function alive(pid: number): boolean {
  return processes().get(pid)?.running ?? false;
}

/** Every running process below `pid`. */
function descendants(pid: number): number[] {
  const all = processes();
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, info] of all) if (info.ppid === p && info.running) { out.push(child); walk(child); }
  };
  walk(pid);
  return out;
}

/** A folder to run `npm start` in: the project's start script, its code and packages, a built app's marker files, a stand-in Electron. */
function workdir(): { dir: string; pidFile: string; electronDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'start-test', private: true, type: 'module', scripts: { start: START_SCRIPT } }));
  for (const link of ['node_modules', 'main', 'db', 'tsconfig.json']) symlinkSync(join(ROOT, link), join(dir, link));
  for (const f of ['out/electron/main/index.js', 'out/renderer/index.html']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
  const electronDir = join(dir, 'electron-dist');
  mkdirSync(electronDir);
  const pidFile = join(dir, 'electron.pid');
  writeFileSync(join(electronDir, 'electron'), `#!/bin/sh\necho $$ > "${pidFile}.tmp" && mv "${pidFile}.tmp" "${pidFile}"\nexec sleep 600\n`);
  chmodSync(join(electronDir, 'electron'), 0o755);
  return { dir, pidFile, electronDir };
}

function npmStart(cwd: string, args: string[], env: Record<string, string>): { proc: ChildProcess; out: () => string } {
  // Its own process group, as a terminal gives a command: Ctrl+C is a SIGINT to the group.
  const proc = spawn('npm', ['start', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '';
  proc.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  proc.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  cleanups.push(() => {
    for (const pid of [proc.pid!, ...descendants(proc.pid!)]) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });
  return { proc, out: () => out };
}

async function electronStarted(w: ReturnType<typeof workdir>, s: ReturnType<typeof npmStart>): Promise<number> {
  await until(() => existsSync(w.pidFile) || s.proc.exitCode !== null, 120_000);
  if (!existsSync(w.pidFile)) throw new Error(`npm start ended: ${s.out()}`);
  const pid = Number(readFileSync(w.pidFile, 'utf8').trim());
  cleanups.push(() => { if (alive(pid)) process.kill(pid, 'SIGKILL'); });
  return pid;
}

describe('npm start and signals', () => {
  it('SIGTERM to npm stops the Electron app it started, and the node process between', async () => {
    const w = workdir();
    const s = npmStart(w.dir, [], { ELECTRON_OVERRIDE_DIST_PATH: w.electronDir });
    const electron = await electronStarted(w, s);
    const started = descendants(s.proc.pid!);
    expect(started).toContain(electron);
    expect(started.length).toBeGreaterThanOrEqual(3); // sh, node (start.ts), Electron
    process.kill(s.proc.pid!, 'SIGTERM');
    await until(() => started.every((pid) => !alive(pid)), 30_000);
    expect(started.filter(alive)).toEqual([]);
  }, 180_000);

  it('Ctrl+C (SIGINT to the process group) stops the Electron app', async () => {
    const w = workdir();
    const s = npmStart(w.dir, [], { ELECTRON_OVERRIDE_DIST_PATH: w.electronDir });
    const electron = await electronStarted(w, s);
    const started = descendants(s.proc.pid!);
    process.kill(-s.proc.pid!, 'SIGINT');
    await until(() => ![electron, ...started].some(alive), 30_000);
    expect(alive(electron)).toBe(false);
  }, 180_000);

  it('SIGTERM to npm stops the web host it runs when there is no Electron: the process is gone, its port closed', async () => {
    const w = workdir();
    const s = npmStart(w.dir, ['--file', join(w.dir, 'data/station.sqlite'), '--port', '0', '--static', join(w.dir, 'out/renderer')], {
      ELECTRON_OVERRIDE_DIST_PATH: join(w.dir, 'no-electron-here'),
    });
    const listening = /listening on (http:\/\/\S+)/;
    await until(() => listening.test(s.out()) || s.proc.exitCode !== null, 120_000);
    const url = listening.exec(s.out())?.[1];
    if (url === undefined) throw new Error(`npm start ended: ${s.out()}`);
    const started = descendants(s.proc.pid!);
    expect(started.length).toBeGreaterThanOrEqual(2); // sh, node (start.ts and the web host)
    expect((await fetch(url)).ok).toBe(true);
    process.kill(s.proc.pid!, 'SIGTERM');
    await until(() => started.every((pid) => !alive(pid)), 30_000);
    expect(started.filter(alive)).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  }, 180_000);
});
