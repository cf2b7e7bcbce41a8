/**
 * The front desk's call list on paper: the hub makes the A4 sheet of a day's messages that did
 * not go out by text (main/documents/callListSheet.ts) from its outbox, and the desk that asked
 * sends those bytes to its own printer (or, in a browser, saves them).
 */
import { z } from 'zod';
import { procedure } from '../define';
import { IsoDate } from '../schemas';
import { DOCUMENT_LANGS, hubPdfToPrint } from './documents';

/** At most this much base64 (about 3 MB of PDF: a list of several thousand calls). */
export const CALL_LIST_MAX_BASE64 = 4_000_000;

/** What a print of bytes the hub made comes to: printer trouble is an answer, not an error. */
export const PrintedAnswer = z.object({
  printed: z.boolean(),
  jobId: z.string().nullable(),
  error: z.object({ code: z.enum(['LP_MISSING', 'LP_FAILED', 'LP_TIMEOUT', 'PRINTER_ERROR']), message: z.string() }).optional(),
});

export const callListProcedures = {
  'messages.callListSheet': procedure({
    kind: 'query', access: ['receptionist', 'admin'], at: 'hub',
    summary: "The day's call list (messages.callList) as an A4 sheet in `lang`: still to call first, with the phone, what to say and a box to tick; those called after, with when. Audited as a print of the call list.",
    input: z.object({ day: IsoDate, lang: z.enum(DOCUMENT_LANGS).default('zh-CN') }),
    output: z.object({
      filename: z.string().min(1), mimeType: z.literal('application/pdf'), pdfBase64: z.string().min(1),
      /** Rows on the sheet, and of them still to call. */
      rows: z.number().int().nonnegative(), toCall: z.number().int().nonnegative(),
    }),
  }),
  'messages.printCallList': procedure({
    kind: 'command', access: ['receptionist', 'admin'],
    summary: "Send the call-list sheet messages.callListSheet answered to this station's printer. Checked to be a PDF; audited as a print of the day's call list. Printer trouble is an answer (printed: false with the reason), not an error.",
    input: z.object({
      day: IsoDate,
      ...hubPdfToPrint(CALL_LIST_MAX_BASE64),
    }),
    output: PrintedAnswer,
  }),
} as const;
