/**
 * Family members of a patient account: who they are (from the hub's replica) and linking a new
 * one to a record — the existing record when name and ID number match, else a new record
 * written at the hub and marked registered by the patient (hub-only, in portal_members).
 */
import { eq } from 'drizzle-orm';
import { patients } from '../../../db/schema';
import type { z } from 'zod';
import type { AccountView, MemberInput } from '../../api/patient-contract';
import { recordNo } from '../../domain/numbers';
import { checkIdentity, clinicToday, maskIdNumber, maskPhone, nameColumns, phoneColumns } from '../../station/services/patients-fields';
import type { PortalContext } from './context';
import { writeAtHub } from './hub-writes';
import { matchesRecord } from './policy';

export type MemberDetails = z.output<typeof MemberInput>;

/** The member ids of the account, as a set (the ownership check of every patient procedure). */
export async function memberIds(ctx: PortalContext, accountId: string): Promise<Set<string>> {
  return new Set((await ctx.portal.members(accountId)).map((m) => m.patientId));
}

export async function accountView(ctx: PortalContext, accountId: string): Promise<z.input<typeof AccountView>> {
  const phone = (await ctx.portal.phoneOf(accountId)) ?? '';
  const rows = await ctx.portal.members(accountId);
  const db = ctx.admin.station.db;
  const members = rows.flatMap((m) => {
    const p = db.select({ id: patients.id, name: patients.name, idNumber: patients.idNumber }).from(patients).where(eq(patients.id, m.patientId)).get();
    return p ? [{ id: p.id, name: p.name, idNumberMasked: maskIdNumber(p.idNumber), self: m.self, registeredByPatient: m.registeredByPatient }] : [];
  });
  return { phoneMasked: maskPhone(phone) ?? '', members };
}

/**
 * Checks the details as the desk does (INVALID_ID_NUMBER, ID_NUMBER_MISMATCH, INVALID_DATE {field},
 * VALIDATION {field: 'name'}) before anything is written; answers the record to link, or the
 * new record's columns.
 */
export function checkMember(ctx: PortalContext, details: MemberDetails) {
  const today = clinicToday({ now: ctx.now, settings: ctx.admin.station.settings });
  const names = nameColumns(details.name);
  const identity = checkIdentity({ idNumber: details.idNumber ?? null, sex: details.sex ?? null, birthDate: details.birthDate ?? null }, today);
  let existing: string | null = null;
  if (identity.idNumber !== null) {
    const candidates = ctx.admin.station.db.select({ id: patients.id, name: patients.name, idNumber: patients.idNumber, mergedInto: patients.mergedInto })
      .from(patients).where(eq(patients.idNumber, identity.idNumber)).all();
    existing = candidates.find((c) => matchesRecord(c, { name: names.name, idNumber: identity.idNumber! }))?.id ?? null;
  }
  return { names, identity, existing };
}

/** Links the checked member to the account: the existing record, or a new one written at the hub. */
export async function linkMember(ctx: PortalContext, accountId: string, checked: ReturnType<typeof checkMember>, self: boolean, phone: string | null): Promise<string> {
  let patientId = checked.existing;
  if (patientId === null) {
    patientId = await writeAtHub(ctx.admin, accountId, ctx.procedure, (w) => {
      const id = w.write.insert(patients, {
        recordNo: recordNo(w.device, w.nextSeq('record')), ...checked.names, ...checked.identity,
        ...phoneColumns(phone), insuranceType: 'self_pay',
      });
      w.audit('create', 'patient', id, id);
      return id;
    });
  }
  await ctx.portal.addMember(accountId, patientId, self, checked.existing === null, ctx.now());
  return patientId;
}
