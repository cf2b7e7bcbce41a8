/**
 * Every closed list of the clinic's vocabulary, kept once. The schema (db/), the API contract
 * (zod enums) and the UI all read these; none keeps its own copy.
 */
/** head_cashier: a cashier who also sees everyone's close of day (main/api/policy.ts). */
export const ROLES = ['receptionist', 'doctor', 'cashier', 'head_cashier', 'pharmacist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SEXES = ['M', 'F', 'U'] as const; // U: unknown / not stated
export type Sex = (typeof SEXES)[number];

export const SESSION_PERIODS = ['morning', 'afternoon', 'full_day'] as const;
export type SessionPeriod = (typeof SESSION_PERIODS)[number];

export const STAFF_POSITIONS = ['doctor', 'nurse', 'receptionist', 'cashier', 'pharmacist', 'admin', 'technician'] as const;
export const STAFF_STATUSES = ['active', 'on_leave', 'left'] as const;

export const INSURANCE_TYPES = ['self_pay', 'urban_employee', 'urban_rural_resident', 'commercial'] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
/** What a confirmed appointment nobody settled becomes once its session is over (a clinic setting; main/hub/jobs/lapse-policy.ts). */
export const LAPSE_RULES = ['no_show', 'expired'] as const;
export type LapseRule = (typeof LAPSE_RULES)[number];
export const APPOINTMENT_SOURCES = ['phone', 'counter', 'online'] as const;

export const VISIT_STATUSES = ['waiting', 'in_consultation', 'awaiting_payment', 'discharged', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_TYPES = ['first', 'follow_up'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];
/** Why a patient is seen ahead of the queue order (priority visits). */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'emergency', 'pregnant', 'infant', 'veteran', 'other'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
export const FEE_STATUSES = ['not_required', 'unpaid', 'paid', 'refunded'] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];

export const RECORD_STATUSES = ['draft', 'signed'] as const;
/** The free-text fields of a medical record (also what an amendment names). */
export const RECORD_TEXT_FIELDS = ['complaint', 'presentIllness', 'pastHistory', 'findings', 'plan'] as const;
export type RecordTextField = (typeof RECORD_TEXT_FIELDS)[number];
export const PRESCRIPTION_STATUSES = ['draft', 'issued', 'paid', 'dispensed', 'cancelled'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];
export const EXAM_ORDER_STATUSES = ['ordered', 'paid', 'done', 'cancelled'] as const;
export type ExamOrderStatus = (typeof EXAM_ORDER_STATUSES)[number];
export const ADMISSION_STATUSES = ['admitted', 'discharged'] as const;

export const BILL_STATUSES = ['open', 'paid', 'refunded', 'void'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const BILL_KINDS = ['registration', 'clinical'] as const;
export const BILL_ITEM_KINDS = ['registration', 'drug', 'exam', 'bed', 'other'] as const;
export type BillItemKind = (typeof BILL_ITEM_KINDS)[number];
/**
 * The built-in payment methods, whose behaviour the code knows: cash goes into the drawer, QR is
 * the online gateway's, insurance pays the insurance part. A clinic may add its own methods as
 * data-dictionary entries (kind payment_method, e.g. 医保卡, 单位记账): they count like card.
 */
export const PAYMENT_METHODS = ['cash', 'card', 'qr', 'insurance'] as const;
export type PaymentMethodBuiltIn = (typeof PAYMENT_METHODS)[number];
/** A payment method's code: a built-in one or a payment_method entry of the data dictionary. */
export type PaymentMethod = string;

export const STOCK_MOVEMENT_KINDS = ['receive', 'dispense', 'adjust', 'return'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

export const DRUG_ROUTES = ['po', 'iv', 'ivgtt', 'im', 'sc', 'topical', 'inhal', 'sl', 'pr', 'eye', 'ear', 'nasal'] as const;
export const DRUG_FREQUENCIES = ['qd', 'bid', 'tid', 'qid', 'q8h', 'q12h', 'qn', 'qod', 'qw', 'prn', 'st'] as const;
export type DrugFrequency = (typeof DRUG_FREQUENCIES)[number];
export const INSURANCE_CLASSES = ['A', 'B', 'none'] as const;
export const EXAM_CATEGORIES = ['lab', 'imaging', 'ecg', 'ultrasound', 'other'] as const;

/** 'refuse': something that arrived at the hub was refused (a forged call, a bad push, a wrong pairing code); `detail` says why. */
export const AUDIT_ACTIONS = ['read', 'create', 'update', 'sign', 'amend', 'print', 'merge', 'refuse', 'override', 'void'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Identity documents besides the resident ID (居民身份证), for people who have none: each has its own rule (main/domain/idDocuments.ts). */
export const ID_DOC_TYPES = ['passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_residence'] as const;

/** A data-dictionary code (what rows store): letters, digits, _ and -, at most 40. */
export const DICTIONARY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** The kinds of the data dictionary (数据字典): master data lists the admin keeps at the hub. */
export const DICTIONARY_KINDS = ['id_doc_type', 'marital_status', 'ethnicity', 'occupation', 'cancel_reason', 'priority_reason', 'payment_method'] as const;
