/** The visit open at the billing window. */
import { create } from 'zustand';

export const useBilling = create<{ visitId: string | null; open: (id: string | null) => void }>((set) => ({
  visitId: null,
  open: (visitId) => set({ visitId }),
}));
