/** The visit open in the consult room. */
import { create } from 'zustand';

interface ConsultState {
  visitId: string | null;
  open: (visitId: string | null) => void;
}

export const useConsult = create<ConsultState>((set) => ({
  visitId: null,
  open: (visitId) => set({ visitId }),
}));
