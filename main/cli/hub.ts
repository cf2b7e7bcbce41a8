/**
 * `npm run hub -- [--data data/hub] [--host 127.0.0.1] [--port 5190] [--web-port 4870] [--open]`: the LAN hub.
 * Listens on loopback unless --host says otherwise (e.g. --host 0.0.0.0 for the clinic's LAN).
 * No pairing code exists until an admin asks for one: type `code` for one (or use the admin
 * Devices screen); `revoke <device>` to revoke one.
 * `--open` lets unpaired devices in (development only).
 * `--database postgres://…` (or env CLINIC_HUB_DATABASE_URL) keeps the hub's data on a PostgreSQL
 * server instead of the PGlite data folder.
 * The admin station (main/hub/admin-station.ts) keeps its SQLite file in the data folder; the web
 * host serves the admin screens over it on --web-port (same host as --host; --no-web: none), to
 * admin accounts only, over HTTPS with the hub's own certificate (its fingerprint printed, for the
 * admin to compare in the browser) unless it listens on loopback only (--web-tls: HTTPS there too).
 * `--create-admin <username>` makes the first admin account (password from stdin or env
 * CLINIC_ADMIN_PASSWORD), then the hub starts as usual.
 * Backups: every --backup-every hours (default 6; 0 = off) into --backup-dir (default
 * <data>/backups), the last --backup-keep (default 14) kept; type `backup` for one now. They are
 * encrypted with the clinic's passphrase: the first line of --backup-key-file (mode 600) or env
 * CLINIC_BACKUP_PASSPHRASE; without one the hub writes no backups and says so at start.
 * `--restore <file> [--force]` restores one (hub stopped) and exits; it reads the passphrase the
 * same way, or from stdin. `--rebuild-from <station.sqlite>` fills a new, empty hub from a
 * station's replica, then starts the hub; the replica's key is read from --rebuild-key-file
 * (default: its key file `<station.sqlite>.key`, or the OS keystore).
 * Data at rest: the hub's files are its user's alone (umask 077; the data folder is checked at
 * each start, main/hub/private-files.ts); the admin station's file is encrypted, its key in the
 * OS keystore or in `<admin station>.key` (0600) beside it (main/station/keys.ts).
 * The sync socket is TLS with the hub's own certificate (made on first run; its fingerprint is
 * printed). Listening beyond loopback, the hub announces itself on the LAN over mDNS
 * (--no-announce: don't; --announce: even on loopback).
 * Patients: `--patient-port 4880` serves the patient app and its `portal.*` API (nothing else) on
 * that port, same host as --host, over HTTPS with the hub's certificate, or the clinic's own with
 * `--patient-cert FILE --patient-key FILE` (PEM); `--patient-http` serves plain HTTP instead (a
 * closed network only: the hub warns at every start). `--patient-static` is the built patient app.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors';
import { createFirstAdmin, FIRST_ADMIN_HINT, hasActiveAdmin } from '../hub/first-admin';
import { PgliteStore } from '../hub/pglite-store';
import { PostgresHubStore } from '../hub/postgres-store';
import { BACKUP_PASSPHRASE_ENV, backupNow, backupPassphrase, backupSettings, restoreHub, startBackups } from '../hub/maintenance';
import { stationKeyFor } from '../station/keys';
import { rebuildFromStation } from '../hub/rebuild';
import { startClinicHub, type ClinicHub } from '../hub/run';
import { hubIdOf } from '../hub/server';
import type { HubStore } from '../hub/store';
import { shortFingerprint } from '../hub/tls';
import { stopWhenOrphaned } from './parent-watch';

export const HUB_USAGE = `usage: npm run hub -- [--data <dir> | --database postgres://…] [--host 127.0.0.1] [--port 5190] [--open]
             [--web-port 4870 | --no-web] [--web-tls] [--static out/renderer] [--allow-host NAME]...
             [--create-admin <username>]   (password from stdin or CLINIC_ADMIN_PASSWORD)
             [--backup-dir <dir>] [--backup-every 6] [--backup-keep 14] [--backup-key-file <file>]
             [--restore <backup file> [--force]] [--rebuild-from <station.sqlite> [--rebuild-key-file <file>]]
             [--announce | --no-announce]
             [--patient-port 4880 [--patient-cert <pem> --patient-key <pem> | --patient-http] [--patient-static out/patient]]`;

function portOf(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag}: not a port: ${text}`);
  return port;
}

/** The first line of stdin. */
async function firstLine(prompt: string, missing: string): Promise<string> {
  if (process.stdin.isTTY) process.stdout.write(prompt);
  const rl = createInterface({ input: process.stdin });
  try {
    for await (const line of rl) return line;
  } finally {
    rl.close();
  }
  throw new Error(missing);
}

