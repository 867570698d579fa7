-- Searching the bulletin: full-text indexes of the articles (title, body) and of the
-- comments (body), with the directory's rules (0003_spaces.sql): the tokenizer
-- `unicode61 remove_diacritics 2` folds case and accents, œ and æ are folded before the text
-- is indexed (and in queries, by `match_expression`), so that « oeuvre » finds « Œuvre ».
--
-- The indexes hold no copy of the text: excerpts are cut from the rows themselves, as the
-- member wrote them (« Œuvre », not « Oeuvre »). Folding œ to oe keeps the words in place,
-- so the positions the index found are the same words in the unfolded text. What the index
-- holds comes from the `*_folded` views, never from the content: refill it with
-- 'delete-all' then an INSERT from the views, not with 'rebuild'.
--
-- Visibility (published articles, a comment's status) is decided when searching: only text
-- changes touch the indexes. A deleted comment leaves its index at once.

CREATE VIEW bulletin_articles_text AS
SELECT a.id AS id, a.title AS title, a.body AS body FROM articles a;

CREATE VIEW bulletin_articles_folded AS
SELECT a.id AS id,
       replace(replace(replace(replace(a.title, 'œ', 'oe'), 'Œ', 'Oe'), 'æ', 'ae'), 'Æ', 'Ae') AS title,
       replace(replace(replace(replace(a.body, 'œ', 'oe'), 'Œ', 'Oe'), 'æ', 'ae'), 'Æ', 'Ae') AS body
FROM articles a;

CREATE VIEW bulletin_comments_text AS
SELECT c.id AS id, c.body AS body FROM comments c;

CREATE VIEW bulletin_comments_folded AS
SELECT c.id AS id,
       replace(replace(replace(replace(c.body, 'œ', 'oe'), 'Œ', 'Oe'), 'æ', 'ae'), 'Æ', 'Ae') AS body
FROM comments c WHERE c.status <> 'deleted';

CREATE VIRTUAL TABLE bulletin_articles_fts USING fts5(
    title, body,
    content = 'bulletin_articles_text',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIRTUAL TABLE bulletin_comments_fts USING fts5(
    body,
    content = 'bulletin_comments_text',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- What is there already.
INSERT INTO bulletin_articles_fts (rowid, title, body) SELECT id, title, body FROM bulletin_articles_folded;
INSERT INTO bulletin_comments_fts (rowid, body) SELECT id, body FROM bulletin_comments_folded;

-- Every write, whoever makes it (a member, a moderator, the console, an import), in the same
-- transaction. The old text leaves the index BEFORE the row changes, while the folded view
-- still shows what was indexed; the new text comes in AFTER. A comment deleted by its
-- foreign key (its article deleted) goes through the same delete trigger.
CREATE TRIGGER bulletin_articles_fts_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO bulletin_articles_fts (rowid, title, body)
        SELECT id, title, body FROM bulletin_articles_folded WHERE id = new.id;
END;
CREATE TRIGGER bulletin_articles_fts_before_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO bulletin_articles_fts (bulletin_articles_fts, rowid, title, body)
        SELECT 'delete', id, title, body FROM bulletin_articles_folded WHERE id = old.id;
END;
CREATE TRIGGER bulletin_articles_fts_before_update BEFORE UPDATE OF title, body ON articles BEGIN
    INSERT INTO bulletin_articles_fts (bulletin_articles_fts, rowid, title, body)
        SELECT 'delete', id, title, body FROM bulletin_articles_folded WHERE id = old.id;
END;
CREATE TRIGGER bulletin_articles_fts_after_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO bulletin_articles_fts (rowid, title, body)
        SELECT id, title, body FROM bulletin_articles_folded WHERE id = new.id;
END;

CREATE TRIGGER bulletin_comments_fts_after_insert AFTER INSERT ON comments BEGIN
    INSERT INTO bulletin_comments_fts (rowid, body)
        SELECT id, body FROM bulletin_comments_folded WHERE id = new.id;
END;
CREATE TRIGGER bulletin_comments_fts_before_delete BEFORE DELETE ON comments BEGIN
    INSERT INTO bulletin_comments_fts (bulletin_comments_fts, rowid, body)
        SELECT 'delete', id, body FROM bulletin_comments_folded WHERE id = old.id;
END;
CREATE TRIGGER bulletin_comments_fts_before_update BEFORE UPDATE OF body, status ON comments BEGIN
    INSERT INTO bulletin_comments_fts (bulletin_comments_fts, rowid, body)
        SELECT 'delete', id, body FROM bulletin_comments_folded WHERE id = old.id;
END;
CREATE TRIGGER bulletin_comments_fts_after_update AFTER UPDATE OF body, status ON comments BEGIN
    INSERT INTO bulletin_comments_fts (rowid, body)
        SELECT id, body FROM bulletin_comments_folded WHERE id = new.id;
END;
