/** What the station tells every screen: notices, the sync state, the link to the station. */
import { create } from 'zustand';
import type { StationEvents } from '../../../main/api/contract';
import type { ConnectionState } from '../api/transport';

export type Notice = StationEvents['notice'] & { read: boolean };

interface StationState {
  notices: Notice[];
  sync: StationEvents['sync.status'] | null;
  connection: ConnectionState;
  addNotice: (n: StationEvents['notice']) => void;
  markRead: () => void;
  setSync: (s: StationEvents['sync.status']) => void;
  setConnection: (c: ConnectionState) => void;
}

export const useStation = create<StationState>((set) => ({
  notices: [],
  sync: null,
  connection: 'connecting',
  addNotice: (n) => set((s) => ({ notices: [{ ...n, read: false }, ...s.notices.filter((x) => x.id !== n.id)].slice(0, 50) })),
  markRead: () => set((s) => ({ notices: s.notices.map((n) => ({ ...n, read: true })) })),
  setSync: (sync) => set({ sync }),
  setConnection: (connection) => set({ connection }),
}));
