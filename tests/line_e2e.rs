#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Line mode over real SSH: chosen by `TERM=dumb` in the pty request, by `ssh -t host
//! ligne` (`line`), or by the member's setting; never an escape sequence on the wire.

mod common;

use common::*;

fn assert_plain(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    assert!(!raw.contains(&0x1b), "an escape sequence reached a line mode terminal: {text:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn term_dumb_gets_plain_lines_and_never_an_escape_sequence() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    // As Emacs's shell asks: TERM=dumb, and no size at all.
    let mut s = client.pty_session("dumb", (80, 24), (0, 0), &[], None).await;
    s.wait_output("1 Bulletin, 2 Agenda, 3 Espaces").await;
    s.wait_output("Cédille > ").await;
    s.send(b"1\r").await;
    s.wait_output(&format!("1. {NEWEST_TITLE}")).await;
    s.send(b"1\r").await;
    s.wait_output("Entrée pour la suite").await;
    s.send(b"q\r").await;
    s.wait_output("Article > ").await;
    s.send(b"q\r").await;
    assert_eq!(s.wait_exit().await, 0);
    let raw = s.raw();
    assert_plain(&raw);
    assert!(String::from_utf8_lossy(&raw).contains("Au revoir.\r\n"), "{:?}", String::from_utf8_lossy(&raw));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ssh_t_ligne_and_line_open_line_mode_in_the_members_language() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let mut fr = client.pty_session("xterm-256color", (80, 24), (80, 24), &[], Some("ligne")).await;
    fr.wait_output("Cédille, mode ligne.").await;
    fr.send(b"3\r").await;
    fr.wait_output("Espaces > ").await;
    fr.send(b"coworking pr\xc3\xa8s de Die\r").await;
    fr.wait_output("près de Die :").await;
    fr.wait_output("1. La Filature du Quai : coworking, Crest").await;
    fr.send(b"\x04").await;
    assert_eq!(fr.wait_exit().await, 0);
    assert_plain(&fr.raw());

    let mut en = client
        .pty_session("xterm-256color", (80, 24), (80, 24), &[("LANG", "en_GB.UTF-8")], Some("line"))
        .await;
    en.wait_output("Cédille, line mode.").await;
    en.send(b"?\r").await;
    en.wait_output("Everywhere: menu").await;
    // A Latin-1 byte is one character not understood, its neighbours kept.
    en.send(b"caf\xe9 ok\r").await;
    en.wait_output("I did not understand “caf\u{fffd} ok”").await;
    en.send(b"\x03").await;
    assert_eq!(en.wait_exit().await, 0);
    assert_plain(&en.raw());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ligne_without_a_pty_says_how_to_ask_for_it() {
    let server = Server::start().await;
    let client = Client::member(server.addr).await;
    let out = client.exec("ligne").await;
    assert_eq!(out.status, Some(2));
    assert!(out.stderr().contains("ssh -t"), "{}", out.stderr());
    assert!(out.stderr().contains("ligne"), "{}", out.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_setting_opens_every_next_session_in_line_mode() {
    let server = Server::start().await;
    let key = fresh_key();
    let client = Client::member_with(server.addr, key.clone()).await;
    let mut full = client.shell(80, 24).await;
    full.wait_status("1/9").await;
    full.send(b"p").await;
    full.wait_text("Mode ligne").await;
    full.send(b"l").await;
    full.wait_text("oui (l pour changer)").await;
    full.send(b"\x03").await;
    full.wait_exit().await;
    drop(client);

    let again = Client::member_with(server.addr, key).await;
    let mut s = again.shell(80, 24).await;
    s.wait_output("Cédille, mode ligne.").await;
    s.send(b"q\r").await;
    assert_eq!(s.wait_exit().await, 0);
    assert_plain(&s.raw());
}
