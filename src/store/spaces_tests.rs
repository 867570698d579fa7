use chrono::{NaiveDate, NaiveDateTime, TimeZone};

use super::*;
use crate::i18n::Lang;
use crate::store::{ImportFormat, ImportReport};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, store)
}

/// Tuesday 1 December 2026, 10:00 in Paris.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn paris(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn names(store: &Store, q: &SpaceQuery) -> Vec<String> {
    store.spaces().search(q, now()).unwrap().into_iter().map(|h| h.space.fields.name).collect()
}

fn words(w: &str) -> SpaceQuery {
    SpaceQuery { words: w.into(), ..SpaceQuery::default() }
}

#[test]
fn demo_spaces_are_all_loaded_and_checked() {
    let (_dir, store) = store();
    let rows = super::super::spaces_import::parse_csv(
        include_bytes!("../../data/spaces-demo.csv"),
        ImportFormat::Cedille,
    )
    .unwrap();
    let bad: Vec<_> = rows.iter().filter(|(_, r)| r.is_err()).collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert!(rows.len() >= 15);
    assert_eq!(store.spaces().count().unwrap(), rows.len() as i64);
    let all = store.spaces().all().unwrap();
    assert!(all.iter().any(|s| s.departement == "26") && all.iter().any(|s| s.departement == "07"));
    for kind in SpaceKind::ALL {
        assert!(all.iter().any(|s| s.fields.kind == kind), "{kind:?}");
    }
    for status in SpaceStatus::ALL {
        assert!(all.iter().any(|s| s.fields.status == status), "{status:?}");
    }
    for a in Amenity::ALL {
        assert!(all.iter().any(|s| s.fields.amenities.contains(&a)), "{a:?}");
    }
    assert!(all.iter().any(|s| s.fields.hours.is_none()));
    assert!(all.iter().any(|s| s.fields.hours.as_deref() == Some("Mo-Su 00:00-24:00")));
    // Opening again adds nothing.
    let path = store.path().to_path_buf();
    drop(store);
    let (store, _) = Store::open(&path).unwrap();
    assert_eq!(store.spaces().count().unwrap(), rows.len() as i64);
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
    let of = |name: &str| hits.iter().find(|h| h.space.fields.name == name).unwrap().open_now;
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
    let sorted: Vec<String> = hits.iter().map(|h| fold(&h.space.fields.name)).collect();
    assert!(sorted.windows(2).all(|w| w[0] <= w[1]), "{sorted:?}");
}

fn import(store: &Store, bytes: &[u8], format: ImportFormat) -> ImportReport {
    store.spaces().import(bytes, format).unwrap()
}

#[test]
fn census_rows_are_imported_and_checked() {
    let (_dir, store) = store();
    let before = store.spaces().count().unwrap();
    let report = import(&store, include_bytes!("../../tests/fixtures/cget-sample.csv"), ImportFormat::Cget);
    assert_eq!((report.inserted, report.updated, report.unchanged), (4, 0, 0), "{report}");
    let rejected: Vec<_> = report.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(rejected.len(), 3, "{report}");
    assert_eq!(rejected[0].0, 5);
    assert!(rejected[0].1.contains("unknown commune") && rejected[0].1.contains("99999"), "{report}");
    assert_eq!(rejected[1].0, 6);
    assert!(rejected[1].1.contains("outside Drôme and Ardèche"), "{report}");
    assert_eq!(rejected[2], (7, "name missing"));
    assert_eq!(store.spaces().count().unwrap(), before + 4);

    let all = store.spaces().all().unwrap();
    let by_id =
        |id: &str| all.iter().find(|s| s.fields.source == "cget" && s.fields.source_id == id).unwrap();
    let etabli = by_id("9001");
    assert_eq!(etabli.fields.address, "3 place de l'Église");
    assert_eq!(etabli.fields.website.as_deref(), Some("https://etabli-gervanne.example"));
    assert_eq!(etabli.fields.email.as_deref(), Some("contact@etabli.example"));
    assert_eq!((etabli.fields.kind, etabli.fields.status), (SpaceKind::Coworking, SpaceStatus::Open));
    assert_eq!(etabli.commune, "Crest");
    assert_eq!(etabli.fields.verified_on, NaiveDate::from_ymd_opt(2019, 6, 13));
    let grenier = by_id("9002");
    assert_eq!((grenier.fields.postcode.as_str(), grenier.fields.address.as_str()), ("07320", "Le Bourg"));
    let bricolab = by_id("9003");
    assert_eq!(bricolab.fields.kind, SpaceKind::Fablab);
    assert_eq!(bricolab.fields.postcode, "07000", "from the commune when GEOCOD has none");
    assert_eq!(by_id("9007").fields.kind, SpaceKind::TiersLieu);
    // Imported spaces are searchable at once.
    assert_eq!(names(&store, &words("gervanne")), vec!["L'Établi de la Gervanne"]);

    let again = import(&store, include_bytes!("../../tests/fixtures/cget-sample.csv"), ImportFormat::Cget);
    assert_eq!((again.inserted, again.updated, again.unchanged, again.rejected.len()), (0, 0, 4, 3));
}

