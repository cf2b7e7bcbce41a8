/**
 * Sessions waiting to be resumed after their page reloaded. A UI that loses its page (the socket
 * dropped, the window navigated) parks its session under the resume ticket the page keeps in
 * sessionStorage; the next page brings the ticket back and takes the session up, as it was (a
 * locked session stays locked). A ticket works once, only from the source that parked it, only
 * while parked (never while a page holds the session), and only for RESUME_GRACE_MS: then the
 * session ends. Tickets are kept by their hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ResumeInput } from '../api/procedures/accounts';
import type { Result } from '../api/contract';
import type { Station } from '../station/station';

/** How long a session whose page went away waits for the reloaded page (a reload takes a few seconds). */
export const RESUME_GRACE_MS = 30_000;

interface Parked { token: string; source: string; until: number; timer: ReturnType<typeof setTimeout> }

const parkedAt = new WeakMap<Station, Map<string, Parked>>();

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');

function parkedOf(station: Station): Map<string, Parked> {
  let m = parkedAt.get(station);
  if (!m) parkedAt.set(station, (m = new Map()));
  return m;
}

export function issueTicket(): string {
  return randomBytes(32).toString('base64url');
}

export function park(station: Station, source: string, ticket: string, token: string, graceMs = RESUME_GRACE_MS): void {
  const parked = parkedOf(station);
  const key = hash(ticket);
  const timer = setTimeout(() => {
    parked.delete(key);
    station.sessions.end(token);
  }, graceMs);
  timer.unref();
  parked.set(key, { token, source, until: station.now() + graceMs, timer });
}

/** The token parked under the input's ticket, taken out of the car park; refused with UNAUTHENTICATED (details.reason) otherwise. */
export function unpark(station: Station, source: string, input: unknown): Result<string> {
  const parsed = ResumeInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'VALIDATION', message: 'expected {ticket}', details: { field: 'ticket', reason: 'malformed' } } };
  }
  const parked = parkedOf(station);
  const key = hash(parsed.data.ticket);
  const p = parked.get(key);
  if (!p) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'nothing to resume: log in', details: { reason: 'resume_unknown' } } };
  if (p.source !== source) {
    return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'this session was held elsewhere: log in', details: { reason: 'resume_other_source' } } };
  }
  parked.delete(key);
  clearTimeout(p.timer);
  // By the station's clock too (the timer may lag behind a suspended machine's wake-up).
  if (station.now() > p.until) station.sessions.end(p.token);
  if (!station.sessions.get(p.token, station.now())) {
    return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'the session has ended: log in', details: { reason: 'resume_ended' } } };
  }
  return { ok: true, value: p.token };
}
