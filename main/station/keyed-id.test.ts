import { describe, expect, it } from 'vitest';
import { UUID_RE } from '../domain/uuid';
import { keyedId } from './keyed-id';

describe('keyedId', () => {
  it('is a version-5 UUID, the same for the same table and key wherever it is made', () => {
    const a = keyedId('medical_records', '0192f0a0-0000-7000-8000-000000000001');
    expect(a).toMatch(UUID_RE);
    expect(a[14]).toBe('5');
    expect('89ab').toContain(a[19]);
    expect(keyedId('medical_records', '0192f0a0-0000-7000-8000-000000000001')).toBe(a);
  });

  it('differs by table and by key, and a separator keeps table and key apart', () => {
    const ids = new Set([
      keyedId('medical_records', 'k1'), keyedId('medical_records', 'k2'), keyedId('payments', 'k1'),
      keyedId('payments', 'k1x'), keyedId('paymentsk', '1x'),
    ]);
    expect(ids.size).toBe(5);
  });
});
