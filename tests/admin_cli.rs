//! The admin commands for scripts and cron, run as an admin would: the built binary on a
//! database file. Each one on good input (what it prints, what it changed) and on bad input
//! (the message names the problem, the status is not 0, nothing was written).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;
use process::cedille;

use std::path::Path;

use cedille::domain::{CommentPolicy, CommentStatus};
use cedille::store::Store;

fn fresh() -> (tempfile::TempDir, String, Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (store, _) = Store::open(&db).unwrap();
    (dir, db.to_str().unwrap().to_string(), store)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn articles_are_imported_by_slug_listed_published_scheduled_and_deleted() {
    let (dir, db, store) = fresh();
    let a = write(
        dir.path(),
        "a.md",
        "---\ntitle: Le « tiers-lieu » de Die ouvre\nrubrique: Vie du réseau\nauthor: Sofia\nstatus: draft\n---\n\nOuvert *le mardi*.\n",
    );
    let (status, out, err) = cedille(&["article", "import", &a, "--db", &db]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("article 10 inserted (le-tiers-lieu-de-die-ouvre)"), "{out}");
    // The same file again changes nothing, and says so.
    let (_, out, _) = cedille(&["article", "import", &a, "--db", &db]);
    assert!(out.contains("unchanged"), "{out}");

    let (status, out, _) = cedille(&["article", "list", "--json", "--db", &db]);
    assert_eq!(status, 0);
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ours = rows.iter().find(|r| r["id"] == 10).unwrap();
    assert_eq!(ours["state"], "draft");
    assert_eq!(ours["title"], "Le « tiers-lieu » de Die ouvre");
    // Members do not see a draft.
    let now = chrono::Utc::now();
    assert!(store.articles().get_published("10", None, now).unwrap().is_none());

    let (status, out, _) = cedille(&["article", "publish", "10", "--db", &db]);
    assert_eq!((status, out.trim()), (0, "article 10 published"));
    assert!(store.articles().get_published("10", None, chrono::Utc::now()).unwrap().is_some());
    let (_, out, _) = cedille(&["article", "list", "--db", &db]);
    assert!(out.lines().next().unwrap().contains("published  "), "the newest first: {out}");

    let (status, out, _) = cedille(&["article", "schedule", "10", "2099-12-01", "--db", &db]);
    assert_eq!(status, 0);
    assert!(out.contains("will appear on 2099-12-01 9:00"), "{out}");
    assert!(store.articles().get_published("10", None, chrono::Utc::now()).unwrap().is_none());

    let (status, out, _) = cedille(&["article", "unpublish", "10", "--db", &db]);
    assert_eq!((status, out.trim()), (0, "article 10 is a draft again"));
    let (status, out, _) = cedille(&["article", "delete", "10", "--db", &db]);
    assert_eq!(status, 0, "{out}");
    assert!(store.articles().get_any(10, chrono::Utc::now()).unwrap().is_none());

    // Every action is in the audit log, signed by the system user.
    let (status, out, _) = cedille(&["audit", "--json", "--db", &db]);
    assert_eq!(status, 0);
    let actions: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .inspect(|e| assert_eq!(e["actor"], "cli:sofia"))
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        actions,
        ["article.delete", "article.unpublish", "article.schedule", "article.publish", "article.create"]
    );
}

