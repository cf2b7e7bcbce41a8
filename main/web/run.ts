/** `npm run serve` (and `npm start` without Electron): options, the station, the web host. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoClinic } from '../demo/index';
import { warmUpDocuments } from '../documents/index';
import { Station } from '../station/station';
import { seedHubFromStation, noHubIn } from '../hub/demo-hub';
import { inProcessHubDir, startInProcessHub, type InProcessHub } from '../hub/in-process';
import type { SyncClient } from '../sync/client';
import { connectToHub } from '../sync/connect';
import { startWebHost, type WebHost } from './server';
import { defaultHubDataDir, offerSetup } from './setup-runtime';
import { stationKeyFor } from '../station/keys';

export interface ServeOptions {
  file: string;
  port: number;
  host: string;
  demo: boolean;
  staticDir: string;
  hosts: string[];
  origins: string[];
  /** The hub's address; left out: the one this station paired with, if any. */
  hub?: string;
  /** The pairing code shown at the hub, for the first start of a new station. */
  pair?: string;
  /** Run the hub in this process (a single-PC clinic); remembered for later starts. */
  withHub: boolean;
  hubData?: string;
  hubPort: number;
  hubHost: string;
  /** The first admin of a new clinic run with --with-hub (password from CLINIC_ADMIN_PASSWORD). */
  createAdmin?: string;
}

export const SERVE_USAGE = `usage: serve [--file data/station.sqlite] [--port 5180] [--host 127.0.0.1] [--demo]
             [--static out/renderer] [--allow-host NAME]... [--allow-origin URL]...
             [--hub http://HUB:5190] [--pair CODE]
             [--with-hub [--hub-data data/hub] [--hub-port 5190] [--hub-host 127.0.0.1] [--create-admin NAME]]`;

export function parseServeArgs(argv: string[]): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string', default: 'data/station.sqlite' },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      static: { type: 'string', default: 'out/renderer' },
      'allow-host': { type: 'string', multiple: true, default: [] },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      hub: { type: 'string' },
      pair: { type: 'string' },
      'with-hub': { type: 'boolean', default: false },
      'hub-data': { type: 'string' },
      'hub-port': { type: 'string', default: '5190' },
      'hub-host': { type: 'string', default: '127.0.0.1' },
      'create-admin': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  const hubPort = Number(values['hub-port']);
  if (!Number.isInteger(hubPort) || hubPort < 0 || hubPort > 65535) throw new Error(`--hub-port: not a port number: ${values['hub-port']}`);
  if (values['with-hub'] && values.hub !== undefined) throw new Error('--with-hub runs the hub here: leave out --hub');
  if (values['create-admin'] !== undefined && !values['with-hub']) throw new Error('--create-admin goes with --with-hub (or use npm run hub -- --create-admin)');
  return {
    file: resolve(values.file), port, host: values.host, demo: values.demo, staticDir: resolve(values.static),
    hosts: values['allow-host'], origins: values['allow-origin'],
    ...(values.hub !== undefined ? { hub: values.hub } : {}),
    ...(values.pair !== undefined ? { pair: values.pair } : {}),
    withHub: values['with-hub'], hubPort, hubHost: values['hub-host'],
    ...(values['hub-data'] !== undefined ? { hubData: resolve(values['hub-data']) } : {}),
    ...(values['create-admin'] !== undefined ? { createAdmin: values['create-admin'] } : {}),
  };
}

function createDemo(file: string, key: Buffer): void {
  if (existsSync(file)) {
    console.log(`${file} exists: opening it as it is (the demo fills a new database only)`);
    return;
  }
  console.log(`creating the demo clinic in ${file} …`);
  const demo = createDemoClinic(file, { key });
  console.log(`demo clinic ready: log in as ${demo.accounts.map((a) => a.username).join(', ')} with the password ${demo.password}`);
}

