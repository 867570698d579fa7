use chrono::{NaiveDateTime, TimeZone};

use super::*;
use crate::domain::Lang;
use crate::store::{ImportFormat, ImportReport};

pub(super) fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, store)
}

/// Tuesday 1 December 2026, 10:00 in Paris.
pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn paris(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub(super) fn names(store: &Store, q: &SpaceQuery) -> Vec<String> {
    store.spaces().search(q, now()).unwrap().into_iter().map(|h| h.space.fields.name).collect()
}

pub(super) fn words(w: &str) -> SpaceQuery {
    SpaceQuery { words: w.into(), ..SpaceQuery::default() }
}

pub(super) fn import(store: &Store, bytes: &[u8], format: ImportFormat) -> ImportReport {
    store.spaces().import(bytes, format).unwrap()
}

#[test]
fn index_words_follow_the_labels() {
    let (_dir, store) = store();
    let words: Vec<(String, String)> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT code, words FROM space_words")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap();
    let of = |code: &str| words.iter().find(|(c, _)| c == code).map(|(_, w)| w.clone()).unwrap();
    for a in Amenity::ALL {
        let w = of(a.code());
        assert!(w.contains(a.label(Lang::Fr)) && w.contains(a.label(Lang::En)), "{a:?}: {w}");
    }
    for k in SpaceKind::ALL {
        let w = of(k.code());
        assert!(w.contains(k.label(Lang::Fr)) && w.contains(k.label(Lang::En)), "{k:?}: {w}");
    }
}

#[test]
fn words_match_whatever_the_accents_and_case() {
    let (_dir, store) = store();
    assert!(names(&store, &words("montelimar")).contains(&"Les Bureaux du Roubion".to_string()));
    assert_eq!(names(&store, &words("coeur")), vec!["La Filature du Quai"]);
    assert_eq!(names(&store, &words("CŒUR")), vec!["La Filature du Quai"]);
    let drome = names(&store, &words("drome"));
    assert!(drome.contains(&"La Ruche des Trois Becs".to_string()), "{drome:?}");
    assert!(!drome.contains(&"Plateau 1000".to_string()), "Ardèche: {drome:?}");
    assert_eq!(names(&store, &words("l'été")), vec!["La Ruche des Trois Becs"]);
    // Amenity labels, in both languages.
    assert!(names(&store, &words("réunion")).contains(&"Station Rhône 24".to_string()));
    assert!(names(&store, &words("meeting room")).contains(&"Station Rhône 24".to_string()));
}

#[test]
fn the_last_word_is_a_prefix_as_people_type() {
    let (_dir, store) = store();
    let cowo = names(&store, &words("cowo"));
    assert!(cowo.len() >= 8, "{cowo:?}");
    assert!(cowo.contains(&"Plateau 1000".to_string()), "kind coworking: {cowo:?}");
    assert_eq!(names(&store, &words("fablab boutie")), vec!["La Fabrique des Boutières"]);
    // Earlier words are whole words.
    assert!(names(&store, &words("fabl boutières")).is_empty());
}

#[test]
fn a_name_match_ranks_first() {
    let (_dir, store) = store();
    let hits = names(&store, &words("filature"));
    assert_eq!(hits[0], "La Filature du Quai");
}

#[test]
fn anything_typed_is_a_valid_query() {
    let (_dir, store) = store();
    for q in [
        "\"",
        "\"\"",
        "'",
        "l'été",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "NEAR(a b",
        "a AND",
        "*",
        "-",
        "-fibre",
        "fibre -wifi",
        "^",
        ":",
        "name:crest",
        "(",
        ")",
        "{",
        "a:b",
        "🎉",
        "🎉 café",
        "ß",
        "\\",
        "%",
        "_",
        "\u{0}",
        "\u{1b}[2J",
        "x OR y NOT z",
        "     ",
        "",
    ] {
        let r = store.spaces().search(&words(q), now());
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    // Operators are words: AND finds nothing rather than everything.
    assert!(names(&store, &words("AND")).is_empty());
    // Emoji and lone punctuation are no words: everything.
    assert_eq!(names(&store, &words("🎉 -")).len() as i64, store.spaces().count().unwrap());
    assert_eq!(names(&store, &words("café 🎉")), names(&store, &words("café")));
}

#[test]
fn match_expressions_quote_every_term() {
    assert_eq!(match_expression("l'été NEAR("), Some("\"l'été\" \"NEAR(\"*".into()));
    assert_eq!(match_expression("a\"b"), Some("\"a\"\"b\"*".into()));
    assert_eq!(match_expression("cœur"), Some("\"coeur\"*".into()));
    assert_eq!(match_expression(" - * 🎉 "), None);
}

#[test]
fn filters_narrow_the_results() {
    let (_dir, store) = store();
    let all = store.spaces().all().unwrap();
    let q = SpaceQuery { amenities: vec![Amenity::Fibre, Amenity::MeetingRoom], ..SpaceQuery::default() };
    let hits = store.spaces().search(&q, now()).unwrap();
    let expected = all.iter().filter(|s| {
        s.fields.amenities.contains(&Amenity::Fibre) && s.fields.amenities.contains(&Amenity::MeetingRoom)
    });
    assert_eq!(hits.len(), expected.count());
    assert!(hits.len() >= 3);
    assert!(hits.iter().all(|h| h.space.fields.amenities.contains(&Amenity::MeetingRoom)));
    // Adjacent amenities in the stored order, and every one of them at once.
    let q = SpaceQuery { amenities: vec![Amenity::Wifi, Amenity::Fibre], ..SpaceQuery::default() };
    assert_eq!(
        store.spaces().search(&q, now()).unwrap().len(),
        all.iter()
            .filter(|s| s.fields.amenities.contains(&Amenity::Fibre)
                && s.fields.amenities.contains(&Amenity::Wifi))
            .count()
    );
    let q = SpaceQuery { amenities: Amenity::ALL.to_vec(), ..SpaceQuery::default() };
    assert!(store.spaces().search(&q, now()).unwrap().is_empty());

    let q = SpaceQuery { kind: Some(SpaceKind::Fablab), ..SpaceQuery::default() };
    assert_eq!(names(&store, &q), vec!["L'Atelier du Glandasse", "La Fabrique des Boutières"]);
    let q = SpaceQuery { status: Some(SpaceStatus::Closed), ..SpaceQuery::default() };
    assert_eq!(names(&store, &q), vec!["La Halle de Vals"]);
    let q = SpaceQuery { status: Some(SpaceStatus::Planned), ..SpaceQuery::default() };
    assert_eq!(names(&store, &q).len(), 2);
    for dep in ["07", "Ardèche", "7"] {
        let q = SpaceQuery { departement: Some(dep.into()), ..SpaceQuery::default() };
        let hits = store.spaces().search(&q, now()).unwrap();
        assert!(!hits.is_empty() && hits.iter().all(|h| h.space.departement == "07"), "{dep}");
    }
    // Words and filters together.
    let q = SpaceQuery { words: "cowo".into(), departement: Some("drome".into()), ..SpaceQuery::default() };
    let hits = store.spaces().search(&q, now()).unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.space.departement == "26"));
}

