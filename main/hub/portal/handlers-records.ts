/**
 * The patient's own records: a family member's visits and admissions, one visit in full, the same PDF the desk
 * prints marked as the patient's copy, and rating the doctor once per finished visit. Every id is
 * checked against the account's members before anything is read (another account's is NOT_FOUND,
 * audited by dispatch); every read writes a 'read' audit row with the patient account as actor, in
 * the same transaction as the read (main/hub/payments/hub-ledger.ts runAtHub).
 */
import { PRINTED_ENTITIES } from '../../api/procedures/documents';
import { renderDocument } from '../../documents';
import type { DocumentKind } from '../../documents/schemas';
import type { Account, RequestContext } from '../../station/context';
import { gatherMedicalRecord, gatherPrescription } from '../../station/services/documents-clinical';
import type { Gathered } from '../../station/services/documents-common';
import { gatherReceipt, gatherRefundSlip } from '../../station/services/documents-money';
import type { PatientDocument } from '../../api/patient-records-contract';
import type { Lang } from '../../documents/labels';
import { runAtHub } from '../payments/hub-ledger';
import type { PortalContext, PortalHandlers } from './context';
import { memberIds } from './members';
import { assertMember, notYours } from './policy';
import { admissionsOf, billsOf, documentOwner, examsOf, issuedPrescriptions, signedRecord, visitHead, visitsOf, visitSummary } from './records-read';
import { assertRateable, patientCopyFileName } from './records-policy';

type RecordHandlers = Pick<PortalHandlers, 'portal.visits' | 'portal.visit' | 'portal.admissions' | 'portal.document' | 'portal.rate'>;

/** What the audit log names as the actor of a patient's read: the patient account (it has no staff roles). */
function patientActor(accountId: string): Account {
  return { id: accountId, username: 'patient', displayName: 'patient', roles: [], staffId: null };
}

/** Reads in one transaction of the admin station with its audit row (published like every audit row). */
function readAudited<T>(ctx: PortalContext, fn: (rc: RequestContext) => T): Promise<T> {
  return runAtHub(ctx.admin, patientActor(ctx.accountId!), ctx.procedure, fn);
}

/** The account's visit (NOT_FOUND {field: 'visitId'} for any other, existing or not). */
async function ownVisit(ctx: PortalContext, visitId: string) {
  const members = await memberIds(ctx, ctx.accountId!);
  const head = visitHead(ctx.admin.station.raw, visitId);
  if (!head || !members.has(head.patientId)) throw notYours('visitId', 'visit');
  return head;
}

function gather(rc: RequestContext, document: PatientDocument, id: string, lang: Lang): Gathered<DocumentKind> {
  switch (document) {
    case 'medicalRecord': return gatherMedicalRecord(rc, id, lang);
    case 'prescription': return gatherPrescription(rc, id, lang);
    case 'receipt': return gatherReceipt(rc, id, lang);
    case 'refundSlip': return gatherRefundSlip(rc, id, lang);
  }
}

const AUDIT_DETAIL = 'patient portal';

export const recordHandlers: RecordHandlers = {
  'portal.visits': async (ctx, { memberId }) => {
    assertMember(await memberIds(ctx, ctx.accountId!), memberId);
    const visits = await readAudited(ctx, (rc) => {
      rc.audit('read', 'patient_visits', memberId, memberId, AUDIT_DETAIL);
      return visitsOf(rc.raw, memberId);
    });
    const ratings = await ctx.portal.ratingsOf(visits.map((v) => v.id));
    return { items: visits.map((v) => ({ ...v, rating: ratings.get(v.id) ?? null })) };
  },

  'portal.visit': async (ctx, { visitId }) => {
    const head = await ownVisit(ctx, visitId);
    const detail = await readAudited(ctx, (rc) => {
      rc.audit('read', 'visit', visitId, head.patientId, AUDIT_DETAIL);
      return {
        summary: visitSummary(rc.raw, visitId), record: signedRecord(rc.raw, visitId), prescriptions: issuedPrescriptions(rc.raw, visitId),
        exams: examsOf(rc.raw, visitId), bills: billsOf(rc.raw, visitId),
      };
    });
    const rating = (await ctx.portal.ratingsOf([visitId])).get(visitId) ?? null;
    const { summary, ...rest } = detail;
    return { visit: { ...summary, rating }, ...rest };
  },

  'portal.admissions': async (ctx, { memberId }) => {
    assertMember(await memberIds(ctx, ctx.accountId!), memberId);
    const items = await readAudited(ctx, (rc) => {
      rc.audit('read', 'patient_admissions', memberId, memberId, AUDIT_DETAIL);
      return admissionsOf(rc.raw, memberId);
    });
    return { items };
  },

  'portal.document': async (ctx, { document, id, lang }) => {
    const members = await memberIds(ctx, ctx.accountId!);
    const owner = documentOwner(ctx.admin.station.raw, document, id);
    if (owner === undefined || !members.has(owner)) throw notYours('id', 'document');
    // A 'read', not a 'print': the desk's next print of it is still the original.
    const gathered = await readAudited(ctx, (rc) => {
      const g = gather(rc, document, id, lang);
      rc.audit('read', PRINTED_ENTITIES[g.document], g.entityId, g.patientId, `${AUDIT_DETAIL}: patient copy`);
      return g;
    });
    const pdf = await renderDocument(gathered.kind, gathered.data as never, { lang, patientCopy: true, printedAt: ctx.now() });
    return { filename: patientCopyFileName(gathered.document, gathered.number), mimeType: 'application/pdf', pdfBase64: pdf.toString('base64') };
  },

  'portal.rate': async (ctx, { visitId, stars, comment }) => {
    const head = await ownVisit(ctx, visitId);
    const before = (await ctx.portal.ratingsOf([visitId])).has(visitId);
    assertRateable(head.status, before);
    const at = ctx.now();
    // The primary key decides a race between two ratings of the same visit: the second writes nothing.
    const kept = await ctx.portal.rate({ visitId, doctorId: head.doctorId, patientId: head.patientId, accountId: ctx.accountId!, stars, comment, at });
    assertRateable(head.status, !kept);
    return { visitId, stars, comment, createdAt: at };
  },
};
