#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Crash safety with the real binary: members post comments concurrently, the server is
//! killed with SIGKILL in the middle, and every comment whose success a member was shown
//! is in the database afterwards, which SQLite finds sound; the restarted server serves
//! them and takes new ones.

mod common;
mod process;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use common::*;
use process::{OPEN_CONFIG, ServerProcess};
use tokio::sync::watch;

/// Members posting at the same time.
const MEMBERS: usize = 4;
/// Comments acknowledged before the kill: enough for the writes to be well under way.
const BEFORE_KILL: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_acknowledged_before_a_kill_9_are_all_there_after() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    let addr = server.addr;
    let mut members = Vec::new();
    for i in 0..MEMBERS {
        let c = Client::member(addr).await;
        assert_eq!(c.exec(&format!("handle membre{i}")).await.status, Some(0));
        members.push(c);
    }
    let article = newest_id(&members[0]).await;

    // Each member posts one comment after another until the server is gone, and records
    // those it was told are saved.
    let acknowledged: Arc<Mutex<HashMap<i64, String>>> = Arc::default();
    let (count, mut counted) = watch::channel(0usize);
    let count = Arc::new(count);
    let mut posting = Vec::new();
    for (i, mut client) in members.into_iter().enumerate() {
        let acknowledged = acknowledged.clone();
        let count = count.clone();
        posting.push(tokio::spawn(async move {
            for k in 0.. {
                let body = format!("membre{i}, message {k} : « ça tient »");
                match post(&mut client, article, &body).await {
                    Posted::Acknowledged(id) => {
                        acknowledged.lock().unwrap().insert(id, body);
                        count.send_modify(|n| *n += 1);
                    }
                    Posted::Refused(why) => panic!("refused while the server ran: {why}"),
                    Posted::Lost => return,
                }
            }
        }));
    }
    tokio::time::timeout(DEADLINE, counted.wait_for(|n| *n >= BEFORE_KILL))
        .await
        .expect("the members could not post")
        .unwrap();
    server.kill();
    for task in posting {
        tokio::time::timeout(DEADLINE, task).await.expect("a member still waits on a dead server").unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= BEFORE_KILL);

    // What the kill left, as the operator's `cedille check` sees it (integrity, foreign keys,
    // the search index; the write-ahead log is replayed on open), then as SQLite sees it.
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_cedille"))
        .arg("check")
        .arg("--db")
        .arg(process::db(dir.path()))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(check.status.success(), "cedille check: {}", String::from_utf8_lossy(&check.stdout));
    {
        let conn = rusqlite::Connection::open(process::db(dir.path())).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
        let broken: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(broken, 0, "rows pointing at nothing");
        let mut stmt = conn.prepare("SELECT id, body FROM comments").unwrap();
        let stored: HashMap<i64, String> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        let lost: Vec<_> = acknowledged.iter().filter(|(id, body)| stored.get(id) != Some(body)).collect();
        assert!(lost.is_empty(), "{} acknowledged comments lost: {lost:?}", lost.len());
    }

    // The restarted server serves them all and takes new ones.
    let server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
    let mut reader = Client::member(server.addr).await;
    let out = reader.exec(&format!("comments {article} --json")).await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let served: HashMap<i64, String> = out
        .stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["id"].as_i64().unwrap(), v["body"].as_str().unwrap().to_string()))
        .collect();
    for (id, body) in &acknowledged {
        assert_eq!(served.get(id), Some(body), "comment {id} after the restart");
    }
    assert_eq!(reader.exec("handle apres").await.status, Some(0));
    assert!(matches!(post(&mut reader, article, "Après la panne.").await, Posted::Acknowledged(_)));
}
