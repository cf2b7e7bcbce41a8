/**
 * The desktop app's printer for its station: the PDF is written to a temp file, opened in a
 * hidden, sandboxed window of its own in-memory session (Chromium's PDF viewer) and printed
 * silently with `webContents.print` to the printer of the setting (printerSetting.ts) or of the
 * request. A failure rejects; `documents.print` then answers PRINTER_ERROR with the PDF, which
 * the desk saves instead.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, session } from 'electron';
import type { Printer } from '../../main/documents/printer';
import type { PrinterSetting } from './printerSetting';

const PRINT_TIMEOUT_MS = 60_000;
/** The viewer lays out its pages after the load; printing at once can give blank sheets. */
const SETTLE_MS = 500;

function printSession() {
  const s = session.fromPartition('clinic-print');
  s.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  return s;
}

export function electronPrinter(setting: () => PrinterSetting): Printer {
  return {
    print: async (pdf, job) => {
      const deviceName = job.printer ?? setting().deviceName;
      const dir = await mkdtemp(join(tmpdir(), 'clinic-print-'));
      const file = join(dir, `${(job.title ?? 'document').replace(/[^\w.-]+/g, '_')}.pdf`);
      const win = new BrowserWindow({
        show: false,
        webPreferences: { session: printSession(), sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
      });
      try {
        await writeFile(file, pdf);
        if (deviceName) {
          const printers = await win.webContents.getPrintersAsync();
          if (!printers.some((p) => p.name === deviceName)) throw new Error(`printer "${deviceName}" is not installed on this computer`);
        }
        await win.loadFile(file);
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        await new Promise<void>((ok, fail) => {
          const timer = setTimeout(() => fail(new Error('the printer did not answer')), PRINT_TIMEOUT_MS);
          win.webContents.print(
            { silent: true, printBackground: true, copies: job.copies ?? 1, ...(deviceName ? { deviceName } : {}) },
            (success, reason) => { clearTimeout(timer); if (success) ok(); else fail(new Error(reason || 'printing failed')); },
          );
        });
        return { ok: true, jobId: null, output: deviceName ?? 'default printer' };
      } finally {
        win.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
