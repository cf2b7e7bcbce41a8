/**
 * The patient app served on the hub's patient port (real hub, real HTTPS on loopback): its page
 * with the patient app's strict Content-Security-Policy, app routes answered with the page, the
 * API still only the portal procedures, nothing outside the app's folder, nothing of the staff
 * side; and a port whose app is not built serves the API alone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubTemplate } from '../../sync/hooks.testing';
import { mobile, PATIENT_PASSWORD, phoneOf, residentId, startPortalHub } from './portal.testing';
import { PATIENT_CONTENT_SECURITY_POLICY } from './server';

const template = hubTemplate();
const PAGE = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body>patient app page</body></html>';
let dir: string;
let t: Awaited<ReturnType<typeof startPortalHub>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinic-patient-static-'));
  const app = join(dir, 'app');
  mkdirSync(join(app, 'assets'), { recursive: true });
  writeFileSync(join(app, 'index.html'), PAGE);
  writeFileSync(join(app, 'assets', 'app.js'), 'console.log("patient");');
  writeFileSync(join(dir, 'secret.txt'), 'outside the app folder');
  t = await startPortalHub(template(), 'hub', app);
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the patient app on the patient port', () => {
  it('serves its page with a Content-Security-Policy that allows only this origin and no inline code', async () => {
    const res = await phoneOf(t).raw('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toBe(PAGE);
    const csp = res.headers['content-security-policy'];
    expect(csp).toBe(PATIENT_CONTENT_SECURITY_POLICY);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('blob:');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const script = await phoneOf(t).raw('/assets/app.js');
    expect(script).toMatchObject({ status: 200, body: 'console.log("patient");' });
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it("answers the app's routes with its page, and a missing asset with 404", async () => {
    expect((await phoneOf(t).raw('/bookings')).body).toBe(PAGE);
    expect((await phoneOf(t).raw('/assets/missing.js')).status).toBe(404);
  });

  it('serves nothing outside the app folder, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00index.html']) {
      const res = await phoneOf(t).raw(path);
      expect(res.body, path).not.toContain('outside the app folder');
    }
  });

  it('keeps the API to the portal procedures beside the page, and the staff side away', async () => {
    const phone = phoneOf(t);
    const opened = await phone.call('portal.register', { phone: mobile(300), password: PATIENT_PASSWORD, name: '王小明', idNumber: residentId(300) });
    expect(opened).toMatchObject({ ok: true });
    expect(await phone.call('portal.me', {})).toMatchObject({ ok: true, value: { members: [expect.objectContaining({ name: '王小明', self: true })] } });
    const getApi = await phone.raw('/api/portal.me');
    expect(getApi.status).toBe(405);
    expect(getApi.body).not.toBe(PAGE);
    for (const path of ['/api/accounts.login', '/socket.io/?EIO=4&transport=polling', '/ws']) {
      const res = await phone.raw(path, { method: path.startsWith('/api') ? 'POST' : 'GET', headers: { 'Content-Type': 'application/json' }, body: path.startsWith('/api') ? '{}' : undefined });
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.body), path).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    }
  });

  it('refuses to write through the page server (POST to a page)', async () => {
    const res = await phoneOf(t).raw('/index.html', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('a patient port whose app is not built', () => {
  it('serves the API alone', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'clinic-patient-unbuilt-'));
    const hub = await startPortalHub(template(), 'hub', empty);
    try {
      const phone = phoneOf(hub);
      const page = await phone.raw('/');
      expect(page.status).toBe(404);
      expect(JSON.parse(page.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
      expect(await phone.call('portal.catalog', {})).toMatchObject({ ok: true });
    } finally {
      await hub.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
