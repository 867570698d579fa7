#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! « Réseau » end to end, in process: two members on the real server, each with a pty read
//! through `vt100`. One publishes a profile, the other finds it without a key, writes; the
//! message arrives live, the answer too; the recipient reports and blocks; withdrawing the
//! profile takes it off the other's screen at once.

mod common;

use std::time::Duration;

use cedille::domain::{CommentPolicy, Moderation};
use common::*;

/// How long a change made in one session may take to show in another, without a key.
const LIVE: Duration = Duration::from_secs(3);

fn quick() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

/// Waits until `s`'s screen satisfies `cond`, at most [`LIVE`], without sending anything.
async fn live(s: &mut Session, what: &str, cond: impl Fn(&str) -> bool) -> String {
    match tokio::time::timeout(LIVE, s.wait_for(what, cond)).await {
        Ok(text) => text,
        Err(_) => panic!("not within {LIVE:?}: {what}\n--- screen ---\n{}", s.text()),
    }
}

/// From the bulletin, Tab three times: the agenda, the spaces, then « Réseau ».
async fn to_network(s: &mut Session) {
    s.wait_text("Tab → Agenda").await;
    s.send(b"\t").await;
    s.wait_text("Tab → Espaces").await;
    s.send(b"\t").await;
    s.wait_text("Tab → Réseau").await;
    s.send(b"\t").await;
    s.wait_text("Tab → Bulletin").await;
}

