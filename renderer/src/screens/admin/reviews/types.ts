/** The review tasks as the API answers them. */
import type { Output } from '../../../../../main/api/contract';

export type ReviewTask = Output<'reviews.list'>['items'][number];
export type DuplicateTask = Extract<ReviewTask, { kind: 'duplicate_patient' }>;
export type OverbookedTask = Extract<ReviewTask, { kind: 'session_overbooked' }>;
export type LeftoversTask = Extract<ReviewTask, { kind: 'merged_patient_rows' }>;
export type ReviewPatient = DuplicateTask['patients'][number];
export type OverpaidTask = Extract<ReviewTask, { kind: 'bill_overpaid' }>;
export type DoubleDispenseTask = Extract<ReviewTask, { kind: 'prescription_dispensed_twice' }>;
export type TwoDesksTask = Extract<ReviewTask, { kind: 'record_two_desks' }>;
export type BelowZeroTask = Extract<ReviewTask, { kind: 'stock_below_zero' }>;
export type RefusedChangeTask = Extract<ReviewTask, { kind: 'refused_change' }>;
