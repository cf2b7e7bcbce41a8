/**
 * How the hub stores a row's merged state (`hub_rows.state`): as main/sync/merge.ts's RowState,
 * without the versions that equal the row's insert. Most columns of most rows were last set by
 * their insert, and a version is ~60 characters: a visit's state shrinks from ~2.5 KB to ~1.2 KB,
 * which PostgreSQL then stores inline without compressing it. A column with a value always has a
 * version (merge sets both together), so the missing ones are the insert's. States stored whole
 * (before this) read back the same.
 */
import type { RowState } from '../sync/merge';

export function packState(state: RowState): RowState {
  const inserted = state.inserted;
  if (inserted === null) return state;
  const versions: Record<string, string> = {};
  for (const [col, v] of Object.entries(state.versions)) if (v !== inserted) versions[col] = v;
  return { values: state.values, versions, inserted };
}

export function unpackState(stored: RowState): RowState {
  const inserted = stored.inserted;
  if (inserted === null) return stored;
  const versions: Record<string, string> = {};
  for (const col of Object.keys(stored.values)) versions[col] = stored.versions[col] ?? inserted;
  return { values: stored.values, versions, inserted };
}