#[test]
fn an_update_replaces_the_indexed_words() {
    let (_dir, store) = store();
    let sample = include_str!("../../tests/fixtures/cget-sample.csv");
    import(&store, sample.as_bytes(), ImportFormat::Cget);
    let renamed = sample.replace("L'Établi de la Gervanne", "Le Hangar à vélos");
    let report = import(&store, renamed.as_bytes(), ImportFormat::Cget);
    assert_eq!((report.updated, report.unchanged), (1, 3), "{report}");
    assert!(names(&store, &words("gervanne")).is_empty());
    assert_eq!(names(&store, &words("hangar")), vec!["Le Hangar à vélos"]);
    store
        .read(|c| {
            c.execute("INSERT INTO spaces_fts(spaces_fts) VALUES ('integrity-check')", [])?;
            c.execute("DELETE FROM spaces WHERE source = 'cget'", [])?;
            c.execute("INSERT INTO spaces_fts(spaces_fts) VALUES ('integrity-check')", [])?;
            Ok(())
        })
        .unwrap();
    assert!(names(&store, &words("hangar")).is_empty());
}

#[test]
fn the_shared_census_imports_whole_when_present() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The census lives beside the project (`../shared/data/`), never inside it.
    let Some(path) = ["../shared/data/spaces-26-07.csv"].iter().map(|p| root.join(p)).find(|p| p.exists())
    else {
        eprintln!("skipped: no shared spaces-26-07.csv");
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let (_dir, store) = store();
    let report = import(&store, &bytes, ImportFormat::Cget);
    assert_eq!((report.inserted, report.rejected.len()), (20, 0), "{report}");
    let again = import(&store, &bytes, ImportFormat::Cget);
    assert_eq!((again.unchanged, again.inserted, again.updated), (20, 0, 0), "{again}");
    let all = store.spaces().all().unwrap();
    let cget: Vec<_> = all.iter().filter(|s| s.fields.source == "cget").collect();
    assert!(
        cget.iter().all(|s| s.fields.postcode.len() == 5 && !s.fields.address.ends_with('.')),
        "{cget:?}"
    );
    assert_eq!(cget.iter().filter(|s| s.fields.kind == SpaceKind::Fablab).count(), 2);
    assert!(cget.iter().filter_map(|s| s.fields.website.as_deref()).all(|w| w.starts_with("http")));
}

#[test]
fn export_then_import_changes_nothing() {
    let (_dir, store) = store();
    import(&store, include_bytes!("../../tests/fixtures/cget-sample.csv"), ImportFormat::Cget);
    let mut csv = Vec::new();
    let n = store.spaces().export(&mut csv).unwrap();
    assert_eq!(n as i64, store.spaces().count().unwrap());
    let before = store.spaces().all().unwrap();
    let report = import(&store, &csv, ImportFormat::Cedille);
    assert_eq!(report, ImportReport { unchanged: n, ..ImportReport::default() }, "{report}");
    assert_eq!(store.spaces().all().unwrap(), before);

    // Into an empty database: the same spaces, field for field.
    let (_dir2, other) = store_without_spaces();
    let report = import(&other, &csv, ImportFormat::Cedille);
    assert_eq!(report.inserted, n, "{report}");
    let strip = |v: Vec<Space>| v.into_iter().map(|s| s.fields).collect::<Vec<_>>();
    assert_eq!(strip(other.spaces().all().unwrap()), strip(before));
}

/// A store whose demo spaces were removed.
fn store_without_spaces() -> (tempfile::TempDir, Store) {
    let (dir, store) = store();
    store.read(|c| Ok(c.execute("DELETE FROM spaces", [])?)).unwrap();
    (dir, store)
}

