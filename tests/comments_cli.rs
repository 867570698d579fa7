//! The operator's moderation commands, run as a person would: the built binary on a database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use cedille::domain::{CommentPolicy, CommentStatus};
use cedille::store::Store;

fn cedille(args: &[&str]) -> (i32, String, String) {
    // The admin commands speak the language of the environment: English here.
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_waiting_comment_is_listed_then_approved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (store, _) = Store::open(&db).unwrap();
    let member = store.users().for_key("SHA256:test", "ssh-ed25519").unwrap();
    store.users().set_handle(member.user_id, "camille").unwrap();
    let comment = store
        .comments()
        .post(
            member.user_id,
            1,
            None,
            "Première « question » !",
            &CommentPolicy::default(),
            chrono::Utc::now(),
        )
        .unwrap();
    assert_eq!(comment.status, CommentStatus::Pending);
    let db = db.to_str().unwrap();

    let (status, stdout, _) = cedille(&["comments", "list", "--pending", "--db", db]);
    assert_eq!(status, 0);
    assert!(stdout.contains("camille") && stdout.contains("Première « question » !"), "{stdout}");
    let (status, stdout, _) = cedille(&["comments", "list", "--pending", "--json", "--db", db]);
    assert_eq!(status, 0);
    let line: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(line["status"], "pending");

    let id = comment.id.to_string();
    let (status, stdout, _) = cedille(&["comments", "approve", &id, "--db", db]);
    assert_eq!((status, stdout.trim()), (0, format!("comment {id}: published").as_str()));
    assert_eq!(store.comments().get(comment.id).unwrap().unwrap().status, CommentStatus::Published);
    let (_, stdout, _) = cedille(&["comments", "list", "--pending", "--db", db]);
    assert!(stdout.contains("No comment waits"), "{stdout}");

    let (status, _, stderr) = cedille(&["comments", "hide", "999", "--db", db]);
    assert_eq!(status, 1);
    assert!(stderr.contains("no comment 999"), "{stderr}");
}
