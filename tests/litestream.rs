#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Continuous replication with Litestream, as the README and `deploy/` set it up: the real
//! server runs on a database that Litestream replicates to a folder while members post
//! comments; the server is killed with SIGKILL in the middle of their writes, Litestream
//! with it; both start again on the same files, members post again, and both are killed
//! again. Once the replica holds what the members were told is saved, the database and
//! everything beside it are deleted, `litestream restore` brings it back, and every
//! acknowledged comment is there, in a database `cedille check` passes and a restarted
//! server serves.
//!
//! Why Litestream goes down with the server: a server killed between writing a commit to the
//! WAL and publishing it in the WAL index (`-shm`) leaves a transaction that Litestream 0.3
//! has already copied (it reads the WAL file) but that SQLite, as long as Litestream's own
//! connection keeps the WAL index alive, treats as never written. Litestream's next
//! checkpoint then restarts the WAL from the database without it, and the replica no longer
//! restores (« database disk image is malformed »). A first version of this test, which left
//! Litestream running after the kill, failed so in the runs where the killed transaction had
//! grown the database. Once both processes are gone, the next to open the database rebuilds
//! the WAL index from the file, and the two agree again: `deploy/cedille.service` kills
//! Litestream when the server ends, and Litestream's unit starts it again.
//!
//! Litestream is not part of the build: the test runs when `CEDILLE_LITESTREAM` names its
//! binary (`.ci/run` installs it and sets it) or `litestream` is on the PATH, and says it is
//! skipped otherwise.

mod common;
mod process;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use process::{OPEN_CONFIG, ServerProcess};
use tokio::sync::watch;

/// Members posting at the same time.
const MEMBERS: usize = 3;
/// Comments acknowledged before the kill: enough for Litestream to have replicated several
/// syncs, and for the WAL to pass the page counts at which Litestream checkpoints in this test.
const BEFORE_KILL: usize = 40;
/// Litestream's copies of the WAL while the members post, before each kill.
const SYNCS: usize = 3;
/// How long the replica may take to hold every acknowledged comment once the server is dead
/// (Litestream syncs every second).
const REPLICATED: Duration = Duration::from_secs(30);

/// The database path and the replica folder the shipped configuration names.
const SHIPPED_DB: &str = "/var/lib/cedille/cedille.db";
const SHIPPED_REPLICA: &str = "/var/backups/cedille/litestream";

/// The Litestream binary: `CEDILLE_LITESTREAM` (which must name one), else `litestream` on
/// the PATH.
fn litestream() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CEDILLE_LITESTREAM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "CEDILLE_LITESTREAM names {}, which is not a file", path.display());
        return Some(path);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("litestream"))
        .find(|candidate| candidate.is_file())
}

/// `deploy/litestream.yml` with the test's paths in place of the production ones, and
/// Litestream's checkpoints made ten times more frequent (every 100 pages of WAL instead of
/// 1000), so that the WAL is restarted many times under the members' writes and around each
/// kill.
fn config(db: &Path, replica: &Path) -> String {
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/litestream.yml")).unwrap();
    assert!(shipped.contains(&format!("path: {SHIPPED_DB}\n")), "deploy/litestream.yml names {SHIPPED_DB}");
    assert!(
        shipped.contains(&format!("path: {SHIPPED_REPLICA}\n")),
        "deploy/litestream.yml has a file replica in {SHIPPED_REPLICA}"
    );
    shipped
        .replace(
            &format!("path: {SHIPPED_DB}\n"),
            &format!("path: {}\n    min-checkpoint-page-count: 100\n", db.display()),
        )
        .replace(SHIPPED_REPLICA, &replica.display().to_string())
}

/// `litestream replicate` as a child process, its log collected.
struct Replicating {
    child: Child,
    log: watch::Receiver<String>,
}

