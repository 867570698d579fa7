//! A database file removed or replaced under an open store: the next write is refused as
//! unavailable and lands nowhere, reads stop rather than mix two files, and the poller
//! notices with nobody writing.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;

use super::*;
use crate::domain::comment::{CommentPolicy, Moderation, PostError};

fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn post(s: &Store, author: i64, body: &str) -> std::result::Result<i64, PostError> {
    let policy =
        CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() };
    s.comments().post(author, 1, None, body, &policy, Utc::now()).map(|c| c.id)
}

/// The comments' texts of a file, read by a connection of its own.
fn bodies(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT body FROM comments ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn a_removed_file_takes_no_more_writes_and_nothing_recreates_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let (s, _) = Store::open(&path).unwrap();
    let a = member(&s, "camille");
    post(&s, a, "Avant").unwrap();
    // A second name for the file, to look inside it once the first is removed.
    let kept = dir.path().join("kept.db");
    std::fs::hard_link(&path, &kept).unwrap();
    std::fs::remove_file(&path).unwrap();

    let refused = post(&s, a, "Après");
    assert!(matches!(refused, Err(PostError::Unavailable(_))), "{refused:?}");
    assert!(s.is_gone());
    assert!(s.users().set_lang(a, "en").unwrap_err().is_unavailable());
    assert!(s.articles().count().unwrap_err().is_unavailable(), "reads stop too");
    assert!(!path.exists(), "nothing recreated a file at the path");
    // The old file holds what was acknowledged (its WAL folded in as the store let go of
    // it), and not the refused comment.
    assert_eq!(bodies(&kept), ["Avant"]);
}

#[test]
fn a_replaced_file_takes_no_more_writes_and_the_copy_opens_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let (s, _) = Store::open(&path).unwrap();
    let a = member(&s, "camille");
    post(&s, a, "Dans la copie").unwrap();
    let copy = dir.path().join("copy.db");
    s.backup(&copy, |_, _| {}).unwrap();
    post(&s, a, "Après la copie").unwrap();
    std::fs::rename(&copy, &path).unwrap();

    let refused = post(&s, a, "Après le remplacement");
    assert!(matches!(refused, Err(PostError::Unavailable(_))), "{refused:?}");
    assert!(s.articles().count().unwrap_err().is_unavailable(), "no read from the new file");
    // The copy as it was made: the old file's WAL, left beside it, was not read into it.
    let (fresh, opened) = Store::open(&path).unwrap();
    assert_eq!(opened, Opened::Existing);
    assert!(!fresh.is_gone());
    assert_eq!(bodies(&path), ["Dans la copie"]);
    post(&fresh, a, "Au redémarrage").unwrap();
}

#[tokio::test]
async fn the_poller_notices_a_removed_file_with_nobody_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let (s, _) = Store::open(&path).unwrap();
    let gone = s.file_gone();
    std::fs::remove_file(&path).unwrap();
    tokio::time::timeout(Duration::from_secs(2), gone).await.expect("the removal was not noticed");
    assert!(s.is_gone());
    assert!(matches!(s.users().for_key("SHA256:x", "ssh-ed25519"), Err(StoreError::Gone(_))));
}
