/**
 * The station's own patient search index (never replicated; main/station/tables.ts LOCAL_ONLY).
 * Filled and kept by triggers on patients and visits (migration 0007, see
 * main/station/services/patients-search-index.ts for the keys), so every write — a command's, a
 * change applied from the hub, a bootstrap — keeps it in step in the same transaction.
 */
import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * One row per search key of a patient: each character, pair and (for names over three
 * characters) triple of characters of the name, the whole name ('=' + name), each leading part
 * of the pinyin initials ('^' + part) and the whole initials ('$' + initials). `seen` is the
 * patient's last check-in here (0: never), so a key's rows read newest-seen first from the key.
 */
export const patientSearchKeys = sqliteTable('patient_search_keys', {
  key: text('key').notNull(),
  seen: integer('seen').notNull(),
  patientId: text('patient_id').notNull(),
}, (t) => [primaryKey({ columns: [t.key, t.seen, t.patientId] })]);

/** A patient's last check-in at this clinic (UTC ms), for patients with a visit: the `seen` of their keys. */
export const patientSeen = sqliteTable('patient_seen', {
  patientId: text('patient_id').primaryKey(),
  seen: integer('seen').notNull(),
});

/** The numbers 1–50 (a name's longest), which the key view walks a name's characters by. Filled by migration 0007. */
export const searchPositions = sqliteTable('search_positions', {
  n: integer('n').primaryKey(),
});
