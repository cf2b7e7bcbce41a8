/** Printing the call-list sheet the hub made (messages.callListSheet) at this desk's printer, audited as a print of that day's list. */
import type { callListProcedures } from '../../api/procedures/call-list';
import { parseIsoDate } from '../../domain/dates';
import type { HandlersFor } from '../handler';
import { pdfBytes, printAfterCommit } from './print-hub-pdf';

export const callListPrintHandlers = {
  'messages.printCallList': (ctx, { day, pdfBase64, printer }) => {
    parseIsoDate(day, 'day');
    const pdf = pdfBytes(pdfBase64);
    ctx.audit('print', 'call_list', day, null);
    return printAfterCommit(ctx, pdf, `call-list-${day}`, printer);
  },
} satisfies Pick<HandlersFor<typeof callListProcedures>, 'messages.printCallList'>;
