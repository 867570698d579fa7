//! Spaces in and out of files: the demo spaces, census and own-format imports, export.

use chrono::NaiveDate;

use super::tests::{import, names, store, words};
use super::*;
use crate::store::{ImportFormat, ImportReport};

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
fn census_rows_are_imported_and_checked() {
    let (_dir, store) = store();
    let before = store.spaces().count().unwrap();
    let report = import(&store, include_bytes!("../../tests/fixtures/cget-sample.csv"), ImportFormat::Cget);
    assert_eq!((report.inserted, report.updated, report.unchanged), (4, 0, 0), "{report}");
    let rejected: Vec<_> = report.rejected.iter().map(|r| (r.line, r.reason.to_string())).collect();
    assert_eq!(rejected.len(), 3, "{report}");
    assert_eq!(rejected[0].0, 5);
    assert!(rejected[0].1.contains("unknown commune") && rejected[0].1.contains("99999"), "{report}");
    assert_eq!(rejected[1].0, 6);
    assert!(rejected[1].1.contains("outside Drôme and Ardèche"), "{report}");
    assert_eq!(rejected[2], (7, "name missing".to_string()));
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
