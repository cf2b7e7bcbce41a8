/**
 * Test helpers for the patient portal: a whole hub (the fixture's clinic at its admin station)
 * with its patient port on loopback over HTTPS with the hub's certificate, and patients' phones
 * that call it over real HTTP with a cookie jar, as a browser does.
 */
import { request } from 'node:https';
import { request as plainRequest, type IncomingHttpHeaders } from 'node:http';
import type { PatientInput, PatientOutput, PatientProcedureName, PatientResult } from '../../api/patient-contract';
import { makeResidentId } from '../../domain/residentId';
import { spelled } from '../../domain/testing';
import { tableChecksums } from '../../station/checksum';
import { withMasterWriter } from '../../station/master';
import { startTestClinicHub, type TestClinicHub } from '../admin.testing';
import { randomBytes } from 'node:crypto';
import { patients } from '../../../db/schema';
import { recordNo } from '../../domain/numbers';
import { PORTAL_COOKIE } from './cookies';
import { writeAtHub } from './hub-writes';
import { PortalStore, secretHash } from './store';

export const PATIENT_PASSWORD = 'patient2026pw';

/** `staticDir`: the built patient app the port serves (null: the API alone); `web`: the hub's web host too (the staff UI, any role with `anyRole`). */
export async function startPortalHub(template: Blob | File, tls: 'hub' | null = 'hub', staticDir: string | null = null, web?: { staticDir: string; anyRole?: boolean }): Promise<TestClinicHub & { portalUrl: string; portal: PortalStore }> {
  const t = await startTestClinicHub(template, { portal: { port: 0, tls, staticDir }, ...(web ? { web } : {}) });
  const server = t.clinic.portal;
  if (!server) throw new Error('no patient port');
  return Object.assign(t, { portalUrl: server.url, portal: new PortalStore(t.store.hubOnly) });
}

export interface RawAnswer { status: number; headers: IncomingHttpHeaders; body: string }

/** One phone: its cookie jar and calls to the patient port. */
export class PatientPhone {
  cookie: string | null = null;
  lastSetCookie: string | null = null;
  constructor(readonly url: string, readonly ca: string) {}

  async raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
    const res = await this.rawBytes(path, opts);
    return { ...res, body: res.body.toString('utf8') };
  }

  /** The answer's body as bytes (a PDF). */
  rawBytes(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Omit<RawAnswer, 'body'> & { body: Buffer }> {
    const u = new URL(path, this.url);
    const headers: Record<string, string> = { ...(this.cookie ? { Cookie: this.cookie } : {}), ...opts.headers };
    const send = u.protocol === 'https:' ? request : plainRequest;
    return new Promise((resolve, reject) => {
      const req = send(u, {
        method: opts.method ?? 'GET', headers, ca: this.ca,
        // The hub's self-signed certificate, pinned by `ca`; its name is not 127.0.0.1.
        checkServerIdentity: () => undefined,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  async call<N extends PatientProcedureName>(name: N, input: PatientInput<N>): Promise<PatientResult<PatientOutput<N>>> {
    const res = await this.raw(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    const set = res.headers['set-cookie']?.[0];
    if (set) {
      this.lastSetCookie = set;
      const value = set.split(';')[0]!;
      this.cookie = /Max-Age=0\b/.test(set) ? null : value;
    }
    return JSON.parse(res.body) as PatientResult<PatientOutput<N>>;
  }

  async ok<N extends PatientProcedureName>(name: N, input: PatientInput<N>): Promise<PatientOutput<N>> {
    const r = await this.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  }
}

export function phoneOf(t: { portalUrl: string; clinic: TestClinicHub['clinic'] }): PatientPhone {
  return new PatientPhone(t.portalUrl, t.clinic.hub.certificate);
}

/** A valid resident ID per `n` (born 1990-01-01 + n days' worth of sequence). */
export function residentId(n: number, sex: 'M' | 'F' = 'M'): string {
  const seq = (n % 500) * 2 + (sex === 'M' ? 1 : 0);
  return makeResidentId('110105', `19${60 + Math.floor(n / 500)}-03-15`, seq, sex);
}

/** A mobile number per `n`. */
export const mobile = (n: number): string => `139${String(n).padStart(8, '0')}`;

/** A patient who opened an account for themselves, logged in on `phone`. */
/** A distinct personal name for patient n: names take no digits (INVALID_NAME), so the number is spelled in characters. */
export const nameOf = (n: number): string => `患者${spelled(n)}`;

export async function registered(t: Parameters<typeof phoneOf>[0], n: number, name = nameOf(n)): Promise<{ phone: PatientPhone; memberId: string }> {
  const phone = phoneOf(t);
  const me = await phone.ok('portal.register', { phone: mobile(n), password: PATIENT_PASSWORD, name, idNumber: residentId(n) });
  return { phone, memberId: me.members[0]!.id };
}

/**
 * Checksums of every table of the hub's admin replica (that nothing was written). `exceptAudit`:
 * leaves out the audit rows of refusals and their change-log entries (a refusal is audited).
 */
export function adminChecksums(t: TestClinicHub, opts: { exceptAudit?: boolean } = {}): Record<string, string> {
  const all = tableChecksums(t.clinic.admin.station.raw);
  if (opts.exceptAudit) for (const k of ['audit_log', 'change_log', 'station_meta']) delete all[k];
  return all;
}

/** Sets clinic settings at the admin station (published like any master data). */
export async function setSettings(t: TestClinicHub, values: Record<string, unknown>): Promise<void> {
  withMasterWriter(t.clinic.admin.station, (w) => {
    for (const [k, v] of Object.entries(values)) w.setSetting(k, v);
  });
  t.clinic.admin.station.reloadSettings();
  await t.clinic.admin.flush();
}

/** The refusals the admin station audited (action 'refuse'). */
export async function refusalRows(t: TestClinicHub): Promise<{ entity: string; procedure: string; entity_id: string; account_id: string; detail: string }[]> {
  await t.clinic.admin.idle();
  return t.clinic.admin.station.raw.prepare("SELECT entity, procedure, entity_id, account_id, detail FROM audit_log WHERE action = 'refuse' ORDER BY at, id").all() as
    { entity: string; procedure: string; entity_id: string; account_id: string; detail: string }[];
}

/**
 * `n` patients, each with an account of their own and a live session, made directly in the hub's
 * tables (no password hashing: for tests of what comes after log-in). Answers their phones and member ids.
 */
export async function patientsWithSessions(t: TestClinicHub & { portalUrl: string; portal: PortalStore }, n: number, from: number): Promise<{ phone: PatientPhone; memberId: string }[]> {
  const ids = await writeAtHub(t.clinic.admin, null, 'test', (w) => Array.from({ length: n }, (_, i) => w.write.insert(patients, {
    recordNo: recordNo(w.device, w.nextSeq('record')), name: `并发${i}`, sex: 'M', pinyinFull: 'bingfa', pinyinInitials: 'bf', insuranceType: 'self_pay',
  })));
  const out: { phone: PatientPhone; memberId: string }[] = [];
  for (const [i, memberId] of ids.entries()) {
    const accountId = crypto.randomUUID();
    await t.portal.createAccount(accountId, mobile(from + i), 'no-password', t.clock.t);
    await t.portal.addMember(accountId, memberId, true, false, t.clock.t);
    const token = randomBytes(32).toString('base64url');
    await t.portal.startSession(secretHash(token), accountId, t.clock.t, t.clock.t + 3_600_000);
    const phone = phoneOf(t);
    phone.cookie = `${PORTAL_COOKIE}=${token}`;
    out.push({ phone, memberId });
  }
  return out;
}
