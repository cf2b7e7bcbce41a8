/**
 * The one error shape of the whole application. Every refusal — bad input, a role that may
 * not do something, an illegal transition, a broken invariant — is a DomainError with a stable
 * `code` that the UI translates; `details` says which field or state it concerns.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_PROCEDURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_LOCKED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'BAD_CREDENTIALS',
  'WEAK_PASSWORD',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'INVALID_MONEY',
  'INSURANCE_EXCEEDS_TOTAL',
  'INVALID_ID_NUMBER',
  'ID_NUMBER_MISMATCH',
  'INVALID_PHONE',
  'INVALID_NAME',
  'INVALID_DATE',
  'SESSION_FULL',
  'SESSION_STOPPED',
  'SESSION_PAST',
  'DUPLICATE_BOOKING',
  'SESSION_NOT_OVER',
  'DUPLICATE_PATIENT',
  'FEE_UNPAID',
  'QUEUE_EMPTY',
  'RECORD_SIGNED',
  'RECORD_NOT_SIGNED',
  'VISIT_NOT_IN_CONSULTATION',
  'PRESCRIPTION_NOT_DRAFT',
  'OUT_OF_STOCK',
  'INSUFFICIENT_STOCK',
  'DRUG_INACTIVE',
  'SAFETY_OVERRIDE_REQUIRED',
  'BED_OCCUPIED',
  'ALREADY_ADMITTED',
  'OVERPAYMENT',
  'REFUND_EXCEEDS_PAID',
  'BILL_NOT_PAID',
  'NOT_PAID',
  'NOTHING_TO_CLOSE',
  'NOTHING_TO_BILL',
  'ALREADY_DELIVERED',
  'ALREADY_REFUNDED',
  'READ_ONLY_MASTER_DATA',
  'ALREADY_EXISTS',
  'IN_USE',
  'DEPARTMENT_INACTIVE',
  'STAFF_LEFT',
  'LAST_ADMIN',
  'OWN_ACCOUNT',
  'PAYMENT_METHOD_DISABLED',
  'HUB_UNREACHABLE',
  'HUB_LOGIN_REQUIRED',
  'TOO_MANY_ATTEMPTS',
  'ROSTER_CONFLICT',
  'CAPACITY_BELOW_BOOKINGS',
  'IMPORT_INVALID',
  'FILE_MALFORMED',
  'IMPORT_TOO_LARGE',
  'SETUP_CLOSED',
  'BAD_PAIRING_CODE',
  // The patient portal (main/hub/portal): a cancel or reschedule too close to the session, too many bookings a day, a wrong activation code.
  'BOOKING_CUTOFF',
  'BOOKING_LIMIT',
  'BAD_ACTIVATION_CODE',
  // The self check-in kiosk (main/hub/portal/kiosk-*.ts): no one or more than one patient matches, nothing to check in today, already checked in.
  'IDENTITY_NOT_MATCHED',
  'NO_APPOINTMENT_TODAY',
  'ALREADY_CHECKED_IN',
  // Online payment (main/hub/payments): the gateway is not set or cannot be reached (pay at the counter), or it refused.
  'PAYMENT_GATEWAY_UNREACHABLE',
  'PAYMENT_GATEWAY_REFUSED',
  // The hub's job runner (main/hub/jobs): a job asked to run while it runs (in this or another hub process).
  'JOB_RUNNING',
  // The station's own storage (main/station/storage-errors.ts): what failed, and what a person can do.
  'DISK_FULL',
  'STORAGE_READ_ONLY',
  'STORAGE_BUSY',
  'STORAGE_CORRUPT',
  'STORAGE_ERROR',
  'STORAGE_KEY_WRONG',
  'STORAGE_KEY_MISSING',
  'STORAGE_KEY_UNSAFE',
  'BACKUP_KEY_WRONG',
  'BACKUP_KEY_MISSING',
  'INTERNAL',
  'INVALID_ID_DOCUMENT',
  'INVALID_APPROVAL_NUMBER',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Shorthand: throw a DomainError when `condition` is false. */
export function ensure(
  condition: unknown,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): asserts condition {
  if (!condition) throw new DomainError(code, message, details);
}