#[test]
fn own_format_rows_are_checked() {
    let (_dir, store) = store_without_spaces();
    let header = super::super::spaces_import::CEDILLE_COLUMNS.join(",");
    let ok = "cedille,a1,Le Lieu,coworking,ouvert,1 rue,26400,26108,44.72,5.02,Un lieu.,fibre;cafe,Mo-Fr 08:30-18:00,12.50,,200,lieu.example,a@b.fr,04 65 71 00 00,2026-11-27";
    let rows = [
        ok.to_string(),
        ok.replace("a1,", "a2,").replace("Mo-Fr 08:30-18:00", "Mo-Fr 8h-18h"),
        ok.replace("a1,", "a3,").replace("fibre;cafe", "fibre;jacuzzi"),
        ok.replace("a1,", "a4,").replace(",coworking,", ",salon,"),
        ok.replace("a1,", "a5,").replace(",ouvert,", ",peut-être,"),
        ok.replace("a1,", "a6,").replace("a@b.fr", "ab.fr"),
        ok.replace("a1,", "a7,").replace("lieu.example", "ftp://lieu.example"),
        ok.replace("a1,", "a8,").replace("2026-11-27", "27/11/2026"),
        ok.replace("a1,", "a9,").replace("12.50", "douze"),
        ok.to_string(),
        "cedille,b1,Trop court".to_string(),
    ];
    let file = format!("{header}\n{}\n", rows.join("\n"));
    let report = import(&store, file.as_bytes(), ImportFormat::Cedille);
    assert_eq!(report.inserted, 1, "{report}");
    let reasons: Vec<String> = report.rejected.iter().map(|r| format!("{}: {}", r.line, r.reason)).collect();
    let expect = [
        (3, "invalid opening hours: at character 7"),
        (4, "unknown amenity « jacuzzi »"),
        (5, "unknown kind « salon »"),
        (6, "unknown status « peut-être »"),
        (7, "e-mail « ab.fr » has no @"),
        (8, "is not an http(s) address"),
        (9, "is not a date"),
        (10, "is not an amount in euros"),
        (11, "same source and id « a1 » as line 2"),
        (12, "3 fields where the header has 20"),
    ];
    assert_eq!(reasons.len(), expect.len(), "{report}");
    for ((line, text), got) in expect.iter().zip(&reasons) {
        assert!(got.starts_with(&format!("{line}: ")) && got.contains(text), "{got} / {text}");
    }
    let s = &store.spaces().all().unwrap()[0];
    assert_eq!(s.fields.amenities, vec![Amenity::Fibre, Amenity::Cafe]);
    assert_eq!(
        (s.fields.price_day_cents, s.fields.price_half_day_cents, s.fields.price_month_cents),
        (Some(1250), None, Some(20000))
    );
    assert_eq!(s.fields.website.as_deref(), Some("https://lieu.example"));
}

#[test]
fn an_unusable_file_changes_nothing() {
    let (_dir, store) = store();
    let before = store.spaces().all().unwrap();
    let err = store.spaces().import(b"name,kind\nx,coworking\n", ImportFormat::Cedille).unwrap_err();
    assert!(err.to_string().contains("missing column(s) source_id, commune_insee, lat, lon"), "{err}");
    assert!(store.spaces().import(b"", ImportFormat::Cget).is_err());
    assert_eq!(store.spaces().all().unwrap(), before);
}

#[test]
fn text_from_files_is_cleaned() {
    let (_dir, store) = store_without_spaces();
    let header = super::super::spaces_import::CEDILLE_COLUMNS.join(",");
    let row = "cedille,x1,\"Le\u{1b}[2J Lieu\u{202e}\",coworking,,,,26108,44.72,5.02,\"Ligne 1\nLigne\u{7} 2\",,,,,,,,,";
    let report = import(&store, format!("{header}\n{row}\n").as_bytes(), ImportFormat::Cedille);
    assert_eq!(report.inserted, 1, "{report}");
    let s = &store.spaces().all().unwrap()[0];
    assert_eq!(s.fields.name, "Le[2J Lieu");
    assert_eq!(s.fields.description, "Ligne 1\nLigne 2");
    assert_eq!(s.fields.status, SpaceStatus::Open);
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
    let names: Vec<String> = all.iter().map(|h| fold(&h.space.fields.name)).collect();
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
    let folded: Vec<String> = by_name.iter().map(|h| fold(&h.space.fields.name)).collect();
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
        let open_now = all.iter().find(|h| h.space.fields.name == "Plateau 1000").map(|h| h.open_now);
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
