-- Names are sorted as a French reader looks them up: without their leading article
-- (« La Filature » under F, « L'Atelier » under A), accents and case aside. `sort_name`
-- already holds the folded name (lowercase, no accents, one space between words); this
-- drops the article from the rows written before, as `domain::space::sort_key` does for
-- every row written from now on.
UPDATE spaces SET sort_name = CASE
    WHEN sort_name LIKE 'les %' OR sort_name LIKE 'une %' THEN substr(sort_name, 5)
    WHEN sort_name LIKE 'la %' OR sort_name LIKE 'le %' OR sort_name LIKE 'un %' THEN substr(sort_name, 4)
    WHEN sort_name LIKE 'l %' THEN substr(sort_name, 3)
    ELSE sort_name
END
WHERE sort_name LIKE 'l%' OR sort_name LIKE 'u%';
