-- What `cedille status`, another process, reads of a running server: the server writes this
-- one row when it starts, when its count of sessions changes (a few seconds apart at most)
-- and once a minute, so that a server killed without a word is seen as gone.
CREATE TABLE server_status (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    pid         INTEGER NOT NULL,
    listen      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    sessions    INTEGER NOT NULL DEFAULT 0,
    connections INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    stopped_at  TEXT
);

-- The last backup `cedille backup` wrote and checked.
CREATE TABLE last_backup (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    path        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    finished_at TEXT NOT NULL
);
