#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary, stopped as a service manager stops it: SIGTERM (and SIGINT), the members
//! told, exit status 0 within 5 seconds.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;
use tokio::time::Instant;

/// The promise: from the signal to the process gone.
const STOP_WITHIN: Duration = Duration::from_secs(5);

struct Running {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cedille serve` on a free port with its own database and keys; returns once it
/// says where it listens.
fn start() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .arg("--db")
        .arg(dir.path().join("c.db"))
        .arg("--keys")
        .arg(dir.path().join("keys"))
        .current_dir(dir.path())
        .env("RUST_LOG", "cedille=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Cédille listens on ") {
                let addr = rest.split(". ").next().unwrap_or_default().to_string();
                let _ = tx.send(addr);
            }
        }
    });
    let addr = rx.recv_timeout(DEADLINE).expect("the server never said where it listens");
    Running { child, addr: addr.parse().unwrap(), _dir: dir }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill").args(["-s", name, &child.id().to_string()]).status().unwrap();
    assert!(status.success(), "kill -s {name} failed");
}

/// Waits for the process to end, at most `within`; returns its exit code.
async fn exit_code(child: &mut Child, within: Duration) -> Option<i32> {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        assert!(Instant::now() < deadline, "the server was still running {within:?} after the signal");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_tells_members_and_exits_0_within_5_seconds() {
    let mut server = start();
    let member = Client::member(server.addr).await;
    let mut s = member.shell(80, 24).await;
    s.wait_status("1/9").await;
    let guest = Client::guest(server.addr).await;
    let mut g = guest.shell_with_env(80, 24, &[("LANG", "en_GB.UTF-8")]).await;
    g.wait_text("Agenda").await;

    let signalled = Instant::now();
    signal(&server.child, "TERM");
    s.wait_text("Cédille redémarre, à tout de suite.").await;
    assert_eq!(s.wait_exit().await, 0, "a clean end of session");
    g.wait_text("Cédille is restarting, see you in a moment.").await;
    let code = exit_code(&mut server.child, STOP_WITHIN.saturating_sub(signalled.elapsed())).await;
    assert_eq!(code, Some(0));
    // No longer accepting.
    assert!(tokio::net::TcpStream::connect(server.addr).await.is_err(), "the port still accepts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_stops_the_same_way() {
    let mut server = start();
    let member = Client::member(server.addr).await;
    let mut s = member.shell(80, 24).await;
    s.wait_status("1/9").await;
    signal(&server.child, "INT");
    s.wait_text("Cédille redémarre, à tout de suite.").await;
    assert_eq!(exit_code(&mut server.child, STOP_WITHIN).await, Some(0));
}
