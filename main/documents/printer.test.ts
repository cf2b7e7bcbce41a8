import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as F from './fixtures';
import { lpPrinter, printerFor, setPrinter, type Printer } from './printer';
import { renderReceipt } from './receipt';

const dir = mkdtempSync(join(tmpdir(), 'clinic-printer-'));
const lp = join(dir, 'lp');
writeFileSync(lp, `#!/bin/sh\nprintf '%s\\n' "$*" > "${dir}/args"\ncat > "${dir}/stdin.pdf"\necho "request id is P-3 (1 file(s))"\n`);
chmodSync(lp, 0o755);

describe('lpPrinter', async () => {
  const pdf = await renderReceipt(F.minimalReceipt(), { lang: 'zh-CN' });

  it('passes printer, copies and title to lp and feeds it the bytes', async () => {
    const r = await lpPrinter({ command: lp }).print(pdf, { printer: 'Front', copies: 3, title: 'receipt-R-2' });
    expect(r).toEqual({ ok: true, jobId: 'P-3', output: 'request id is P-3 (1 file(s))' });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-d Front -n 3 -t receipt-R-2');
    expect(readFileSync(join(dir, 'stdin.pdf')).equals(pdf)).toBe(true);
  });

  it('leaves out what is not given (default printer, one copy)', async () => {
    await lpPrinter({ command: lp }).print(pdf, {});
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-n 1');
  });

  it('says LP_MISSING rather than throwing when lp is not there', async () => {
    const r = await lpPrinter({ command: join(dir, 'none') }).print(pdf, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'LP_MISSING' } });
  });
});

describe('the printer of a station', () => {
  it('is lp until one is set, and lp again once cleared', async () => {
    const station = {};
    const other = {};
    const mine: Printer = { print: async () => ({ ok: true, jobId: 'mine', output: '' }) };
    const lpDefault = printerFor(station);
    expect(printerFor(other)).toBe(lpDefault);
    setPrinter(station, mine);
    expect(printerFor(station)).toBe(mine);
    expect(printerFor(other)).toBe(lpDefault);
    setPrinter(station, null);
    expect(printerFor(station)).toBe(lpDefault);
  });
});
