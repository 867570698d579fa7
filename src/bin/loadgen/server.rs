//! `--spawn`: a Cédille server of our own on a temporary copy of the database, in its own
//! process, so that its memory and CPU are read apart from the client's.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command};

use crate::{Args, Measured, Target};

/// A folder removed when dropped.
pub struct WorkDir(pub PathBuf);

impl WorkDir {
    pub fn new(what: &str) -> Result<WorkDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("cedille-{what}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `cedille` binary: `--server-bin`, else the one built next to `loadgen`.
pub fn cedille_bin(args: &Args) -> Result<PathBuf> {
    let bin = match &args.server_bin {
        Some(b) => b.clone(),
        None => {
            std::env::current_exe().context("cannot find where loadgen runs from")?.with_file_name("cedille")
        }
    };
    if !bin.exists() {
        bail!(
            "{} not found: build it first (cargo build --release --bins) or pass --server-bin",
            bin.display()
        );
    }
    Ok(bin)
}

/// The database of the run: a copy of `--db`, or a fresh one with the demo bulletin.
pub fn prepare_db(args: &Args, dir: &Path) -> Result<PathBuf> {
    let db = dir.join("cedille.db");
    match &args.db {
        Some(src) => {
            std::fs::copy(src, &db).with_context(|| format!("cannot copy {}", src.display()))?;
        }
        None => {
            cedille::store::Store::open(&db).context("cannot create the database")?;
        }
    }
    Ok(db)
}

/// The config of the run. A load generator comes from one address with hundreds of
/// sessions, which a server's per-address and per-prefix limits are there to refuse: the
/// `[limits]` table lifts them for the run. `Lift::Address` is for a server from before
/// the prefix limits, which refuses their keys.
fn config_text(args: &Args, lift: Lift) -> String {
    let mut text = String::from("[comments]\nmoderation = \"none\"\n");
    if lift != Lift::Nothing {
        let many = (args.sessions + args.probes + 100) * 2;
        let handshakes = args.connect_concurrency.max(1) * 4 + 10;
        text += &format!(
            "\n[limits]\nmax_sessions = {many}\nmax_sessions_per_address = {many}\n\
             max_unauthenticated_per_address = {handshakes}\n"
        );
        if lift == Lift::Prefix {
            text += &format!(
                "max_unauthenticated_per_prefix = {handshakes}\nmax_unauthenticated = {}\n\
                 max_sessions_per_prefix = {many}\n",
                handshakes.min(many)
            );
        }
    }
    text
}

/// How much of the server's limits a run lifts, from the most to none.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lift {
    Prefix,
    Address,
    Nothing,
}

pub struct Spawned {
    pub target: Target,
    child: Child,
    _dir: WorkDir,
}

impl Spawned {
    pub async fn start(args: &Args) -> Result<Spawned> {
        let dir = WorkDir::new("loadgen")?;
        let bin = cedille_bin(args)?;
        let db = prepare_db(args, &dir.0)?;
        // A server from before a setting refuses a config that has it: then the run goes on
        // with less (a server without the `[limits]` table has no per-address limit to lift).
        // The server's log: where `--server-log` says, to read after the run why sessions
        // were closed or refused; else in the temporary folder, gone with it.
        let log_path = args.server_log.clone().unwrap_or_else(|| dir.0.join("server.log"));
        let mut last_error = String::new();
        for lift in [Lift::Prefix, Lift::Address, Lift::Nothing] {
            let config = dir.0.join("cedille.toml");
            std::fs::write(&config, config_text(args, lift)).context("cannot write the config")?;
            let log = std::fs::File::create(&log_path)
                .with_context(|| format!("cannot create the server's log {}", log_path.display()))?;
            let mut child = Command::new(&bin)
                .arg("serve")
                .args(["--listen", "127.0.0.1:0"])
                .arg("--db")
                .arg(&db)
                .arg("--keys")
                .arg(dir.0.join("keys"))
                .arg("--config")
                .arg(&config)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::from(log))
                .spawn()
                .with_context(|| format!("cannot start {}", bin.display()))?;
            let pid = child.id();
            let stdout = child.stdout.take().context("no stdout from the server")?;
            // The server prints its address once it listens; its stdout is then read to the
            // end by the same thread, so that it never blocks on a full pipe.
            let (tx, rx) = tokio::sync::oneshot::channel();
            std::thread::spawn(move || {
                let mut tx = Some(tx);
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if let Some(rest) = line.split("listens on ").nth(1) {
                        // `127.0.0.1:PORT. Connect with: …`
                        let addr: Option<std::net::SocketAddr> =
                            rest.split_whitespace().next().and_then(|a| a.trim_end_matches('.').parse().ok());
                        if let Some(tx) = tx.take() {
                            let _ = tx.send(addr);
                        }
                    }
                }
            });
            let addr = rx.await.ok().flatten();
            if let Some(addr) = addr {
                let target = Target { addr, user: "loadgen".into(), measured: Measured::Process(pid) };
                return Ok(Spawned { target, child, _dir: dir });
            }
            let _ = child.kill();
            let _ = child.wait();
            last_error = std::fs::read_to_string(&log_path).unwrap_or_default();
            let refused_a_key = last_error.contains("unknown field") || last_error.contains("limits");
            if !(lift != Lift::Nothing && refused_a_key) {
                break;
            }
        }
        bail!("the server did not start: {}", last_error.trim())
    }

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
