CREATE TABLE `dictionary_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dictionary_entries_kind` ON `dictionary_entries` (`kind`,`sort_order`);--> statement-breakpoint
ALTER TABLE `staff` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `id_doc_type` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `id_doc_number` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `marital_status` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `ethnicity` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `occupation` text;--> statement-breakpoint
CREATE INDEX `patients_id_doc_number` ON `patients` (`id_doc_number`);--> statement-breakpoint
ALTER TABLE `drugs` ADD `manufacturer` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `drugs` ADD `approval_number` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `drugs` ADD `contraindications` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `drugs` ADD `cautions` text DEFAULT '' NOT NULL;