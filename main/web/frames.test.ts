import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseFrame } from './frames';

describe('parseFrame', () => {
  it('reads a call', () => {
    expect(parseFrame('{"id":1,"name":"accounts.me","input":{}}', false)).toEqual({ ok: true, call: { id: 1, name: 'accounts.me', input: {} } });
    expect(parseFrame(Buffer.from('{"id":"a","name":"x"}'), false)).toEqual({ ok: true, call: { id: 'a', name: 'x' } });
  });

  it('refuses binary, oversized, non-JSON and malformed frames with a reason', () => {
    const reason = (r: ReturnType<typeof parseFrame>) => (r.ok ? null : r.error.details?.['reason']);
    expect(reason(parseFrame(Buffer.from('{}'), true))).toBe('binary_frame');
    expect(reason(parseFrame('x'.repeat(MAX_FRAME_BYTES + 1), false))).toBe('frame_too_large');
    expect(reason(parseFrame('{not json', false))).toBe('malformed_json');
    expect(reason(parseFrame('{"id":1}', false))).toBe('malformed_frame');
    expect(reason(parseFrame('null', false))).toBe('malformed_frame');
    expect(reason(parseFrame('{"id":-1,"name":"x"}', false))).toBe('malformed_frame');
  });

  it('keeps the id of a malformed call when it can be read, so the caller can match the answer', () => {
    const r = parseFrame('{"id":7,"name":42}', false);
    expect(r).toMatchObject({ ok: false, id: 7, error: { code: 'VALIDATION' } });
    expect(parseFrame('{"id":{"x":1},"name":42}', false)).toMatchObject({ ok: false, id: null });
  });
});
