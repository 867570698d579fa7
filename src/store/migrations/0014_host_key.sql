-- The host key a bulletin was served with: members' known_hosts hold it, so a server that
-- finds it missing or different on start must not silently make another one.
CREATE TABLE host_key (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint   TEXT NOT NULL,
    first_used_at TEXT NOT NULL
);
