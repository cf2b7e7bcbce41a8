/**
 * Where the station's reviewed SQLite migrations are: next to this module in the source tree,
 * and next to the bundle in a build (electron.vite.config.ts and build/hub/build.mjs copy the
 * folder there). Its own module, without better-sqlite3, so the sync protocol can read the
 * schema version from it.
 */
import { fileURLToPath } from 'node:url';

export const SQLITE_MIGRATIONS = fileURLToPath(new URL('./migrations/sqlite', import.meta.url));
