/**
 * Printing a PDF to the workstation's printer through the OS `lp` command (CUPS), or saving it.
 * The PDF goes to lp on standard input. When lp is not installed the result says so
 * (`LP_MISSING`), so the UI can offer "save as PDF" instead. (Electron's own printing is the
 * shell's business.)
 */
import { spawn } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../domain/errors';

export interface PrintOptions {
  /** CUPS destination (lp -d); the system default printer when absent. */
  printer?: string;
  /** Number of copies (lp -n), 1–99. */
  copies?: number;
  /** Job title shown in the print queue (lp -t). */
  title?: string;
  /** The lp executable (default "lp" on the PATH). */
  command?: string;
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

export type PrintErrorCode = 'LP_MISSING' | 'LP_FAILED' | 'LP_TIMEOUT';

export type PrintResult =
  | { ok: true; jobId: string | null; output: string }
  | { ok: false; error: { code: PrintErrorCode; message: string; details: Record<string, unknown> } };

function checkPdf(buffer: Uint8Array): void {
  if (!(buffer instanceof Uint8Array) || buffer.length < 8 || Buffer.from(buffer.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new DomainError('VALIDATION', 'not a PDF document', { field: 'buffer' });
  }
}

/** Send a PDF to the printer with lp; never throws for printer trouble, only for bad input. */
export function printPdf(buffer: Uint8Array, opts: PrintOptions = {}): Promise<PrintResult> {
  checkPdf(buffer);
  const copies = opts.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
    throw new DomainError('VALIDATION', 'copies must be a whole number from 1 to 99', { field: 'copies' });
  }
  if (opts.printer !== undefined && !/^[^\s/#]{1,127}$/.test(opts.printer)) {
    throw new DomainError('VALIDATION', 'bad printer name', { field: 'printer' });
  }
  const args: string[] = [];
  if (opts.printer) args.push('-d', opts.printer);
  args.push('-n', String(copies));
  if (opts.title) args.push('-t', opts.title.slice(0, 200));
  const command = opts.command ?? 'lp';
  const fail = (code: PrintErrorCode, message: string, details: Record<string, unknown>): PrintResult => ({
    ok: false,
    error: { code, message, details: { command, ...details } },
  });

  return new Promise((done) => {
    let settled = false;
    const finish = (r: PrintResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        done(r);
      }
    };
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      finish(fail('LP_TIMEOUT', 'the print command did not answer in time', { timeoutMs: opts.timeoutMs ?? 30_000 }));
    }, opts.timeoutMs ?? 30_000);
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') finish(fail('LP_MISSING', 'no lp command on this workstation (install CUPS), save the PDF instead', {}));
      else finish(fail('LP_FAILED', e.message, { errno: e.code }));
    });
    child.on('close', (code) => {
      if (code === 0) {
        const m = /request id is (\S+)/.exec(out);
        finish({ ok: true, jobId: m?.[1] ?? null, output: out.trim() });
      } else {
        finish(fail('LP_FAILED', err.trim() || `lp exited with ${code}`, { exitCode: code, stderr: err.trim() }));
      }
    });
    // lp may exit before reading everything (e.g. unknown printer): ignore EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(Buffer.from(buffer));
  });
}

/** Write the PDF to `path` (folders made as needed; written whole or not at all). */
export async function savePdf(buffer: Uint8Array, path: string): Promise<string> {
  checkPdf(buffer);
  if (!path || !path.trim()) throw new DomainError('VALIDATION', 'no file name', { field: 'path' });
  const target = resolve(path);
  const tmp = `${target}.${process.pid}.${Date.now()}.part`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(tmp, buffer);
    await rename(tmp, target);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new DomainError('INTERNAL', `could not save the PDF: ${err.message}`, { field: 'path', path: target, errno: err.code });
  }
  return target;
}
