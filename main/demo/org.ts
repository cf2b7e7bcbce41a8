/** Settings, departments, rooms, staff, accounts, observation rooms and beds; then the rosters. */
import { accounts, beds, departments, dictionaryEntries, rooms, rosterSessions, staff, wards } from '../../db/schema';
import { addDays, dayOfWeek } from '../domain/dates';
import { DICTIONARY_KINDS, type Role, type SessionPeriod } from '../domain/enums';
import { STANDARD_DICTIONARY } from '../domain/dictionary-standard';
import { pinyinKeys } from '../domain/pinyin';
import { hashPassword, type ScryptParams } from '../station/password';
import type { GenContext } from './context';
import { CLINIC, DEMO_PASSWORD, DEPARTMENTS, DOCTORS, OTHER_STAFF, WARDS, type DoctorSpec } from './data/org';

/** scrypt for demo accounts: N = 2^14 (~20 ms a log-in here), half the production cost. */
export const DEMO_SCRYPT: ScryptParams = { N: 1 << 14, r: 8, p: 1 };

export interface DoctorRef {
  staffId: string;
  accountId: string;
  spec: DoctorSpec;
  deptId: string;
  roomId: string;
  /** Device code of the doctor's consult-room workstation (prescription numbers). */
  device: string;
  feeFen: number;
}

export interface AccountRef {
  id: string;
  staffId: string;
  username: string;
  roles: Role[];
}

export interface Org {
  deptIds: Map<string, string>;
  doctors: DoctorRef[];
  accounts: AccountRef[];
  byRole: (role: Role) => AccountRef[];
  beds: { id: string; wardId: string; deptCode: string }[];
}

export function generateOrg(ctx: GenContext): Org {
  const { sink } = ctx;
  const t0 = ctx.at(addDays(ctx.historyStart, -30), 9 * 60);
  const stamp = { createdAt: t0, updatedAt: t0 };
  const saltRng = ctx.rng.fork('salts');

  for (const [key, value] of Object.entries(CLINIC)) sink.setSetting(key, value);

  const deptIds = new Map<string, string>();
  const roomIds = new Map<string, string[]>();
  for (const d of DEPARTMENTS) {
    const id = sink.insert(departments, { id: ctx.id(t0), code: d.code, name: d.name, nameEn: d.nameEn, ...stamp });
    deptIds.set(d.code, id);
    roomIds.set(d.code, d.rooms.map((name) => sink.insert(rooms, { id: ctx.id(t0), departmentId: id, name, ...stamp })));
  }

  const accountRefs: AccountRef[] = [];
  const addAccount = (username: string, roles: Role[], staffId: string) => {
    const passwordHash = hashPassword(DEMO_PASSWORD, DEMO_SCRYPT, saltRng.bytes(16));
    const id = sink.insert(accounts, { id: ctx.id(t0), username, passwordHash, roles, staffId, ...stamp });
    accountRefs.push({ id, staffId, username, roles });
    return id;
  };

  const roomTurn = new Map<string, number>();
  const doctors: DoctorRef[] = DOCTORS.map((spec, i) => {
    const deptId = deptIds.get(spec.dept)!;
    const staffId = sink.insert(staff, {
      id: ctx.id(t0), name: spec.name, sex: spec.sex, position: 'doctor', title: spec.title, departmentId: deptId,
      specialty: spec.specialty, registrationFeeFen: spec.feeYuan * 100, ...stamp,
    });
    const accountId = addAccount(pinyinKeys(spec.name).full, ['doctor'], staffId);
    const rooms = roomIds.get(spec.dept)!;
    const turn = roomTurn.get(spec.dept) ?? 0;
    roomTurn.set(spec.dept, turn + 1);
    return {
      staffId, accountId, spec, deptId, roomId: rooms[turn % rooms.length]!, device: `K${(i + 1).toString(36).toUpperCase()}`,
      feeFen: spec.feeYuan * 100,
    };
  });

  for (const s of OTHER_STAFF) {
    const staffId = sink.insert(staff, { id: ctx.id(t0), name: s.name, sex: s.sex, position: s.position, departmentId: null, ...stamp });
    if (s.account) addAccount(s.account.username, s.account.roles, staffId);
  }

  const bedRefs: Org['beds'] = [];
  for (const w of WARDS) {
    const wardId = sink.insert(wards, { id: ctx.id(t0), name: w.name, departmentId: deptIds.get(w.dept)!, dailyRateFen: w.dailyRateYuan * 100, ...stamp });
    for (let b = 1; b <= w.beds; b++) {
      bedRefs.push({ id: sink.insert(beds, { id: ctx.id(t0), wardId, label: `${b}床`, ...stamp }), wardId, deptCode: w.dept });
    }
  }

  // The data dictionary's national standard lists, as the admin adds them (issue 16).
  for (const kind of DICTIONARY_KINDS) {
    STANDARD_DICTIONARY[kind].forEach(([code, name, nameEn], i) => {
      sink.insert(dictionaryEntries, { id: ctx.id(t0), kind, code, name, nameEn, sortOrder: (i + 1) * 10, active: true, ...stamp });
    });
  }

  return {
    deptIds, doctors, accounts: accountRefs, beds: bedRefs,
    byRole: (role) => accountRefs.filter((a) => a.roles.includes(role)),
  };
}

export interface RosterSession {
  id: string;
  date: string;
  period: SessionPeriod;
  doctor: DoctorRef;
  capacity: number;
  stopped: boolean;
}

/** Local start and end of a clinic session, minutes after midnight. */
export const PERIOD_HOURS: Record<SessionPeriod, [number, number]> = {
  morning: [8 * 60, 11 * 60 + 30],
  afternoon: [13 * 60 + 30, 17 * 60],
  full_day: [8 * 60, 17 * 60],
};

/**
 * Each doctor's weekly sessions from the first day of history to two weeks ahead. Rosters are
 * published two weeks before; a handful of sessions are stopped (leave, training) with a notice.
 */
export function generateRosters(ctx: GenContext, org: Org, from: string, to: string): RosterSession[] {
  const rng = ctx.rng.fork('rosters');
  const out: RosterSession[] = [];
  const reasons = ['医生外出学习', '医生休假', '参加院内会诊', '临时停诊'];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const dow = dayOfWeek(date);
    const published = Math.min(ctx.at(addDays(date, -14), 10 * 60), ctx.now - 3 * 3_600_000);
    for (const doctor of org.doctors) {
      for (const [day, period] of doctor.spec.week) {
        if (day !== dow) continue;
        const stopped = rng.chance(0.015);
        const stopReason = stopped ? rng.pick(reasons) : null;
        const capacity = doctor.spec.capacity;
        const id = ctx.sink.insert(rosterSessions, {
          id: ctx.id(published), date, period, doctorId: doctor.staffId, departmentId: doctor.deptId, roomId: doctor.roomId,
          capacity, stopped, stopReason, createdAt: published,
          updatedAt: stopped ? Math.min(published + 86_400_000, ctx.now - 3_600_000) : published,
        });
        out.push({ id, date, period, doctor, capacity, stopped });
      }
    }
  }
  return out;
}
