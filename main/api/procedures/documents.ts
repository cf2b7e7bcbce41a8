/**
 * Printed documents fed by the station's data: each procedure takes the id of what is printed,
 * builds the document from the database, writes a 'print' audit row (entity = the document
 * kind below, entity_id = the id) and answers the PDF as base64 for the UI to show, download or
 * hand to its printer. `documents.print` renders the same and sends it to the station's printer.
 *
 * - `documents.preview` renders any of them marked 预览 / PREVIEW and writes a 'read' audit row,
 *   not a 'print': looking before printing never turns the print into a copy.
 * - The first print of a document, at any station, is the original; every later one (the audit
 *   log replicates, so another desk's print counts) is marked 副本 / COPY and answers `copy: true`.
 *   A print that failed at the printer still counts: two "originals" must never exist.
 * - Refusals: NOT_FOUND {field} for an unknown id; CONFLICT {reason: 'not_issued'} for a draft or
 *   cancelled prescription; RECORD_NOT_SIGNED for a record not signed yet; BILL_NOT_PAID for a
 *   receipt of a bill not yet paid in full (a receipt shows the whole bill); FORBIDDEN for another
 *   cashier's close of day (administrators print any); NOT_PAID for drug labels of a prescription
 *   not paid. Nothing is written when refused.
 */
import { z } from 'zod';
import { procedure } from '../define';
import { Id } from '../schemas';

export const DOCUMENT_LANGS = ['zh-CN', 'en'] as const;
export const RECEIPT_PAPERS = ['A5', 'roll80'] as const;

/** What `entity` a print audit row names, per procedure. */
export const PRINTED_ENTITIES = {
  prescription: 'prescription',
  receipt: 'receipt',
  refundSlip: 'refund_slip',
  medicalRecord: 'medical_record',
  dayReport: 'day_report',
  patientLabel: 'patient_label',
  drugLabels: 'drug_labels',
} as const;
export type PrintedDocument = keyof typeof PRINTED_ENTITIES;
export const PRINTED_DOCUMENTS = Object.keys(PRINTED_ENTITIES) as PrintedDocument[];

const Lang = z.enum(DOCUMENT_LANGS).default('zh-CN');

export const DocumentFile = z.object({
  filename: z.string().min(1),
  mimeType: z.literal('application/pdf'),
  pdfBase64: z.string().min(1),
  /** A reprint, marked 副本 / COPY. */
  copy: z.boolean(),
  pages: z.number().int().positive().optional(),
});

const PRINT_FAILURES = ['LP_MISSING', 'LP_FAILED', 'LP_TIMEOUT', 'PRINTER_ERROR'] as const;

export const PrintOutcome = z.object({
  filename: z.string().min(1),
  copy: z.boolean(),
  pages: z.number().int().positive().optional(),
  printed: z.boolean(),
  jobId: z.string().nullable(),
  /** Why the printer did not take it; the PDF then comes back so the UI can offer to save it. */
  error: z.object({ code: z.enum(PRINT_FAILURES), message: z.string() }).optional(),
  pdfBase64: z.string().optional(),
});

export const documentInputs = {
  prescription: z.object({ prescriptionId: Id, lang: Lang }),
  receipt: z.object({ paymentId: Id, lang: Lang, paper: z.enum(RECEIPT_PAPERS).default('A5') }),
  refundSlip: z.object({ refundId: Id, lang: Lang, paper: z.enum(RECEIPT_PAPERS).default('A5') }),
  medicalRecord: z.object({ visitId: Id, lang: Lang }),
  dayReport: z.object({ dayCloseId: Id, lang: Lang }),
  patientLabel: z.object({ patientId: Id, lang: Lang, count: z.number().int().min(1).max(50).default(1) }),
  drugLabels: z.object({ prescriptionId: Id, lang: Lang }),
} as const;

