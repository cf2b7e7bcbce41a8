/**
 * Printed documents from the station's data (rules: main/api/procedures/documents.ts).
 *
 * Two steps. Inside the command's one transaction the handler gathers the document's data
 * (documents-clinical.ts, documents-money.ts), validates it with the document's schema, decides
 * original or copy from the replicated audit log and writes this print's audit row; anything
 * refused rolls back. It answers `afterCommit(...)`: after the commit, `dispatch` awaits the
 * rendering (pdfkit is async) and, for `documents.print`, the station's printer.
 */
import type { ParsedInput } from '../../api/contract';
import { DOCUMENT_ACCESS, PRINTED_ENTITIES, type PrintedDocument } from '../../api/procedures/documents';
import type { documentsProcedures } from '../../api/procedures/documents';
import { isAllowed } from '../../api/policy';
import { renderDocument } from '../../documents';
import type { Lang } from '../../documents/labels';
import { printerFor, setPrinter, type Printer } from '../../documents/printer';
import type { DocumentKind } from '../../documents/schemas';
import { DomainError } from '../../domain/errors';
import { accountOf, type RequestContext } from '../context';
import { afterCommit, type HandlersFor } from '../handler';
import type { Station } from '../station';
import { gatherDrugLabels, gatherMedicalRecord, gatherPatientLabel, gatherPrescription } from './documents-clinical';
import type { Gathered } from './documents-common';
import { gatherDayReport, gatherRefundSlip, gatherReceipt } from './documents-money';

/** Give a station its printer (the Electron shell's); `null` goes back to lp. */
export function setStationPrinter(station: Station, printer: Printer | null): void {
  setPrinter(station.raw, printer);
}

/** How many times this document was printed before, at any station (the audit log replicates). */
export function timesPrinted(ctx: RequestContext, document: PrintedDocument, entityId: string, patientId: string | null): number {
  // patient_id narrows the search to the audit_log_patient index (IS also matches NULL).
  const row = ctx.raw.prepare(
    `SELECT count(*) AS n FROM audit_log WHERE patient_id IS ? AND action = 'print' AND entity = ? AND entity_id = ?`,
  ).get(patientId, PRINTED_ENTITIES[document], entityId) as { n: number };
  return row.n;
}

interface Prepared {
  gathered: Gathered<DocumentKind>;
  copy: boolean;
  preview?: boolean;
  printedAt: number;
  lang: Lang;
  paper: 'A5' | 'roll80' | undefined;
}

/** Inside the transaction: copy or original, and this print's audit row. */
function prepare(ctx: RequestContext, gathered: Gathered<DocumentKind>, lang: Lang, paper?: 'A5' | 'roll80'): Prepared {
  const copy = timesPrinted(ctx, gathered.document, gathered.entityId, gathered.patientId) > 0;
  ctx.audit('print', PRINTED_ENTITIES[gathered.document], gathered.entityId, gathered.patientId);
  return { gathered, copy, printedAt: ctx.now(), lang, paper };
}

