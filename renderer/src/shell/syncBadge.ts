import type { StationEvents, SyncErrorCode } from '../../../main/api/contract';

export interface SyncBadgeState {
  tone: 'teal' | 'orange' | 'red' | 'gray';
  /** i18n key of the label, and its count when it has one. */
  label: 'shell.sync.unknown' | 'shell.sync.refused' | 'shell.sync.setAside' | 'shell.sync.pending' | 'shell.sync.online' | 'shell.sync.offline';
  count?: number;
  /** Why the hub refused this desk: what a person must act on (a passing hub error is not one). */
  refused: SyncErrorCode | null;
  /** Changes the hub refused, set aside at this desk (the rest syncs on). */
  setAside: number;
  /** How far this PC's clock runs ahead of the hub's (negative: behind), when it is off beyond the bound; else null. */
  clockOffMs: number | null;
}

/** What the header's sync badge says for a `sync.status` event (null: none heard yet). */
export function syncBadge(sync: StationEvents['sync.status'] | null): SyncBadgeState {
  if (!sync) return { tone: 'gray', label: 'shell.sync.unknown', refused: null, setAside: 0, clockOffMs: null };
  const setAside = sync.setAside?.count ?? 0;
  const clockOffMs = sync.clockOffsetMs ? -sync.clockOffsetMs : null;
  const extra = { setAside, clockOffMs };
  const refused = !sync.online && sync.refused && sync.refused.code !== 'HUB_ERROR' ? sync.refused.code : null;
  if (refused) return { tone: 'red', label: 'shell.sync.refused', refused, ...(sync.pending > 0 ? { count: sync.pending } : {}), ...extra };
  if (setAside > 0) return { tone: 'red', label: 'shell.sync.setAside', count: setAside, refused: null, ...extra };
  const tone = sync.online ? 'teal' : 'orange';
  if (sync.pending > 0) return { tone, label: 'shell.sync.pending', count: sync.pending, refused: null, ...extra };
  return { tone, label: sync.online ? 'shell.sync.online' : 'shell.sync.offline', refused: null, ...extra };
}

/** A clock difference as whole days, hours and minutes (the largest two that are not zero), for "off by …". */
export function skewParts(ms: number): { unit: 'd' | 'h' | 'm'; count: number }[] {
  let minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts = ([['d', days], ['h', hours], ['m', minutes]] as const).filter(([, c]) => c > 0).map(([unit, count]) => ({ unit, count }));
  return parts.length === 0 ? [{ unit: 'm', count: 0 }] : parts.slice(0, 2);
}
