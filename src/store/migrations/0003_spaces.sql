-- Places to work: the communes of Drôme and Ardèche (loaded from data/communes-26-07.csv at
-- start when the table is empty), the spaces, and their full-text index.

CREATE TABLE communes (
    insee         TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    -- lowercase, no accents, œ→oe, hyphens and apostrophes as spaces: for lookups and completion
    name_folded   TEXT NOT NULL,
    departement   TEXT NOT NULL,
    -- separated by spaces
    postcodes     TEXT NOT NULL DEFAULT '',
    population    INTEGER NOT NULL DEFAULT 0,
    lat           REAL NOT NULL,
    lon           REAL NOT NULL
);
CREATE INDEX communes_by_name ON communes(name_folded);

CREATE TABLE spaces (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    -- the name folded (lowercase, no accents): the order of lists, kept by the store
    sort_name             TEXT NOT NULL DEFAULT '',
    kind                  TEXT NOT NULL
                          CHECK (kind IN ('coworking', 'tiers-lieu', 'fablab', 'espace-public-numerique', 'other')),
    status                TEXT NOT NULL DEFAULT 'ouvert' CHECK (status IN ('ouvert', 'en-projet', 'ferme')),
    address               TEXT NOT NULL DEFAULT '',
    postcode              TEXT NOT NULL DEFAULT '',
    commune_insee         TEXT NOT NULL REFERENCES communes(insee),
    lat                   REAL NOT NULL,
    lon                   REAL NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    -- amenity codes separated by spaces, in a fixed order
    amenities             TEXT NOT NULL DEFAULT '',
    -- OpenStreetMap opening_hours; NULL when unknown
    hours                 TEXT,
    price_day_cents       INTEGER,
    price_half_day_cents  INTEGER,
    price_month_cents     INTEGER,
    website               TEXT,
    email                 TEXT,
    phone                 TEXT,
    -- YYYY-MM-DD
    verified_on           TEXT,
    source                TEXT NOT NULL,
    source_id             TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX spaces_by_commune ON spaces(commune_insee);
-- Everything the first pass of a search reads, in list order: it scans this small index,
-- never the rows with their long descriptions.
CREATE INDEX spaces_for_search ON spaces(sort_name, id, kind, status, commune_insee, lat, lon, amenities, hours);
-- The same, by id: for the spaces that the full-text index found.
CREATE INDEX spaces_for_words ON spaces(id, sort_name, kind, status, commune_insee, lat, lon, amenities, hours);
-- « within 20 km »: a latitude band narrows the rows before the exact distance.
CREATE INDEX spaces_by_lat ON spaces(lat);

-- The words that stand for a kind or an amenity code in the index, in French and English,
-- so that « réunion », « meeting » or « cowo » find what a space is and offers. Kept equal to
-- the labels in src/i18n/spaces.rs by a test. A migration that changes these rows must then
-- rebuild the index: INSERT INTO spaces_fts(spaces_fts) VALUES ('rebuild').
CREATE TABLE space_words (
    code          TEXT PRIMARY KEY,
    words         TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO space_words (code, words) VALUES
    ('coworking', 'coworking'),
    ('tiers-lieu', 'tiers-lieu third place'),
    ('fablab', 'fablab'),
    ('espace-public-numerique', 'espace public numérique public digital space'),
    ('other', 'autre other'),
    ('fibre', 'fibre'),
    ('wifi', 'wifi Wi-Fi'),
    ('salle-de-reunion', 'salle de réunion meeting room'),
    ('acces-pmr', 'accès PMR step-free access'),
    ('cuisine', 'cuisine kitchen'),
    ('parking', 'parking'),
    ('velo', 'vélo bike storage'),
    ('imprimante', 'imprimante printer'),
    ('domiciliation', 'domiciliation business address'),
    ('casiers', 'casiers lockers'),
    ('cafe', 'café coffee');

-- What the index holds for each space. œ and æ are not accents for the tokenizer: they are
-- folded here (and in queries) so that « coeur » finds « cœur ». The département's name goes
-- with the commune's, so that « drome » finds the spaces of the Drôme.
CREATE VIEW spaces_fts_source AS
SELECT s.id AS id,
       replace(replace(replace(replace(s.name, 'œ', 'oe'), 'Œ', 'Oe'), 'æ', 'ae'), 'Æ', 'Ae') AS name,
       coalesce(c.name, '') || ' '
           || CASE c.departement WHEN '26' THEN 'Drôme' WHEN '07' THEN 'Ardèche' ELSE '' END AS commune,
       replace(replace(replace(replace(s.description, 'œ', 'oe'), 'Œ', 'Oe'), 'æ', 'ae'), 'Æ', 'Ae')
           AS description,
       coalesce((SELECT w.words FROM space_words w WHERE w.code = s.kind), '') || ' '
           || coalesce((SELECT group_concat(w.words, ' ') FROM space_words w
                        WHERE instr(' ' || s.amenities || ' ', ' ' || w.code || ' ') > 0), '') AS tags
FROM spaces s LEFT JOIN communes c ON c.insee = s.commune_insee;

-- External content: the index stores no copy of the text, the view gives it back.
CREATE VIRTUAL TABLE spaces_fts USING fts5(
    name, commune, description, tags,
    content = 'spaces_fts_source',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- The index follows every write to spaces, whoever makes it, in the same transaction. The
-- old text is removed BEFORE the row changes, while the view still shows it.
CREATE TRIGGER spaces_fts_after_insert AFTER INSERT ON spaces BEGIN
    INSERT INTO spaces_fts (rowid, name, commune, description, tags)
        SELECT id, name, commune, description, tags FROM spaces_fts_source WHERE id = new.id;
END;
CREATE TRIGGER spaces_fts_before_delete BEFORE DELETE ON spaces BEGIN
    INSERT INTO spaces_fts (spaces_fts, rowid, name, commune, description, tags)
        SELECT 'delete', id, name, commune, description, tags FROM spaces_fts_source WHERE id = old.id;
END;
CREATE TRIGGER spaces_fts_before_update BEFORE UPDATE ON spaces BEGIN
    INSERT INTO spaces_fts (spaces_fts, rowid, name, commune, description, tags)
        SELECT 'delete', id, name, commune, description, tags FROM spaces_fts_source WHERE id = old.id;
END;
CREATE TRIGGER spaces_fts_after_update AFTER UPDATE ON spaces BEGIN
    INSERT INTO spaces_fts (rowid, name, commune, description, tags)
        SELECT id, name, commune, description, tags FROM spaces_fts_source WHERE id = new.id;
END;