export async function runWebHost(opts: ServeOptions): Promise<{ host: WebHost; station: Station }> {
  mkdirSync(dirname(opts.file), { recursive: true });
  const stationKey = stationKeyFor(opts.file, { log: (line) => console.log(line) });
  const freshDemo = opts.demo && !existsSync(opts.file);
  if (opts.demo) createDemo(opts.file, stationKey.key);
  else if (!existsSync(opts.file)) console.log(`creating an empty station database at ${opts.file}`);
  const station = new Station({ file: opts.file, key: stationKey.key });
  console.log(`station file ${opts.file} is encrypted; its key is in the ${stationKey.where}${stationKey.created ? ' (made now)' : ''}`);
  if (station.converted) console.log(`it was a plain file from before: encrypted now (${station.converted.tables} tables, ${station.converted.ms} ms), nothing plain kept`);
  const { n } = station.raw.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number };
  if (n === 0) console.log('this station has no accounts yet: the first-run wizard in the browser starts a new clinic or joins a hub (or start with --demo for a demo clinic)');
  // The first-run wizard (setup.*) starts a hub here or pairs with one; it answers only while the station is unset.
  const setup = offerSetup(station, {
    hubDataDir: opts.hubData ?? defaultHubDataDir(opts.file), hubHost: opts.hubHost, hubPort: opts.hubPort,
    log: (line) => console.log(`[setup] ${line}`),
  });
  const host = await startWebHost({
    station, staticDir: opts.staticDir, host: opts.host, port: opts.port, policy: { hosts: opts.hosts, origins: opts.origins },
  });
  // The first print would otherwise pay for loading the CJK font; do it while the desk logs in.
  void warmUpDocuments().catch((err: unknown) => console.warn('documents: warm-up failed', err));
  // Stop cleanly on a signal from here on, before saying we are ready: whoever started us may
  // stop us as soon as they read that line, and a signal with no handler yet kills the process.
  let inProcess: InProcessHub | null = null;
  let sync: SyncClient | null = null;
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void (sync?.stop() ?? Promise.resolve()).then(() => inProcess?.close()).then(() => setup.close()).then(() => host.close()).finally(() => { station.close(); process.exit(0); });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  console.log(`Clinic desk web host listening on ${host.url}`);
  // A new demo clinic is a single-PC clinic whose hub holds the demo (every screen works at once).
  const demoHubDir = opts.hubData ?? defaultHubDataDir(opts.file);
  const demoHub = freshDemo && opts.hub === undefined && noHubIn(demoHubDir);
  if (demoHub) {
    console.log(`putting the demo clinic at an in-process hub in ${demoHubDir} …`);
    await seedHubFromStation(station, opts.file, stationKey.key, demoHubDir, (line) => console.log(`[hub] ${line}`));
  }
  // A single-PC clinic: the hub in this process (asked for now, or remembered from before).
  if (opts.withHub || demoHub || inProcessHubDir(station)) {
    const password = process.env['CLINIC_ADMIN_PASSWORD'];
    if (opts.createAdmin !== undefined && !password) throw new Error('--create-admin: set CLINIC_ADMIN_PASSWORD');
    inProcess = await startInProcessHub(station, {
      ...(opts.hubData ? { dataDir: opts.hubData } : demoHub ? { dataDir: demoHubDir } : {}), host: opts.hubHost, port: opts.hubPort,
      ...(opts.createAdmin !== undefined && password ? { firstAdmin: { username: opts.createAdmin, password } } : {}),
      log: (line) => console.log(`[hub] ${line}`),
    });
    console.log(`in-process hub on ${inProcess.url} (data ${inProcessHubDir(station)}); other PCs can pair with it`);
  }
  sync = await connectToHub(station, {
    ...(inProcess ? { url: inProcess.url } : opts.hub ? { url: opts.hub } : {}), ...(opts.pair ? { pairCode: opts.pair } : {}),
  });
  console.log(sync ? `syncing with the hub at ${inProcess?.url ?? opts.hub ?? 'the paired address'}` : 'no hub configured: this station works on its own');
  return { host, station };
}