/** The new admin's password: env, else the first line of stdin. */
async function readPassword(username: string): Promise<string> {
  const fromEnv = process.env['CLINIC_ADMIN_PASSWORD'];
  if (fromEnv !== undefined) return fromEnv;
  return firstLine(`password for ${username}: `, '--create-admin: no password on stdin (or set CLINIC_ADMIN_PASSWORD)');
}

/** The patient port's options: none without --patient-port; a clinic certificate needs both files; plain HTTP only by --patient-http. */
function patientPort(values: { 'patient-port'?: string; 'patient-cert'?: string; 'patient-key'?: string; 'patient-http': boolean; 'patient-static': string }) {
  const { 'patient-port': port, 'patient-cert': cert, 'patient-key': key, 'patient-http': http } = values;
  if (port === undefined) {
    if (cert !== undefined || key !== undefined || http) throw new Error('--patient-cert, --patient-key and --patient-http go with --patient-port');
    return null;
  }
  if ((cert === undefined) !== (key === undefined)) throw new Error('--patient-cert and --patient-key go together');
  if (http && cert !== undefined) throw new Error('--patient-http serves plain HTTP: leave out --patient-cert and --patient-key');
  const tls = http ? null : cert !== undefined ? { cert: readFileSync(resolve(cert), 'utf8'), key: readFileSync(resolve(key!), 'utf8') } : 'hub' as const;
  return { port: portOf(port, '--patient-port'), tls, staticDir: resolve(values['patient-static']) };
}

