-- A member whose terminal shows the wrong characters (a PuTTY set to Latin-1, a locale the
-- client does not send) says once which ones it shows: 'utf8', 'latin1' or 'ascii'. NULL
-- keeps the automatic choice, from the locale the client sends, as every member has now.
ALTER TABLE users ADD COLUMN charset TEXT;
