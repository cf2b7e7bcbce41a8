/** Shapes shared by the history simulation's parts. */
import type { PriorityReason } from '../domain/enums';
import type { Buffer } from './buffer';
import type { Catalog } from './catalog';
import type { GenContext } from './context';
import type { DiagnosisSpec } from './data/diagnoses';
import type { Counters, Ledger, Till } from './ledger';
import type { RosterSession } from './org';
import type { PatientRow } from './patients';
import type { Rng } from './random';
import type { Stock } from './stock';

export interface PatientState {
  row: PatientRow;
  /** Age on the demo's today. */
  age: number;
  /** Registered before the history starts; otherwise at their first visit. */
  registered: boolean;
  /** Names of chronic conditions diagnosed so far (for past history). */
  conditions: Set<string>;
}

export interface Plan {
  date: string;
  session: RosterSession;
  patient: PatientState;
  dx: DiagnosisSpec;
  extraDx: DiagnosisSpec[];
  checkIn: number;
  consultStart: number;
  consultEnd: number;
  cancelAt: number | null;
  appointmentId: string | null;
  followUpOf: string | null;
  priority: PriorityReason | null;
  observe: boolean;
}

export interface Bed {
  id: string;
  deptCode: string;
  busyUntil: number;
}

export interface History {
  ctx: GenContext;
  buf: Buffer;
  rng: Rng;
  counters: Counters;
  ledger: Ledger;
  catalog: Catalog;
  stock: Stock;
  tills: { reception1: Till; reception2: Till; cashier1: Till; cashier2: Till };
  pharmacists: string[];
  freeBed: (deptCode: string, at: number) => Bed | undefined;
}
