#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary while its database file is removed, or replaced by a copy, under it:
//! nothing more is acknowledged, members are told the server restarts, the log says why
//! with the path, and the process exits non-zero so that the service manager starts it
//! again on the file now at the path.

mod common;
mod process;

use std::time::Duration;

use common::*;
use process::{OPEN_CONFIG, ServerProcess};
use russh::ChannelMsg;
use tokio::time::Instant;

/// The promise: from the file gone to the process gone (the watch ticks every 250 ms, then
/// the server stops as on SIGTERM).
const STOP_WITHIN: Duration = Duration::from_secs(5);

/// What the server said to `comment ARTICLE`: its exit status and standard error, or
/// `None` when the connection went down with the server before answering.
async fn post(client: &mut Client, article: i64, body: &str) -> Option<(u32, String)> {
    let channel = client.handle().channel_open_session().await.ok()?;
    channel.exec(true, format!("comment {article}")).await.ok()?;
    channel.data(body.as_bytes()).await.ok()?;
    channel.eof().await.ok()?;
    let (mut channel, mut stderr, mut status) = (channel, Vec::new(), None);
    let collect = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::ExtendedData { data, .. } => stderr.extend_from_slice(&data),
                ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                ChannelMsg::Close => break,
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, collect).await.ok()?;
    Some((status?, String::from_utf8_lossy(&stderr).into_owned()))
}

/// What is done to the database file under the running server.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    /// `rm`; a member then posts at once, so that a write is what notices.
    RemovedThenAPost,
    /// `cedille backup` taken first, later moved over the file with `mv`, as a restore done
    /// without stopping the server; nobody writes, so the watch's tick is what notices.
    ReplacedByABackup,
}

/// Runs a server with a member (French) and a guest (English) on screen and a member who
/// posts; does `change` to the database file; checks the promise.
async fn the_server_stops_when(change: Change) {
    let dir = tempfile::tempdir().unwrap();
    let db = process::db(dir.path());
    let backup = dir.path().join("backup.db");
    let mut server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    if change == Change::ReplacedByABackup {
        let made = std::process::Command::new(env!("CARGO_BIN_EXE_cedille"))
            .arg("backup")
            .arg(&backup)
            .arg("--db")
            .arg(&db)
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        assert!(made.status.success(), "cedille backup: {}", String::from_utf8_lossy(&made.stderr));
    }
    let mut poster = Client::member(server.addr).await;
    assert_eq!(poster.exec("handle camille").await.status, Some(0));
    let article = newest_id(&poster).await;
    assert_eq!(post(&mut poster, article, "Avant").await.map(|p| p.0), Some(0), "posting works before");
    let member = Client::member(server.addr).await;
    let mut s = member.shell(80, 24).await;
    s.wait_status("1/9").await;
    let guest = Client::guest(server.addr).await;
    let mut g = guest.shell_with_env(80, 24, &[("LANG", "en_GB.UTF-8")]).await;
    g.wait_text("Agenda").await;

    let changed = Instant::now();
    match change {
        Change::RemovedThenAPost => {
            std::fs::remove_file(&db).unwrap();
            // Refused as a member reads it, or cut by the stop; never acknowledged.
            match post(&mut poster, article, "Après").await {
                Some((0, _)) => panic!("a comment was acknowledged into a file that is gone"),
                Some((_, why)) => assert!(why.contains("Impossible d'enregistrer pour le moment"), "{why}"),
                None => {}
            }
        }
        Change::ReplacedByABackup => std::fs::rename(&backup, &db).unwrap(),
    }
    s.wait_text("Cédille redémarre, à tout de suite.").await;
    assert_eq!(s.wait_exit().await, 0, "a clean end of session");
    g.wait_text("Cédille is restarting, see you in a moment.").await;
    let code = server.exit_code(STOP_WITHIN.saturating_sub(changed.elapsed())).await;
    assert_eq!(code, Some(1), "a non-zero exit, for the service manager to restart it");
    let log = server.log();
    let path = db.display().to_string();
    assert!(
        log.lines().any(|l| l.contains("ERROR") && l.contains("removed or replaced") && l.contains(&path)),
        "no error naming the file in the log:\n{log}"
    );
    if change == Change::ReplacedByABackup {
        // What the next start reads is the backup as it was made: the old file's write-ahead
        // log, named after the path, was emptied, not left to be read into it.
        let conn = rusqlite::Connection::open(&db).unwrap();
        let later: i64 = conn.query_row("SELECT count(*) FROM comments", [], |r| r.get(0)).unwrap();
        assert_eq!(later, 0, "the old file's comment came back into the backup");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_database_file_stops_the_server_telling_members_and_exits_1() {
    the_server_stops_when(Change::RemovedThenAPost).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_file_replaced_by_a_backup_stops_the_server_the_same_way() {
    the_server_stops_when(Change::ReplacedByABackup).await;
}
