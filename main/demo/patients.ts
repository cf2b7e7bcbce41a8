/**
 * Patients: a name that fits the sex and birth decade, a resident ID number that agrees with
 * both, a phone (a child's is a parent's), insurance, sometimes allergies, and the pinyin keys
 * the search uses. Used by both the normal and the large demo.
 */
import { fromEpochDay, toEpochDay } from '../domain/dates';
import type { InsuranceType } from '../domain/enums';
import { recordNo } from '../domain/numbers';
import { pinyinKeys, type PinyinKeys } from '../domain/pinyin';
import { makeResidentId, type IdSex } from '../domain/residentId';
import { drawGivenName, drawSurname } from './names';
import { drawAddress, drawBirthRegion, drawLandline, drawMobile, reversePhone } from './places';
import { Rng, Weighted } from './random';

export interface PatientRow {
  id: string;
  recordNo: string;
  name: string;
  sex: IdSex;
  birthDate: string;
  idNumber: string | null;
  phone: string | null;
  phoneRev: string | null;
  address: string | null;
  insuranceType: InsuranceType;
  insuranceNo: string | null;
  allergies: string | null;
  emergencyName: string | null;
  emergencyPhone: string | null;
  pinyinFull: string;
  pinyinInitials: string;
  mergedInto: null;
  createdAt: number;
  updatedAt: number;
}

/** Age in years on the demo's today: outpatients of a community clinic, children to the very old. */
const AGE_BANDS = new Weighted<[number, number]>([
  [[0, 2], 5], [[3, 6], 6], [[7, 13], 7], [[14, 17], 3], [[18, 29], 11], [[30, 44], 18], [[45, 59], 21],
  [[60, 74], 19], [[75, 89], 9], [[90, 99], 1],
]);

const ALLERGIES = new Weighted<string>([
  ['青霉素', 30], ['头孢类', 12], ['磺胺类', 10], ['阿司匹林', 5], ['布洛芬', 4], ['碘造影剂', 3], ['链霉素', 3],
  ['海鲜', 10], ['花粉', 8], ['尘螨', 6], ['青霉素、头孢类', 4], ['酒精', 3], ['乳胶', 2],
]);

const pinyinCache = new Map<string, PinyinKeys>();
/** pinyinKeys, remembered by name (the large demo repeats names a lot). */
export function cachedPinyin(name: string): PinyinKeys {
  let k = pinyinCache.get(name);
  if (!k) {
    k = pinyinKeys(name);
    if (pinyinCache.size < 2_000_000) pinyinCache.set(name, k);
  }
  return k;
}

export interface PatientDraw {
  rng: Rng;
  today: string;
  /** Record number device and sequence (registration desk). */
  device: string;
  seq: number;
  createdAt: number;
  id: string;
  /** ID numbers already given out, so none repeats. */
  usedIds: Set<string>;
}

export function drawPatient(p: PatientDraw): PatientRow {
  const { rng, today } = p;
  const sex: IdSex = rng.chance(0.53) ? 'F' : 'M';
  const [lo, hi] = AGE_BANDS.draw(rng);
  const todayDay = toEpochDay(today);
  // Born between (hi+1) years and lo years before today, roughly.
  const birthDay = todayDay - Math.floor(lo * 365.25) - rng.int(Math.max(1, Math.floor((hi - lo + 1) * 365.25)));
  const birthDate = fromEpochDay(Math.min(birthDay, todayDay - 20));
  const birthYear = Number(birthDate.slice(0, 4));
  const age = (todayDay - toEpochDay(birthDate)) / 365.25;
  const surname = drawSurname(rng);
  const name = surname + drawGivenName(rng, sex, birthYear);

  let idNumber: string | null = null;
  if (rng.chance(0.97)) {
    const region = drawBirthRegion(rng);
    for (let tries = 0; tries < 50 && idNumber === null; tries++) {
      const seq = rng.int(500) * 2 + (sex === 'M' ? 1 : 0);
      const candidate = makeResidentId(region, birthDate, seq, sex);
      if (!p.usedIds.has(candidate)) idNumber = candidate;
    }
    if (idNumber !== null) p.usedIds.add(idNumber);
  }

  const child = age < 16;
  const old = age >= 75;
  let phone: string | null = rng.chance(0.98) ? drawMobile(rng) : null;
  if (phone !== null && age >= 70 && rng.chance(0.15)) phone = drawLandline(rng);
  let emergencyName: string | null = null;
  let emergencyPhone: string | null = null;
  if (child || old || rng.chance(0.25)) {
    // A child's guardian shares the surname more often than not.
    const guardianSex: IdSex = rng.chance(0.6) ? 'F' : 'M';
    const guardianSurname = child && rng.chance(0.7) ? surname : drawSurname(rng);
    emergencyName = guardianSurname + drawGivenName(rng, guardianSex, birthYear - (child ? 30 : old ? -35 : 0));
    emergencyPhone = drawMobile(rng);
    if (child) phone = emergencyPhone; // the parent's phone is the child's
  }

  const x = rng.next();
  const insuranceType: InsuranceType = child
    ? (x < 0.8 ? 'urban_rural_resident' : x < 0.9 ? 'commercial' : 'self_pay')
    : age >= 18 && age < 60
      ? (x < 0.68 ? 'urban_employee' : x < 0.8 ? 'urban_rural_resident' : x < 0.85 ? 'commercial' : 'self_pay')
      : (x < 0.55 ? 'urban_employee' : x < 0.9 ? 'urban_rural_resident' : 'self_pay');
  const insuranceNo = insuranceType === 'self_pay'
    ? null
    : insuranceType === 'commercial'
      ? `PICC${String(rng.u32()).padStart(10, '0')}`
      : `31${String(rng.u32() % 100_000_000).padStart(8, '0')}${rng.range(10, 99)}`;

  const keys = cachedPinyin(name);
  return {
    id: p.id,
    recordNo: recordNo(p.device, p.seq),
    name,
    sex,
    birthDate,
    idNumber,
    phone,
    phoneRev: phone === null ? null : reversePhone(phone),
    address: rng.chance(0.75) ? drawAddress(rng) : null,
    insuranceType,
    insuranceNo,
    allergies: rng.chance(0.12) ? ALLERGIES.draw(rng) : null,
    emergencyName,
    emergencyPhone,
    pinyinFull: keys.full,
    pinyinInitials: keys.initials,
    mergedInto: null,
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
  };
}

/** Whole years of age on `date` (close enough for picking patients: leap days aside). */
export function yearsOld(birthDate: string, date: string): number {
  return Math.floor((toEpochDay(date) - toEpochDay(birthDate)) / 365.25);
}
