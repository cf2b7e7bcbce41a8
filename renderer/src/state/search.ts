/** The patient finder, opened from anywhere (Ctrl+K / F2), and the patient it picked. */
import { create } from 'zustand';

interface SearchState {
  opened: boolean;
  selectedPatientId: string | null;
  /** Counts the picks, so the chosen patient's panel puts focus on its next action after each (also a repeat of the same patient). */
  picks: number;
  /** The registration form is open, with this name typed in the finder. */
  registering: { name: string } | null;
  open: () => void;
  close: () => void;
  select: (id: string | null) => void;
  startRegister: (name: string) => void;
  endRegister: () => void;
}

export const usePatientSearch = create<SearchState>((set) => ({
  opened: false,
  selectedPatientId: null,
  picks: 0,
  registering: null,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
  select: (id) => set((s) => ({ selectedPatientId: id, picks: s.picks + 1, opened: false, registering: null })),
  startRegister: (name) => set({ registering: { name }, opened: false }),
  endRegister: () => set({ registering: null }),
}));
