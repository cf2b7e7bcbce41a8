/** Resume this window's session after a reload (or a dropped socket), from the ticket it kept. */
import { RESUME_CALL, type ResumeOutput, type Result } from '../../../main/api/contract';
import { dropTicket, keepTicket, readTicket } from '../state/resumeTicket';
import { useSession } from '../state/session';
import { transport } from './transport';

/** True when the session is back (locked if it was locked); false when there was none to resume (log in). */
export async function resumeSession(): Promise<boolean> {
  const ticket = readTicket();
  if (!ticket) return false;
  dropTicket(); // a ticket works once
  const r = (await transport().call(RESUME_CALL, { ticket })) as Result<ResumeOutput>;
  if (!r.ok) return false;
  const { token: next, lockedAt, ...me } = r.value;
  keepTicket(next);
  useSession.getState().signIn(me);
  useSession.getState().setLocked(lockedAt !== null);
  return true;
}