#[test]
fn a_wrong_file_names_the_line_and_field_and_nothing_is_imported() {
    let (dir, db, store) = fresh();
    let good = write(dir.path(), "good.md", "---\ntitle: Bon\n---\nTexte.\n");
    let bad = write(dir.path(), "bad.md", "---\ntitle: Mauvais\ndate: mardi prochain\n---\nTexte.\n");
    let before = store.articles().count().unwrap();
    let (status, out, err) = cedille(&["article", "import", &good, &bad, "--db", &db]);
    assert_eq!(status, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("bad.md: line 3: `mardi prochain` is not a date"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(store.articles().count().unwrap(), before);

    let unclosed = write(dir.path(), "open.md", "---\ntitle: x\n");
    let (status, _, err) = cedille(&["article", "import", &unclosed, "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("not closed"), "{err}");
    let twice = write(dir.path(), "twice.md", "---\ntitle: Bon\n---\nAutre.\n");
    let (status, _, err) = cedille(&["article", "import", &good, &twice, "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("same slug `bon`"), "{err}");
    let (status, _, err) = cedille(&["article", "import", "/nonexistent/x.md", "--db", &db]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot read /nonexistent/x.md"), "{err}");
    assert_eq!(store.articles().count().unwrap(), before);

    let (status, _, err) = cedille(&["article", "publish", "999", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("no article 999"), "{err}");
    let (status, _, err) = cedille(&["article", "schedule", "1", "hier", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("`hier` is not a date"), "{err}");
    let (status, _, err) = cedille(&["article", "schedule", "1", "2020-01-01", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("past"), "{err}");
}

#[test]
fn a_mistyped_database_is_never_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let db = db.to_str().unwrap();
    for args in [
        vec!["article", "list"],
        vec!["users", "list"],
        vec!["check"],
        vec!["comments", "list"],
        vec!["audit"],
    ] {
        let mut args = args.clone();
        args.extend(["--db", db]);
        let (status, _, err) = cedille(&args);
        assert_eq!(status, 2, "{args:?}");
        assert!(err.contains("no database at"), "{err}");
    }
    assert!(!Path::new(db).exists());
}

#[test]
fn members_are_listed_suspended_restored_renamed_and_promoted() {
    let (_dir, db, store) = fresh();
    let camille = store.users().for_key("SHA256:camille", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(camille, "camille").unwrap();
    let nameless = store.users().for_key("SHA256:nameless", "ssh-ed25519").unwrap().user_id;
    store
        .comments()
        .post(camille, 1, None, "Bonjour à tous", &CommentPolicy::default(), chrono::Utc::now())
        .unwrap();

    let (status, out, _) = cedille(&["users", "list", "--json", "--db", &db]);
    assert_eq!(status, 0);
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let c = rows.iter().find(|r| r["handle"] == "camille").unwrap();
    assert_eq!(c["keys"][0], "SHA256:camille");
    assert_eq!(c["comments"], 1);
    assert_eq!(c["banned"], false);
    let (_, out, _) = cedille(&["users", "list", "--db", &db]);
    assert!(out.contains(&format!("#{nameless}")), "a member without a handle is named by id: {out}");

    let (status, out, _) = cedille(&["users", "ban", "Camille", "--db", &db]);
    assert_eq!(status, 0);
    assert!(out.contains("suspended"), "{out}");
    assert!(store.members().is_banned(camille).unwrap());
    let (_, out, _) = cedille(&["users", "ban", "camille", "--db", &db]);
    assert!(out.contains("already"), "{out}");
    let (status, _, _) = cedille(&["users", "unban", "camille", "--db", &db]);
    assert_eq!(status, 0);
    assert!(!store.members().is_banned(camille).unwrap());

    let (status, out, _) = cedille(&["users", "rename", &format!("#{nameless}"), "Dominique", "--db", &db]);
    assert_eq!((status, out.trim().to_string()), (0, format!("#{nameless} is now dominique")));
    let (status, _, err) = cedille(&["users", "rename", "dominique", "camille", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("taken"), "{err}");
    let (status, _, err) = cedille(&["users", "rename", "dominique", "root", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("reserved"), "{err}");

    let (status, _, _) = cedille(&["users", "role", "camille", "moderator", "--db", &db]);
    assert_eq!(status, 0);
    assert!(store.users().is_moderator(camille).unwrap());
    let (status, _, err) = cedille(&["users", "role", "camille", "boss", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("unknown role `boss`"), "{err}");
    let (status, _, err) = cedille(&["users", "ban", "nobody", "--db", &db]);
    assert_eq!(status, 1);
    assert!(err.contains("no member nobody"), "{err}");

    let (_, out, _) = cedille(&["audit", "--db", &db]);
    for action in ["user.ban", "user.unban", "user.rename", "user.role"] {
        assert!(out.contains(action), "{action} missing from {out}");
    }
}

#[test]
fn moderation_commands_are_signed_in_the_audit_log() {
    let (_dir, db, store) = fresh();
    let m = store.users().for_key("SHA256:m", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(m, "marius").unwrap();
    let c = store
        .comments()
        .post(m, 1, None, "Première fois ici", &CommentPolicy::default(), chrono::Utc::now())
        .unwrap();
    assert_eq!(c.status, CommentStatus::Pending);
    let (status, _, _) = cedille(&["comments", "hide", &c.id.to_string(), "--db", &db]);
    assert_eq!(status, 0);
    let (_, out, _) = cedille(&["comments", "hide", &c.id.to_string(), "--db", &db]);
    assert!(out.contains("already hidden"), "{out}");
    let (_, out, _) = cedille(&["audit", "--json", "--db", &db]);
    let entry: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(entry["action"], "comment.hide");
    assert_eq!(entry["target"], format!("comment {}", c.id));
    assert_eq!(out.lines().count(), 1, "doing nothing is not logged: {out}");
}

#[test]
fn backup_under_write_load_restores_to_a_database_that_passes_check() {
    let (dir, db, store) = fresh();
    let m = store.users().for_key("SHA256:w", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(m, "writer").unwrap();
    store.members().approve("test", "writer").unwrap();
    let policy = CommentPolicy { min_interval_secs: 0, per_day: 1_000_000, ..CommentPolicy::default() };
    // A writer posts comments for as long as the backup runs.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (store, stop, policy) = (store.clone(), stop.clone(), policy.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || n < 20 {
                store
                    .comments()
                    .post(m, 1, None, &format!("commentaire {n}"), &policy, chrono::Utc::now())
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let backup = dir.path().join("backup.db");
    let backup = backup.to_str().unwrap();
    let (status, out, err) = cedille(&["backup", backup, "--db", &db]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("checked"), "{out}");
    // Not a terminal: no progress, no carriage returns for cron mail. (A writer that never
    // pauses, as this one, may keep the backup from being recorded for `cedille status`:
    // one line says so.)
    let progress = err.lines().filter(|l| !l.starts_with("(not recorded for `cedille status`")).count();
    assert!(progress == 0 && !err.contains('\r'), "no progress without a terminal: {err:?}");

    let (status, out, _) = cedille(&["check", "--db", backup]);
    let schema = cedille::store::versions().0;
    let ok = format!("ok (integrity, foreign keys, search index), schema {schema}");
    assert_eq!((status, out.contains(&ok)), (0, true), "{out}");
    // The copy holds a consistent prefix of the comments, and opens as a Cédille database.
    let (copy, _) = Store::open(Path::new(backup)).unwrap();
    let copied = copy.comments().all().unwrap().len();
    assert!(copied <= written, "{copied} copied of {written}");
    assert_eq!(copy.articles().count().unwrap(), store.articles().count().unwrap());
    assert!(!Path::new(&format!("{backup}.partial")).exists());
}

#[test]
fn check_names_what_is_broken() {
    let (_dir, db, store) = fresh();
    drop(store);
    // A comment pointing to an article that does not exist, written behind Cédille's back.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO users (id, created_at) VALUES (99, '2026-01-01T00:00:00Z');
         INSERT INTO comments (article_id, author_id, body, created_at) VALUES (4242, 99, 'x', '2026-01-01T00:00:00Z');",
    )
    .unwrap();
    drop(conn);
    let (status, out, _) = cedille(&["check", "--db", &db]);
    assert_eq!(status, 1);
    assert!(out.contains("foreign key: comments row") && out.contains("articles"), "{out}");
}

#[test]
fn the_database_comes_from_the_config_file_as_for_serve() {
    let (dir, db, _store) = fresh();
    let config = write(dir.path(), "cedille.toml", &format!("db = \"{db}\"\n"));
    let (status, out, err) = cedille(&["--config", &config, "article", "list"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("agenda-hiver-2026-2027"), "{out}");
    // The top-level --db counts too.
    let (status, out, _) = cedille(&["--db", &db, "users", "list"]);
    assert_eq!((status, out.trim()), (0, "No member yet."));
}
