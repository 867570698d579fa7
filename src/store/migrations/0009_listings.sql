-- The operator's list of every comment, newest first (`cedille comments list --limit N`):
-- read from the end of this index, it stops after N rows instead of sorting them all.
CREATE INDEX comments_by_time ON comments(created_at);
