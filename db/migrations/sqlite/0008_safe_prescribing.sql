ALTER TABLE `patients` ADD `allergy_list` text;--> statement-breakpoint
ALTER TABLE `prescriptions` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `prescriptions` ADD `override_reason` text;--> statement-breakpoint
ALTER TABLE `prescriptions` ADD `override_stops` text;--> statement-breakpoint
ALTER TABLE `drugs` ADD `ingredients` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `drugs` ADD `drug_classes` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `drugs` ADD `max_dose` real;--> statement-breakpoint
ALTER TABLE `drugs` ADD `default_dose` real;--> statement-breakpoint
ALTER TABLE `drugs` ADD `default_frequency` text;--> statement-breakpoint
ALTER TABLE `drugs` ADD `default_route` text;--> statement-breakpoint
ALTER TABLE `drugs` ADD `default_days` integer;