#[test]
fn open_at_a_given_paris_time_at_the_edges() {
    let (_dir, store) = store();
    // Plateau 1000: Mo-Fr 08:30-18:00. 2026-12-01 is a Tuesday.
    let open_at = |at: &str| {
        let q = SpaceQuery { open: Some(OpenAt::At(paris(at))), ..SpaceQuery::default() };
        names(&store, &q)
    };
    assert!(!open_at("2026-12-01 08:29").contains(&"Plateau 1000".to_string()));
    assert!(open_at("2026-12-01 08:30").contains(&"Plateau 1000".to_string()));
    assert!(open_at("2026-12-01 17:59").contains(&"Plateau 1000".to_string()));
    assert!(!open_at("2026-12-01 18:00").contains(&"Plateau 1000".to_string()));
    // Sunday at 10: only the one open round the clock.
    assert_eq!(open_at("2026-12-06 10:00"), vec!["Station Rhône 24"]);
    // Christmas (a Friday): « PH off » closes L'Oustal numérique.
    assert!(open_at("2026-12-24 10:00").contains(&"L'Oustal numérique".to_string()));
    assert!(!open_at("2026-12-25 10:00").contains(&"L'Oustal numérique".to_string()));
    // Unknown hours are never « open ».
    assert!(!open_at("2026-12-01 10:00").contains(&"Le Belvédère".to_string()));
}

