-- 0003_match_report: whether a badge is addressed to one of the holder's
-- identities (and which identity it names when not), and the last
-- verification report as JSON.
ALTER TABLE badges ADD COLUMN not_addressed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE badges ADD COLUMN named_identity TEXT;
ALTER TABLE badges ADD COLUMN report TEXT;
