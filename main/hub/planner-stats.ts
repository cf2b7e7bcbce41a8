/**
 * Keeps the planner's statistics of the change log and the merged rows current, as PostgreSQL's
 * autovacuum does on a server (PGlite runs none). Without them the planner takes a page of the
 * log (`seq > cursor AND seq <= end … ORDER BY seq LIMIT n`) for a few rows, reads every row
 * between cursor and end and sorts them: about 100 ms a page on a log of 100,000 changes
 * instead of 2 (bench/RESULTS.md, "Sync": a station pulling after a day offline, a bootstrap).
 */
import type { Sql } from './log-rows';

/** A tenth of the log, and at least this many changes, appended since the last ANALYZE: analyze again. */
const MIN_GROWTH = 1000;

export class PlannerStats {
  /** The log's end when it was last analyzed here (null: not since the store opened). */
  private analyzedAt: number | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly sql: Sql) {}

  /** Analyzes before a read of the log whose end is `end`, when the log has grown enough since the last time. */
  async current(end: number): Promise<void> {
    const at = this.analyzedAt;
    if (at !== null && end - at < Math.max(MIN_GROWTH, at / 10)) return;
    this.running ??= this.sql.query('ANALYZE hub_changes, hub_rows')
      .then(() => { this.analyzedAt = Math.max(this.analyzedAt ?? 0, end); })
      .finally(() => { this.running = null; });
    await this.running;
  }
}
