//! The operator's listings on a database with more rows than a page, run as an admin would:
//! the built binary. Each prints at most `--limit` rows (50 unless told), in its documented
//! order, says on stderr how many there are in all, and keeps `--json` output JSON lines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;
use process::cedille;

use cedille::domain::{CommentPolicy, Moderation};
use cedille::store::Store;
use chrono::{Duration, Utc};

/// A database of the demo bulletin with 60 more articles, 70 members and 300 comments.
fn generated() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db").to_str().unwrap().to_string();
    let (status, _, err) = cedille(&[
        "demo",
        "generate",
        "--articles",
        "60",
        "--members",
        "70",
        "--comments",
        "300",
        "--db",
        &db,
    ]);
    assert_eq!(status, 0, "{err}");
    (dir, db)
}

fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn texts(rows: &[serde_json::Value], key: &str) -> Vec<String> {
    rows.iter().map(|r| r[key].as_str().unwrap_or_else(|| panic!("no {key} in {r}")).to_string()).collect()
}

/// Whether `v` never goes up (timestamps in RFC 3339 UTC sort as text).
fn descending(v: &[String]) -> bool {
    v.windows(2).all(|w| w[0] >= w[1])
}

#[test]
fn comments_list_prints_the_newest_page_and_says_how_many_in_all() {
    let (_dir, db) = generated();
    let (status, out, err) = cedille(&["comments", "list", "--limit", "25", "--json", "--db", &db]);
    assert_eq!(status, 0, "{err}");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 25);
    let dates = texts(&rows, "created_at");
    assert!(descending(&dates), "newest first: {dates:?}");
    assert_eq!(err, "25 of 300 comments shown, newest first; --limit N for more, --limit 0 for all\n");

    // The newest of all comes first, and the page holds the newest 25 of all.
    let (store, _) = Store::open(std::path::Path::new(&db)).unwrap();
    let mut all: Vec<_> = store.comments().all().unwrap().into_iter().map(|c| (c.created_at, c.id)).collect();
    all.sort_by(|a, b| b.cmp(a));
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, all[..25].iter().map(|(_, id)| *id).collect::<Vec<_>>());

    // Without --limit: the newest 50, and the same notice.
    let (_, out, err) = cedille(&["comments", "list", "--json", "--db", &db]);
    assert_eq!(json_lines(&out).len(), 50);
    assert!(err.starts_with("50 of 300 comments shown"), "{err}");
    // As text: one header line per comment, each naming its article.
    let (_, out, err) = cedille(&["comments", "list", "--limit", "7", "--db", &db]);
    assert_eq!(out.lines().filter(|l| l.starts_with("article ")).count(), 7, "{out}");
    assert!(err.starts_with("7 of 300 comments shown"), "{err}");
    // 0 is every row, and a whole list says nothing more.
    let (_, out, err) = cedille(&["comments", "list", "--limit", "0", "--json", "--db", &db]);
    assert_eq!((json_lines(&out).len(), err.as_str()), (300, ""));
    let (_, out, err) = cedille(&["comments", "list", "--limit", "300", "--json", "--db", &db]);
    assert_eq!((json_lines(&out).len(), err.as_str()), (300, ""));
    let (status, _, err) = cedille(&["comments", "list", "--limit", "ten", "--db", &db]);
    assert_eq!(status, 2, "a usage error: {err}");
    assert!(err.contains("not a number of rows"), "{err}");
}

#[test]
fn the_moderation_queue_prints_its_oldest_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let (store, _) = Store::open(&db).unwrap();
    let policy = CommentPolicy {
        moderation: Moderation::All,
        min_interval_secs: 0,
        per_day: 1000,
        ..Default::default()
    };
    let start = Utc::now() - Duration::hours(2);
    for n in 0..12 {
        let user = store.users().for_key(&format!("SHA256:q{n}"), "ssh-ed25519").unwrap().user_id;
        store.users().set_handle(user, &format!("membre{n}")).unwrap();
        store
            .comments()
            .post(user, 1, None, &format!("Question {n}"), &policy, start + Duration::minutes(n))
            .unwrap();
    }
    let db = db.to_str().unwrap();
    let (status, out, err) =
        cedille(&["comments", "list", "--pending", "--limit", "5", "--json", "--db", db]);
    assert_eq!(status, 0, "{err}");
    let bodies = texts(&json_lines(&out), "body");
    assert_eq!(bodies, (0..5).map(|n| format!("Question {n}")).collect::<Vec<_>>(), "oldest first");
    assert_eq!(err, "5 of 12 comments waiting shown, oldest first; --limit N for more, --limit 0 for all\n");
}

#[test]
fn articles_members_events_and_the_audit_log_take_a_limit_too() {
    let (_dir, db) = generated();
    // 9 demo articles and 60 generated ones.
    let (status, out, err) = cedille(&["article", "list", "--limit", "10", "--json", "--db", &db]);
    assert_eq!(status, 0, "{err}");
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 10);
    assert!(descending(&texts(&rows, "published_at")), "{out}");
    assert_eq!(err, "10 of 69 articles shown, newest first; --limit N for more, --limit 0 for all\n");
    let (_, out, err) = cedille(&["article", "list", "--db", &db]);
    assert_eq!(out.lines().count(), 50);
    assert!(err.starts_with("50 of 69 articles shown"), "{err}");

    let (_, out, err) = cedille(&["users", "list", "--limit", "4", "--json", "--db", &db]);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 4);
    let seen: Vec<String> = rows
        .iter()
        .map(|r| r["last_seen"].as_str().or(r["first_seen"].as_str()).unwrap().to_string())
        .collect();
    assert!(descending(&seen), "most recently seen first: {out}");
    assert_eq!(
        err,
        "4 of 70 members shown, most recently seen first; --limit N for more, --limit 0 for all\n"
    );
    let (_, out, err) = cedille(&["users", "list", "--limit", "all", "--db", &db]);
    assert_eq!((out.lines().count(), err.as_str()), (70, ""));

    // The demo agenda's 7 meetups.
    let (_, out, err) = cedille(&["events", "list", "--limit", "3", "--json", "--db", &db]);
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 3);
    assert!(descending(&texts(&rows, "starts_at")), "latest start first: {out}");
    assert_eq!(err, "3 of 7 events shown, latest start first; --limit N for more, --limit 0 for all\n");

    for who in ["membre-1", "membre-2", "membre-3"] {
        assert_eq!(cedille(&["users", "role", who, "moderator", "--db", &db]).0, 0);
    }
    let (_, out, err) = cedille(&["audit", "--limit", "2", "--json", "--db", &db]);
    let targets = texts(&json_lines(&out), "target");
    assert_eq!(targets, ["membre-3", "membre-2"], "newest first");
    assert_eq!(err, "2 of 3 actions shown, newest first; --limit N for more, --limit 0 for all\n");
}
