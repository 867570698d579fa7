#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Admin actions reach connected members by themselves: the server and the admin command
//! are two processes on one database file, as on the real server. What the members see is
//! read off their screens (russh client + vt100).

mod common;

use std::process::Command;
use std::time::Duration;

use cedille::domain::{CommentPolicy, CommentStatus, Moderation};
use common::*;

/// The issue's promise: within two seconds (the poller asks every 250 ms).
const LIVE: Duration = Duration::from_secs(2);

async fn live(s: &mut Session, what: &str, cond: impl Fn(&str) -> bool) -> String {
    match tokio::time::timeout(LIVE, s.wait_for(what, cond)).await {
        Ok(text) => text,
        Err(_) => panic!("not within {LIVE:?}: {what}\n--- screen ---\n{}", s.text()),
    }
}

fn admin(server: &Server, args: &[&str]) -> String {
    let db = server.dir.path().join("c.db");
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(args)
        .arg("--db")
        .arg(&db)
        .env("USER", "sofia")
        // The admin commands speak the language of the environment: English here.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into()
}

fn unmoderated() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

/// Opens the newest article in a window tall enough to show it whole with its comments,
/// and waits for `comment` there.
async fn open_newest(s: &mut Session, comment: &str) {
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_text(NEWEST_TITLE).await;
    s.wait_text(comment).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_comment_leaves_the_screens_and_a_published_article_arrives() {
    let (server, store) = Server::start_with(unmoderated()).await;
    let writer = store.users().for_key("SHA256:writer", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(writer, "marius").unwrap();
    let newest = store.articles().list_published(None, chrono::Utc::now()).unwrap()[0].id;
    let comment = store
        .comments()
        .post(writer, newest, None, "Un message à masquer", &unmoderated(), chrono::Utc::now())
        .unwrap();

    let reader = Client::member(server.addr).await;
    let mut s = reader.shell(120, 80).await;
    open_newest(&mut s, "Un message à masquer").await;
    admin(&server, &["comments", "hide", &comment.id.to_string()]);
    live(&mut s, "the hidden comment to go", |t| !t.contains("Un message à masquer")).await;

    // Back on the list, an article published from the command line appears by itself.
    s.send(b"\x1b").await;
    s.wait_status("1/9").await;
    let file = server.dir.path().join("new.md");
    std::fs::write(&file, "---\ntitle: Le fablab de Saillans ouvre le samedi\nstatus: draft\n---\nTexte.\n")
        .unwrap();
    admin(&server, &["article", "import", file.to_str().unwrap()]);
    // A draft is nobody's business but the admins'.
    assert!(!s.text().contains("fablab de Saillans"));
    admin(&server, &["article", "publish", "10"]);
    live(&mut s, "the published article in the list", |t| {
        t.contains("Le fablab de Saillans ouvre le samedi")
    })
    .await;
    s.wait_status("1/10").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ban_closes_the_session_with_a_message() {
    let server = Server::start().await;
    let member = Client::member_with(server.addr, key_from_seed([7; 32])).await;
    assert_eq!(member.exec("handle camille").await.status, Some(0));
    let mut s = member.shell(80, 24).await;
    s.wait_status("1/9").await;
    admin(&server, &["users", "ban", "camille"]);
    tokio::time::timeout(LIVE, s.wait_exit()).await.expect("the session ends within two seconds");
    // And they cannot come back in.
    let again = Client::member_with(server.addr, key_from_seed([7; 32])).await;
    assert_ne!(again.exec("articles").await.status, Some(0));
    // The terminal is given back first, then the reason is said on it.
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let leave = raw.rfind("\x1b[?1049l").expect("the alternate screen is left");
    assert!(raw[leave..].contains("Ce compte est suspendu."), "{raw:?}");
    assert!(s.text().contains("Ce compte est suspendu."), "{}", s.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_approves_and_hides_from_the_reader() {
    let (server, store) = Server::start_with(CommentPolicy::default()).await;
    let newbie = store.users().for_key("SHA256:newbie", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(newbie, "newbie").unwrap();
    let newest = store.articles().list_published(None, chrono::Utc::now()).unwrap()[0].id;
    let waiting = store
        .comments()
        .post(
            newbie,
            newest,
            None,
            "Premier message, en attente",
            &CommentPolicy::default(),
            chrono::Utc::now(),
        )
        .unwrap();
    assert_eq!(waiting.status, CommentStatus::Pending);

    let moderator = Client::member(server.addr).await;
    assert_eq!(moderator.exec("handle lea").await.status, Some(0));
    admin(&server, &["users", "role", "lea", "moderator"]);
    let lea = store.members().find("lea").unwrap();
    assert_eq!(lea.role, "moderator");
    assert!(store.users().is_moderator(lea.id).unwrap());
    let seen = store.comments().for_article(newest, Some(lea.id), true).unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let mut s = moderator.shell(120, 80).await;
    // A moderator sees what waits, and gets the keys to decide.
    open_newest(&mut s, "Premier message, en attente").await;
    s.send(b"\t").await;
    s.wait_status("a approuver").await;
    s.send(b"a").await;
    s.wait_status("Décision enregistrée.").await;
    assert_eq!(store.comments().get(waiting.id).unwrap().unwrap().status, CommentStatus::Published);
    s.send(b"H").await;
    live(&mut s, "the hidden mark", |t| t.contains("Masqué") || t.contains("masqué")).await;
    assert_eq!(store.comments().get(waiting.id).unwrap().unwrap().status, CommentStatus::Hidden);
    let log = admin(&server, &["audit"]);
    assert!(log.contains("@lea") && log.contains("comment.approve") && log.contains("comment.hide"), "{log}");

    // A member who is not a moderator has no such power, whatever they type.
    admin(&server, &["comments", "approve", &waiting.id.to_string()]);
    let plain = Client::member(server.addr).await;
    assert_eq!(plain.exec("handle paul").await.status, Some(0));
    let mut p = plain.shell(120, 80).await;
    open_newest(&mut p, "Premier message, en attente").await;
    p.send(b"\t").await;
    p.wait_status("r répondre").await;
    p.send(b"a").await;
    p.send(b"H").await;
    p.send(b"?").await;
    p.wait_text("Aide").await;
    assert_eq!(store.comments().get(waiting.id).unwrap().unwrap().status, CommentStatus::Published);
}
