/**
 * HubStore on PGlite (embedded PostgreSQL) in a data folder: the SQL of main/hub/sql-store.ts
 * on one in-process connection, and the typed tables of main/hub/pg-schema.ts.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { keepPrivate } from './private-files';
import type { ProjectorOptions } from './projection';
import { HUB_DDL, SqlHubStore, type Sql } from './sql-store';

export class PgliteStore extends SqlHubStore {
  private queue: Promise<unknown> = Promise.resolve();
  private constructor(readonly db: PGlite) {
    super();
  }

  /** Opens (creating if needed) the store: a folder, or in memory from a dumped data dir (tests). */
  static async open(opts: { dataDir?: string; loadDataDir?: Blob | File; projection?: ProjectorOptions; log?: (line: string) => void } = {}): Promise<PgliteStore> {
    const log = opts.log ?? (() => undefined);
    // The data folder is the hub user's alone (main/hub/private-files.ts): checked before PGlite
    // opens it and again once it has (it makes its files 0666 under the usual umask).
    if (opts.dataDir && !opts.loadDataDir) {
      mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
      keepPrivate(opts.dataDir, log);
    }
    const db = opts.loadDataDir ? new PGlite({ loadDataDir: opts.loadDataDir }) : new PGlite(opts.dataDir);
    await db.waitReady;
    try {
      if (opts.dataDir && !opts.loadDataDir) keepPrivate(opts.dataDir, log);
      await db.exec(HUB_DDL);
      const store = new PgliteStore(db);
      await store.prepare(opts.projection);
      return store;
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  /** A fresh in-memory store's data dir, to start each test from (initdb costs seconds; loading does not). */
  static async template(): Promise<Blob | File> {
    const s = await PgliteStore.open();
    const dump = await s.db.dumpDataDir('none');
    await s.close();
    return dump;
  }

  protected get sql(): Sql {
    return this.db;
  }

  /** One writer at a time on the one connection (the advisory lock in append then never waits). */
  protected transaction<T>(fn: (q: Sql) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.db.transaction((tx) => fn(tx)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  protected async closeEngine(): Promise<void> {
    await this.queue;
    await this.db.close();
  }
}
