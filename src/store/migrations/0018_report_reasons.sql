-- Why a member reported a message, in their words (one line, cleaned, capped): what the
-- moderators read first. Empty when they gave none.
ALTER TABLE message_reports ADD COLUMN reason TEXT NOT NULL DEFAULT '';
