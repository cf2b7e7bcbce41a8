DROP INDEX `change_log_row`;--> statement-breakpoint
CREATE INDEX `change_log_row` ON `change_log` (`table_name`,`row_id`,`hlc`,`id`);