impl Replicating {
    fn start(bin: &Path, config: &Path) -> Replicating {
        let mut child = Command::new(bin)
            .arg("replicate")
            .arg("-config")
            .arg(config)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start litestream");
        let (sink, log) = watch::channel(String::new());
        let sink = Arc::new(sink);
        for out in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sink = sink.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    sink.send_modify(|log| {
                        log.push_str(&line);
                        log.push('\n');
                    });
                }
            });
        }
        Replicating { child, log }
    }

    fn log(&self) -> String {
        self.log.borrow().clone()
    }

    /// Waits until Litestream's log satisfies `cond`, or fails after `within`.
    async fn wait_log(&self, what: &str, within: Duration, cond: impl Fn(&str) -> bool) {
        let mut log = self.log.clone();
        if !matches!(tokio::time::timeout(within, log.wait_for(|text| cond(text))).await, Ok(Ok(_))) {
            panic!("not in Litestream's log within {within:?}: {what}\n{}", self.log());
        }
    }

    /// `kill -9`: no final sync, as when the machine goes down.
    fn kill(mut self) -> String {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.log()
    }
}

impl Drop for Replicating {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `litestream restore -config CONFIG -o OUT DB`: the exit status and what it said.
fn restore(bin: &Path, config: &Path, db: &Path, out: &Path) -> (bool, String) {
    let run = Command::new(bin)
        .arg("restore")
        .arg("-config")
        .arg(config)
        .arg("-o")
        .arg(out)
        .arg(db)
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    (run.status.success(), said)
}

/// The comments of a database file, id → body; `None` when it cannot be read.
fn comments_in(db: &Path) -> Option<HashMap<i64, String>> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let mut stmt = conn.prepare("SELECT id, body FROM comments").ok()?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).ok()?;
    rows.collect::<Result<_, _>>().ok()
}

/// The acknowledged comments missing from `stored`, or stored with another text.
fn missing<'a>(acknowledged: &'a HashMap<i64, String>, stored: &HashMap<i64, String>) -> Vec<&'a i64> {
    let mut lost: Vec<_> =
        acknowledged.iter().filter(|(id, body)| stored.get(id) != Some(body)).map(|(id, _)| id).collect();
    lost.sort();
    lost
}

