/**
 * HubStore on a PostgreSQL server (`npm run hub -- --database postgres://…` or
 * CLINIC_HUB_DATABASE_URL): the SQL of main/hub/sql-store.ts over a node-postgres pool.
 * Appends from every connection (and every hub process on the same database) are serialised by
 * the advisory lock the append transaction takes, so seqs stay gap-free and in commit order.
 */
import pg from 'pg';
import type { ProjectorOptions } from './projection';
import { HUB_DDL, SqlHubStore, type Sql } from './sql-store';

/**
 * bigint (int8) columns — every integer of the typed tables, counts — come back as numbers when
 * they fit (as PGlite answers them), not node-postgres's default strings; larger ones as BigInt.
 */
const INT8_OID = 20;
const parseInt8 = (v: string): number | bigint => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
};
const HUB_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function asSql(c: pg.Pool | pg.PoolClient): Sql {
  return {
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await c.query(text, params)).rows as T[] }),
  };
}

export class PostgresHubStore extends SqlHubStore {
  private readonly poolSql: Sql;
  private constructor(readonly pool: pg.Pool) {
    super();
    this.poolSql = asSql(pool);
  }

  /** Connects, creates the hub's tables if they are missing, and fills the typed tables when they need it. */
  static async open(connectionString: string, opts: { max?: number; projection?: ProjectorOptions } = {}): Promise<PostgresHubStore> {
    const pool = new pg.Pool({ connectionString, max: opts.max ?? 8, types: HUB_TYPES });
    // An idle client losing its server (restart, network) must not crash the hub: the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        // Two hubs starting on one database must not race on CREATE … IF NOT EXISTS.
        await client.query('SELECT pg_advisory_lock(7265531)');
        await client.query(HUB_DDL);
        await client.query('SELECT pg_advisory_unlock(7265531)');
      } finally {
        client.release();
      }
      const store = new PostgresHubStore(pool);
      await store.prepare(opts.projection);
      return store;
    } catch (err) {
      await pool.end();
      throw err;
    }
  }

  protected get sql(): Sql {
    return this.poolSql;
  }

  protected async transaction<T>(fn: (q: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const out = await fn(asSql(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  protected async closeEngine(): Promise<void> {
    await this.pool.end();
  }
}
