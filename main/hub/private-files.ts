/**
 * The hub's data folder is the hub user's alone: folders 0700, files 0600 (PGlite wrote its
 * files 0666, and its WAL holds the TLS private key). Checked at each start and after PGlite
 * has started; what was wider is narrowed and said in the log.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivate } from '../../db/cipher';

export interface PrivateTreeReport {
  /** Paths (relative to the folder) that were open to group or others, now private. */
  fixed: string[];
  checked: number;
}

/** Narrows `dir` and everything under it (symlinks are not followed). */
export function enforcePrivateTree(dir: string): PrivateTreeReport {
  const fixed: string[] = [];
  let checked = 0;
  const walk = (path: string, rel: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    checked += 1;
    const isDir = st.isDirectory();
    if (makePrivate(path, isDir ? 'dir' : 'file')) fixed.push(rel || '.');
    if (isDir) for (const name of readdirSync(path)) walk(join(path, name), rel ? `${rel}/${name}` : name);
  };
  walk(dir, '');
  return { fixed, checked };
}

/** enforcePrivateTree, with one log line when something was wider than it should be. */
export function keepPrivate(dir: string, log: (line: string) => void): PrivateTreeReport {
  const r = enforcePrivateTree(dir);
  if (r.fixed.length > 0) {
    const some = r.fixed.slice(0, 5).join(', ');
    log(`${dir}: ${r.fixed.length} of ${r.checked} files and folders were open to other users (${some}${r.fixed.length > 5 ? ', …' : ''}); now 0600/0700`);
  }
  return r;
}
