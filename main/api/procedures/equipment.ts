/**
 * The clinic's medical equipment (issue 16), hub administration (`equipment.*`): kept in the
 * hub's own tables (main/hub/equipment/store.ts), never replicated, since no desk reads it.
 * Admins only; a workstation forwards the calls to the hub with the person's token. Every write
 * is audited ('equipment', the item's id).
 *
 * Dates are clinic-calendar dates, checked against each other and the clinic's today
 * (main/domain/equipment.ts): VALIDATION {field, reason}. A taken asset number is CONFLICT
 * {field: 'assetNo', reason: 'duplicate_asset_no'}; a department that is not the clinic's is
 * VALIDATION {field: 'departmentId', reason: 'unknown_department'}.
 *
 * Import: CSV or XLSX in the export's columns. Every row is checked first; if any row is bad,
 * nothing is written and the answer is IMPORT_INVALID with every problem {row, field, code,
 * message}. A known asset number updates that item (the columns in the file; a blank cell
 * clears an optional field), a new one creates an item.
 */
import { z } from 'zod';
import { EQUIPMENT_STATUSES, MAINTENANCE_KINDS } from '../../domain/equipment';
import { procedure } from '../define';
import { Id, Instant, IsoDate, RequiredText, Text } from '../schemas';
import { ExportFile, ExportInput, ImportInput, ImportResult } from './master';

const ADMIN = ['admin'] as const;

const Status = z.enum(EQUIPMENT_STATUSES);
const Kind = z.enum(MAINTENANCE_KINDS);
const AssetNo = z.string().trim().min(1).max(40);

const fields = {
  assetNo: AssetNo,
  name: RequiredText(100),
  model: Text(100),
  manufacturer: Text(100),
  serialNo: Text(60),
  departmentId: Id.nullable(),
  purchaseDate: IsoDate.nullable(),
  lastMaintenanceDate: IsoDate.nullable(),
  nextMaintenanceDue: IsoDate.nullable(),
  /** Months between routine maintenances: recording one then sets the next due date. */
  intervalMonths: z.number().int().min(1).max(120).nullable(),
  notes: Text(1000),
};

export const EquipmentCreateInput = z.object({
  ...fields,
  model: fields.model.default(''),
  manufacturer: fields.manufacturer.default(''),
  serialNo: fields.serialNo.default(''),
  departmentId: fields.departmentId.default(null),
  status: Status.default('in_use'),
  purchaseDate: fields.purchaseDate.default(null),
  lastMaintenanceDate: fields.lastMaintenanceDate.default(null),
  nextMaintenanceDue: fields.nextMaintenanceDue.default(null),
  intervalMonths: fields.intervalMonths.default(null),
  notes: fields.notes.default(''),
});

export const EquipmentPatch = z.object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>
});

export const EquipmentView = z.object({
  id: Id, assetNo: z.string(), name: z.string(), model: z.string(), manufacturer: z.string(), serialNo: z.string(),
  departmentId: Id.nullable(), departmentName: z.string().nullable(), departmentNameEn: z.string().nullable(),
  status: Status, purchaseDate: IsoDate.nullable(), lastMaintenanceDate: IsoDate.nullable(), nextMaintenanceDue: IsoDate.nullable(),
  intervalMonths: z.number().int().nullable(), notes: z.string(),
  /** Days until the next maintenance (negative: overdue); null when none is due or retired. */
  dueInDays: z.number().int().nullable(),
  overdue: z.boolean(),
  createdAt: Instant, createdBy: z.string(), updatedAt: Instant, updatedBy: z.string(),
});

export const MaintenanceView = z.object({
  id: Id, date: IsoDate, kind: Kind, note: z.string(), nextDue: IsoDate.nullable(), by: z.string(), createdAt: Instant,
});

export const EquipmentListInput = z.object({
  departmentId: Id.nullish(),
  status: Status.nullish(),
  /** Text in the name, model, asset number or serial number. */
  q: Text(60).nullish(),
  /** Only items due for maintenance within this many days, overdue ones included (0: due today or overdue). */
  dueWithinDays: z.number().int().min(0).max(3650).nullish(),
  /** Only the overdue ones. */
  overdue: z.boolean().default(false),
});

export const equipmentProcedures = {
  'equipment.list': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: "The clinic's medical equipment by asset number, filtered by department, status, text and maintenance due; with the clinic's today and how many are overdue.",
    input: EquipmentListInput,
    output: z.object({ items: z.array(EquipmentView), today: IsoDate, overdueCount: z.number().int().nonnegative() }),
  }),
  'equipment.get': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'One item with its maintenance log, newest first.',
    input: z.object({ id: Id }),
    output: z.object({ item: EquipmentView, maintenance: z.array(MaintenanceView) }),
  }),
  'equipment.create': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Add an item: a unique asset number, name, model, manufacturer, serial number, department, status, dates, notes.',
    input: EquipmentCreateInput,
    output: EquipmentView,
  }),
  'equipment.update': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Change an item's fields (its status through equipment.setStatus).",
    input: EquipmentPatch.extend({ id: Id }),
    output: EquipmentView,
  }),
  'equipment.setStatus': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'In use, in repair, or retired (final).',
    input: z.object({ id: Id, status: Status }),
    output: EquipmentView,
  }),
  'equipment.addMaintenance': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: "Record a maintenance (date, kind, note): sets the item's last maintenance, and its next due date when given or from its interval.",
    input: z.object({ id: Id, date: IsoDate, kind: Kind, note: Text(500).default(''), nextDue: IsoDate.nullish() }),
    output: z.object({ item: EquipmentView, maintenance: z.array(MaintenanceView) }),
  }),
  'equipment.import': procedure({
    kind: 'command', access: ADMIN, at: 'hub',
    summary: 'Import equipment from CSV or XLSX: new asset numbers are created, known ones updated; any bad row and nothing is written (IMPORT_INVALID with every bad row).',
    input: ImportInput,
    output: ImportResult,
  }),
  'equipment.export': procedure({
    kind: 'query', access: ADMIN, at: 'hub',
    summary: 'Every item as CSV or XLSX, in the columns the import reads.',
    input: ExportInput,
    output: ExportFile,
  }),
} as const;
