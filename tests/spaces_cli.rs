#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `cedille spaces import` and `export` as an admin runs them: the built binary on a
//! temporary database, checking the report, standard error and the exit status.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    stdout: String,
    stderr: String,
    status: i32,
}

fn cedille(db: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .arg("spaces")
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("CEDILLE_DB")
        // The admin commands speak the language of the environment: English here.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        status: out.status.code().unwrap_or(-1),
    }
}

/// A database as `cedille serve` creates it: commands never create one themselves.
fn new_db(dir: &Path) -> PathBuf {
    let db = dir.join("c.db");
    cedille::store::Store::open(&db).unwrap();
    db
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cget-sample.csv")
}

#[test]
fn import_reports_rows_and_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let fixture = fixture();
    let run = cedille(&db, &["import", "--format", "cget", fixture.to_str().unwrap()]);
    assert_eq!(run.status, 1, "{} {}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "inserted 4, updated 0, unchanged 0, rejected 3");
    assert!(lines[1].starts_with("line 5: unknown commune"), "{}", run.stdout);
    assert!(lines[2].starts_with("line 6: coordinates"), "{}", run.stdout);
    assert_eq!(lines[3], "line 7: name missing");
    assert_eq!(run.stderr, "");

    let again = cedille(&db, &["import", "--format", "cget", fixture.to_str().unwrap()]);
    assert!(again.stdout.starts_with("inserted 0, updated 0, unchanged 4, rejected 3\n"), "{}", again.stdout);

    // Export, then import what was exported: nothing changes, nothing is rejected.
    let out = dir.path().join("spaces.csv");
    let run = cedille(&db, &["export", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("exported 22 spaces to "), "{}", run.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("source,source_id,name,kind,status,address,postcode,commune_insee,lat,lon,"));
    let run = cedille(&db, &["import", out.to_str().unwrap()]);
    assert_eq!((run.status, run.stdout.as_str()), (0, "inserted 0, updated 0, unchanged 22, rejected 0\n"));

    // To standard output.
    let run = cedille(&db, &["export", "-"]);
    assert_eq!((run.status, run.stdout.as_str()), (0, text.as_str()));
}

#[test]
fn an_unusable_file_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let fixture = fixture();
    // The census read as Cédille's own format lacks its columns.
    let run = cedille(&db, &["import", "--format", "cedille", fixture.to_str().unwrap()]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("missing column(s) source_id, name, kind, commune_insee, lat, lon"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was imported"), "{}", run.stderr);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, b"ID,NOM_TL,INSEECOM,LAT,LONG\n1,\xff\xfe,26108,44.7,5.0\n").unwrap();
    let run = cedille(&db, &["import", "--format", "cget", bad.to_str().unwrap()]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);

    let run = cedille(&db, &["import", "--format", "cget", "/nonexistent/file.csv"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("cannot read /nonexistent/file.csv"), "{}", run.stderr);

    // Only the demo spaces are there.
    let run = cedille(&db, &["export", "-"]);
    assert_eq!(run.stdout.lines().count(), 1 + 18);
}
