/** Who is logged in at this window, and whether the session is locked. */
import { create } from 'zustand';
import type { Output, Role } from '../../../main/api/contract';

export type Me = Omit<Output<'accounts.login'>, 'token'>;

interface SessionState {
  me: Me | null;
  locked: boolean;
  signIn: (me: Me) => void;
  signOut: () => void;
  setLocked: (locked: boolean) => void;
}

export const useSession = create<SessionState>((set) => ({
  me: null,
  locked: false,
  signIn: (me) => set({ me, locked: false }),
  signOut: () => set({ me: null, locked: false }),
  setLocked: (locked) => set({ locked }),
}));

export function hasRole(me: Me | null, ...roles: Role[]): boolean {
  return !!me && roles.some((r) => me.roles.includes(r));
}
