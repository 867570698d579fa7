//! An operator's real life with the one file, run as they would: the built binary. One
//! server per database; a restore that nothing still holding the old file can undo; backups
//! that finish while members write; upgrades only on purpose, after a backup.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;
use process::{OPEN_CONFIG, ServerProcess, cedille};

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use cedille::domain::comment::{CommentPolicy, Moderation};
use cedille::store::Store;

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn titles(db: &Path) -> Vec<String> {
    let (status, out, err) = cedille(&["article", "list", "--limit", "0", "--json", "--db", s(db)]);
    assert_eq!(status, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].as_str().unwrap().to_string())
        .collect()
}

fn first_article_id(db: &Path) -> String {
    let (_, out, _) = cedille(&["article", "list", "--limit", "1", "--json", "--db", s(db)]);
    serde_json::from_str::<serde_json::Value>(out.lines().next().unwrap()).unwrap()["id"].to_string()
}

#[test]
fn a_second_server_on_the_same_file_is_refused_and_says_which_one_runs() {
    let dir = tempfile::tempdir().unwrap();
    let first = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(["--db", s(&process::db(dir.path())), "--listen", "127.0.0.1:0", "--keys"])
        .arg(dir.path().join("keys"))
        .arg("serve")
        .env_remove("CEDILLE_DB")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("another cedille serve has"), "{err}");
    assert!(err.contains("listening on 127.0.0.1:0") && err.contains("pid "), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    // Commands beside the server still work, reads and writes.
    assert!(!titles(&process::db(dir.path())).is_empty());
    drop(first);
}

#[test]
fn restore_puts_the_backup_in_place_and_nothing_holding_the_old_file_can_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let backup = dir.path().join("before.db");
    assert_eq!(cedille(&["demo", "generate", "--db", s(&db)]).0, 0);
    let before = titles(&db);
    let (status, _, err) = cedille(&["backup", s(&backup), "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    let id = first_article_id(&db);
    assert_eq!(cedille(&["article", "delete", &id, "--db", s(&db)]).0, 0);
    assert_eq!(titles(&db).len(), before.len() - 1);

    // The console, open on the database: the restore is refused, nothing changes.
    let console = Store::open(&db).unwrap();
    let (status, _, err) = cedille(&["restore", s(&backup), "--db", s(&db)]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("is open") && err.contains("nothing was changed"), "{err}");
    assert!(err.contains(&format!("pid {}", std::process::id())), "says which process: {err}");
    drop(console);
    assert_eq!(titles(&db).len(), before.len() - 1);

    // A server too.
    let served = tempfile::tempdir().unwrap();
    std::fs::copy(&db, process::db(served.path())).unwrap();
    let server = ServerProcess::start(served.path(), OPEN_CONFIG, &[]);
    let (status, _, err) = cedille(&["restore", s(&backup), "--db", s(&process::db(served.path()))]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("cedille serve"), "{err}");
    drop(server);

    // Alone: in place, checked, with no -wal or -shm of the old file beside it.
    let (status, out, err) = cedille(&["restore", s(&backup), "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("restored from") && out.contains("checked"), "{out}");
    assert!(!dir.path().join("c.db-wal").exists() && !dir.path().join("c.db-shm").exists());
    assert_eq!(titles(&db), before, "the deleted article is back");
    // The replaced database is kept, with what it had.
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("c.db.replaced-") && !n.ends_with("-wal"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(out.contains(&kept[0]), "{out}");
    assert_eq!(titles(&dir.path().join(&kept[0])).len(), before.len() - 1);
    // The backup itself is untouched and still a backup.
    assert_eq!(cedille(&["check", "--db", s(&backup)]).0, 0);

    // A damaged backup, or the database itself, change nothing.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, only text that fills a page or so").unwrap();
    let (status, _, err) = cedille(&["restore", s(&junk), "--db", s(&db)]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(cedille(&["restore", s(&db), "--db", s(&db)]).0, 1);
    assert_eq!(titles(&db), before);
}

#[test]
fn a_backup_finishes_while_members_write_and_says_nothing_to_cron() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (status, _, err) = cedille(&[
        "demo",
        "generate",
        "--articles",
        "200",
        "--comments",
        "20000",
        "--members",
        "100",
        "--db",
        s(&db),
    ]);
    assert_eq!(status, 0, "{err}");
    // A member posting in a loop, as in the issue, for as long as the backup runs.
    let (store, _) = Store::open(&db).unwrap();
    let user = store.users().for_key("SHA256:backup-writer", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(user, "veilleur").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let policy = CommentPolicy {
                moderation: Moderation::None,
                min_interval_secs: 0,
                per_day: i64::MAX,
                ..CommentPolicy::default()
            };
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                if store
                    .comments()
                    .post(
                        user,
                        1,
                        None,
                        &format!("Écrit pendant la sauvegarde {n}"),
                        &policy,
                        chrono::Utc::now(),
                    )
                    .is_ok()
                {
                    n += 1;
                }
                // A member types between two comments: a few milliseconds, not none, so that
                // the backup's own note of itself finds a moment to be written too.
                std::thread::sleep(Duration::from_millis(5));
            }
            n
        })
    };
    let backup = dir.path().join("nightly.db");
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(["backup", s(&backup), "--db", s(&db)])
        .env_remove("CEDILLE_DB")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The old backup started over on each write and never ended: a deadline, not a pause.
    let deadline = started + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the backup did not finish while a member wrote");
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0, "the member could write during the backup");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains('\r') && stderr.is_empty(), "no progress without a terminal: {stderr:?}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert_eq!(cedille(&["check", "--db", s(&backup)]).0, 0);

    // `--quiet`: nothing at all when all went well; the database itself is refused.
    let (status, out, err) = cedille(&["backup", "--quiet", s(&backup), "--db", s(&db)]);
    assert_eq!((status, out.as_str(), err.as_str()), (0, "", ""));
    let (status, _, err) = cedille(&["backup", s(&db), "--db", s(&db)]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("the database itself"), "{err}");
    let (status, _, _) = cedille(&["backup", &format!("{}-wal", s(&db)), "--db", s(&db)]);
    assert_eq!(status, 1);
}

