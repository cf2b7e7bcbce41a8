CREATE TABLE `holidays` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_date` ON `holidays` (`date`);--> statement-breakpoint
CREATE TABLE `roster_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`doctor_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`period` text NOT NULL,
	`room_id` text,
	`capacity` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `roster_templates_doctor` ON `roster_templates` (`doctor_id`,`weekday`);