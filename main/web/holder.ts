/**
 * One UI's hold on a station session, whatever the transport (a WebSocket connection, an
 * Electron window). The token stays here, on the Node side: the renderer never sees it. What the
 * renderer keeps instead is a resume ticket (main/web/resume.ts): when its page reloads, the
 * session waits a short while for the new page to bring the ticket back.
 */
import type { EventName, Output, ProcedureName, Result, StationEvents } from '../api/contract';
import { RESUME_CALL } from '../api/contract';
import { dispatch } from '../station/dispatch';
import type { Station } from '../station/station';
import { issueTicket, park, unpark } from './resume';

export interface SessionHolder {
  token: string | null;
  /** Where this UI's calls come in (main/station/context.ts RequestSource): throttles password guesses per source. */
  source: string;
  /** The resume ticket this UI was given for its session (null without a session). */
  ticket: string | null;
  /** Told after each log-in (forwardEvents: the current sync state, which may predate it). */
  onLogin?: () => void;
}

export function newHolder(source: string): SessionHolder {
  return { token: null, source, ticket: null };
}

/** Call a procedure for this holder; log in and log out set and clear the held token; a resume takes up a parked one. */
export async function callFor(station: Station, holder: SessionHolder, name: string, input: unknown): Promise<Result<unknown>> {
  if (name === RESUME_CALL) return resume(station, holder, input);
  const result = await dispatch(station, { token: holder.token, source: holder.source }, name as ProcedureName, input);
  if (!result.ok) return result;
  if (name === 'accounts.login') {
    const info = result.value as Output<'accounts.login'>;
    if (holder.token && holder.token !== info.token) station.sessions.end(holder.token);
    holder.token = info.token;
    holder.ticket = issueTicket();
    // After the answer has gone out: the UI handles its log-in first, then hears the state.
    const told = holder.onLogin;
    if (told) setImmediate(told);
    // The UI gets the resume ticket, never the station's token.
    return { ok: true, value: { ...info, token: holder.ticket } };
  }
  if (name === 'accounts.logout') {
    holder.token = null;
    holder.ticket = null;
  }
  return result;
}

/** Take up the session parked under the ticket (same source, still alive), as it is: a locked one stays locked. */
async function resume(station: Station, holder: SessionHolder, input: unknown): Promise<Result<unknown>> {
  const taken = unpark(station, holder.source, input);
  if (!taken.ok) return taken;
  if (holder.token && holder.token !== taken.value) station.sessions.end(holder.token);
  holder.token = taken.value;
  const me = await dispatch(station, { token: holder.token, source: holder.source }, 'accounts.me', {});
  if (!me.ok) {
    holder.token = null;
    return me;
  }
  holder.ticket = issueTicket();
  const told = holder.onLogin;
  if (told) setImmediate(told);
  return { ok: true, value: { ...me.value, token: holder.ticket } };
}

/** End the held session (the window closed, the socket dropped). */
export function release(station: Station, holder: SessionHolder): void {
  if (holder.token) station.sessions.end(holder.token);
  holder.token = null;
  holder.ticket = null;
}

/**
 * The UI went away (a reload, or the tab closed: the host cannot tell): its session waits under
 * its ticket for the next page to resume it, and ends when nobody does in time.
 */
export function letGo(station: Station, holder: SessionHolder): void {
  if (holder.token && holder.ticket) park(station, holder.source, holder.ticket, holder.token);
  holder.token = null;
  holder.ticket = null;
}

export type EventSink = <E extends EventName>(event: E, payload: StationEvents[E]) => void;

/**
 * Forward station events to one holder: only while it has a session, `session.locked` only
 * when it is this holder's session that locked, and `session.ended` only for this holder's
 * session (the station ended it: the UI goes to the log-in screen). Returns the unsubscribe function.
 */
export function forwardEvents(station: Station, holder: SessionHolder, sink: EventSink): () => void {
  const live = () => holder.token !== null && station.sessions.get(holder.token, station.now()) !== undefined;
  // A desk that logs in after the last sync report still sees the sync state at once.
  holder.onLogin = () => { if (station.syncStatus && live()) sink('sync.status', station.syncStatus); };
  const offs = [
    station.on('data.changed', (p) => { if (live()) sink('data.changed', p); }),
    station.on('notice', (p) => { if (live()) sink('notice', p); }),
    station.on('sync.status', (p) => { if (live()) sink('sync.status', p); }),
    station.on('session.locked', (p) => {
      const s = holder.token ? station.sessions.get(holder.token, station.now()) : undefined;
      if (s && s.lockedAt !== null) sink('session.locked', p);
    }),
    station.sessions.onEnd((token, end) => {
      if (token !== holder.token) return;
      holder.token = null;
      holder.ticket = null;
      sink('session.ended', { at: end.at, code: end.code, reason: end.reason });
    }),
  ];
  return () => {
    holder.onLogin = undefined;
    for (const off of offs) off();
  };
}
