/**
 * For hub and sync tests that run on both of the hub's stores. Call at the top of a test file:
 * it registers the hooks that make the PGlite template and start Debian's PostgreSQL (and stop
 * it), and returns a hub factory per store for `describe.each`.
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestHub, startTestHubOn, type TestHub } from '../sync/testing';
import { PgliteStore } from './pglite-store';
import { PostgresHubStore } from './postgres-store';
import { startPostgres, type TestPostgres } from './postgres-testing';

export function eachHubStore(): [string, () => Promise<TestHub>][] {
  let template: Blob | File;
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    [template, postgres] = await Promise.all([PgliteStore.template(), startPostgres()]);
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  return [
    ['PGlite', () => startTestHub(template)],
    ['PostgreSQL', async () => startTestHubOn(await PostgresHubStore.open(await postgres!.createDatabase()))],
  ];
}
