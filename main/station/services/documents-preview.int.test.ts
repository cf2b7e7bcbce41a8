/**
 * Looking before printing: `documents.preview` marks every page 预览 / PREVIEW, is audited as a
 * read, and never uses up the original; the document's roles apply; bad input is refused.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema';
import { flatText } from '../../documents/testPdf';
import { createFixture, type Fixture } from '../testing';
import { call, ok, pdfOf, walkVisit, type Walk } from './documents.testing';

let fx: Fixture;
let w: Walk;
beforeAll(() => {
  fx = createFixture();
  w = walkVisit(fx);
});
afterAll(() => fx.close());

const audit = (action: 'read' | 'print', entityId: string) => fx.station.db.select().from(auditLog)
  .where(and(eq(auditLog.action, action), eq(auditLog.entity, 'prescription'), eq(auditLog.entityId, entityId))).all();

describe('documents.preview', () => {
  it('marks the preview, leaves the original for the print, and says when the print will be a copy', async () => {
    const look = await ok(fx, w.callers.doctor, 'documents.preview', { document: 'prescription', prescriptionId: w.rxId });
    expect(look).toMatchObject({ copy: false, mimeType: 'application/pdf' });
    expect(look.filename).toMatch(/-preview\.pdf$/);
    const text = flatText(pdfOf(look));
    expect(text).toContain('预览');
    // The stamp is drawn turned, so pdftotext reads its words in among the others.
    for (const s of ['仅供核对', '不作凭证']) expect(text).toContain(s);
    expect(text).toContain('处方笺');
    expect(text).not.toContain('副本');
    expect(audit('read', w.rxId)).toHaveLength(1);
    expect(audit('print', w.rxId)).toHaveLength(0);

    const printed = await ok(fx, w.callers.doctor, 'documents.prescription', { prescriptionId: w.rxId });
    expect(printed.copy).toBe(false); // still the original after looking
    expect(flatText(pdfOf(printed))).not.toContain('预览');

    const after = await ok(fx, w.callers.doctor, 'documents.preview', { document: 'prescription', prescriptionId: w.rxId, lang: 'en' });
    expect(after.copy).toBe(true);
    const en = flatText(pdfOf(after));
    expect(en).toContain('PREVIEW');
    expect(en).toContain('notvalid'); // flatText drops spaces
    expect(en).not.toContain('COPY');
  });

  it('applies the roles of the document and refuses bad input, writing nothing', async () => {
    const before = fx.station.db.select().from(auditLog).all().length;
    const forbidden = await call(fx, w.callers.cashier, 'documents.preview', { document: 'prescription', prescriptionId: w.rxId });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { field: 'document' } } });
    const unknown = await call(fx, w.callers.doctor, 'documents.preview', { document: 'prescription', prescriptionId: '0190a000-0000-7000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await call(fx, w.callers.doctor, 'documents.preview', { document: 'poster', prescriptionId: w.rxId } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fx.station.db.select().from(auditLog).all().length).toBe(before);
  });
});
