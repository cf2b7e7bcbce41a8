/**
 * Where a workstation's printed documents go. A `Printer` takes PDF bytes; the default for plain
 * Node is CUPS' `lp` (print.ts). The Electron shell registers its own implementation for its
 * station; the web host has none to register and downloads the PDF instead.
 */
import { printPdf, type PrintResult } from './print';

export type { PrintResult } from './print';

export interface PrintJobOptions {
  /** Printer name; the system default when absent. */
  printer?: string;
  copies?: number;
  /** Job title shown in the print queue. */
  title?: string;
}

export interface Printer {
  /** Never rejects for printer trouble: the result says what went wrong. */
  print(pdf: Uint8Array, opts: PrintJobOptions): Promise<PrintResult>;
}

/** Printing through `lp` (found on the PATH, or the `command` given). */
export function lpPrinter(opts: { command?: string; timeoutMs?: number } = {}): Printer {
  return {
    print: (pdf, job) =>
      printPdf(pdf, {
        ...(job.printer !== undefined ? { printer: job.printer } : {}),
        ...(job.copies !== undefined ? { copies: job.copies } : {}),
        ...(job.title !== undefined ? { title: job.title } : {}),
        ...(opts.command !== undefined ? { command: opts.command } : {}),
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      }),
  };
}

/** The printer of each station (keyed by any object that stands for it); lp when none was set. */
const registry = new WeakMap<object, Printer>();
const defaultPrinter = lpPrinter();

export function setPrinter(owner: object, printer: Printer | null): void {
  if (printer) registry.set(owner, printer);
  else registry.delete(owner);
}

export function printerFor(owner: object): Printer {
  return registry.get(owner) ?? defaultPrinter;
}