async fn user_id(store: &cedille::store::Store, handle: &str) -> i64 {
    store.members().list().unwrap().into_iter().find(|m| m.handle.as_deref() == Some(handle)).unwrap().id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_meet_in_the_directory_write_block_and_report() {
    let (server, store) = Server::start_with(quick()).await;
    // Both chose their handle on an earlier visit.
    let (key_a, key_b) = (fresh_key(), fresh_key());
    for (key, handle) in [(&key_a, "camille"), (&key_b, "dominique")] {
        let earlier = Client::member_with(server.addr, key.clone()).await;
        assert_eq!(earlier.exec(&format!("handle {handle}")).await.status, Some(0));
    }
    let a = Client::member_with(server.addr, key_a.clone()).await;
    let b = Client::member_with(server.addr, key_b).await;
    let (camille, dominique) = (user_id(&store, "camille").await, user_id(&store, "dominique").await);
    let mut sa = a.shell(100, 30).await;
    let mut sb = b.shell(100, 30).await;

    // A waits on the empty directory.
    to_network(&mut sa).await;
    sa.wait_text("Personne n'a encore publié son profil").await;

    // B publishes a profile: nothing was visible before.
    to_network(&mut sb).await;
    sb.send(b"e").await;
    sb.wait_text("non : personne ne le voit").await;
    sb.send(b"\r").await;
    sb.wait_text("oui : visible dans l'annuaire").await;

    // A sees it arrive without a key, opens it, writes.
    let text = live(&mut sa, "B's profile in A's directory", |t| t.contains("▌ dominique")).await;
    assert!(text.contains("1 profil"), "{text}");
    sa.send(b"\r").await;
    sa.wait_text("Ouvert·e à").await;
    sa.send(b"m").await;
    sa.wait_text("Message à dominique").await;
    sa.send("Bonjour, un café à Crest jeudi ?".as_bytes()).await;
    sa.wait_text("Bonjour, un café à Crest jeudi ?").await;
    sa.send(&[0x13]).await;
    sa.wait_status("Message envoyé.").await;
    sa.wait_text("Conversation avec dominique").await;

    // B, on their own profile page, is told at once, and counts it in the top bar.
    let text = live(&mut sb, "the new message noticed", |t| {
        t.contains("✉ 1 · dominique") && t.contains("Nouveau message de camille")
    })
    .await;
    assert!(text.contains("Mon profil dans le réseau"), "B did not move:\n{text}");
    sb.send(b"\x1b").await;
    sb.wait_text("1 profil").await;
    sb.send(b"i").await;
    sb.wait_text("1 non lu").await;
    sb.send(b"\r").await;
    sb.wait_text("Bonjour, un café à Crest jeudi ?").await;
    // Read: the count is gone.
    live(&mut sb, "the count cleared once read", |t| !t.contains("✉ 1")).await;

    // B answers; A, reading the conversation, sees it come without a key.
    sb.send(b"m").await;
    sb.wait_text("Message à camille").await;
    sb.send("Avec plaisir !".as_bytes()).await;
    sb.wait_text("Avec plaisir !").await;
    sb.send(&[0x13]).await;
    sb.wait_status("Message envoyé.").await;
    live(&mut sa, "B's answer in A's open conversation", |t| t.contains("Avec plaisir !")).await;

    // B reports A's message (selected with ↑), saying why in a line (a bidi control in it
    // is cleaned away), then blocks A.
    sb.send(b"k").await;
    sb.send(b"!").await;
    sb.wait_text("Signaler ce message aux modérateurs").await;
    sb.wait_text("Pourquoi, en une ligne").await;
    sb.send("Insistant\u{202e} depuis des semaines".as_bytes()).await;
    sb.wait_text("depuis des semaines").await;
    sb.send(b"\r").await;
    sb.wait_status("Message signalé aux modérateurs.").await;
    let reports = store.message_reports(10).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].message.body, "Bonjour, un café à Crest jeudi ?");
    assert_eq!((reports[0].message.sender.as_str(), reports[0].reporter.as_str()), ("camille", "dominique"));
    assert_eq!(reports[0].reason, "Insistant depuis des semaines");
    // Reporting it again is no new report, and says so instead of thanking twice.
    sb.send(b"!").await;
    sb.wait_status("Vous l'avez déjà signalé").await;
    assert!(!sb.text().contains("Pourquoi, en une ligne"), "{}", sb.text());
    assert_eq!(store.message_reports(10).unwrap().len(), 1);
    sb.send(b"b").await;
    sb.wait_status("Membre bloqué").await;
    sb.wait_text("Vous avez bloqué ce membre").await;

    // A writes again: A sees it sent, as before; B never gets it, and is not told.
    sa.send(b"m").await;
    sa.wait_text("Message à dominique").await;
    sa.send("Tu m'as bloqué ?".as_bytes()).await;
    sa.wait_text("Tu m'as bloqué ?").await;
    sa.send(&[0x13]).await;
    sa.wait_status("Message envoyé.").await;
    sa.wait_text("Conversation avec dominique").await;
    let theirs = store.messages().thread(dominique, camille).unwrap();
    assert_eq!(theirs.messages.len(), 2, "{theirs:?}");
    assert_eq!(store.messages().inbox(dominique).unwrap().unread, 0);
    let mine = store.messages().thread(camille, dominique).unwrap();
    assert!(mine.messages.iter().any(|m| m.body == "Tu m'as bloqué ?"), "{mine:?}");

    // A back on the directory; B withdraws: the profile leaves A's screen at once.
    sa.send(b"\x1b").await;
    sa.wait_text("Ouvert·e à").await;
    sa.send(b"\x1b").await;
    sa.wait_text("▌ dominique").await;
    sb.send(b"\x1b").await;
    sb.wait_text("Messages").await;
    sb.send(b"\x1b").await;
    sb.wait_text("1 profil").await;
    sb.send(b"e").await;
    sb.wait_text("oui : visible dans l'annuaire").await;
    sb.send(b"\r").await;
    sb.wait_text("non : personne ne le voit").await;
    let text = live(&mut sa, "the withdrawn profile gone from A's directory", |t| {
        t.contains("Personne n'a encore publié son profil")
    })
    .await;
    assert!(!text.contains("dominique"), "{text}");

    // Guests and scripts: the directory without a pty lists only published profiles.
    // (On a connection of its own: one session per connection.)
    let out = Client::member_with(server.addr, key_a).await.exec("members --json").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert_eq!(out.stdout(), "");
    server.stop().await;
}
