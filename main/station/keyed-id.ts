/**
 * Ids of rows that are unique on a natural key (DESIGN.md "Offline-first data and sync"): the id
 * is a UUIDv5 (RFC 9562 §5.5, SHA-1) of the table and the key, so two desks that write the row
 * while apart make the same row, and the merge joins their columns instead of a unique index
 * refusing one of them at every other replica. Node-only (node:crypto), like the Writer.
 *
 *   medical_records   one per visit          keyedId('medical_records', visitId)
 *   payments          one per idempotency key (a retried payment at two desks is one payment)
 *   refunds           one per idempotency key and part
 */
import { createHash } from 'node:crypto';

/** The namespace of Clinic desk's keyed ids (a fixed random UUID; never change it). */
const NAMESPACE = Buffer.from('6f1c2a9e4b7d4c1a9e3f5d2b8a7c6e10', 'hex');

export function keyedId(table: string, key: string): string {
  const digest = createHash('sha1').update(NAMESPACE).update(`${table}\u0000${key}`, 'utf8').digest();
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
