/**
 * Shapes of the hub's organisation administration (`org.*`): departments, rooms, staff,
 * accounts and clinic settings. The staff shapes are also what the staff import validates each
 * row against (main/hub/services/org-staff.ts).
 */
import { z } from 'zod';
import { LAPSE_RULES, STAFF_POSITIONS, STAFF_STATUSES } from '../../domain/enums';
import { Fen, Id, Instant, PaymentMethodBuiltIn, RequiredText, Role, Sex, Text } from '../schemas';

/** Upper-cased on input: 'nk' is stored as 'NK'. Letters, digits, '-' and '_', at most 10. */
export const DepartmentCode = z.string().trim().toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,9}$/, 'letters and digits, at most 10 (e.g. NK)');
/** Lower-case letters first, then letters, digits, '.', '_' or '-'; 3 to 32 in all. Upper case is refused, not folded. */
export const Username = z.string().trim().regex(/^[a-z][a-z0-9._-]{2,31}$/, 'lower-case letters, digits, . _ -; 3–32, starting with a letter');
/** Checked against the password policy by the service (WEAK_PASSWORD), so only the size here. */
export const NewPassword = z.string().min(1).max(256);
/** The acting admin's own password, typed again for account, role, device and pairing changes (checked before the transaction). */
export const ConfirmPassword = z.string().min(1).max(256);
export const RoleList = z.array(Role).min(1, 'at least one role');

export const DepartmentAdminView = z.object({
  id: Id, code: z.string(), name: z.string(), nameEn: z.string(), active: z.boolean(),
  /** Staff who have not left, and active rooms, in this department. */
  activeStaff: z.number().int().nonnegative(),
  activeRooms: z.number().int().nonnegative(),
  updatedAt: Instant,
});

export const RoomAdminView = z.object({
  id: Id, departmentId: Id, departmentCode: z.string(), departmentName: z.string(), name: z.string(), active: z.boolean(), updatedAt: Instant,
});

export const StaffAdminView = z.object({
  id: Id,
  name: z.string(),
  sex: Sex,
  position: z.enum(STAFF_POSITIONS),
  title: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  specialty: z.string(),
  registrationFeeFen: Fen,
  status: z.enum(STAFF_STATUSES),
  /** Normalised like patients' phones; null: none given. */
  phone: z.string().nullable(),
  updatedAt: Instant,
});

/** Never carries the password hash. */
export const AccountAdminView = z.object({
  id: Id,
  username: z.string(),
  roles: z.array(Role),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});

/** A person's fields, none defaulted (the update's patch). */
const staffFields = {
  name: RequiredText(50),
  sex: Sex,
  position: z.enum(STAFF_POSITIONS),
  /** Professional title, e.g. 主任医师. */
  title: Text(50),
  departmentId: Id.nullable(),
  specialty: Text(200),
  /** Registration fee for a visit with this person, integer fen. */
  registrationFeeFen: Fen,
  status: z.enum(STAFF_STATUSES),
  /** A phone to reach the person (issue 16): checked and normalised (INVALID_PHONE {field: 'phone'}); blank or null is none. */
  phone: Text(40).nullable(),
};

/** A new person: name, sex and position required; the rest default (no department, no fee, active). */
export const StaffCreateInput = z.object({
  ...staffFields,
  title: staffFields.title.default(''),
  departmentId: staffFields.departmentId.default(null),
  specialty: staffFields.specialty.default(''),
  registrationFeeFen: staffFields.registrationFeeFen.default(0),
  status: staffFields.status.default('active'),
  phone: staffFields.phone.default(null),
});
export type StaffCreate = z.output<typeof StaffCreateInput>;
export type StaffCreateRaw = z.input<typeof StaffCreateInput>;

export const StaffPatch = z.object({
  name: staffFields.name.optional(),
  sex: staffFields.sex.optional(),
  position: staffFields.position.optional(),
  title: staffFields.title.optional(),
  departmentId: staffFields.departmentId.optional(),
  specialty: staffFields.specialty.optional(),
  registrationFeeFen: staffFields.registrationFeeFen.optional(),
  status: staffFields.status.optional(),
  phone: staffFields.phone.optional(),
});
export type StaffPatchT = z.output<typeof StaffPatch>;

export const RECEIPT_HEADER_MAX_CHARS = 200;
export const RECEIPT_HEADER_MAX_LINES = 4;

/** What the admin may change of the clinic settings; unknown keys are refused. */
export const SettingsPatch = z.strictObject({
  clinicName: RequiredText(100).optional(),
  clinicNameEn: RequiredText(100).optional(),
  address: Text(200).optional(),
  phone: Text(40).optional(),
  /** An IANA zone (Asia/Shanghai); checked against what Intl knows. */
  timeZone: RequiredText(64).optional(),
  feeAtCheckIn: z.boolean().optional(),
  /** Printed at the top of receipts: at most 200 characters on at most 4 lines. */
  receiptHeader: Text(RECEIPT_HEADER_MAX_CHARS)
    .refine((s) => s.split('\n').length <= RECEIPT_HEADER_MAX_LINES, `at most ${RECEIPT_HEADER_MAX_LINES} lines`).optional(),
  maxLoginFailures: z.number().int().min(1).max(20).optional(),
  loginLockMs: z.number().int().min(0).max(24 * 3_600_000).optional(),
  idleLockMs: z.number().int().min(10_000).max(8 * 3_600_000).optional(),
  /** The longest session (a shift): one hour to a day. */
  maxSessionMs: z.number().int().min(3_600_000).max(24 * 3_600_000).optional(),
  expiryWarningDays: z.number().int().min(1).max(730).optional(),
  /** Methods the desks may take payments in; at least one. */
  paymentMethods: z.array(PaymentMethodBuiltIn).min(1, 'at least one payment method').optional(),
  portalBookingNotice: Text(1000).optional(),
  portalCancelCutoffMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
  portalBookingsPerDay: z.number().int().min(1).max(20).optional(),
  /** Confirmed bookings nobody settled after their session: no-shows, or simply expired. */
  lapsedBookingsBecome: z.enum(LAPSE_RULES).optional(),
});

export const ClinicSettingsView = z.object({
  clinicName: z.string(),
  clinicNameEn: z.string(),
  address: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  feeAtCheckIn: z.boolean(),
  receiptHeader: z.string(),
  maxLoginFailures: z.number().int(),
  loginLockMs: z.number().int(),
  idleLockMs: z.number().int(),
  maxSessionMs: z.number().int(),
  expiryWarningDays: z.number().int(),
  paymentMethods: z.array(PaymentMethodBuiltIn),
  portalBookingNotice: z.string(),
  portalCancelCutoffMinutes: z.number().int(),
  portalBookingsPerDay: z.number().int(),
  lapsedBookingsBecome: z.enum(LAPSE_RULES),
});
