/**
 * Numbers people read, handed out offline: a device code plus that device's own sequence.
 * (The queue number a patient hears is per doctor and day instead: main/domain/queue-numbers.ts.)
 *
 *   record number      A1-0000123            recordNo('A1', 123)
 *   receipt            R20261122-A1-0007     receiptNo('A1', '2026-11-22', 7)
 *   refund             RF20261122-A1-0003    refundNo('A1', '2026-11-22', 3)
 *   prescription       P20261122-A1-0012     prescriptionNo('A1', '2026-11-22', 12)
 *   day close          D20261122-A1-01       dayCloseNo('A1', '2026-11-22', 1)
 *
 * Why two devices can never collide: a device code is 1–3 characters of [A-Z0-9] and never
 * contains '-', and in every format it is immediately followed by '-'. So "code + '-'" is a
 * prefix code — 'A-' is not a prefix of 'A1-' — and the code can be read back unambiguously
 * from any number (the dated formats start with a fixed-width kind + date, then the code).
 * Within a device, the sequence is decimal, zero-padded to a minimum width and never
 * truncated, which is injective (numbers ≥ 10^width have no leading zero). So distinct
 * (device, date, seq) give distinct strings. Uniqueness holds per kind of number; the hub,
 * if it allocates numbers, must use a device code of its own.
 */
import { DomainError } from './errors';
import { parseIsoDate } from './dates';

const DEVICE_RE = /^[A-Z][A-Z0-9]{0,2}$/;

/** 1–3 characters of [A-Z0-9], starting with a letter: 'A', 'A1', 'RX9'. */
export function isDeviceCode(s: unknown): s is string {
  return typeof s === 'string' && DEVICE_RE.test(s);
}

function device(code: string): string {
  if (!isDeviceCode(code)) {
    throw new DomainError('VALIDATION', 'device code must be 1–3 of A–Z/0–9, starting with a letter', {
      field: 'device',
      value: code,
    });
  }
  return code;
}

/** Sequences start at 1. */
function seq(n: number, width: number): string {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new DomainError('VALIDATION', 'sequence must be a whole number ≥ 1', { field: 'seq', value: n });
  }
  return String(n).padStart(width, '0');
}

function compactDate(isoDate: string): string {
  parseIsoDate(isoDate, 'localIsoDate');
  return isoDate.replaceAll('-', '');
}

function dated(kind: string, dev: string, localIsoDate: string, n: number, width: number): string {
  return `${kind}${compactDate(localIsoDate)}-${device(dev)}-${seq(n, width)}`;
}

/** Medical record number, e.g. 'A1-0000123'. */
export function recordNo(dev: string, n: number): string {
  return `${device(dev)}-${seq(n, 7)}`;
}

/** Reads a record number back ('a1-123' is accepted; spaces trimmed); null if not one. */
export function parseRecordNo(s: string): { device: string; seq: number } | null {
  const m = /^([A-Z][A-Z0-9]{0,2})-(\d{1,16})$/.exec(s.trim().toUpperCase());
  if (!m) return null;
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n >= 1 ? { device: m[1]!, seq: n } : null;
}

/** Receipt number, e.g. 'R20261122-A1-0007' (date = the clinic's local date). */
export function receiptNo(dev: string, localIsoDate: string, n: number): string {
  return dated('R', dev, localIsoDate, n, 4);
}

/** Refund number, e.g. 'RF20261122-A1-0003'. */
export function refundNo(dev: string, localIsoDate: string, n: number): string {
  return dated('RF', dev, localIsoDate, n, 4);
}

/** Prescription number, e.g. 'P20261122-A1-0012'. */
export function prescriptionNo(dev: string, localIsoDate: string, n: number): string {
  return dated('P', dev, localIsoDate, n, 4);
}

/** Close-of-day report number, e.g. 'D20261122-A1-01' (a cashier may close more than once). */
export function dayCloseNo(dev: string, localIsoDate: string, n: number): string {
  return dated('D', dev, localIsoDate, n, 2);
}

/**
 * The device code a number of any of the formats above was handed out by; null when the text is
 * none of them. The hub checks with it that a desk pushes only numbers of its own sequences.
 */
export function deviceOfNumber(s: string): string | null {
  const m = /^(?:(?:R|RF|P|D)\d{8}-)?([A-Z][A-Z0-9]{0,2})-\d{1,16}$/.exec(s);
  return m ? m[1]! : null;
}
