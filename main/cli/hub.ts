/**
 * `npm run hub -- [--data data/hub] [--host 127.0.0.1] [--port 5190] [--open]`: the LAN hub.
 * Listens on loopback unless --host says otherwise (e.g. --host 0.0.0.0 for the clinic's LAN).
 * Prints a one-time pairing code; type `code` for a new one, `revoke <device>` to revoke one.
 * `--open` lets unpaired devices in (development only).
 * `--database postgres://…` (or env CLINIC_HUB_DATABASE_URL) keeps the hub's data on a PostgreSQL
 * server instead of the PGlite data folder.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PgliteStore } from '../hub/pglite-store';
import { PostgresHubStore } from '../hub/postgres-store';
import type { HubStore } from '../hub/store';
import { startHub } from '../hub/server';

export const HUB_USAGE = 'usage: npm run hub -- [--data <dir> | --database postgres://…] [--host 127.0.0.1] [--port 5190] [--open]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      data: { type: 'string', default: 'data/hub' },
      database: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5190' },
      open: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const database = values.database ?? process.env['CLINIC_HUB_DATABASE_URL'];
  if (database && !/^postgres(ql)?:\/\//.test(database)) throw new Error('--database wants a postgres://… URL');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${values.port}`);
  const dataDir = resolve(values.data);
  const started = Date.now();
  let store: HubStore;
  if (database) {
    store = await PostgresHubStore.open(database);
  } else {
    mkdirSync(dataDir, { recursive: true });
    store = await PgliteStore.open({ dataDir });
  }
  const where = database ? `database ${database.replace(/\/\/[^@/]*@/, '//…@')}` : `data ${dataDir}`;
  const hub = await startHub({ store, host: values.host, port, open: values.open, log: (line) => console.log(`[hub] ${line}`) });
  // Before saying it listens: whoever starts the hub may stop it as soon as it reads that line.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log(`hub listening on ${hub.url} (${where}, last seq ${await store.lastSeq()}, ready in ${Date.now() - started} ms)`);
  const showCode = async () => {
    const { code, expiresAt } = await hub.issuePairingCode();
    console.log(`pairing code ${code} (valid until ${new Date(expiresAt).toISOString()}; type "code" for a new one)`);
  };
  if (values.open) console.log('--open: unpaired devices are let in');
  else await showCode();
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [cmd, arg] = line.trim().split(/\s+/);
    if (cmd === 'code') void showCode();
    else if (cmd === 'revoke' && arg) void hub.revoke(arg).then((ok) => console.log(ok ? `revoked ${arg}` : `no device ${arg}`));
    else if (cmd) console.log('commands: code | revoke <device>');
  });
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error(HUB_USAGE);
  process.exit(1);
}