#[test]
fn open_now_uses_paris_time() {
    let (_dir, store) = store();
    let hits = store.spaces().search(&SpaceQuery::default(), now()).unwrap();
    let of = |name: &str| hits.iter().find(|h| h.space.fields.name == name).unwrap().open;
    assert_eq!(of("Plateau 1000"), Some(true));
    assert_eq!(of("Le Belvédère"), None);
    assert_eq!(of("L'Atelier du Glandasse"), Some(false), "Wednesdays and Saturdays");
    // 07:15 UTC in winter is 08:15 in Paris: not yet open; in summer 07:15 UTC is 09:15.
    let winter = Utc.with_ymd_and_hms(2026, 12, 1, 7, 15, 0).unwrap();
    let summer = Utc.with_ymd_and_hms(2026, 7, 7, 7, 15, 0).unwrap();
    let q = SpaceQuery { open: Some(OpenAt::Now), ..words("plateau 1000") };
    assert!(store.spaces().search(&q, winter).unwrap().is_empty());
    assert_eq!(store.spaces().search(&q, summer).unwrap().len(), 1);
}

#[test]
fn distance_from_a_commune() {
    let (_dir, store) = store();
    let crest = store.communes().find("Crest").unwrap().unwrap();
    let q = SpaceQuery { near: Some(crest.clone()), sort: SpaceSort::Distance, ..SpaceQuery::default() };
    let hits = store.spaces().search(&q, now()).unwrap();
    assert_eq!(hits[0].space.fields.name, "La Filature du Quai");
    assert!(hits[0].distance_km.unwrap() < 1.0);
    assert!(hits.windows(2).all(|w| w[0].distance_km <= w[1].distance_km));
    assert_eq!(hits.len() as i64, store.spaces().count().unwrap());

    let q = SpaceQuery { near: Some(crest.clone()), within_km: Some(20.0), ..SpaceQuery::default() };
    let hits = store.spaces().search(&q, now()).unwrap();
    let near: Vec<_> = hits.iter().map(|h| h.space.fields.name.as_str()).collect();
    assert_eq!(near, vec!["La Filature du Quai", "La Ruche des Trois Becs"]);
    assert!(hits.iter().all(|h| h.distance_km.unwrap() <= 20.0));

    // Without a commune: no distance, by name.
    let q = SpaceQuery { within_km: Some(1.0), sort: SpaceSort::Distance, ..SpaceQuery::default() };
    let hits = store.spaces().search(&q, now()).unwrap();
    assert!(hits.iter().all(|h| h.distance_km.is_none()));
    assert_eq!(hits.len() as i64, store.spaces().count().unwrap());
    let sorted: Vec<String> = hits.iter().map(|h| sort_key(&h.space.fields.name)).collect();
    assert!(sorted.windows(2).all(|w| w[0] <= w[1]), "{sorted:?}");
}

#[test]
fn a_page_of_results_and_the_total() {
    let (_dir, store) = store();
    let all = store.spaces().search(&SpaceQuery::default(), now()).unwrap();
    let (page, total) = store.spaces().search_page(&SpaceQuery::default(), now(), 5, 4).unwrap();
    assert_eq!(total, all.len());
    assert_eq!(page, all[5..9].to_vec());
    let crest = store.communes().find("Crest").unwrap();
    let q = SpaceQuery { words: "cowo".into(), near: crest, sort: SpaceSort::Name, ..SpaceQuery::default() };
    let all = store.spaces().search(&q, now()).unwrap();
    let names: Vec<String> = all.iter().map(|h| sort_key(&h.space.fields.name)).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert!(all.iter().all(|h| h.distance_km.is_some()));
    let (page, total) = store.spaces().search_page(&q, now(), 0, 3).unwrap();
    assert_eq!((page, total), (all[..3].to_vec(), all.len()));
    // One character is no query yet: everything, by name.
    assert_eq!(
        store.spaces().search(&words("c"), now()).unwrap().len() as i64,
        store.spaces().count().unwrap()
    );
}

