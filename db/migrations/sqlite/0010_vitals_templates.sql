CREATE TABLE `record_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`department_id` text NOT NULL,
	`name` text NOT NULL,
	`complaint` text DEFAULT '' NOT NULL,
	`present_illness` text DEFAULT '' NOT NULL,
	`past_history` text DEFAULT '' NOT NULL,
	`findings` text DEFAULT '' NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_templates_department` ON `record_templates` (`department_id`);--> statement-breakpoint
CREATE TABLE `vital_signs` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`temperature_c` real,
	`systolic` integer,
	`diastolic` integer,
	`pulse` integer,
	`respiration` integer,
	`spo2` integer,
	`weight_kg` real,
	`height_cm` real,
	`taken_at` integer NOT NULL,
	`taken_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vital_signs_visit` ON `vital_signs` (`visit_id`);