-- Bans that find their member, and paces on what a member repeats.

-- The name a member was suspended under (their handle then, or #ID): `users unban NAME`
-- finds them by it whatever their handle became since.
ALTER TABLE users ADD COLUMN banned_as TEXT;
-- When the member last chose their handle themselves: the next change is paced from it.
ALTER TABLE users ADD COLUMN handle_set_at TEXT;

-- Handles given up, reserved for a while to the member who had them: nobody else takes a
-- name readers still link to that member.
CREATE TABLE released_handles (
    handle        TEXT NOT NULL COLLATE NOCASE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    released_at   TEXT NOT NULL
);
CREATE INDEX released_handles_by_handle ON released_handles(handle, released_at);
CREATE INDEX released_handles_by_user ON released_handles(user_id);

-- The suspended members, read by the server each time the data changes.
CREATE INDEX users_banned ON users(id) WHERE banned;

-- A member's reports of the last day, for their pace.
CREATE INDEX message_reports_by_reporter ON message_reports(reporter_id, created_at);