#[test]
fn many_matches_come_by_name_few_by_relevance() {
    let (_dir, store) = store();
    let spaces = store.spaces();
    let q = words("cowo");
    let (ranked, total) = spaces.search_ranked_up_to(&q, now(), 0, usize::MAX, RANKED_MAX).unwrap();
    assert!((8..=RANKED_MAX).contains(&total), "{total}");
    // At the limit, still ranked; past it, by name, with the same spaces and total.
    assert_eq!(spaces.search_ranked_up_to(&q, now(), 0, usize::MAX, total).unwrap(), (ranked.clone(), total));
    let (by_name, n) = spaces.search_ranked_up_to(&q, now(), 0, usize::MAX, total - 1).unwrap();
    assert_eq!(n, total);
    let folded: Vec<String> = by_name.iter().map(|h| sort_key(&h.space.fields.name)).collect();
    assert!(folded.windows(2).all(|w| w[0] <= w[1]), "{folded:?}");
    let mut a: Vec<i64> = ranked.iter().map(|h| h.space.id).collect();
    let mut b: Vec<i64> = by_name.iter().map(|h| h.space.id).collect();
    assert_ne!(a, b, "the demo's ranking is not the name order");
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // A page of the name order, with a filter that SQL counts.
    let q = SpaceQuery { departement: Some("26".into()), ..words("cowo") };
    let (all, n) = spaces.search_ranked_up_to(&q, now(), 0, usize::MAX, 2).unwrap();
    assert_eq!(spaces.search_ranked_up_to(&q, now(), 1, 2, 2).unwrap(), (all[1..3].to_vec(), n));
}

#[test]
fn pages_agree_with_the_whole_list_on_every_path() {
    let (_dir, store) = store();
    let crest = store.communes().find("Crest").unwrap();
    let queries = [
        SpaceQuery::default(),
        words("cowo"),
        SpaceQuery { amenities: vec![Amenity::Wifi], ..words("cowo") },
        SpaceQuery { open: Some(OpenAt::Now), ..words("cowo") },
        SpaceQuery { open: Some(OpenAt::At(paris("2026-12-05 10:00"))), ..SpaceQuery::default() },
        SpaceQuery { near: crest.clone(), ..words("wifi") },
        SpaceQuery { near: crest.clone(), within_km: Some(60.0), ..words("wifi") },
        SpaceQuery { near: crest.clone(), sort: SpaceSort::Distance, ..words("wifi") },
        SpaceQuery { near: crest, status: Some(SpaceStatus::Open), ..SpaceQuery::default() },
    ];
    for q in &queries {
        let all = store.spaces().search(q, now()).unwrap();
        assert!(all.len() >= 3, "{q:?}");
        let (page, total) = store.spaces().search_page(q, now(), 1, 2).unwrap();
        assert_eq!((page, total), (all[1..3].to_vec(), all.len()), "{q:?}");
        assert!(all.iter().all(|h| h.distance_km.is_some() == q.near.is_some()), "{q:?}");
        let open_now = all.iter().find(|h| h.space.fields.name == "Plateau 1000").map(|h| h.open);
        assert!(matches!(open_now, None | Some(Some(true))), "{q:?}");
    }
}

#[test]
fn the_hours_filter_counts_what_each_space_says() {
    let (_dir, store) = store();
    import(&store, include_bytes!("../../tests/fixtures/cget-sample.csv"), ImportFormat::Cget);
    let all = store.spaces().all().unwrap();
    for at in
        ["2026-12-01 10:00", "2026-12-05 10:00", "2026-12-06 10:00", "2026-12-25 10:00", "2026-12-01 03:00"]
    {
        let at = paris(at);
        // Only places that are « ouvert »: one « en projet » is open at no time.
        let open: Vec<i64> = all
            .iter()
            .filter(|s| {
                s.fields.status == SpaceStatus::Open && store.spaces().is_open(s, at).unwrap() == Some(true)
            })
            .map(|s| s.id)
            .collect();
        let q = SpaceQuery { open: Some(OpenAt::At(at)), ..SpaceQuery::default() };
        let (page, total) = store.spaces().search_page(&q, now(), 0, 1).unwrap();
        assert_eq!(total, open.len(), "{at}");
        assert_eq!(page.len(), open.len().min(1), "{at}");
        let mut found: Vec<i64> =
            store.spaces().search(&q, now()).unwrap().iter().map(|h| h.space.id).collect();
        found.sort();
        assert_eq!(found, open, "{at}");
    }
}

