/** The fetch wrapper's shape: the request it sends and the one result shape it answers, whatever comes back. */
import { describe, expect, it } from 'vitest';
import { call, CallError, callResult, type Fetcher } from './api';

function answering(status: number, body: string, seen: { url?: string; init?: RequestInit } = {}): Fetcher {
  return async (url, init) => {
    seen.url = url;
    seen.init = init;
    return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
  };
}

describe('call', () => {
  it('POSTs JSON to /api/<procedure> on the same origin with the cookie', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const value = await call('portal.login', { phone: '13900000001', password: 'x' }, answering(200, JSON.stringify({ ok: true, value: { phoneMasked: '139****0001', members: [] } }), seen));
    expect(value).toEqual({ phoneMasked: '139****0001', members: [] });
    expect(seen.url).toBe('/api/portal.login');
    expect(seen.init).toMatchObject({ method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(seen.init?.body))).toEqual({ phone: '13900000001', password: 'x' });
  });

  it("throws the hub's structured error", async () => {
    const error = { code: 'BAD_CREDENTIALS', message: 'wrong phone number or password' };
    const thrown = await call('portal.login', { phone: '1', password: 'x' }, answering(401, JSON.stringify({ ok: false, error }))).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(CallError);
    expect((thrown as CallError).error).toEqual(error);
  });

  it('answers HUB_UNREACHABLE for a network failure, a page that is not JSON, or JSON that is not a result', async () => {
    const down: Fetcher = async () => { throw new TypeError('Failed to fetch'); };
    expect(await callResult('portal.me', {}, down)).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(await callResult('portal.me', {}, answering(502, '<html>bad gateway</html>'))).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(await callResult('portal.me', {}, answering(200, '{"ok":"yes"}'))).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(await callResult('portal.me', {}, answering(200, '{"ok":false,"error":"x"}'))).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
  });
});
