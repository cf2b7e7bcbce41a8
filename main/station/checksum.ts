/**
 * A checksum of a database's contents, table by table, so two replicas (or one database before
 * and after a refused command) can be compared.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function tableNames(raw: Database.Database): string[] {
  return (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name);
}

/** sha256 of every row of each table, in primary-key order. */
export function tableChecksums(raw: Database.Database, tables: string[] = tableNames(raw)): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const h = createHash('sha256');
    for (const row of raw.prepare(`SELECT * FROM "${t}" ORDER BY 1`).iterate()) h.update(JSON.stringify(row));
    out[t] = h.digest('hex');
  }
  return out;
}
