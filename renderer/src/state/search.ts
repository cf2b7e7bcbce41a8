/** The patient finder, opened from anywhere (Ctrl+K / F2), and the patient it picked. */
import { create } from 'zustand';

interface SearchState {
  opened: boolean;
  selectedPatientId: string | null;
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
  registering: null,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
  select: (id) => set({ selectedPatientId: id, opened: false, registering: null }),
  startRegister: (name) => set({ registering: { name }, opened: false }),
  endRegister: () => set({ registering: null }),
}));
