/**
 * The pharmacy: dispensing paid prescriptions and keeping stock.
 *
 * Stock on hand is never stored: it is the sum of a batch's movement rows (receive +,
 * dispense −, adjust ±, return +). Every change is a new movement; no batch ever goes below
 * zero (INSUFFICIENT_STOCK, nothing written).
 * - Dispense (paid → dispensed): each line is taken from the unexpired batches of its drug,
 *   earliest expiry first (FEFO), as 'dispense' movements with negative quantities that point
 *   at the line. A prescription not paid yet is refused (NOT_PAID).
 * - Receive: a new batch (batch number, expiry date, cost) with a 'receive' movement; the same
 *   batch number again adds to that batch (CONFLICT if its expiry differs).
 * - Adjust: a signed correction of one batch with a reason.
 * - Return: units of a dispensed line back to the batches they came from ('return').
 * - Low stock: active drugs whose usable stock (unexpired) ≤ their threshold. Expiring: batches
 *   with stock that expire within the clinic's `expiryWarningDays` (expired ones included).
 */
import { z } from 'zod';
import { STOCK_MOVEMENT_KINDS } from '../../domain/enums';
import { procedure } from '../define';
import { Fen, Id, Instant, IsoDate, Page, RequiredText } from '../schemas';
import { PrescriptionView } from './prescriptions';

export const BatchStock = z.object({
  batchId: Id,
  drugId: Id,
  batchNo: z.string(),
  expiryDate: IsoDate,
  costFen: Fen,
  onHand: z.number().int(),
  expired: z.boolean(),
});

export const MovementView = z.object({
  id: Id,
  drugId: Id,
  batchId: Id,
  batchNo: z.string(),
  expiryDate: IsoDate,
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  quantity: z.number().int(),
  reason: z.string().nullable(),
  refId: Id.nullable(),
  byAccount: Id,
  createdAt: Instant,
});

const DrugBrief = z.object({ id: Id, code: z.string(), name: z.string(), spec: z.string(), unit: z.string() });
const Count = z.number().int().nonnegative();

export const pharmacyProcedures = {
  'pharmacy.queue': procedure({
    kind: 'query',
    access: ['pharmacist'],
    summary: 'Paid prescriptions waiting to be dispensed, oldest first.',
    input: Page,
    output: z.object({ total: Count, items: z.array(PrescriptionView) }),
  }),
  'pharmacy.dispense': procedure({
    kind: 'command',
    durable: true,
    access: ['pharmacist'],
    summary: 'Dispense a paid prescription: stock taken earliest expiry first, never below zero.',
    input: z.object({ prescriptionId: Id }),
    output: z.object({ prescription: PrescriptionView, movements: z.array(MovementView) }),
  }),
  'pharmacy.receive': procedure({
    kind: 'command',
    durable: true,
    access: ['pharmacist'],
    summary: 'Receive stock: a batch with its number, expiry date and unit cost.',
    input: z.object({
      drugId: Id,
      batchNo: RequiredText(40),
      expiryDate: IsoDate,
      costFen: Fen,
      quantity: z.number().int().min(1).max(1_000_000),
    }),
    output: BatchStock,
  }),
  'pharmacy.adjust': procedure({
    kind: 'command',
    durable: true,
    access: ['pharmacist'],
    summary: 'Correct a batch by a signed quantity, with a reason (stock-take, breakage); never below zero.',
    input: z.object({ batchId: Id, quantity: z.number().int().min(-1_000_000).max(1_000_000), reason: RequiredText(200) }),
    output: BatchStock,
  }),
  'pharmacy.returnItem': procedure({
    kind: 'command',
    durable: true,
    access: ['pharmacist'],
    summary: 'Take back units of a dispensed line into the batches they came from.',
    input: z.object({ itemId: Id, quantity: z.number().int().min(1).max(100_000), reason: RequiredText(200) }),
    output: z.object({ movements: z.array(MovementView) }),
  }),
  'pharmacy.stock': procedure({
    kind: 'query',
    access: ['pharmacist', 'admin'],
    summary: "A drug's batches with what each holds, earliest expiry first.",
    input: z.object({ drugId: Id }),
    output: z.object({ drug: DrugBrief, available: z.number().int(), batches: z.array(BatchStock) }),
  }),
  'pharmacy.movements': procedure({
    kind: 'query',
    access: ['pharmacist', 'admin'],
    summary: "The stock card: a drug's or a batch's movements, newest first.",
    input: z.object({ drugId: Id.optional(), batchId: Id.optional() }).extend(Page.shape),
    output: z.object({ total: Count, items: z.array(MovementView) }),
  }),
  'pharmacy.lowStock': procedure({
    kind: 'query',
    access: ['pharmacist', 'admin'],
    summary: 'Active drugs whose unexpired stock is at or below their low-stock threshold, emptiest first.',
    input: Page,
    output: z.object({
      total: Count,
      items: z.array(DrugBrief.extend({ available: z.number().int(), threshold: z.number().int() })),
    }),
  }),
  'pharmacy.expiring': procedure({
    kind: 'query',
    access: ['pharmacist', 'admin'],
    summary: "Batches with stock that expire within the clinic's warning days (expired ones included), soonest first.",
    input: Page,
    output: z.object({
      withinDays: z.number().int(),
      total: Count,
      items: z.array(BatchStock.extend({ drug: DrugBrief, daysLeft: z.number().int() })),
    }),
  }),
} as const;