/// A database as an earlier release left it: schema 13, before the host key was recorded
/// (and before the server's row for `cedille status`, and members' line mode and charset
/// settings).
fn schema_13(db: &Path) {
    let (store, _) = Store::open(db).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "DROP TABLE host_key; DROP TABLE server_status; DROP TABLE last_backup;
         ALTER TABLE users DROP COLUMN line_mode; ALTER TABLE users DROP COLUMN charset; PRAGMA user_version = 13;",
    )
    .unwrap();
}

#[test]
fn only_migrate_and_serve_upgrade_a_database_each_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    schema_13(&db);
    // Commands do not migrate: they say how.
    let (status, _, err) = cedille(&["article", "list", "--db", s(&db)]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("schema 13") && err.contains("cedille migrate"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // `check` reads any schema and says which.
    let (status, out, err) = cedille(&["check", "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("schema 13"), "{out}");
    let latest = cedille::store::versions().0;
    let (_, version, _) = cedille(&["--version"]);
    assert!(version.contains(&format!("database schema {latest}")), "{version}");

    let (status, out, err) = cedille(&["migrate", "--db", s(&db)]);
    assert_eq!(status, 0, "{err}");
    let kept = dir.path().join("c.db.schema-13.backup");
    assert!(out.contains(&format!("from schema 13 to {latest}")) && out.contains(s(&kept)), "{out}");
    let (_, out, _) = cedille(&["check", "--db", s(&kept)]);
    assert!(out.contains("schema 13"), "the backup is the database as it was: {out}");
    assert_eq!(cedille(&["article", "list", "--db", s(&db)]).0, 0);
    let (status, out, _) = cedille(&["migrate", "--db", s(&db)]);
    assert_eq!((status, out.contains(&format!("already at schema {latest}"))), (0, true), "{out}");

    // The server does the same when it starts.
    let served = tempfile::tempdir().unwrap();
    schema_13(&process::db(served.path()));
    let server = ServerProcess::start(served.path(), OPEN_CONFIG, &[]);
    assert!(served.path().join("c.db.schema-13.backup").exists());
    // And `migrate` is refused while it runs.
    let (status, _, err) = cedille(&["migrate", "--db", s(&process::db(served.path()))]);
    assert_eq!(status, 2, "{err}");
    drop(server);
}

#[test]
fn a_newer_database_is_one_clear_line_and_check_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert_eq!(cedille(&["demo", "generate", "--db", s(&db)]).0, 0);
    let backup = dir.path().join("b.db");
    assert_eq!(cedille(&["backup", s(&backup), "--db", s(&db)]).0, 0);
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 99;").unwrap();
    for args in [vec!["article", "list"], vec!["migrate"], vec!["users", "list"]] {
        let mut args = args.clone();
        args.extend(["--db", s(&db)]);
        let (status, _, err) = cedille(&args);
        assert_eq!(status, 2, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        let said = format!("schema 99, newer than this cedille knows ({})", cedille::store::versions().0);
        assert!(err.contains(&said), "{err}");
    }

    // `check` on a read-only backup: it reads, and leaves the file as it was, alone.
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::set_permissions(&backup, std::os::unix::fs::PermissionsExt::from_mode(0o400)).unwrap();
    let (status, out, err) = cedille(&["check", "--db", s(&backup)]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains(": ok ("), "{out}");
    assert_eq!(std::fs::read(&backup).unwrap(), bytes);
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("b.db") && n != "b.db")
        .collect();
    assert!(beside.is_empty(), "nothing made beside the backup: {beside:?}");
}
