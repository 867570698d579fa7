#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A ban reaches the connections a member already has open, commands without a pty
//! included: the server and `cedille users ban` are two processes on one database file, as
//! on the real server.

mod common;

use std::process::Command;

use common::*;

fn admin(server: &Server, args: &[&str]) -> String {
    let db = server.dir.path().join("c.db");
    // The admin commands speak the language of the environment: English here.
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(args)
        .arg("--db")
        .arg(&db)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into()
}

/// Runs `command` on a new channel of `client`; `None` once the connection refuses channels.
async fn attempt(client: &mut Client, command: &str) -> Option<ExecOutput> {
    let mut channel = client.handle().channel_open_session().await.ok()?;
    channel.exec(true, command).await.ok()?;
    Some(collect(&mut channel, command).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ban_ends_the_open_connections_without_a_pty_and_refuses_their_commands() {
    capture_logs();
    let (server, store) = Server::start_with_limits(cedille::ssh::Limits::default()).await;
    let key = key_from_seed([41; 32]);
    let mut first = Client::member_with(server.addr, key.clone()).await;
    assert_eq!(attempt(&mut first, "handle camille").await.unwrap().status, Some(0));
    let camille = store.members().find("camille").unwrap().id;
    // A second connection of the same member, with a command waiting for its text.
    let mut second = Client::member_with(server.addr, key.clone()).await;
    let mut waiting = second.open_channel().await;
    waiting.exec(true, "comment 1").await.unwrap();
    // And another member, beside them.
    let mut other = Client::member(server.addr).await;
    assert_eq!(attempt(&mut other, "handle dominique").await.unwrap().status, Some(0));

    let said = admin(&server, &["users", "ban", "camille"]);
    assert!(said.contains("suspended"), "{said}");
    // The attack: commands on the connection opened before the ban. None runs,
    // each says why, until the connection is gone.
    for command in ["handle autre", "whoami"].iter().cycle() {
        let Some(out) = attempt(&mut first, command).await else { break };
        if out.status.is_none() {
            // The connection closed under the command: it said nothing, and ran nothing.
            assert_eq!(out.stdout(), "", "`{command}` ran after the ban");
            break;
        }
        assert_eq!(out.status, Some(1), "`{command}` ran after the ban: {}", out.stdout());
        assert_eq!(out.stderr(), "Ce compte est suspendu.\n");
    }
    // On a loaded machine the connection may already be gone before the first command: then
    // none ran either, which the handle checked below confirms.
    wait_until("the banned member's connections to close", || {
        first.handle().is_closed() && second.handle().is_closed()
    })
    .await;
    let ended = tokio::time::timeout(DEADLINE, async { while waiting.wait().await.is_some() {} }).await;
    assert!(ended.is_ok(), "the command waiting for its text ended with the connection");
    wait_log(&["member suspended, connection closed"]).await;
    assert_eq!(store.members().find("camille").unwrap().id, camille, "the handle did not change");

    // The other member is served as before, on the connection they had.
    let out = attempt(&mut other, "whoami").await.unwrap();
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert!(out.stdout().contains("dominique"), "{}", out.stdout());
    assert!(!other.handle().is_closed());

    // Coming back is refused with the reason; the ban is undone by the name it was made
    // under, and the member comes back.
    let mut again = Client::member_with(server.addr, key.clone()).await;
    assert_eq!(attempt(&mut again, "whoami").await.unwrap().stderr(), "Ce compte est suspendu.\n");
    admin(&server, &["users", "unban", "camille"]);
    let mut back = Client::member_with(server.addr, key).await;
    let out = attempt(&mut back, "whoami").await.unwrap();
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert!(out.stdout().contains("camille"), "{}", out.stdout());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ban_by_id_from_the_server_itself_ends_an_idle_connection_too() {
    let (server, store) = Server::start_with_limits(cedille::ssh::Limits::default()).await;
    // A member who never chose a handle, connected and doing nothing.
    let key = key_from_seed([42; 32]);
    let fingerprint = key.public_key().fingerprint(russh::keys::HashAlg::Sha256).to_string();
    let mut idle = Client::member_with(server.addr, key).await;
    assert_eq!(attempt(&mut idle, "whoami").await.unwrap().status, Some(0));
    let members = store.members().list().unwrap();
    let id = members.iter().find(|m| m.keys.contains(&fingerprint)).unwrap().id;
    assert!(store.members().set_banned("test", &format!("#{id}"), true).unwrap());
    wait_until("the idle connection to close", || idle.handle().is_closed()).await;
    assert!(store.members().set_banned("test", &format!("#{id}"), false).unwrap());
}
