//! What the store does when the database file fails or a write panics: the failures of
//! the file come out as `Unavailable` (the member is told to try again, their text kept),
//! nothing half-written stays, and the store goes on serving.

use std::time::Duration;

use chrono::Utc;
use rusqlite::ffi;

use super::*;
use crate::domain::comment::{CommentPolicy, Moderation, PostError};

fn store_with(busy: Duration) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) =
        Store::open_with(&dir.path().join("c.db"), Options { busy_timeout: busy, ..Options::default() })
            .unwrap();
    (dir, store)
}

fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn open_policy() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

fn count_comments(s: &Store) -> i64 {
    s.read(|c| Ok(c.query_row("SELECT count(*) FROM comments", [], |r| r.get(0))?)).unwrap()
}

fn failure(code: i32) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
}

#[test]
fn failures_of_the_file_are_unavailable_and_bugs_are_not() {
    for code in [
        ffi::SQLITE_BUSY,
        ffi::SQLITE_LOCKED,
        ffi::SQLITE_FULL,
        ffi::SQLITE_READONLY,
        ffi::SQLITE_IOERR,
        ffi::SQLITE_IOERR_FSYNC,
        ffi::SQLITE_CANTOPEN,
    ] {
        let e = StoreError::from(failure(code));
        assert!(e.is_unavailable(), "{code}: {e:?}");
        assert!(matches!(PostError::from(failure(code)), PostError::Unavailable(_)), "{code}");
    }
    for code in [ffi::SQLITE_CONSTRAINT, ffi::SQLITE_ERROR, ffi::SQLITE_CORRUPT, ffi::SQLITE_MISUSE] {
        assert!(matches!(StoreError::from(failure(code)), StoreError::Sql(_)), "{code}");
        assert!(matches!(PostError::from(failure(code)), PostError::Store(_)), "{code}");
    }
    assert!(matches!(StoreError::from(rusqlite::Error::QueryReturnedNoRows), StoreError::Sql(_)));
}

#[test]
fn every_connection_syncs_fully_in_wal_mode() {
    let (_d, s) = store_with(Duration::from_millis(50));
    let pragmas = |c: &Connection| -> Result<(i64, String, i64)> {
        Ok((
            c.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
            c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
            c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
        ))
    };
    // 2 is FULL: a commit returns only once it is on the disk.
    let want = (2, "wal".to_string(), 1);
    assert_eq!(pragmas(&s.writer()).unwrap(), want);
    assert_eq!(s.read(pragmas).unwrap(), want);
}

#[test]
fn a_database_locked_by_another_program_is_unavailable_until_it_lets_go() {
    let (dir, s) = store_with(Duration::from_millis(100));
    let a = member(&s, "camille");
    let other = Connection::open(dir.path().join("c.db")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let refused = s.comments().post(a, 1, None, "Bonjour", &open_policy(), Utc::now());
    assert!(matches!(refused, Err(PostError::Unavailable(_))), "{refused:?}");
    // Reading goes on meanwhile (WAL).
    assert_eq!(count_comments(&s), 0);
    other.execute_batch("COMMIT").unwrap();
    s.comments().post(a, 1, None, "Bonjour", &open_policy(), Utc::now()).unwrap();
    assert_eq!(count_comments(&s), 1);
}

#[test]
fn a_panic_inside_a_write_leaves_nothing_and_the_writer_usable() {
    let (_d, s) = store_with(Duration::from_millis(50));
    let a = member(&s, "camille");
    let crashing = s.clone();
    let joined = std::thread::spawn(move || {
        crashing.write::<(), StoreError>(|tx| {
            tx.execute(
                "INSERT INTO comments (article_id, author_id, body, status, created_at)
                 VALUES (1, ?1, 'à moitié', 'published', '2026-01-01T00:00:00Z')",
                [a],
            )?;
            panic!("a bug in the middle of a write")
        })
    })
    .join();
    assert!(joined.is_err(), "the write panicked");
    assert_eq!(count_comments(&s), 0, "the half-done write was rolled back");
    s.comments().post(a, 1, None, "Après la panne", &open_policy(), Utc::now()).unwrap();
    assert_eq!(count_comments(&s), 1);
}

#[cfg(debug_assertions)]
#[test]
fn a_read_only_database_is_unavailable_and_reads_go_on() {
    use super::faults::Fault;
    let (_d, s) = store_with(Duration::from_millis(50));
    let a = member(&s, "camille");
    s.inject(Fault::ReadOnly, true).unwrap();
    let refused = s.comments().post(a, 1, None, "Bonjour", &open_policy(), Utc::now());
    assert!(matches!(refused, Err(PostError::Unavailable(_))), "{refused:?}");
    assert!(s.users().set_handle(a, "dominique").is_err());
    assert!(!s.articles().list_published(None, Utc::now()).unwrap().is_empty());
    s.inject(Fault::ReadOnly, false).unwrap();
    s.comments().post(a, 1, None, "Bonjour", &open_policy(), Utc::now()).unwrap();
}

#[cfg(debug_assertions)]
#[test]
fn a_full_disk_is_unavailable_and_nothing_is_half_written() {
    use super::faults::Fault;
    let (_d, s) = store_with(Duration::from_millis(50));
    let a = member(&s, "camille");
    s.inject(Fault::Full, true).unwrap();
    // Long texts fill what room the last pages had left; then a page is needed.
    let long = "Une phrase pour remplir la page. ".repeat(100);
    let mut posted = 0;
    let refused = loop {
        match s.comments().post(a, 1, None, &long, &open_policy(), Utc::now()) {
            Ok(_) => posted += 1,
            Err(e) => break e,
        }
        assert!(posted < 100, "the database never filled up");
    };
    assert!(matches!(refused, PostError::Unavailable(_)), "{refused:?}");
    assert_eq!(count_comments(&s), posted);
    s.inject(Fault::Full, false).unwrap();
    s.comments().post(a, 1, None, &long, &open_policy(), Utc::now()).unwrap();
    assert_eq!(count_comments(&s), posted + 1);
}

#[test]
fn a_known_key_still_finds_its_member_while_the_file_is_locked() {
    let (dir, s) = store_with(Duration::from_millis(50));
    let a = member(&s, "camille");
    let other = Connection::open(dir.path().join("c.db")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let owner = s.users().for_key("SHA256:camille", "ssh-ed25519").unwrap();
    assert_eq!((owner.user_id, owner.handle.as_deref()), (a, Some("camille")));
    let new = s.users().for_key("SHA256:nouveau", "ssh-ed25519");
    assert!(matches!(new, Err(StoreError::Unavailable(_))), "{:?}", new.map(|o| o.user_id));
    other.execute_batch("COMMIT").unwrap();
    assert_ne!(s.users().for_key("SHA256:nouveau", "ssh-ed25519").unwrap().user_id, a);
}
