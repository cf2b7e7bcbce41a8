import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('lookup cursors', () => {
  it('round-trips a sort key of its own list', () => {
    const c = encodeCursor('visits', ['2026-11-20', 'abc']);
    expect(decodeCursor('visits', c, ['s', 's'])).toEqual(['2026-11-20', 'abc']);
    expect(decodeCursor('audit', encodeCursor('audit', [1764000000000, 'x']), ['n', 's'])).toEqual([1764000000000, 'x']);
    expect(decodeCursor('visits', null, ['s', 's'])).toBeNull();
  });

  it('refuses a cursor of another list, of another shape, or not one at all', () => {
    const refused = (list: string, c: string, shape: ('s' | 'n')[]) => {
      try {
        decodeCursor(list, c, shape);
        return null;
      } catch (e) {
        return (e as { code: string; details: { field: string; reason: string } });
      }
    };
    expect(refused('audit', encodeCursor('visits', ['a', 'b']), ['s', 's'])).toMatchObject({ code: 'VALIDATION', details: { field: 'cursor', reason: 'other_list' } });
    expect(refused('audit', encodeCursor('audit', ['a', 'b']), ['n', 's'])).toMatchObject({ details: { reason: 'shape' } });
    expect(refused('audit', encodeCursor('audit', [1.5, 'b']), ['n', 's'])).toMatchObject({ details: { reason: 'shape' } });
    expect(refused('audit', encodeCursor('audit', [1]), ['n', 's'])).toMatchObject({ details: { reason: 'shape' } });
    expect(refused('audit', "'; DROP TABLE audit_log; --", ['n', 's'])).toMatchObject({ details: { reason: 'not_base64url' } });
    expect(refused('audit', Buffer.from('{not json').toString('base64url'), ['n', 's'])).toMatchObject({ details: { reason: 'not_json' } });
  });
});