#[test]
fn only_open_places_are_open_at_a_time() {
    let (_dir, store) = store();
    // Thursday 3 December 2026, 10:00 in Paris: mid-morning on a working day.
    let q = SpaceQuery { open: Some(OpenAt::At(paris("2026-12-03 10:00"))), ..SpaceQuery::default() };
    let hits = store.spaces().search(&q, now()).unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h.space.fields.status == SpaceStatus::Open),
        "{:?}",
        hits.iter().map(|h| (&h.space.fields.name, h.space.fields.status)).collect::<Vec<_>>()
    );
}

mod match_expression_props {
    use proptest::prelude::*;

    use super::super::match_expression;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever is typed, the expression is only quoted terms (inner quotes doubled),
        /// at most 12, the last one a prefix: there is no place left for FTS5 syntax.
        #[test]
        fn the_expression_is_quoted_terms_only(typed in prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec!["\"", "\"\"", " ", "\t", "AND", "NEAR(", "*", "-", "a", "é", "œ", "🎉", "'"])
                    .prop_map(str::to_string),
                any::<String>(),
            ],
            0..16,
        ).prop_map(|parts| parts.concat())) {
            let Some(expr) = match_expression(&typed) else { return Ok(()) };
            let body = expr.strip_suffix('*').expect("the last term is a prefix");
            let mut terms = 0;
            let mut rest = body;
            while !rest.is_empty() {
                let inner = rest.strip_prefix('"').expect("a term opens with a quote");
                // The closing quote is the first one not doubled.
                let mut end = None;
                let mut chars = inner.char_indices().peekable();
                while let Some((i, c)) = chars.next() {
                    if c == '"' {
                        if chars.peek().map(|&(_, n)| n) == Some('"') {
                            chars.next();
                        } else {
                            end = Some(i);
                            break;
                        }
                    }
                }
                let end = end.expect("a term closes with a quote");
                let term = &inner[..end];
                prop_assert!(!term.is_empty() && !term.contains(char::is_whitespace), "{expr:?}");
                prop_assert!(term.chars().any(char::is_alphanumeric), "{expr:?}");
                terms += 1;
                rest = &inner[end + 1..];
                rest = rest.strip_prefix(' ').unwrap_or(rest);
            }
            prop_assert!((1..=12).contains(&terms), "{terms} terms in {expr:?}");
        }
    }
}

#[test]
fn names_written_before_the_article_rule_sort_as_those_written_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // The schema just before the rule, whatever its number, with the names as it left them:
    // folded, their article kept.
    let rule =
        crate::store::MIGRATIONS.iter().position(|m| m.contains("UPDATE spaces SET sort_name")).unwrap();
    let mut c = Connection::open(&path).unwrap();
    crate::store::migrations().to_version(&mut c, rule).unwrap();
    c.execute(
        "INSERT INTO communes (insee, name, name_folded, departement, lat, lon) VALUES ('26113', 'Die', 'die', '26', 44.75, 5.37)",
        [],
    )
    .unwrap();
    let names = [
        "La Filature du Quai",
        "L’Écritoire",
        "Les Ateliers",
        "Une Halle",
        "Un Lieu",
        "Leroy & fils",
        "La",
        "Uniterre",
    ];
    for (i, name) in names.iter().enumerate() {
        c.execute(
            "INSERT INTO spaces (name, sort_name, kind, commune_insee, lat, lon, source, source_id, created_at, updated_at)
             VALUES (?1, ?2, 'coworking', '26113', 44.75, 5.37, 'test', ?3, 'x', 'x')",
            params![name, fold(name), format!("t-{i}")],
        )
        .unwrap();
    }
    drop(c);
    let (store, _) = Store::open(&path).unwrap();
    let stored: Vec<(String, String)> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT name, sort_name FROM spaces")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap();
    assert_eq!(stored.len(), names.len());
    for (name, sort_name) in stored {
        assert_eq!(sort_name, sort_key(&name), "{name}");
    }
}
