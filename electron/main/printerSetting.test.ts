import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPrinterSetting } from './printerSetting';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('loadPrinterSetting', () => {
  it('takes the environment first, then printer.json, else the default printer', () => {
    dir = mkdtempSync(join(tmpdir(), 'printer-'));
    expect(loadPrinterSetting(dir, {})).toEqual({});
    writeFileSync(join(dir, 'printer.json'), JSON.stringify({ deviceName: ' HP LaserJet 1020 ' }));
    expect(loadPrinterSetting(dir, {})).toEqual({ deviceName: 'HP LaserJet 1020' });
    expect(loadPrinterSetting(dir, { CLINIC_DESK_PRINTER: 'Receipt80' })).toEqual({ deviceName: 'Receipt80' });
    writeFileSync(join(dir, 'printer.json'), '{broken');
    expect(loadPrinterSetting(dir, {})).toEqual({});
    writeFileSync(join(dir, 'printer.json'), JSON.stringify({ deviceName: 42 }));
    expect(loadPrinterSetting(dir, {})).toEqual({});
  });
});
