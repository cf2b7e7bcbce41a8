import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Auth, Call, CallAnswer, Change, Hello, Pair, Pull, Push, schemaVersion, MAX_BATCH } from './protocol';

const change = {
  id: '01900000-0000-7000-8000-000000000001', hlc: '001764000000000-0000-A1', device: 'A1',
  table: 'patients', rowId: 'r1', op: 'update', columns: { name: '张三', fee_fen: 1500, birth_date: null }, seq: null,
};

describe('sync protocol', () => {
  it('schema version is the number of SQLite migrations', () => {
    const journal = JSON.parse(readFileSync(new URL('../../db/migrations/sqlite/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
    expect(schemaVersion()).toBe(journal.entries.length);
    expect(schemaVersion()).toBeGreaterThan(0);
  });

  it('accepts a well-formed change and refuses bad clocks, table names, ops and values', () => {
    expect(Change.safeParse(change).success).toBe(true);
    expect(Change.safeParse({ ...change, hlc: '1764000000000-0-A1' }).success).toBe(false);
    expect(Change.safeParse({ ...change, table: 'patients"; DROP TABLE x' }).success).toBe(false);
    expect(Change.safeParse({ ...change, op: 'delete' }).success).toBe(false);
    expect(Change.safeParse({ ...change, columns: { name: { nested: 1 } } }).success).toBe(false);
    expect(Change.safeParse({ ...change, columns: { flag: true } }).success).toBe(false);
    expect(Change.safeParse({ ...change, seq: 0 }).success).toBe(false);
  });

  it('bounds batches and checks hello, pull and pairing fields', () => {
    expect(Push.safeParse({ changes: [] }).success).toBe(false);
    expect(Push.safeParse({ changes: Array.from({ length: MAX_BATCH + 1 }, () => change) }).success).toBe(false);
    expect(Pull.safeParse({ after: -1, limit: 10 }).success).toBe(false);
    expect(Pull.safeParse({ after: 0, limit: MAX_BATCH + 1 }).success).toBe(false);
    expect(Hello.safeParse({ protocol: 1, device: 'A1', credential: null, schemaVersion: 1 }).success).toBe(true);
    expect(Hello.safeParse({ protocol: 1, device: 'A1', schemaVersion: 1 }).success).toBe(false);
    // Pairing sends a SPAKE2 share (a compressed P-256 point), never the code.
    const share = `02${'ab'.repeat(32)}`;
    expect(Pair.safeParse({ protocol: 2, device: 'A1', share }).success).toBe(true);
    expect(Pair.safeParse({ protocol: 2, device: 'a1', share }).success).toBe(false);
    expect(Pair.safeParse({ protocol: 2, device: 'A1', share: share.slice(2) }).success).toBe(false);
    expect(Pair.safeParse({ protocol: 2, device: 'A1', code: '123456' }).success).toBe(false);
  });

  it('carries a waiting-changes count in hello and push (optional, never negative)', () => {
    const hello = { protocol: 1, device: 'A1', credential: null, schemaVersion: 1 };
    expect(Hello.safeParse({ ...hello, pending: 12 }).success).toBe(true);
    expect(Hello.safeParse({ ...hello, pending: -1 }).success).toBe(false);
    expect(Push.safeParse({ changes: [change], pending: 0 }).success).toBe(true);
    expect(Push.safeParse({ changes: [change], pending: 1.5 }).success).toBe(false);
  });

  it('checks a forwarded call and its answer: a Result with a known error code', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    expect(Call.safeParse({ procedure: 'org.departments', input: {}, token: 'body.sig' })).toMatchObject({ success: true, data: { token: 'body.sig' } });
    expect(Call.safeParse({ procedure: '', input: {}, token: 'body.sig' }).success).toBe(false);
    expect(Call.safeParse({ procedure: 'org.departments', input: {}, token: 'x'.repeat(2001) }).success).toBe(false);
    // A bare account id is no proof: it is dropped, and the hub sees a call without a token.
    const bare = Call.safeParse({ procedure: 'org.departments', input: {}, accountId: id });
    expect(bare.success && bare.data).toEqual({ procedure: 'org.departments', input: {} });
    expect(Auth.safeParse({ username: 'admin', password: 'pw' }).success).toBe(true);
    expect(Auth.safeParse({ username: '', password: 'pw' }).success).toBe(false);
    expect(Auth.safeParse({ username: 'admin', password: 'p'.repeat(257) }).success).toBe(false);
    expect(CallAnswer.safeParse({ ok: true, value: { items: [] } }).success).toBe(true);
    expect(CallAnswer.safeParse({ ok: false, error: { code: 'FORBIDDEN', message: 'no', details: { procedure: 'x' } } }).success).toBe(true);
    expect(CallAnswer.safeParse({ ok: false, error: { code: 'NO_SUCH_CODE', message: 'no' } }).success).toBe(false);
    expect(CallAnswer.safeParse({ ok: 'yes' }).success).toBe(false);
  });
});
