/**
 * `npm start`: the desktop app. Launches Electron on the built app; where the Electron runtime
 * is missing (it cannot be downloaded everywhere), says so and starts the web host instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osConstants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseServeArgs, runWebHost, SERVE_USAGE } from '../web/run';
import { stopWhenOrphaned } from './parent-watch';

/**
 * The Electron binary, found the way the electron package finds it (ELECTRON_OVERRIDE_DIST_PATH,
 * else path.txt → dist/), without requiring the package: since Electron 45 that tries to
 * download the binary on the spot.
 */
function electronBinary(): string | null {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const full = override ? join(override, rel || 'electron') : rel !== null ? join(pkg, 'dist', rel) : null;
    return full !== null && existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

/** Signals that stop `npm start` (Ctrl+C, a service manager, a closed terminal): passed on to the child so it never outlives us. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function build(): void {
  const cli = resolve('node_modules/electron-vite/bin/electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
stopWhenOrphaned();
const electron = electronBinary();
if (electron) {
  if (!existsSync(resolve('out/electron/main/index.js')) || !existsSync(resolve('out/renderer/index.html'))) build();
  const child = spawn(electron, ['.', ...args], { stdio: 'inherit' });
  // Without handlers a signal would end this process alone and leave Electron (and the station
  // and hub it runs) orphaned: pass it on and exit when the child has.
  for (const signal of STOP_SIGNALS) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 0)));
} else {
  console.log('The Electron runtime is not installed on this machine (node_modules/electron has no binary;');
  console.log('`npx install-electron` fetches it where downloads work), so Clinic desk starts as a web host');
  console.log('instead: open the address below in a browser.');
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
