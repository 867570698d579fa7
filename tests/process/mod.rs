//! The real `cedille` binary as a child process: its own folder (database, host key,
//! config), a port chosen by the system and read from what it prints, its log collected.
//! For the tests that need what only a process has: being killed, its log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::sync::watch;

/// How long the binary may take to start listening (it loads the communes on a new base).
const START: Duration = Duration::from_secs(20);

/// Comments published at once, no pause between two, no daily cap worth the name: the
/// tests post quickly.
pub const OPEN_CONFIG: &str = "[comments]\nmoderation = \"none\"\nmin_interval_secs = 0\nper_day = 100000\n";

pub struct ServerProcess {
    pub addr: SocketAddr,
    child: Child,
    log: watch::Receiver<String>,
    /// What it printed on standard output, up to « listens on » at least.
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
}

impl ServerProcess {
    /// Starts `cedille serve` on `dir/c.db` (created if missing) with `config` and the
    /// extra environment `env`; returns once it listens.
    pub fn start(dir: &Path, config: &str, env: &[(&str, &str)]) -> ServerProcess {
        let config_file = dir.join("cedille.toml");
        std::fs::write(&config_file, config).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cedille"));
        cmd.arg("serve")
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--db")
            .arg(db(dir))
            .arg("--keys")
            .arg(dir.join("keys"))
            .arg("--config")
            .arg(&config_file)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for var in ["CEDILLE_LISTEN", "CEDILLE_DB", "CEDILLE_KEYS", "CEDILLE_MODERATION", "CEDILLE_CONFIG"] {
            cmd.env_remove(var);
        }
        cmd.env("RUST_LOG", "cedille=info");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("cannot start the cedille binary");

        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        let printed = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let kept = printed.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
                // « Cédille listens on 127.0.0.1:PORT. Connect with: … »
                if let Some(rest) = line.split("listens on ").nth(1) {
                    let _ = tx.send(rest.split(". ").next().unwrap_or_default().to_string());
                }
            }
        });
        let (sink, log) = watch::channel(String::new());
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.send_modify(|log| {
                    log.push_str(&line);
                    log.push('\n');
                });
            }
        });
        let addr = match rx.recv_timeout(START) {
            Ok(addr) => addr.parse().unwrap_or_else(|_| panic!("not an address: {addr}")),
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start within {START:?}; its log:\n{}", *log.borrow());
            }
        };
        ServerProcess { addr, child, log, stdout: printed }
    }

    /// What the server printed on standard output so far (its start-up lines).
    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    /// Sends SIGTERM: the server stops cleanly.
    pub fn terminate(&self) {
        let pid = rustix::process::Pid::from_child(&self.child);
        rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    }

    /// What the server logged so far (its standard error).
    pub fn log(&self) -> String {
        self.log.borrow().clone()
    }

    /// Waits until the log satisfies `cond`, or fails after `within`.
    pub async fn wait_log(&self, what: &str, within: Duration, cond: impl Fn(&str) -> bool) -> String {
        let mut log = self.log.clone();
        let found = tokio::time::timeout(within, log.wait_for(|text| cond(text))).await;
        match found {
            Ok(Ok(text)) => text.clone(),
            _ => panic!("not in the log within {within:?}: {what}\n{}", self.log()),
        }
    }

    /// `kill -9`, then waits until the process is gone.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Waits for the process to end on its own, at most `within`; its exit code.
    pub async fn exit_code(&mut self, within: Duration) -> Option<i32> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "still running after {within:?}:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn db(dir: &Path) -> PathBuf {
    dir.join("c.db")
}

/// One admin command of the built binary, as sofia runs it without `CEDILLE_DB`, in English
/// (`LANG=en_US.UTF-8`, whatever the tests run under): its exit status, what it printed,
/// what it said on stderr.
pub fn cedille(args: &[&str]) -> (i32, String, String) {
    cedille_with(&[("LANG", "en_US.UTF-8")], args)
}

/// [`cedille`] with these locale variables (`LANG`, `LC_ALL`, `LC_MESSAGES`) and no other.
pub fn cedille_with(locale: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cedille"));
    command.args(args).env_remove("CEDILLE_DB").env("USER", "sofia");
    for var in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        command.env_remove(var);
    }
    for (k, v) in locale {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}
