/** The logged-in account as the screens see it: the account view, and ways to replace it or end it. */
import { createContext, useContext } from 'react';
import type { PatientOutput } from '../../main/api/patient-contract';

export type Account = PatientOutput<'portal.me'>;

export interface Session {
  account: Account;
  setAccount: (a: Account) => void;
  /** The hub said the session is over (logged out here or everywhere, or it expired). */
  ended: () => void;
  /** A line for the status area above the screen (a booking made, a booking cancelled), on this screen or the one it goes to. */
  notify: (text: string, goTo?: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in screen');
  return s;
}
