#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;

use crate::domain::comment::{CommentPolicy, Moderation};
use crate::store::{Sizes, Store};

/// The backup started over on every write and never ended. Here a member writes
/// between every two steps of the copy — the worst case, made certain — and the copy still
/// goes forward only, and holds what the database held when it started.
#[test]
fn a_backup_goes_forward_however_often_members_write_between_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    store.generate(Sizes { spaces: 0, articles: 50, comments: 6000, members: 50 }).unwrap();
    let user = store.users().for_key("SHA256:pendant-la-copie", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(user, "veilleur").unwrap();
    let policy = CommentPolicy {
        moderation: Moderation::None,
        min_interval_secs: 0,
        per_day: i64::MAX,
        ..CommentPolicy::default()
    };
    let before = store.comments().for_article(1, None, false).unwrap().len();
    let (mut steps, mut last, mut total) = (0, -1, 0);
    let dest = dir.path().join("b.db");
    store
        .backup(&dest, |done, all| {
            assert!(done > last, "the copy started over: {done} after {last} of {all}");
            (last, total) = (done, all);
            steps += 1;
            store
                .comments()
                .post(user, 1, None, &format!("Pendant la copie, {steps}"), &policy, Utc::now())
                .unwrap();
        })
        .unwrap();
    assert!(steps > 3, "several steps, each with a write between: {steps} for {total} pages");
    let (copy, _) = Store::open(&dest).unwrap();
    assert_eq!(copy.comments().for_article(1, None, false).unwrap().len(), before, "one snapshot");
}
