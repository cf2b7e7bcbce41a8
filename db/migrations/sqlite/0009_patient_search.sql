CREATE TABLE `patient_search_keys` (
	`key` text NOT NULL,
	`seen` integer NOT NULL,
	`patient_id` text NOT NULL,
	PRIMARY KEY(`key`, `seen`, `patient_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `patient_seen` (
	`patient_id` text PRIMARY KEY NOT NULL,
	`seen` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `search_positions` (
	`n` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Hand-written below (reviewed). The positions 1-50 the key view walks a name by.
WITH RECURSIVE n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < 50) INSERT INTO search_positions (n) SELECT n FROM n;
--> statement-breakpoint
-- The keys of each patient (main/station/services/patients-search-keys.ts says the same in TypeScript):
-- each character, pair and triple of the name shorter than the whole (ASCII lower-cased), the whole name '=',
-- each leading part of the pinyin initials shorter than the whole '^', and the whole initials '$'.
-- Merged records have none.
CREATE VIEW `patient_search_source` AS
SELECT p.id AS patient_id, substr(lower(p.name), s.n, l.n) AS key
  FROM patients p
  JOIN search_positions l ON l.n <= 3 AND l.n < length(p.name)
  JOIN search_positions s ON s.n <= length(p.name) - l.n + 1
  WHERE p.merged_into IS NULL
UNION ALL
SELECT p.id, '=' || lower(p.name) FROM patients p WHERE p.merged_into IS NULL
UNION ALL
SELECT p.id, '^' || substr(p.pinyin_initials, 1, s.n)
  FROM patients p JOIN search_positions s ON s.n < length(p.pinyin_initials)
  WHERE p.merged_into IS NULL
UNION ALL
SELECT p.id, '$' || p.pinyin_initials FROM patients p WHERE p.merged_into IS NULL AND p.pinyin_initials <> '';
--> statement-breakpoint
-- Triggers keep patient_search_keys equal to the view with every write to patients and visits: a command's,
-- a change applied from the hub, a bootstrap; in the writing statement's transaction. A key row's `seen` is
-- patient_seen's (the last check-in here), so a patient's keys move when a later visit arrives.
CREATE TRIGGER `patient_search_insert` AFTER INSERT ON `patients` BEGIN
  INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
    SELECT key, coalesce((SELECT seen FROM patient_seen WHERE patient_id = NEW.id), 0), patient_id FROM patient_search_source WHERE patient_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `patient_search_unkey` BEFORE UPDATE OF name, pinyin_initials, merged_into ON `patients` BEGIN
  DELETE FROM patient_search_keys WHERE patient_id = OLD.id AND seen = coalesce((SELECT seen FROM patient_seen WHERE patient_id = OLD.id), 0)
    AND key IN (SELECT key FROM patient_search_source WHERE patient_id = OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `patient_search_rekey` AFTER UPDATE OF name, pinyin_initials, merged_into ON `patients` BEGIN
  INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
    SELECT key, coalesce((SELECT seen FROM patient_seen WHERE patient_id = NEW.id), 0), patient_id FROM patient_search_source WHERE patient_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `patient_search_delete` BEFORE DELETE ON `patients` BEGIN
  DELETE FROM patient_search_keys WHERE patient_id = OLD.id AND seen = coalesce((SELECT seen FROM patient_seen WHERE patient_id = OLD.id), 0)
    AND key IN (SELECT key FROM patient_search_source WHERE patient_id = OLD.id);
  DELETE FROM patient_seen WHERE patient_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `patient_seen_visit` AFTER INSERT ON `visits`
WHEN NEW.checked_in_at > coalesce((SELECT seen FROM patient_seen WHERE patient_id = NEW.patient_id), 0) BEGIN
  DELETE FROM patient_search_keys WHERE patient_id = NEW.patient_id AND seen = coalesce((SELECT seen FROM patient_seen WHERE patient_id = NEW.patient_id), 0)
    AND key IN (SELECT key FROM patient_search_source WHERE patient_id = NEW.patient_id);
  INSERT OR REPLACE INTO patient_seen (patient_id, seen) VALUES (NEW.patient_id, NEW.checked_in_at);
  INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
    SELECT key, NEW.checked_in_at, patient_id FROM patient_search_source WHERE patient_id = NEW.patient_id;
END;
--> statement-breakpoint
CREATE TRIGGER `patient_seen_visit_moved` AFTER UPDATE OF patient_id, checked_in_at ON `visits` BEGIN
  DELETE FROM patient_search_keys WHERE patient_id = OLD.patient_id AND seen = coalesce((SELECT seen FROM patient_seen WHERE patient_id = OLD.patient_id), 0)
    AND key IN (SELECT key FROM patient_search_source WHERE patient_id = OLD.patient_id);
  DELETE FROM patient_seen WHERE patient_id = OLD.patient_id;
  INSERT INTO patient_seen (patient_id, seen) SELECT OLD.patient_id, (SELECT max(checked_in_at) FROM visits WHERE patient_id = OLD.patient_id) WHERE (SELECT max(checked_in_at) FROM visits WHERE patient_id = OLD.patient_id) IS NOT NULL;
  INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
    SELECT key, coalesce((SELECT seen FROM patient_seen WHERE patient_id = OLD.patient_id), 0), patient_id FROM patient_search_source WHERE patient_id = OLD.patient_id;
  DELETE FROM patient_search_keys WHERE patient_id = NEW.patient_id AND seen = coalesce((SELECT seen FROM patient_seen WHERE patient_id = NEW.patient_id), 0)
    AND key IN (SELECT key FROM patient_search_source WHERE patient_id = NEW.patient_id);
  DELETE FROM patient_seen WHERE patient_id = NEW.patient_id;
  INSERT INTO patient_seen (patient_id, seen) SELECT NEW.patient_id, (SELECT max(checked_in_at) FROM visits WHERE patient_id = NEW.patient_id) WHERE (SELECT max(checked_in_at) FROM visits WHERE patient_id = NEW.patient_id) IS NOT NULL;
  INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
    SELECT key, coalesce((SELECT seen FROM patient_seen WHERE patient_id = NEW.patient_id), 0), patient_id FROM patient_search_source WHERE patient_id = NEW.patient_id;
END;
--> statement-breakpoint
CREATE TRIGGER `patient_seen_visit_deleted` AFTER DELETE ON `visits` BEGIN
  DELETE FROM patient_search_keys WHERE patient_id = OLD.patient_id AND seen = coalesce((SELECT seen FROM patient_seen WHERE patient_id = OLD.patient_id), 0)
    AND key IN (SELECT key FROM patient_search_source WHERE patient_id = OLD.patient_id);
  DELETE FROM patient_seen WHERE patient_id = OLD.patient_id;
  INSERT INTO patient_seen (patient_id, seen) SELECT OLD.patient_id, (SELECT max(checked_in_at) FROM visits WHERE patient_id = OLD.patient_id) WHERE (SELECT max(checked_in_at) FROM visits WHERE patient_id = OLD.patient_id) IS NOT NULL;
  INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
    SELECT key, coalesce((SELECT seen FROM patient_seen WHERE patient_id = OLD.patient_id), 0), patient_id FROM patient_search_source WHERE patient_id = OLD.patient_id;
END;
--> statement-breakpoint
-- Backfill (data) for a replica that has patients already: the last check-in of each, then every key.
INSERT INTO patient_seen (patient_id, seen) SELECT patient_id, max(checked_in_at) FROM visits GROUP BY patient_id;
--> statement-breakpoint
INSERT OR IGNORE INTO patient_search_keys (key, seen, patient_id)
  SELECT s.key, coalesce(ps.seen, 0), s.patient_id FROM patient_search_source s LEFT JOIN patient_seen ps ON ps.patient_id = s.patient_id
  ORDER BY 1, 2, 3;