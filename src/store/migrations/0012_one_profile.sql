-- One profile per member, and articles signed by a member.
--
-- The account's town and one-line bio (`users.town`, `users.bio`) and the directory's
-- profile (`profiles`) said the same things twice and could disagree. The profile row is now
-- the only record: its commune (an INSEE code) and its presentation serve « Réseau », the
-- agenda's « near you » and the author's box alike.

-- Every member who wrote a town or a bio gets a profile row (unpublished, as it was).
INSERT OR IGNORE INTO profiles (user_id, updated_at)
    SELECT id, created_at FROM users
    WHERE coalesce(town, '') <> '' OR coalesce(bio, '') <> '';

-- The longer presentation wins: the bio only where it says more than the profile did.
UPDATE profiles
SET presentation = (SELECT u.bio FROM users u WHERE u.id = profiles.user_id)
WHERE length((SELECT coalesce(u.bio, '') FROM users u WHERE u.id = profiles.user_id))
      > length(presentation);

-- The profile's commune was chosen from the list by its code and is the one others saw:
-- it stays. The town, a commune's name, fills a profile that had none (the most populous
-- commune of that name, should two share it).
UPDATE profiles
SET commune_insee = (
    SELECT c.insee FROM users u JOIN communes c ON c.name = u.town COLLATE NOCASE
    WHERE u.id = profiles.user_id
    ORDER BY c.population DESC, c.insee LIMIT 1)
WHERE commune_insee IS NULL;

ALTER TABLE users DROP COLUMN town;
ALTER TABLE users DROP COLUMN bio;

-- The member who signs an article, beside the free-text signature (`author`) that stays.
ALTER TABLE articles ADD COLUMN author_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
-- An author's articles, newest first: their box and their page.
CREATE INDEX articles_by_author ON articles(author_id, published_at);
