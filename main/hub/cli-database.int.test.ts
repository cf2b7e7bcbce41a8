/** `npm run hub` on PostgreSQL: the URL from CLINIC_HUB_DATABASE_URL (password not echoed), a non-postgres URL refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs } from '../sync/fault-testing';
import { PostgresHubStore } from './postgres-store';
import { freePort, startPostgres, type TestPostgres } from './postgres-testing';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

describe('hub CLI --database', () => {
  it('takes the database from CLINIC_HUB_DATABASE_URL, hides the credentials, and keeps its hub id there', async () => {
    const url = (await postgres.createDatabase()).replace('postgres@', 'postgres:s3cret@');
    const port = await freePort();
    const hub = runTs('main/cli/hub.ts', ['--port', String(port), '--open'], { CLINIC_HUB_DATABASE_URL: url });
    try {
      const [line] = await hub.waitFor(/hub listening on .*\n/);
      expect(line, hub.output()).toContain(`https://127.0.0.1:${port}`);
      expect(line).toMatch(/database postgres:\/\/…@127\.0\.0\.1:\d+\/hub_/);
      expect(hub.output()).not.toContain('s3cret');
    } finally {
      await hub.kill('SIGTERM');
    }
    expect(await hub.exited, hub.output()).toBe(0);
    const store = await PostgresHubStore.open(url);
    try {
      expect(await store.getMeta('hub_id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses a --database that is not a postgres:// URL', async () => {
    const hub = runTs('main/cli/hub.ts', ['--database', 'mysql://x@127.0.0.1/db', '--port', '0']);
    expect(await hub.exited).toBe(1);
    expect(hub.output()).toMatch(/--database wants a postgres:\/\/… URL/);
  }, 60_000);
});