/// Members of `phase` post one comment after another on `article` until the server at `addr`
/// is gone; the comments they were told are saved go into `acknowledged`. Returns once at
/// least `at_least` are, with the members still posting.
async fn members_posting(
    addr: std::net::SocketAddr,
    phase: &str,
    article: i64,
    at_least: usize,
    acknowledged: &Arc<Mutex<HashMap<i64, String>>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut members = Vec::new();
    for i in 0..MEMBERS {
        let c = Client::member(addr).await;
        assert_eq!(c.exec(&format!("handle {phase}{i}")).await.status, Some(0));
        members.push(c);
    }
    let (count, mut counted) = watch::channel(0usize);
    let count = Arc::new(count);
    let mut posting = Vec::new();
    for (i, mut client) in members.into_iter().enumerate() {
        let (acknowledged, count, phase) = (acknowledged.clone(), count.clone(), phase.to_string());
        posting.push(tokio::spawn(async move {
            for k in 0.. {
                let body = format!("{phase}{i}, message {k} : « répliqué »");
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
    tokio::time::timeout(DEADLINE * 3, counted.wait_for(|n| *n >= at_least))
        .await
        .expect("the members could not post")
        .unwrap();
    posting
}

/// Waits for the members' tasks to see the server gone.
async fn all_lost(posting: Vec<tokio::task::JoinHandle<()>>) {
    for task in posting {
        tokio::time::timeout(DEADLINE, task).await.expect("a member still waits on a dead server").unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_restored_after_a_kill_9_holds_every_acknowledged_comment() {
    let Some(bin) = litestream() else {
        eprintln!(
            "skipped: no Litestream binary (CEDILLE_LITESTREAM, or `litestream` on the PATH; \
             .ci/run installs it)"
        );
        return;
    };
    let started = Instant::now();
    let version = Command::new(&bin).arg("version").output().unwrap();
    eprintln!("litestream {}", String::from_utf8_lossy(&version.stdout).trim());

    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let (db, replica) = (process::db(dir.path()), elsewhere.path().join("replica"));
    let config_file = elsewhere.path().join("litestream.yml");
    std::fs::write(&config_file, config(&db, &replica)).unwrap();
    let acknowledged: Arc<Mutex<HashMap<i64, String>>> = Arc::default();
    let mut logs = String::new();

    // Members post while the server runs and Litestream replicates; the server is killed in
    // the middle of their writes, Litestream with it (the unit's ExecStopPost does it within
    // milliseconds; here Litestream goes first, so that the test never depends on that
    // window); both start again on the same files, as systemd restarts them, and members
    // post again; the server is killed once more.
    let mut article = None;
    for phase in ["avant", "apres"] {
        let server = ServerProcess::start(dir.path(), OPEN_CONFIG, &[]);
        let litestream = Replicating::start(&bin, &config_file);
        let id = match article {
            Some(id) => id,
            None => newest_id(&Client::member(server.addr).await).await,
        };
        article = Some(id);
        let posting = members_posting(server.addr, phase, id, BEFORE_KILL, &acknowledged).await;
        // Litestream copies the WAL once a second: the members go on posting until it did
        // a few times, so that the kill lands in the middle of replication.
        litestream
            .wait_log("syncs while the members post", REPLICATED, |log| {
                log.matches("wal segment written").count() >= SYNCS
            })
            .await;
        logs.push_str(&litestream.kill());
        server.kill();
        all_lost(posting).await;
    }
    let article = article.unwrap();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 2 * BEFORE_KILL);

    // Litestream, started again, replicates what the dead server left in the WAL. Its replica
    // is read back (a restore into a scratch file) until it holds every acknowledged comment.
    let litestream = Replicating::start(&bin, &config_file);
    let probe = elsewhere.path().join("probe.db");
    let deadline = Instant::now() + REPLICATED;
    loop {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", probe.display()));
        }
        let (ok, said) = restore(&bin, &config_file, &db, &probe);
        let last = match comments_in(&probe).filter(|_| ok) {
            Some(stored) if missing(&acknowledged, &stored).is_empty() => break,
            Some(stored) => {
                format!("{} acknowledged comments not yet replicated", missing(&acknowledged, &stored).len())
            }
            None => format!("restore: {said}"),
        };
        assert!(
            Instant::now() < deadline,
            "the replica did not hold every acknowledged comment within {REPLICATED:?}: {last}\n{logs}{}",
            litestream.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    logs.push_str(&litestream.kill());
    let indexes: std::collections::BTreeSet<&str> = logs
        .lines()
        .filter_map(|l| l.split("position=").nth(1))
        .filter_map(|p| p.split(':').next())
        .collect();
    eprintln!(
        "Litestream: {} WAL segments in {} WAL indexes (a new index after each checkpoint), {} generations",
        logs.matches("wal segment written").count(),
        indexes.len(),
        logs.matches("new generation").count()
    );

    // The machine's disk is lost: the database, its WAL and shared memory, Litestream's own
    // folder beside it. The host key is kept, as the README says to keep it.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    for entry in std::fs::read_dir(dir.path()).unwrap().map(Result::unwrap) {
        if entry.file_name().to_string_lossy().ends_with("-litestream") {
            std::fs::remove_dir_all(entry.path()).unwrap();
        }
    }
    assert!(!db.exists());

    // The README's restore: to the database's own path, from the configuration.
    let (ok, said) = restore(&bin, &config_file, &db, &db);
    assert!(ok, "litestream restore: {said}");
    let stored = comments_in(&db).expect("the restored database cannot be read");
    let lost = missing(&acknowledged, &stored);
    assert!(lost.is_empty(), "{} of {} acknowledged comments lost: {lost:?}", lost.len(), acknowledged.len());

    let (status, stdout, stderr) = process::cedille(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(status, 0, "cedille check on the restored database: {stdout}{stderr}");

    // A server started on it serves them all and takes new ones.
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
    assert!(missing(&acknowledged, &served).is_empty(), "comments the restarted server does not serve");
    assert_eq!(reader.exec("handle relu").await.status, Some(0));
    assert!(matches!(post(&mut reader, article, "Après la restauration.").await, Posted::Acknowledged(_)));
    eprintln!("{} comments replicated and restored in {:?}", acknowledged.len(), started.elapsed());
}
