import type { StationEvents, SyncErrorCode } from '../../../main/api/contract';

export interface SyncBadgeState {
  tone: 'teal' | 'orange' | 'red' | 'gray';
  /** i18n key of the label, and its count when it has one. */
  label: 'shell.sync.unknown' | 'shell.sync.refused' | 'shell.sync.pending' | 'shell.sync.online' | 'shell.sync.offline';
  count?: number;
  /** Why the hub refused this desk: what a person must act on (a passing hub error is not one). */
  refused: SyncErrorCode | null;
}

/** What the header's sync badge says for a `sync.status` event (null: none heard yet). */
export function syncBadge(sync: StationEvents['sync.status'] | null): SyncBadgeState {
  if (!sync) return { tone: 'gray', label: 'shell.sync.unknown', refused: null };
  const refused = !sync.online && sync.refused && sync.refused.code !== 'HUB_ERROR' ? sync.refused.code : null;
  if (refused) return { tone: 'red', label: 'shell.sync.refused', refused, ...(sync.pending > 0 ? { count: sync.pending } : {}) };
  const tone = sync.online ? 'teal' : 'orange';
  if (sync.pending > 0) return { tone, label: 'shell.sync.pending', count: sync.pending, refused: null };
  return { tone, label: sync.online ? 'shell.sync.online' : 'shell.sync.offline', refused: null };
}
