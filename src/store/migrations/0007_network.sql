-- The members' directory and private messages: opt-in profiles, messages between two
-- members, who blocked whom, and the messages reported to the moderators.

CREATE TABLE profiles (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    -- nothing of the profile is shown to anyone while this is 0
    published       INTEGER NOT NULL DEFAULT 0,
    commune_insee   TEXT REFERENCES communes(insee),
    status          TEXT CHECK (status IN ('independant', 'salarie', 'association', 'entreprise')),
    -- lower-case tags separated by newlines (a tag may hold spaces)
    skills          TEXT NOT NULL DEFAULT '',
    -- codes separated by spaces, in a fixed order
    open_to         TEXT NOT NULL DEFAULT '',
    presentation    TEXT NOT NULL DEFAULT '',
    -- « qui est connecté » shows the member while connected
    visible_online  INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
);
CREATE INDEX profiles_published ON profiles(published, updated_at);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    sender_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    recipient_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    read_at         TEXT,
    -- sent while the recipient blocked the sender: the sender sees it, the recipient never
    withheld        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_by_sender ON messages(sender_id, created_at);
CREATE INDEX messages_by_recipient ON messages(recipient_id, read_at, created_at);

CREATE TABLE blocks (
    blocker_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    blocked_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
) WITHOUT ROWID;

CREATE TABLE message_reports (
    id              INTEGER PRIMARY KEY,
    message_id      INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    reporter_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'suspended')),
    decided_at      TEXT,
    UNIQUE (message_id, reporter_id)
);
CREATE INDEX message_reports_by_status ON message_reports(status, created_at);
