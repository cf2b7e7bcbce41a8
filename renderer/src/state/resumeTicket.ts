/**
 * The resume ticket of this window's session (never the station's token: that stays with the
 * station), kept in sessionStorage so that a reload of this tab or window resumes the session.
 * sessionStorage is per tab and goes with it; a log-out or an ended session drops the ticket.
 */
const KEY = 'clinic-desk.resume';

export function readTicket(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage refused (a locked-down browser): a reload logs out, as before
  }
}

export function keepTicket(ticket: string): void {
  try {
    if (ticket) sessionStorage.setItem(KEY, ticket);
  } catch {
    // storage refused: nothing to resume after a reload
  }
}

export function dropTicket(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