async function main(): Promise<void> {
  stopWhenOrphaned();
  // Whatever the hub writes (PGlite's files, the admin station, backups, keys) is its user's alone.
  process.umask(0o077);
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      data: { type: 'string', default: 'data/hub' },
      database: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5190' },
      open: { type: 'boolean', default: false },
      'web-port': { type: 'string', default: '4870' },
      'no-web': { type: 'boolean', default: false },
      'web-tls': { type: 'boolean', default: false },
      static: { type: 'string', default: 'out/renderer' },
      'allow-host': { type: 'string', multiple: true, default: [] },
      'create-admin': { type: 'string' },
      'backup-dir': { type: 'string' },
      'backup-every': { type: 'string', default: '6' },
      'backup-keep': { type: 'string', default: '14' },
      'backup-key-file': { type: 'string' },
      'rebuild-key-file': { type: 'string' },
      restore: { type: 'string' },
      force: { type: 'boolean', default: false },
      'rebuild-from': { type: 'string' },
      announce: { type: 'boolean' },
      'no-announce': { type: 'boolean', default: false },
      'patient-port': { type: 'string' },
      'patient-cert': { type: 'string' },
      'patient-key': { type: 'string' },
      'patient-http': { type: 'boolean', default: false },
      'patient-static': { type: 'string', default: 'out/patient' },
    },
    strict: true,
  });
  const database = values.database ?? process.env['CLINIC_HUB_DATABASE_URL'];
  if (database && !/^postgres(ql)?:\/\//.test(database)) throw new Error('--database wants a postgres://… URL');
  const port = portOf(values.port, '--port');
  const webPort = portOf(values['web-port'], '--web-port');
  const patient = patientPort(values);
  const newAdmin = values['create-admin'];
  const password = newAdmin !== undefined ? await readPassword(newAdmin) : undefined;
  const dataDir = resolve(values.data);
  const keyFile = values['backup-key-file'] === undefined ? undefined : resolve(values['backup-key-file']);
  const passphrase = backupPassphrase(keyFile);
  const backups = backupSettings(resolve(values['backup-dir'] ?? join(dataDir, 'backups')), values['backup-every'], values['backup-keep'], passphrase);
  if (values.restore !== undefined) {
    const file = resolve(values.restore);
    const key = passphrase ?? (file.endsWith('.enc') ? await firstLine('backup passphrase: ', `${file} is encrypted: give its passphrase (--backup-key-file, ${BACKUP_PASSPHRASE_ENV} or stdin)`) : undefined);
    console.log(await restoreHub(file, { dataDir, database }, values.force, key));
    return;
  }
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  // The store first: PGlite makes a new data folder only while it is empty.
  const log = (line: string) => console.log(`[hub] ${line}`);
  const store: HubStore = database ? await PostgresHubStore.open(database) : await PgliteStore.open({ dataDir, log });
  const where = database ? `database ${database.replace(/\/\/[^@/]*@/, '//…@')}` : `data ${dataDir}`;
  let clinic: ClinicHub;
  try {
    if (values['rebuild-from'] !== undefined) {
      const from = resolve(values['rebuild-from']);
      const fromKey = stationKeyFor(from, { readOnly: true, ...(values['rebuild-key-file'] ? { keyFile: resolve(values['rebuild-key-file']) } : {}) });
      const r = await rebuildFromStation(from, store, { key: fromKey.key });
      log(`rebuilt from ${values['rebuild-from']}: ${r.changes} changes of devices ${r.fromDevices.join(', ')}; new hub id ${r.hubId}; stations pair again`);
    }
    // Named by the hub's id: one data folder never mixes two hubs' replicas (several databases, one --data).
    const adminDir = join(dataDir, 'admin');
    mkdirSync(adminDir, { recursive: true, mode: 0o700 });
    const adminFile = join(adminDir, `station-${await hubIdOf(store)}.sqlite`);
    const adminKey = stationKeyFor(adminFile, { log });
    log(`admin station ${adminFile} is encrypted; its key is in the ${adminKey.where}${adminKey.created ? ' (made now)' : ''}`);
    clinic = await startClinicHub({
      store, adminFile, adminKey: adminKey.key, host: values.host, port, open: values.open, log,
      ...(values['no-announce'] ? { announce: false } : values.announce ? { announce: true } : {}),
      ...(patient ? { portal: patient } : {}),
      ...(values['no-web'] ? {} : { web: { port: webPort, staticDir: resolve(values.static), hosts: values['allow-host'], ...(values['web-tls'] ? { tls: true } : {}) } }),
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const { hub, admin, web } = clinic;
  const schedule = startBackups(store, database, backups, log);
  // Before saying it listens: whoever starts the hub may stop it as soon as it reads that line.
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await schedule.stop();
    await clinic.close();
    await store.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (newAdmin !== undefined && password !== undefined) {
    try {
      await createFirstAdmin(admin, newAdmin, password);
      console.log(`admin account ${newAdmin} created`);
    } catch (err) {
      const reason = err instanceof DomainError && err.code === 'WEAK_PASSWORD' ? ` (${String(err.details?.['reason'])})` : '';
      console.error(`--create-admin: ${err instanceof Error ? err.message : String(err)}${reason}`);
      await stop(1);
      return;
    }
  }
  console.log(`hub listening on ${hub.url} (${where}, admin station ${admin.device}, last seq ${await store.lastSeq()}, ready in ${Date.now() - started} ms)`);
  console.log(`certificate fingerprint ${shortFingerprint(hub.fingerprint)}… (stations pin it when they pair; compare it with what a new station shows)`);
  if (web) {
    console.log(`admin screens on ${web.url} (admin accounts only)`);
    if (web.url.startsWith('https:')) console.log(`  the browser shows the hub's certificate: its SHA-256 fingerprint must be ${hub.fingerprint}`);
  }
  if (clinic.portal) {
    console.log(`patient app on ${clinic.portal.url} (patient accounts and booking only)`);
    if (patient?.tls === 'hub') console.log(`  phones show the hub's own certificate: its SHA-256 fingerprint is ${hub.fingerprint} (put it up at the desk for patients to compare)`);
    if (!clinic.portal.url.startsWith('https:')) console.warn('WARNING: --patient-http: patients\' passwords and sessions cross the network unencrypted; use it on a closed network only');
  }
  if (!hasActiveAdmin(admin.station)) console.log(FIRST_ADMIN_HINT);
  const showCode = async () => {
    const { code, expiresAt } = await hub.issuePairingCode();
    console.log(`pairing code ${code} (valid until ${new Date(expiresAt).toISOString()}; type "code" for a new one)`);
  };
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [cmd, arg] = line.trim().split(/\s+/);
    if (cmd === 'code') void showCode();
    else if (cmd === 'revoke' && arg) void hub.revoke(arg).then((ok) => console.log(ok ? `revoked ${arg}` : `no device ${arg}`));
    else if (cmd === 'backup') {
      void backupNow(store, database, backups).then(
        (b) => console.log(`backup written: ${b.file}`),
        (err: unknown) => console.log(`backup failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    } else if (cmd) console.log('commands: code | revoke <device> | backup');
  });
  if (values.open) console.log('--open: unpaired devices are let in');
  else console.log('no pairing code yet: when a workstation joins, type "code" here for one (or use the Devices screen)');
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error(HUB_USAGE);
  process.exit(1);
}