function fileName(p: Prepared): string {
  const safe = p.gathered.number.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${p.gathered.document}-${safe}${p.preview ? '-preview' : p.copy ? '-copy' : ''}.pdf`;
}

/** Pages of a pdfkit PDF (its page objects are written uncompressed). */
export function countPages(pdf: Uint8Array): number | undefined {
  const n = Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return n > 0 ? n : undefined;
}

async function render(p: Prepared): Promise<Buffer> {
  return renderDocument(p.gathered.kind, p.gathered.data as never, {
    lang: p.lang, copy: p.copy, printedAt: p.printedAt, ...(p.paper ? { paper: p.paper } : {}), ...(p.preview ? { preview: true } : {}),
  });
}

function asFile(p: Prepared) {
  return afterCommit(async () => {
    const pdf = await render(p);
    const pages = countPages(pdf);
    return {
      filename: fileName(p), mimeType: 'application/pdf' as const, pdfBase64: pdf.toString('base64'), copy: p.copy,
      ...(pages ? { pages } : {}),
    };
  });
}

type PrintInput = ParsedInput<'documents.print'> | ParsedInput<'documents.preview'>;

function checkDocumentAccess(ctx: RequestContext, document: PrintedDocument): void {
  const roles = accountOf(ctx).roles;
  if (!isAllowed(DOCUMENT_ACCESS[document], roles)) {
    throw new DomainError('FORBIDDEN', `printing a ${document} is not allowed for this account`, { field: 'document', roles });
  }
}

function gatherFor(ctx: RequestContext, req: PrintInput): { gathered: Gathered<DocumentKind>; paper?: 'A5' | 'roll80' } {
  switch (req.document) {
    case 'prescription': return { gathered: gatherPrescription(ctx, req.prescriptionId, req.lang) };
    case 'receipt': return { gathered: gatherReceipt(ctx, req.paymentId, req.lang), paper: req.paper };
    case 'refundSlip': return { gathered: gatherRefundSlip(ctx, req.refundId, req.lang), paper: req.paper };
    case 'medicalRecord': return { gathered: gatherMedicalRecord(ctx, req.visitId, req.lang) };
    case 'dayReport': return { gathered: gatherDayReport(ctx, req.dayCloseId, req.lang) };
    case 'patientLabel': return { gathered: gatherPatientLabel(ctx, req.patientId, req.lang, req.count) };
    case 'drugLabels': return { gathered: gatherDrugLabels(ctx, req.prescriptionId, req.lang) };
  }
}

export const documentsHandlers = {
  'documents.prescription': (ctx, { prescriptionId, lang }) => asFile(prepare(ctx, gatherPrescription(ctx, prescriptionId, lang), lang)),
  'documents.receipt': (ctx, { paymentId, lang, paper }) => asFile(prepare(ctx, gatherReceipt(ctx, paymentId, lang), lang, paper)),
  'documents.refundSlip': (ctx, { refundId, lang, paper }) => asFile(prepare(ctx, gatherRefundSlip(ctx, refundId, lang), lang, paper)),
  'documents.medicalRecord': (ctx, { visitId, lang }) => asFile(prepare(ctx, gatherMedicalRecord(ctx, visitId, lang), lang)),
  'documents.dayReport': (ctx, { dayCloseId, lang }) => asFile(prepare(ctx, gatherDayReport(ctx, dayCloseId, lang), lang)),
  'documents.patientLabel': (ctx, { patientId, lang, count }) => asFile(prepare(ctx, gatherPatientLabel(ctx, patientId, lang, count), lang)),
  'documents.drugLabels': (ctx, { prescriptionId, lang }) => asFile(prepare(ctx, gatherDrugLabels(ctx, prescriptionId, lang), lang)),

  'documents.preview': (ctx, req) => {
    checkDocumentAccess(ctx, req.document);
    const { gathered, paper } = gatherFor(ctx, req);
    // Not a print: the next real print is still the original (or a copy, as `copy` says).
    const copy = timesPrinted(ctx, gathered.document, gathered.entityId, gathered.patientId) > 0;
    ctx.audit('read', PRINTED_ENTITIES[gathered.document], gathered.entityId, gathered.patientId);
    return asFile({ gathered, copy, preview: true, printedAt: ctx.now(), lang: req.lang, paper });
  },

  'documents.print': (ctx, req) => {
    checkDocumentAccess(ctx, req.document);
    const { gathered, paper } = gatherFor(ctx, req);
    const p = prepare(ctx, gathered, req.lang, paper);
    const printer = printerFor(ctx.raw);
    return afterCommit(async () => {
      const pdf = await render(p);
      const pages = countPages(pdf);
      const base = { filename: fileName(p), copy: p.copy, ...(pages ? { pages } : {}) };
      const job = { copies: req.copies, title: fileName(p).replace(/\.pdf$/, ''), ...(req.printer ? { printer: req.printer } : {}) };
      let result;
      try {
        result = await printer.print(pdf, job);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { ...base, printed: false, jobId: null, error: { code: 'PRINTER_ERROR' as const, message }, pdfBase64: pdf.toString('base64') };
      }
      if (result.ok) return { ...base, printed: true, jobId: result.jobId };
      return {
        ...base, printed: false, jobId: null, error: { code: result.error.code, message: result.error.message }, pdfBase64: pdf.toString('base64'),
      };
    });
  },
} satisfies HandlersFor<typeof documentsProcedures>;
