/**
 * Test fixture: a real station on a real SQLite file in a temp folder, with a small clinic's
 * master data and a clock the test moves by hand. Used by the *.int.test.ts files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Input, Output, ProcedureName, Result } from '../api/contract';
import type { Role } from '../domain/enums';
import { pinyinKeys } from '../domain/pinyin';
import {
  accounts, beds, departments, drugs, examItems, rooms, rosterSessions, staff, stockBatches, stockMovements, wards,
} from '../../db/schema';
import { dispatch, dispatchSync, type Caller } from './dispatch';
import { withMasterWriter } from './master';
import { hashPassword } from './password';
import { Station } from './station';
import { TEST_STATION_KEY } from './keys.testing';
import type { HubHandlers } from './handler';

/** Cheap scrypt for tests only (the stored hash carries its parameters). */
export const TEST_SCRYPT = { N: 1 << 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'desk2026pw';
/** 2026-11-23 09:00 in Asia/Shanghai. */
export const TEST_START = Date.parse('2026-11-23T01:00:00Z');
export const TODAY = '2026-11-23';
export const TOMORROW = '2026-11-24';

export interface Fixture {
  station: Station;
  dir: string;
  clock: { t: number };
  ids: ReturnType<typeof seedClinic>;
  /** A session as the account with this role, without its password (logInAs); returns a caller for dispatch. */
  login: (username: keyof FixtureUsers) => { token: string };
  call: <N extends ProcedureName>(token: { token: string | null }, name: N, input: Input<N>) => Result<Output<N>>;
  /** Through the async dispatch, as the transports call: for procedures with a pre-step (log-in, unlock, password change). */
  callAsync: <N extends ProcedureName>(caller: Caller, name: N, input: Input<N>) => Promise<Result<Output<N>>>;
  /** Like call, but throws when the answer is an error. */
  ok: <N extends ProcedureName>(token: { token: string | null }, name: N, input: Input<N>) => Output<N>;
  advance: (ms: number) => void;
  close: () => void;
}

export const FIXTURE_USERS = {
  reception: ['receptionist'],
  doctor: ['doctor'],
  doctor2: ['doctor'],
  cashier: ['cashier'],
  pharmacist: ['pharmacist'],
  admin: ['admin'],
  frontcash: ['receptionist', 'cashier'],
} satisfies Record<string, Role[]>;
export type FixtureUsers = typeof FIXTURE_USERS;

export function createFixture(opts: { device?: string; file?: string; hubHandlers?: HubHandlers } = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-desk-'));
  const clock = { t: TEST_START };
  const station = new Station({ key: TEST_STATION_KEY, file: opts.file ?? join(dir, 'station.sqlite'), device: opts.device ?? 'A1', now: () => clock.t, allowMasterData: true, ...(opts.hubHandlers ? { hubHandlers: opts.hubHandlers } : {}) });
  const ids = seedClinic(station);
  const call: Fixture['call'] = (caller, name, input) => dispatchSync(station, caller, name, input);
  return {
    station, dir, clock, ids, call,
    callAsync: (caller, name, input) => dispatch(station, caller, name, input),
    ok: (caller, name, input) => {
      const r = call(caller, name, input);
      if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    login: (username) => logInAs(station, username),
    advance: (ms) => { clock.t += ms; },
    close: () => { station.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/**
 * A session for an active account without typing its password, for tests that are not about
 * log-in (log-in checks the password off the event loop, so it needs the async dispatch; see
 * Fixture.callAsync). Opens the session as a successful log-in would.
 */
export function logInAs(station: Station, username: string): { token: string } {
  const row = station.db.select({ a: accounts, staffName: staff.name }).from(accounts)
    .leftJoin(staff, eq(staff.id, accounts.staffId)).where(eq(accounts.username, username)).get();
  if (!row || !row.a.active) throw new Error(`no active account ${username}`);
  const s = station.sessions.create({
    id: row.a.id, username: row.a.username, displayName: row.staffName ?? row.a.username, roles: row.a.roles, staffId: row.a.staffId,
  }, station.now());
  return { token: s.token };
}

/** A small clinic: two departments, two doctors with sessions today and tomorrow, drugs with stock, exams, beds. */
export function seedClinic(station: Station) {
  return withMasterWriter(station, (w) => {
    for (const [key, value] of Object.entries({ clinicName: '康宁诊所', clinicNameEn: 'Kangning Clinic', timeZone: 'Asia/Shanghai' })) {
      w.setSetting(key, value);
    }
    const internal = w.insert(departments, { code: 'NK', name: '内科', nameEn: 'Internal Medicine' });
    const paeds = w.insert(departments, { code: 'EK', name: '儿科', nameEn: 'Paediatrics' });
    const room1 = w.insert(rooms, { departmentId: internal, name: '诊室1' });
    const room2 = w.insert(rooms, { departmentId: paeds, name: '诊室2' });
    const person = (name: string, position: (typeof staff.$inferInsert)['position'], departmentId: string | null, fee = 0) =>
      w.insert(staff, { name, sex: 'F', position, departmentId, title: position === 'doctor' ? '主治医师' : '', registrationFeeFen: fee });
    const staffIds = {
      reception: person('王芳', 'receptionist', null),
      doctor: person('李明', 'doctor', internal, 1500),
      doctor2: person('赵丽', 'doctor', paeds, 2000),
      cashier: person('陈静', 'cashier', null),
      pharmacist: person('刘洋', 'pharmacist', null),
      admin: person('周强', 'admin', null),
      frontcash: person('孙梅', 'receptionist', null),
    };
    const accountIds = {} as Record<keyof FixtureUsers, string>;
    for (const [username, roles] of Object.entries(FIXTURE_USERS) as [keyof FixtureUsers, Role[]][]) {
      accountIds[username] = w.insert(accounts, {
        username, passwordHash: hashPassword(TEST_PASSWORD, TEST_SCRYPT), roles, staffId: staffIds[username],
      });
    }
    const session = (date: string, period: 'morning' | 'afternoon' | 'full_day', doctorId: string, departmentId: string, roomId: string, capacity: number) =>
      w.insert(rosterSessions, { date, period, doctorId, departmentId, roomId, capacity });
    const sessions = {
      todayMorning: session(TODAY, 'morning', staffIds.doctor, internal, room1, 3),
      todayAfternoon: session(TODAY, 'afternoon', staffIds.doctor, internal, room1, 20),
      todayPaeds: session(TODAY, 'full_day', staffIds.doctor2, paeds, room2, 20),
      tomorrow: session(TOMORROW, 'morning', staffIds.doctor, internal, room1, 2),
    };
    const drug = (code: string, name: string, spec: string, unit: string, doseUnit: string, dosesPerUnit: number, priceFen: number) =>
      w.insert(drugs, {
        code, name, nameEn: '', spec, form: 'tablet', unit, doseUnit, dosesPerUnit, priceFen, insuranceClass: 'A',
        pinyinInitials: pinyinKeys(name).initials,
      });
    const drugIds = {
      amoxicillin: drug('D001', '阿莫西林胶囊', '0.25g×24粒', '盒', '粒', 24, 1850),
      ibuprofen: drug('D002', '布洛芬缓释胶囊', '0.3g×20粒', '盒', '粒', 20, 2200),
      noStock: drug('D003', '头孢克洛胶囊', '0.25g×12粒', '盒', '粒', 12, 3600),
    };
    const batch = (drugId: string, batchNo: string, expiryDate: string, quantity: number) => {
      const batchId = w.insert(stockBatches, { drugId, batchNo, expiryDate, costFen: 1000 });
      w.insert(stockMovements, { drugId, batchId, kind: 'receive', quantity, byAccount: accountIds.pharmacist, createdAt: station.now() });
      return batchId;
    };
    const batches = {
      amoxLate: batch(drugIds.amoxicillin, 'AMX-2', '2028-06-30', 50),
      amoxEarly: batch(drugIds.amoxicillin, 'AMX-1', '2027-03-31', 5),
      ibuprofen: batch(drugIds.ibuprofen, 'IBU-1', '2027-12-31', 100),
    };
    const exams = {
      bloodRoutine: w.insert(examItems, { code: 'E001', name: '血常规', nameEn: 'Complete blood count', category: 'lab', priceFen: 2500 }),
      chestXray: w.insert(examItems, { code: 'E002', name: '胸部X线', nameEn: 'Chest X-ray', category: 'imaging', priceFen: 8000 }),
    };
    const ward = w.insert(wards, { name: '观察室', departmentId: internal, dailyRateFen: 5000 });
    const bedIds = { bed1: w.insert(beds, { wardId: ward, label: '1床' }), bed2: w.insert(beds, { wardId: ward, label: '2床' }) };
    return { departments: { internal, paeds }, rooms: { room1, room2 }, staff: staffIds, accounts: accountIds, sessions, drugs: drugIds, batches, exams, ward, beds: bedIds };
  });
}
