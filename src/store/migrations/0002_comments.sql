-- Members and comments: codes that link a new key to an existing account, and the indexes
-- that rate limits (an author's recent comments) and threads (replies of a comment) need.

CREATE TABLE link_codes (
    code          TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT
);
CREATE INDEX link_codes_user ON link_codes(user_id);

CREATE INDEX comments_by_author ON comments(author_id, created_at);
CREATE INDEX comments_by_parent ON comments(parent_id);
