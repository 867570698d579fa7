#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The characters a member chose in their profile over real SSH: every next session is
//! sent them, whatever locale the client sends.

mod common;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_chose_ascii_gets_only_ascii_whatever_the_locale_says() {
    let server = Server::start().await;
    let key = fresh_key();
    let client = Client::member_with(server.addr, key.clone()).await;
    let mut full = client.shell_with_env(100, 30, &[("LANG", "fr_FR.UTF-8")]).await;
    full.wait_status("1/9").await;
    full.send(b"p").await;
    full.wait_text("automatique (d'après le terminal) (c pour changer)").await;
    full.send(b"ccc").await;
    full.wait_text("ASCII (c pour changer)").await;
    full.send(b"\x03").await;
    full.wait_exit().await;
    drop(client);

    let again = Client::member_with(server.addr, key).await;
    let mut s = again.shell_with_env(100, 30, &[("LANG", "fr_FR.UTF-8")]).await;
    let text = s.wait_status("1/9").await;
    assert!(text.contains("Cedille . Bulletin"), "{text}");
    s.send(b"\x03").await;
    assert_eq!(s.wait_exit().await, 0);
    assert!(s.raw().is_ascii(), "a byte above 127 after choosing ASCII");
}
