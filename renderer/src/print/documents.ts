/** What a desk prints: one `documents.print` request without the parts the desk fills in itself. */
import type { Input } from '../../../main/api/contract';

export { PRINTED_DOCUMENTS, RECEIPT_PAPERS, type PrintedDocument } from '../../../main/api/contract';

type Request = Input<'documents.print'>;
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A document to print: `{document: 'receipt', paymentId, paper}` and so on (lang is the UI's). */
export type PrintJob = Without<Request, 'lang' | 'printer' | 'copies'>;
export type ReceiptPaper = NonNullable<Input<'documents.receipt'>['paper']>;
