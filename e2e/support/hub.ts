/**
 * The hub as `npm run hub` runs it, with its admin screens on a web port: a fresh PGlite data
 * folder, the first admin account made on the command line, free ports. Also a small WebSocket
 * caller for set-up steps a test does not click through (e.g. a receptionist's booking).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningHub {
  /** The admin screens (the hub's web host). */
  url: string;
  /** Types a line at the hub's console (e.g. `code`). */
  command: (line: string) => void;
  stop: () => Promise<void>;
  output: () => string;
}

export async function startHubWithWeb(staticDir: string, admin: { username: string; password: string }, extra: string[] = []): Promise<RunningHub> {
  const data = mkdtempSync(join(tmpdir(), 'clinic-e2e-hub-'));
  const child: ChildProcess = spawn(process.execPath, [
    '--import', 'tsx', 'main/cli/hub.ts', '--data', data, '--port', '0', '--web-port', '0', '--static', staticDir, '--create-admin', admin.username, ...extra,
  ], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production', CLINIC_ADMIN_PASSWORD: admin.password } });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the hub did not start:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /admin screens on (https?:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]!); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`the hub exited (${code}):\n${out}`)); });
  });
  return {
    url,
    command: (line) => { child.stdin?.write(`${line}\n`); },
    output: () => out,
    stop: () => new Promise<void>((ok) => {
      const done = () => { rmSync(data, { recursive: true, force: true }); ok(); };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }),
  };
}

export interface Step { name: string; input: unknown }

/** Calls made in the page over the web host's API socket, in order; `$n.path` in a string input refers to an earlier answer. */
export async function callsInPage(page: Page, steps: Step[]): Promise<unknown[]> {
  return page.evaluate(async (list) => {
    const ws = new WebSocket(`ws://${location.host}/api`);
    await new Promise((ok) => ws.addEventListener('open', ok));
    const answers: unknown[] = [];
    const resolveRef = (v: unknown): unknown => {
      if (typeof v === 'string' && /^\$\d+(\.\w+)*$/.test(v)) {
        const [head, ...path] = v.slice(1).split('.');
        return path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], answers[Number(head)]);
      }
      if (Array.isArray(v)) return v.map(resolveRef);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveRef(x)]));
      return v;
    };
    for (const [i, s] of list.entries()) {
      const r = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((ok) => {
        const on = (m: MessageEvent) => { const d = JSON.parse(String(m.data)); if (d.id === i + 1) { ws.removeEventListener('message', on); ok(d.result); } };
        ws.addEventListener('message', on);
        ws.send(JSON.stringify({ id: i + 1, name: s.name, input: resolveRef(s.input) }));
      });
      if (!r.ok) { ws.close(); throw new Error(`${s.name}: ${JSON.stringify(r.error)}`); }
      answers.push(r.value);
    }
    ws.close();
    return answers;
  }, steps);
}

/** The hub's sync port and the pairing code it printed at start. */
/** The hub's sync port and a pairing code the test asks for at the hub's console, as an admin would. */
export async function pairingInfo(hub: RunningHub): Promise<{ port: number; code: string }> {
  const deadline = Date.now() + 30_000;
  hub.command('code');
  for (;;) {
    const port = /hub listening on https?:\/\/\S+:(\d+)/.exec(hub.output())?.[1];
    const code = /pairing code (\d{6})/.exec(hub.output())?.[1];
    if (port && code) return { port: Number(port), code };
    if (Date.now() > deadline) throw new Error(`the hub printed no address and pairing code:\n${hub.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
