#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// The panic trigger exists only in builds with debug assertions (see `store::faults`).
#![cfg(debug_assertions)]
//! A bug that panics inside one member's session, in the middle of a database write: that
//! session ends with a message and exit status 1, the panic is in the server's log, and
//! the server and the other sessions go on, writing included. The real binary, started
//! with the test-only trigger armed.

mod common;
mod process;

use cedille::store::faults::PANIC_ENV;
use common::*;
use process::{OPEN_CONFIG, ServerProcess};

/// The comment text that makes the store panic while it writes it.
const TRIGGER: &str = "boum-panique-42";

/// From the list, opens the newest article, starts a comment (choosing `handle` on the
/// way) and types `text`.
async fn writing(s: &mut Session, handle: &str, text: &str) {
    // The list is loaded (Enter before that would open nothing).
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_text(NEWEST_TITLE).await;
    s.wait_status("Échap retour").await;
    s.send(b"c").await;
    s.wait_text("Choisissez votre pseudo").await;
    s.send(format!("{handle}\r").as_bytes()).await;
    s.wait_text("Nouveau commentaire").await;
    s.send(text.as_bytes()).await;
    s.wait_text(text).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_one_session_ends_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[(PANIC_ENV, TRIGGER)]);
    let alice = Client::member(server.addr).await;
    let bob_key = fresh_key();
    let bob = Client::member_with(server.addr, bob_key.clone()).await;
    let mut a = alice.shell(100, 30).await;
    let mut b = bob.shell(100, 30).await;
    writing(&mut b, "bob", "Toujours là").await;

    // Alice's comment makes the store panic mid-write: her session alone ends, with words.
    writing(&mut a, "alice", TRIGGER).await;
    a.send(&[0x13]).await;
    assert_eq!(a.wait_exit().await, 1);
    let said = String::from_utf8_lossy(&a.raw()).into_owned();
    let (before, _) = said.split_once("Cédille : erreur interne, session fermée").expect("the message");
    // Her terminal was given back first, so that the message is readable.
    assert_ends_restored(before.trim_end().as_bytes());

    // The server says what happened, where and why.
    server
        .wait_log("the crash and its cause", DEADLINE, |log| {
            log.lines().any(|l| l.contains("session crashed") && l.contains(PANIC_ENV))
        })
        .await;

    // Bob's session goes on, and so does writing: the panic left no lock behind.
    b.send(&[0x13]).await;
    b.wait_status("Commentaire publié.").await;
    b.wait_text("Toujours là").await;

    // Nothing of Alice's comment was kept; she can come back. (Bob's commands run on a
    // connection of their own: one session per connection.)
    let bob_cmd = Client::member_with(server.addr, bob_key).await;
    let out = bob_cmd.exec("articles --json").await;
    let newest = out
        .stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["title"] == NEWEST_TITLE)
        .unwrap();
    let out = bob_cmd.exec(&format!("comments {} --json", newest["id"])).await;
    assert_eq!(out.status, Some(0));
    assert!(out.stdout().contains("Toujours là") && !out.stdout().contains(TRIGGER), "{}", out.stdout());
    let mut again = alice.shell(100, 30).await;
    again.wait_status("Entrée lire").await;
    again.send(b"q").await;
    assert_eq!(again.wait_exit().await, 0);
}
