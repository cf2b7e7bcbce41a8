/** Column shapes used by every table, so ids, times and money look the same everywhere. */
import { integer, text } from 'drizzle-orm/sqlite-core';

/** UUIDv7 primary key, made on the device that created the row. */
export const id = () => text('id').primaryKey();
/** A reference to another row's UUIDv7. */
export const ref = (name: string) => text(name);
/** A UTC instant in milliseconds since the epoch. */
export const instant = (name: string) => integer(name);
/** A calendar date in the clinic's time zone, 'YYYY-MM-DD'. */
export const isoDate = (name: string) => text(name);
/** Money in integer fen. */
export const fen = (name: string) => integer(name);
export const flag = (name: string) => integer(name, { mode: 'boolean' });

/** Creation and last-change times that every replicated row carries. */
export const stamps = () => ({
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
