/** This workstation's printing settings, kept on the machine (localStorage). */
import { create } from 'zustand';
import { RECEIPT_PAPERS, type ReceiptPaper } from './documents';

const KEY = 'clinic-desk.receiptPaper';

function savedPaper(): ReceiptPaper {
  try {
    const v = localStorage.getItem(KEY);
    return (RECEIPT_PAPERS as readonly string[]).includes(v ?? '') ? (v as ReceiptPaper) : 'A5';
  } catch {
    return 'A5';
  }
}

interface PrintSettings {
  /** Receipts and refund slips: A5 sheet or 80 mm roll, as the station's printer takes. */
  receiptPaper: ReceiptPaper;
  setReceiptPaper: (p: ReceiptPaper) => void;
}

export const usePrintSettings = create<PrintSettings>((set) => ({
  receiptPaper: savedPaper(),
  setReceiptPaper: (receiptPaper) => {
    try {
      localStorage.setItem(KEY, receiptPaper);
    } catch {
      // private mode: the choice lasts for this page only
    }
    set({ receiptPaper });
  },
}));
