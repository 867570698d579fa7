-- Following what happens: how far each member has read inside each thread, and the notices
-- a member gets when answered, mentioned, published after moderation or given a place.

-- The last comment of the article the member has seen, by id (ids only grow): a comment is
-- new to them when it has a greater id. One integer per (member, article) row that already
-- exists, so that the list's « 2 nouveaux » costs one indexed query per member. Members who
-- read an article before this migration are taken to have seen its comments so far: an
-- upgrade must not light up every thread they ever opened.
ALTER TABLE reads ADD COLUMN seen_comment_id INTEGER NOT NULL DEFAULT 0;
UPDATE reads SET seen_comment_id =
    coalesce((SELECT max(c.id) FROM comments c WHERE c.article_id = reads.article_id), 0);

-- An article's comments by id, with what counting the new ones needs: the count for a mark
-- reads only the comments past it.
CREATE INDEX comments_by_article_id ON comments(article_id, id, status, author_id);

CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('reply', 'mention', 'published', 'place')),
    -- who caused it (the replier, the one who mentions); NULL for a moderator's or the agenda's
    actor_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    article_id    INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    comment_id    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    event_id      INTEGER REFERENCES events(id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    -- set once the member reached what it is about (or read past it in the thread)
    seen_at       TEXT
);
-- What a member has not seen yet, newest last: the top bar's counter and the summary.
CREATE INDEX notices_unseen ON notices(user_id, id) WHERE seen_at IS NULL;
-- One notice of a kind per comment and member: a comment hidden and published again, or
-- edited, does not notify twice.
CREATE UNIQUE INDEX notices_once ON notices(user_id, kind, comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX notices_by_comment ON notices(comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX notices_by_event ON notices(event_id) WHERE event_id IS NOT NULL;
