CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`roles` text NOT NULL,
	`staff_id` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username` ON `accounts` (`username`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code` ON `departments` (`code`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rooms_department` ON `rooms` (`department_id`);--> statement-breakpoint
CREATE TABLE `roster_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`period` text NOT NULL,
	`doctor_id` text NOT NULL,
	`department_id` text NOT NULL,
	`room_id` text,
	`capacity` integer NOT NULL,
	`stopped` integer DEFAULT false NOT NULL,
	`stop_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `roster_sessions_date` ON `roster_sessions` (`date`,`department_id`);--> statement-breakpoint
CREATE INDEX `roster_sessions_doctor` ON `roster_sessions` (`doctor_id`,`date`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`position` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`department_id` text,
	`specialty` text DEFAULT '' NOT NULL,
	`registration_fee_fen` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_department` ON `staff` (`department_id`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`session_id` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`booked_by` text,
	`confirmed_at` integer,
	`cancelled_at` integer,
	`cancel_reason` text,
	`rescheduled_from` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `roster_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_session` ON `appointments` (`session_id`,`status`);--> statement-breakpoint
CREATE INDEX `appointments_patient` ON `appointments` (`patient_id`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` text PRIMARY KEY NOT NULL,
	`record_no` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text,
	`id_number` text,
	`phone` text,
	`phone_rev` text,
	`address` text,
	`insurance_type` text DEFAULT 'self_pay' NOT NULL,
	`insurance_no` text,
	`allergies` text,
	`emergency_name` text,
	`emergency_phone` text,
	`pinyin_full` text NOT NULL,
	`pinyin_initials` text NOT NULL,
	`merged_into` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_record_no` ON `patients` (`record_no`);--> statement-breakpoint
CREATE INDEX `patients_name` ON `patients` (`name`);--> statement-breakpoint
CREATE INDEX `patients_pinyin_initials` ON `patients` (`pinyin_initials`);--> statement-breakpoint
CREATE INDEX `patients_pinyin_full` ON `patients` (`pinyin_full`);--> statement-breakpoint
CREATE INDEX `patients_phone` ON `patients` (`phone`);--> statement-breakpoint
CREATE INDEX `patients_phone_rev` ON `patients` (`phone_rev`);--> statement-breakpoint
CREATE INDEX `patients_id_number` ON `patients` (`id_number`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`visit_date` text NOT NULL,
	`session_id` text,
	`appointment_id` text,
	`doctor_id` text NOT NULL,
	`department_id` text NOT NULL,
	`queue_no` text NOT NULL,
	`queue_order` integer NOT NULL,
	`visit_type` text NOT NULL,
	`follow_up_of` text,
	`priority` integer DEFAULT false NOT NULL,
	`priority_reason` text,
	`status` text NOT NULL,
	`fee_fen` integer NOT NULL,
	`fee_status` text NOT NULL,
	`checked_in_at` integer NOT NULL,
	`called_at` integer,
	`call_count` integer DEFAULT 0 NOT NULL,
	`consult_started_at` integer,
	`consult_ended_at` integer,
	`discharged_at` integer,
	`cancelled_at` integer,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `roster_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_queue` ON `visits` (`doctor_id`,`visit_date`,`status`);--> statement-breakpoint
CREATE INDEX `visits_patient` ON `visits` (`patient_id`,`checked_in_at`);--> statement-breakpoint
CREATE INDEX `visits_date` ON `visits` (`visit_date`,`department_id`);--> statement-breakpoint
CREATE TABLE `admissions` (
	`id` text PRIMARY KEY NOT NULL,
	`patient_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`bed_id` text NOT NULL,
	`status` text NOT NULL,
	`admitted_by` text NOT NULL,
	`admitted_at` integer NOT NULL,
	`discharged_at` integer,
	`discharge_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bed_id`) REFERENCES `beds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `admissions_bed` ON `admissions` (`bed_id`,`status`);--> statement-breakpoint
CREATE INDEX `admissions_patient` ON `admissions` (`patient_id`);--> statement-breakpoint
CREATE TABLE `beds` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_id` text NOT NULL,
	`label` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ward_id`) REFERENCES `wards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `beds_ward` ON `beds` (`ward_id`);--> statement-breakpoint
CREATE TABLE `diagnoses` (
	`id` text PRIMARY KEY NOT NULL,
	`record_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`icd10` text NOT NULL,
	`text` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`seq` integer NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `medical_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `diagnoses_record` ON `diagnoses` (`record_id`);--> statement-breakpoint
CREATE INDEX `diagnoses_icd10` ON `diagnoses` (`icd10`);--> statement-breakpoint
CREATE TABLE `exam_items` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`category` text NOT NULL,
	`price_fen` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exam_items_code` ON `exam_items` (`code`);--> statement-breakpoint
CREATE TABLE `exam_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`exam_item_id` text NOT NULL,
	`ordered_by` text NOT NULL,
	`status` text NOT NULL,
	`price_fen` integer NOT NULL,
	`note` text,
	`result` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exam_item_id`) REFERENCES `exam_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exam_orders_visit` ON `exam_orders` (`visit_id`);--> statement-breakpoint
CREATE INDEX `exam_orders_status` ON `exam_orders` (`status`);--> statement-breakpoint
CREATE TABLE `medical_records` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`doctor_id` text NOT NULL,
	`complaint` text DEFAULT '' NOT NULL,
	`present_illness` text DEFAULT '' NOT NULL,
	`past_history` text DEFAULT '' NOT NULL,
	`findings` text DEFAULT '' NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`signed_at` integer,
	`signed_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `medical_records_visit` ON `medical_records` (`visit_id`);--> statement-breakpoint
CREATE INDEX `medical_records_patient` ON `medical_records` (`patient_id`);--> statement-breakpoint
CREATE TABLE `prescription_items` (
	`id` text PRIMARY KEY NOT NULL,
	`prescription_id` text NOT NULL,
	`drug_id` text NOT NULL,
	`seq` integer NOT NULL,
	`dose` real NOT NULL,
	`dose_unit` text NOT NULL,
	`frequency` text NOT NULL,
	`route` text NOT NULL,
	`days` integer NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`note` text,
	`removed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`prescription_id`) REFERENCES `prescriptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drug_id`) REFERENCES `drugs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `prescription_items_prescription` ON `prescription_items` (`prescription_id`);--> statement-breakpoint
CREATE INDEX `prescription_items_drug` ON `prescription_items` (`drug_id`);--> statement-breakpoint
CREATE TABLE `prescriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`rx_no` text NOT NULL,
	`visit_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`doctor_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`issued_at` integer,
	`reviewed_by` text,
	`dispensed_at` integer,
	`dispensed_by` text,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prescriptions_rx_no` ON `prescriptions` (`rx_no`);--> statement-breakpoint
CREATE INDEX `prescriptions_visit` ON `prescriptions` (`visit_id`);--> statement-breakpoint
CREATE INDEX `prescriptions_status` ON `prescriptions` (`status`,`issued_at`);--> statement-breakpoint
CREATE TABLE `record_amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`previous_text` text NOT NULL,
	`new_text` text NOT NULL,
	`reason` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `medical_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_amendments_record` ON `record_amendments` (`record_id`);--> statement-breakpoint
CREATE TABLE `wards` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`department_id` text,
	`daily_rate_fen` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `drugs` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`spec` text NOT NULL,
	`form` text NOT NULL,
	`unit` text NOT NULL,
	`dose_unit` text NOT NULL,
	`doses_per_unit` integer NOT NULL,
	`price_fen` integer NOT NULL,
	`insurance_class` text NOT NULL,
	`low_stock_threshold` integer DEFAULT 10 NOT NULL,
	`pinyin_initials` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drugs_code` ON `drugs` (`code`);--> statement-breakpoint
CREATE INDEX `drugs_pinyin` ON `drugs` (`pinyin_initials`);--> statement-breakpoint
CREATE INDEX `drugs_name` ON `drugs` (`name`);--> statement-breakpoint
CREATE TABLE `stock_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`drug_id` text NOT NULL,
	`batch_no` text NOT NULL,
	`expiry_date` text NOT NULL,
	`cost_fen` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`drug_id`) REFERENCES `drugs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_batches_drug` ON `stock_batches` (`drug_id`,`expiry_date`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`drug_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text,
	`ref_id` text,
	`by_account` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`drug_id`) REFERENCES `drugs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `stock_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_batch` ON `stock_movements` (`batch_id`);--> statement-breakpoint
CREATE INDEX `stock_movements_drug` ON `stock_movements` (`drug_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `stock_movements_ref` ON `stock_movements` (`ref_id`);--> statement-breakpoint
CREATE TABLE `bill_items` (
	`id` text PRIMARY KEY NOT NULL,
	`bill_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text,
	`description` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`insurance_fen` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bill_items_bill` ON `bill_items` (`bill_id`);--> statement-breakpoint
CREATE INDEX `bill_items_ref` ON `bill_items` (`ref_id`);--> statement-breakpoint
CREATE TABLE `bills` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`total_fen` integer NOT NULL,
	`insurance_fen` integer NOT NULL,
	`self_pay_fen` integer NOT NULL,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bills_visit` ON `bills` (`visit_id`);--> statement-breakpoint
CREATE INDEX `bills_status` ON `bills` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `day_closes` (
	`id` text PRIMARY KEY NOT NULL,
	`close_no` text NOT NULL,
	`cashier_id` text NOT NULL,
	`device` text NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer NOT NULL,
	`totals` text NOT NULL,
	`payment_count` integer NOT NULL,
	`refund_count` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `day_closes_no` ON `day_closes` (`close_no`);--> statement-breakpoint
CREATE INDEX `day_closes_cashier` ON `day_closes` (`cashier_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`bill_id` text NOT NULL,
	`receipt_no` text NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`tendered_fen` integer,
	`change_fen` integer,
	`reference` text,
	`idempotency_key` text NOT NULL,
	`cashier_id` text NOT NULL,
	`device` text NOT NULL,
	`day_close_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_receipt_no` ON `payments` (`receipt_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_idempotency` ON `payments` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `payments_bill` ON `payments` (`bill_id`);--> statement-breakpoint
CREATE INDEX `payments_cashier` ON `payments` (`cashier_id`,`day_close_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_created` ON `payments` (`created_at`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`bill_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`refund_no` text NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`reason` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`cashier_id` text NOT NULL,
	`device` text NOT NULL,
	`day_close_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_refund_no` ON `refunds` (`refund_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency` ON `refunds` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `refunds_bill` ON `refunds` (`bill_id`);--> statement-breakpoint
CREATE INDEX `refunds_cashier` ON `refunds` (`cashier_id`,`day_close_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`account_id` text NOT NULL,
	`device` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`patient_id` text,
	`procedure` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_patient` ON `audit_log` (`patient_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` text PRIMARY KEY NOT NULL,
	`hlc` text NOT NULL,
	`device` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`columns` text NOT NULL,
	`seq` integer
);
--> statement-breakpoint
CREATE INDEX `change_log_seq` ON `change_log` (`seq`);--> statement-breakpoint
CREATE INDEX `change_log_row` ON `change_log` (`table_name`,`row_id`,`hlc`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`username` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`locked_until` integer,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `station_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
