DROP INDEX `change_log_unsent`;--> statement-breakpoint
ALTER TABLE `change_log` ADD `refused_code` text;--> statement-breakpoint
ALTER TABLE `change_log` ADD `refused_reason` text;--> statement-breakpoint
CREATE INDEX `change_log_refused` ON `change_log` (`hlc`,`id`) WHERE "change_log"."refused_code" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `change_log_unsent` ON `change_log` (`hlc`,`id`) WHERE "change_log"."seq" IS NULL AND "change_log"."refused_code" IS NULL;