/**
 * Which printer this workstation prints to: `CLINIC_DESK_PRINTER`, else `printer.json`
 * (`{"deviceName": "..."}`) in the user-data folder, else the system's default printer.
 * Read at each print, so changing the file needs no restart. No Electron import (tested alone).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PrinterSetting {
  /** The system's name of the printer; absent = the default printer. */
  deviceName?: string;
}

export function loadPrinterSetting(dir: string, env: Record<string, string | undefined> = process.env): PrinterSetting {
  const fromEnv = env['CLINIC_DESK_PRINTER']?.trim();
  if (fromEnv) return { deviceName: fromEnv };
  try {
    const parsed = JSON.parse(readFileSync(join(dir, 'printer.json'), 'utf8')) as { deviceName?: unknown } | null;
    const name = typeof parsed?.deviceName === 'string' ? parsed.deviceName.trim() : '';
    if (name && name.length <= 200) return { deviceName: name };
  } catch {
    // no setting, or an unreadable one: the default printer
  }
  return {};
}