/** A CUPS destination; the station's default printer when absent. */
export const PrinterName = z.string().regex(/^[^\s/#]{1,127}$/, 'a printer name without spaces, "/" or "#"').optional();

/** A PDF the hub made, handed back by the desk for its own printer: base64 of at most `max` characters. */
export const hubPdfToPrint = (max: number) => ({
  pdfBase64: z.string().min(8).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
  printer: PrinterName,
});

const printTo = {
  printer: PrinterName,
  copies: z.number().int().min(1).max(99).default(1),
};

/** `documents.print`: one document, named by `document`, to the station's printer. */
export const PrintRequest = z.discriminatedUnion('document', [
  documentInputs.prescription.extend({ document: z.literal('prescription'), ...printTo }),
  documentInputs.receipt.extend({ document: z.literal('receipt'), ...printTo }),
  documentInputs.refundSlip.extend({ document: z.literal('refundSlip'), ...printTo }),
  documentInputs.medicalRecord.extend({ document: z.literal('medicalRecord'), ...printTo }),
  documentInputs.dayReport.extend({ document: z.literal('dayReport'), ...printTo }),
  documentInputs.patientLabel.extend({ document: z.literal('patientLabel'), ...printTo }),
  documentInputs.drugLabels.extend({ document: z.literal('drugLabels'), ...printTo }),
]);

/** `documents.preview`: any document, named by `document`, to look at before printing. */
export const PreviewRequest = z.discriminatedUnion('document', [
  documentInputs.prescription.extend({ document: z.literal('prescription') }),
  documentInputs.receipt.extend({ document: z.literal('receipt') }),
  documentInputs.refundSlip.extend({ document: z.literal('refundSlip') }),
  documentInputs.medicalRecord.extend({ document: z.literal('medicalRecord') }),
  documentInputs.dayReport.extend({ document: z.literal('dayReport') }),
  documentInputs.patientLabel.extend({ document: z.literal('patientLabel') }),
  documentInputs.drugLabels.extend({ document: z.literal('drugLabels') }),
]);

/** Who prints what, as a clinic works. */
export const DOCUMENT_ACCESS = {
  prescription: ['doctor', 'pharmacist'],
  receipt: ['cashier', 'receptionist'],
  refundSlip: ['cashier', 'receptionist'],
  medicalRecord: ['doctor'],
  dayReport: ['cashier', 'receptionist', 'admin'],
  patientLabel: ['receptionist', 'doctor'],
  drugLabels: ['pharmacist'],
} as const;

export const documentsProcedures = {
  'documents.prescription': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.prescription,
    summary: 'The prescription (A5) of an issued prescription, as PDF; reprints are marked COPY.',
    input: documentInputs.prescription,
    output: DocumentFile,
  }),
  'documents.receipt': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.receipt,
    summary: "A payment's receipt (A5 or 80 mm roll) showing its whole bill, as PDF; reprints are marked COPY.",
    input: documentInputs.receipt,
    output: DocumentFile,
  }),
  'documents.refundSlip': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.refundSlip,
    summary: 'The refund slip of one refund (A5 or 80 mm roll), as PDF; reprints are marked COPY.',
    input: documentInputs.refundSlip,
    output: DocumentFile,
  }),
  'documents.medicalRecord': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.medicalRecord,
    summary: "A visit's signed medical record with its amendments (A4), as PDF; reprints are marked COPY.",
    input: documentInputs.medicalRecord,
    output: DocumentFile,
  }),
  'documents.dayReport': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.dayReport,
    summary: "A close of day's report (A4), as PDF; a cashier prints their own, an administrator any.",
    input: documentInputs.dayReport,
    output: DocumentFile,
  }),
  'documents.patientLabel': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.patientLabel,
    summary: "A patient's label (50 × 30 mm, record number as barcode), as PDF.",
    input: documentInputs.patientLabel,
    output: DocumentFile,
  }),
  'documents.drugLabels': procedure({
    kind: 'command',
    access: DOCUMENT_ACCESS.drugLabels,
    summary: 'Drug labels (70 × 50 mm, one per line) of a paid or dispensed prescription, as PDF.',
    input: documentInputs.drugLabels,
    output: DocumentFile,
  }),
  'documents.print': procedure({
    kind: 'command',
    access: ['doctor', 'pharmacist', 'cashier', 'receptionist', 'admin'],
    summary: "Render a document and send it to this station's printer; the roles of that document apply.",
    input: PrintRequest,
    output: PrintOutcome,
  }),
  'documents.preview': procedure({
    kind: 'query',
    access: ['doctor', 'pharmacist', 'cashier', 'receptionist', 'admin'],
    summary: 'A document to look at before printing, marked 预览 / PREVIEW on every page: it is not a print, so the '
      + 'original stays unprinted (audited as a read); `copy` says whether the real print will be a copy. The roles of that document apply.',
    input: PreviewRequest,
    output: DocumentFile,
  }),
} as const;
