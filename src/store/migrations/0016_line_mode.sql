-- A member who reads Cédille with a screen reader, a braille display or a dumb terminal
-- chooses the line mode once and for all: every session of theirs opens in it, whatever
-- terminal type their client sends. Existing members keep the full screen.
ALTER TABLE users ADD COLUMN line_mode INTEGER NOT NULL DEFAULT 0;
