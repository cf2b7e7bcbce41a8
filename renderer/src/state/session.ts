/** Who is logged in at this window, and whether the session is locked. */
import { create } from 'zustand';
import type { Output, Role, SessionEndReason } from '../../../main/api/contract';
import { dropTicket } from './resumeTicket';

export type Me = Omit<Output<'accounts.login'>, 'token'>;

interface SessionState {
  me: Me | null;
  locked: boolean;
  /** Why the station ended the last session (shown on the log-in screen); null after a log-out or log-in. */
  ended: SessionEndReason | null;
  signIn: (me: Me) => void;
  signOut: (ended?: SessionEndReason) => void;
  setLocked: (locked: boolean) => void;
}

export const useSession = create<SessionState>((set) => ({
  me: null,
  locked: false,
  ended: null,
  signIn: (me) => set({ me, locked: false, ended: null }),
  signOut: (ended) => {
    dropTicket(); // logged out or ended: a reload does not bring the session back
    set({ me: null, locked: false, ended: ended ?? null });
  },
  setLocked: (locked) => set({ locked }),
}));

export function hasRole(me: Me | null, ...roles: Role[]): boolean {
  return !!me && roles.some((r) => me.roles.includes(r));
}
