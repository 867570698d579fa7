-- The meetups agenda: events in a space of the directory or at an address in a commune,
-- proposed by members (approved by an admin) or by the association (organiser NULL), and who
-- goes. The waiting list is the attendees beyond the capacity, in the order they joined.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    space_id      INTEGER REFERENCES spaces(id) ON DELETE SET NULL,
    address       TEXT NOT NULL DEFAULT '',
    commune_insee TEXT REFERENCES communes(insee),
    description   TEXT NOT NULL DEFAULT '',
    organiser_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    capacity      INTEGER CHECK (capacity IS NULL OR capacity > 0),
    status        TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'cancelled')),
    created_at    TEXT NOT NULL,
    approved_at   TEXT,
    cancelled_at  TEXT,
    source        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_by_start ON events(status, starts_at);

CREATE TABLE event_attendees (
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at     TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
CREATE INDEX attendees_by_user ON event_attendees(user_id);
