/**
 * The call list as an A4 sheet at the hub (messages.callListSheet): the day's messages that did
 * not go out by text, read from the outbox as messages.callList reads them, drawn by
 * main/documents/callListSheet.ts in the desk's language. Audited as a print of the day's list
 * (names and phone numbers leave the hub on paper).
 */
import type { callListProcedures } from '../../api/procedures/call-list';
import { renderCallListSheet } from '../../documents/callListSheet';
import { parseIsoDate } from '../../domain/dates';
import { afterCommit, type HandlersFor } from '../../station/handler';
import { clinicOf } from '../../station/services/documents-common';
import { outboxOf } from './messages';

/** A day's call list has at most this many rows on paper (the outbox queues far fewer a day). */
const SHEET_ROWS = 5000;

export const callListSheetHandlers = {
  'messages.callListSheet': (ctx, { day, lang }) => {
    parseIsoDate(day, 'day');
    const outbox = outboxOf(ctx);
    ctx.audit('print', 'call_list', day, null);
    const clinic = clinicOf(ctx, lang);
    const timeZone = ctx.settings.timeZone;
    const printedAt = ctx.now();
    return afterCommit(async () => {
      const messages = (await outbox.list({ day, statuses: ['queued', 'failed', 'called'], limit: SHEET_ROWS }))
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      const rows = messages.map((m) => ({ patientName: m.patientName, phone: m.phone, kind: m.kind, body: m.body, calledAt: m.status === 'called' ? m.calledAt : null }));
      const pdf = await renderCallListSheet({ clinicName: clinic.name, day, rows, printedAt, timeZone }, { lang });
      return {
        filename: `call-list-${day}.pdf`, mimeType: 'application/pdf' as const, pdfBase64: pdf.toString('base64'),
        rows: rows.length, toCall: rows.filter((r) => r.calledAt === null).length,
      };
    });
  },
} satisfies Pick<HandlersFor<typeof callListProcedures>, 'messages.callListSheet'>;
