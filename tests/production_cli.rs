//! What a volunteer sysadmin meets putting Cédille into production, run as they would: the
//! built binary. Demo content only in a database just created, never again; a mistyped
//! `--db` creates nothing; options before or after the subcommand; files only the owner reads;
//! a closed pipe is not a crash; the host key the bulletin was served with is kept.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;
use process::{OPEN_CONFIG, ServerProcess, cedille};

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn article_ids(db: &str) -> Vec<String> {
    let (status, out, err) = cedille(&["article", "list", "--limit", "0", "--json", "--db", db]);
    assert_eq!(status, 0, "{err}");
    out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect()
}

#[test]
fn demo_content_is_loaded_once_when_the_database_is_created_never_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (status, _, err) = cedille(&["demo", "generate", "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    let ids = article_ids(s(&db));
    assert!(ids.len() >= 9, "a new database gets the demo bulletin: {ids:?}");
    for id in &ids {
        let (status, _, err) = cedille(&["article", "delete", id, "--db", s(&db)]);
        assert_eq!(status, 0, "{err}");
    }
    let (status, out, _) = cedille(&["events", "list", "--json", "--db", s(&db)]);
    assert_eq!(status, 0);
    for line in out.lines() {
        let id = serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].to_string();
        let (status, out, err) = cedille(&["events", "delete", &id, "--db", s(&db)]);
        assert_eq!(status, 0, "{err}");
        assert!(out.contains("deleted"), "{out}");
    }
    // Every command after that, the ones that write included, leaves it empty.
    assert!(article_ids(s(&db)).is_empty(), "the demo articles came back");
    let (_, out, _) = cedille(&["events", "list", "--db", s(&db)]);
    assert_eq!(out.trim(), "No event.");
    let (status, _, err) = cedille(&["events", "delete", "4242", "--db", s(&db)]);
    assert_eq!(status, 1, "deleting what does not exist is refused: {err}");
}

#[test]
fn serve_no_demo_creates_an_empty_bulletin_and_options_go_before_or_after_the_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prod").join("c.db");
    let keys = dir.path().join("keys");
    // Options before the subcommand, as the operator typed them.
    let mut child = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(["--db", s(&db), "--listen", "127.0.0.1:0", "--keys", s(&keys), "--no-demo", "serve"])
        .env_remove("CEDILLE_DB")
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut said = String::new();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while !said.contains("listens on") {
        assert_eq!(stdout.read(&mut byte).unwrap(), 1, "the server stopped: {said}");
        said.push(byte[0] as char);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(said.contains("created empty (no demo)"), "{said}");
    assert!(!dir.path().join("data").exists(), "the default database was created instead");
    assert!(article_ids(s(&db)).is_empty());
    let (_, spaces, _) = cedille(&["spaces", "export", "-", "--db", s(&db)]);
    assert_eq!(spaces.lines().count(), 1, "only the header: {spaces}");
    // The same listing, its option before and after.
    let before = cedille(&["--db", s(&db), "users", "list"]);
    let after = cedille(&["users", "list", "--db", s(&db)]);
    assert_eq!(before, after);
    assert_eq!(before.0, 0, "{}", before.2);
}

#[test]
fn a_mistyped_database_path_creates_nothing_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo").join("cedille.db");
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "source,source_id,name\n").unwrap();
    let m = s(&missing);
    let backup = dir.path().join("b.db");
    let runs: &[&[&str]] = &[
        &["tui"],
        &["admin"],
        &["users", "list"],
        &["article", "list"],
        &["comments", "list"],
        &["events", "list"],
        &["audit"],
        &["check"],
        &["spaces", "export", "-"],
        &["spaces", "import", s(&csv)],
        &["backup", s(&backup)],
    ];
    for args in runs {
        let mut all = args.to_vec();
        all.extend(["--db", m]);
        let (status, out, err) = cedille(&all);
        assert_eq!(status, 2, "{args:?}: {out}{err}");
        assert!(err.contains("no database at"), "{args:?}: {err}");
        assert!(!dir.path().join("typo").exists(), "{args:?} created the folder");
    }
}

#[test]
fn the_database_its_journal_and_backups_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("c.db");
    let (status, _, err) = cedille(&["demo", "generate", "--members", "3", "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    let backup = dir.path().join("b.db");
    let (status, _, err) = cedille(&["backup", s(&backup), "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(mode(&backup), 0o600);
    let export = dir.path().join("spaces.csv");
    let (status, _, err) = cedille(&["spaces", "export", s(&export), "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(mode(&export), 0o600);
    // A server holds its journal open: -wal and -shm exist while it runs.
    let served = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(served.path(), OPEN_CONFIG, &[]);
    let db = process::db(served.path());
    for file in [db.clone(), db.with_extension("db-wal"), db.with_extension("db-shm")] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    assert_eq!(mode(&served.path().join("keys").join("host_ed25519")), 0o600);
    assert_eq!(mode(&served.path().join("keys").join("host_ed25519.pub")), 0o644);
    server.kill();
}

#[test]
fn a_reader_that_goes_away_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (status, _, err) =
        cedille(&["demo", "generate", "--members", "300", "--comments", "3000", "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    for args in [
        &["users", "list", "--limit", "0"][..],
        &["comments", "list", "--limit", "0"],
        &["spaces", "export", "-"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cedille"))
            .args(args)
            .args(["--db", s(&db)])
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `| head -c 1`: one byte read, then the pipe is closed.
        let mut stdout = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        stdout.read_exact(&mut byte).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn version_says_the_schema_and_sqlite() {
    let (status, out, _) = cedille(&["--version"]);
    assert_eq!(status, 0);
    assert!(out.starts_with(&format!("cedille {} (database schema ", env!("CARGO_PKG_VERSION"))), "{out}");
    assert!(out.contains(", SQLite 3."), "{out}");
}

/// `serve` with the folder's database and keys, as an operator restarting it; its exit
/// status and what it said, once it stopped by itself.
fn serve_refused(dir: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db", s(&process::db(dir))])
        .args(["--keys", s(&dir.join("keys"))])
        .args(extra)
        .env_remove("CEDILLE_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn a_bulletin_keeps_its_host_key_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let first = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    first.kill();
    let key = dir.path().join("keys").join("host_ed25519");
    let original = std::fs::read(&key).unwrap();

    std::fs::remove_file(&key).unwrap();
    let (status, err) = serve_refused(dir.path(), &[]);
    assert_eq!(status, 1, "{err}");
    assert!(
        err.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") && err.contains("--new-host-key"),
        "{err}"
    );
    assert!(!key.exists(), "a key was made anyway");

    // Another key in its place (a wrong --keys folder, say) is refused the same way.
    let other = tempfile::tempdir().unwrap();
    let (made, _) =
        cedille::ssh::hostkey::load_or_create(other.path(), cedille::ssh::hostkey::IfMissing::Create)
            .unwrap();
    std::fs::copy(other.path().join("host_ed25519"), &key).unwrap();
    let (status, err) = serve_refused(dir.path(), &[]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains(&cedille::ssh::hostkey::fingerprint(&made)), "{err}");

    // The original back: the server starts again.
    std::fs::write(&key, &original).unwrap();
    let again = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    again.kill();
}
