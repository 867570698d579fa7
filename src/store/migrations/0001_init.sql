-- The first schema: members and their keys, the bulletin, comments, what each member has
-- read, who is connected now, and what admins did. Never edit a landed migration: add one.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    handle        TEXT UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'moderator', 'admin')),
    lang          TEXT CHECK (lang IN ('fr', 'en')),
    town          TEXT,
    bio           TEXT,
    banned        INTEGER NOT NULL DEFAULT 0,
    approved      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT
);

CREATE TABLE user_keys (
    fingerprint   TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    algorithm     TEXT NOT NULL,
    added_at      TEXT NOT NULL
);
CREATE INDEX user_keys_user ON user_keys(user_id);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    rubrique      TEXT NOT NULL DEFAULT '',
    author        TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published')),
    published_at  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX articles_by_date ON articles(status, published_at DESC);

CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    parent_id     INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    author_id     INTEGER NOT NULL REFERENCES users(id),
    body          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'published'
                  CHECK (status IN ('published', 'pending', 'hidden', 'deleted')),
    created_at    TEXT NOT NULL,
    edited_at     TEXT
);
CREATE INDEX comments_by_article ON comments(article_id, created_at);

CREATE TABLE reads (
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    read_at       TEXT NOT NULL,
    PRIMARY KEY (user_id, article_id)
) WITHOUT ROWID;

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    fingerprint   TEXT,
    peer          TEXT NOT NULL,
    started_at    TEXT NOT NULL
);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT,
    detail        TEXT
);
