CREATE TABLE `day_close_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`day_close_id` text NOT NULL,
	`entry_table` text NOT NULL,
	`entry_id` text NOT NULL,
	`device` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`day_close_id`) REFERENCES `day_closes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `day_close_entries_close` ON `day_close_entries` (`day_close_id`);--> statement-breakpoint
CREATE INDEX `day_close_entries_entry` ON `day_close_entries` (`entry_id`);--> statement-breakpoint
CREATE TABLE `refund_items` (
	`id` text PRIMARY KEY NOT NULL,
	`bill_id` text NOT NULL,
	`bill_item_id` text NOT NULL,
	`ref_id` text,
	`quantity` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`insurance_fen` integer NOT NULL,
	`refund_key` text NOT NULL,
	`device` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_item_id`) REFERENCES `bill_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_items_bill` ON `refund_items` (`bill_id`);--> statement-breakpoint
CREATE INDEX `refund_items_ref` ON `refund_items` (`ref_id`);--> statement-breakpoint
CREATE INDEX `refund_items_key` ON `refund_items` (`refund_key`);--> statement-breakpoint
DROP INDEX `payments_receipt_no`;--> statement-breakpoint
CREATE INDEX `payments_receipt_no` ON `payments` (`receipt_no`);--> statement-breakpoint
DROP INDEX `refunds_refund_no`;--> statement-breakpoint
CREATE INDEX `refunds_refund_no` ON `refunds` (`refund_no`);