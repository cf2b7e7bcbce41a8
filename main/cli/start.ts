/**
 * `npm start`: the desktop app. Launches Electron on the built app; where the Electron runtime
 * is missing (it cannot be downloaded everywhere), says so and starts the web host instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseServeArgs, runWebHost, SERVE_USAGE } from '../web/run';

function electronBinary(): string | null {
  try {
    // In plain Node the electron package exports the path of its binary, and throws without it.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function build(): void {
  const cli = resolve('node_modules/electron-vite/bin/electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const electron = electronBinary();
if (electron) {
  if (!existsSync(resolve('out/electron/main/index.js')) || !existsSync(resolve('out/renderer/index.html'))) build();
  const child = spawn(electron, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron runtime is not installed on this machine (the electron package has no binary),');
  console.log('so Clinic desk starts as a web host instead; open the address below in a browser.');
  try {
    const opts = parseServeArgs(args);
    if (!existsSync(resolve(opts.staticDir, 'index.html'))) build();
    await runWebHost(opts);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(SERVE_USAGE);
    process.exit(1);
  }
}
