import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import * as F from './fixtures';
import { renderReceipt } from './receipt';
import { printPdf, savePdf } from './print';

const dir = mkdtempSync(join(tmpdir(), 'clinic-print-'));
/** A stand-in for CUPS' lp: records its arguments and the bytes it was fed. */
function fakeLp(exitCode = 0): string {
  const path = join(dir, `lp-${exitCode}`);
  writeFileSync(
    path,
    `#!/bin/sh\necho "$@" > "${dir}/args"\ncat > "${dir}/stdin.pdf"\n` +
      (exitCode === 0 ? `echo "request id is Office-42 (1 file(s))"\n` : `echo "lp: The printer or class does not exist." >&2\n`) +
      `exit ${exitCode}\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe('printPdf', async () => {
  const pdf = await renderReceipt(F.receipt(), { lang: 'zh-CN', paper: 'roll80' });

  it('feeds the PDF to lp on stdin with printer and copies', async () => {
    const r = await printPdf(pdf, { command: fakeLp(), printer: 'Office', copies: 2, title: 'Receipt R-1' });
    expect(r).toEqual({ ok: true, jobId: 'Office-42', output: 'request id is Office-42 (1 file(s))' });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-d Office -n 2 -t Receipt R-1');
    expect(readFileSync(join(dir, 'stdin.pdf')).equals(pdf)).toBe(true);
  });

  it('returns LP_MISSING when there is no lp', async () => {
    const r = await printPdf(pdf, { command: join(dir, 'no-such-lp') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('LP_MISSING');
  });

  it('returns LP_FAILED with lp’s message when lp refuses', async () => {
    const r = await printPdf(pdf, { command: fakeLp(1), printer: 'Nowhere' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('LP_FAILED');
      expect(r.error.message).toContain('does not exist');
      expect(r.error.details.exitCode).toBe(1);
    }
  });

  it('refuses bad input', async () => {
    expect(() => printPdf(Buffer.from('hello world'))).toThrow(DomainError);
    expect(() => printPdf(pdf, { copies: 0 })).toThrow(expect.objectContaining({ code: 'VALIDATION', details: { field: 'copies' } }));
    expect(() => printPdf(pdf, { printer: 'a b' })).toThrow(expect.objectContaining({ details: { field: 'printer' } }));
  });
});

describe('savePdf', () => {
  it('writes the PDF, making folders', async () => {
    const pdf = await renderReceipt(F.minimalReceipt(), { lang: 'en' });
    const target = join(dir, 'out', 'deep', 'r.pdf');
    expect(await savePdf(pdf, target)).toBe(target);
    expect(readFileSync(target).equals(pdf)).toBe(true);
    await expect(savePdf(Buffer.from('x'), join(dir, 'bad.pdf'))).rejects.toBeInstanceOf(DomainError);
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
  });
});
