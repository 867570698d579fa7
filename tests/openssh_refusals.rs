#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Everything beyond a shell, a pty, window changes, a few environment variables and our
//! own commands is refused, as the real OpenSSH client sees it: `-L`, `-R`, `-D`, `-W`,
//! agent forwarding, X11, `-s sftp`, `sftp`, `scp` (both its protocols), unknown commands.
//! Skipped, with a message on stderr, when `ssh` or `ssh-keygen` is missing.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use common::*;
use tokio::time::Instant;

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn tools_present(test: &str, tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|p| !on_path(p)).collect();
    if missing.is_empty() {
        return true;
    }
    let _ = writeln!(
        std::io::stderr(),
        "openssh_refusals::{test}: SKIPPED, not found on PATH: {} (install openssh-client)",
        missing.join(", ")
    );
    false
}

/// A member's key made by `ssh-keygen`.
fn client_key(dir: &Path) -> PathBuf {
    let key = dir.join("id");
    let out =
        Command::new("ssh-keygen").args(["-t", "ed25519", "-N", "", "-q", "-f"]).arg(&key).output().unwrap();
    assert!(out.status.success(), "ssh-keygen failed: {}", String::from_utf8_lossy(&out.stderr));
    key
}

/// The options every client here uses: no configuration, no prompt, no agent, a deadline
/// on the connection.
fn options(key: &Path) -> Vec<String> {
    [
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "ConnectTimeout=5",
        "-o",
        "IdentitiesOnly=yes",
        "-i",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([key.display().to_string()])
    .collect()
}

struct Setup {
    server: Server,
    dir: tempfile::TempDir,
    key: PathBuf,
}

async fn setup() -> Setup {
    capture_logs();
    let server = Server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let key = client_key(dir.path());
    Setup { server, dir, key }
}

impl Setup {
    fn port(&self) -> String {
        self.server.addr.port().to_string()
    }

    /// `ssh -p PORT OPTIONS extra… localhost rest…`, not started.
    fn ssh(&self, extra: &[&str], rest: &[&str]) -> Command {
        let mut cmd = Command::new("ssh");
        cmd.args(["-p", &self.port()]).args(options(&self.key)).args(extra).arg("localhost").args(rest);
        cmd.env_remove("SSH_AUTH_SOCK").env_remove("DISPLAY").stdin(Stdio::null());
        cmd
    }
}

/// Runs `cmd` to its end, at most [`DEADLINE`]; kills it and fails otherwise.
async fn run(mut cmd: Command) -> Output {
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    finish(child).await
}

async fn finish(mut child: Child) -> Output {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("still running after {DEADLINE:?}; stderr: {}", String::from_utf8_lossy(&out.stderr));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A local port free right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until `port` on this machine accepts a connection; returns it.
async fn connect_when_listening(port: u16, ssh: &mut Child) -> tokio::net::TcpStream {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Ok(s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            return s;
        }
        assert!(ssh.try_wait().unwrap().is_none(), "ssh ended before listening on {port}");
        assert!(Instant::now() < deadline, "ssh never listened on {port}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Reads until the other side closes; what came before.
async fn read_to_close(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    tokio::time::timeout(DEADLINE, stream.read_to_end(&mut got))
        .await
        .expect("the forwarded connection was never closed")
        .ok();
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stdio_forwarding_w_is_refused() {
    if !tools_present("stdio_forwarding_w_is_refused", &["ssh", "ssh-keygen"]) {
        return;
    }
    let s = setup().await;
    let out = run(s.ssh(&["-W", "127.0.0.1:9"], &[])).await;
    assert_eq!(out.status.code(), Some(255), "{}", stderr(&out));
    assert!(stderr(&out).contains("administratively prohibited"), "{}", stderr(&out));
    wait_log(&["refused: TCP forwarding", "port=9"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_forwarding_r_is_refused() {
    if !tools_present("remote_forwarding_r_is_refused", &["ssh", "ssh-keygen"]) {
        return;
    }
    let s = setup().await;
    let out = run(s.ssh(&["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"], &[])).await;
    assert_eq!(out.status.code(), Some(255), "{}", stderr(&out));
    assert!(stderr(&out).contains("remote port forwarding failed"), "{}", stderr(&out));
    wait_log(&["refused: remote forwarding"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_forwarding_l_is_refused() {
    if !tools_present("local_forwarding_l_is_refused", &["ssh", "ssh-keygen"]) {
        return;
    }
    let s = setup().await;
    let port = free_port();
    let forward = format!("{port}:127.0.0.1:7");
    let mut cmd = s.ssh(&["-N", "-L", &forward], &[]);
    let mut ssh = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut conn = connect_when_listening(port, &mut ssh).await;
    let got = read_to_close(&mut conn).await;
    assert!(got.is_empty(), "nothing may come through: {got:?}");
    wait_log(&["refused: TCP forwarding", "port=7"]).await;
    let _ = ssh.kill();
    let out = ssh.wait_with_output().unwrap();
    assert!(stderr(&out).contains("administratively prohibited"), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynamic_forwarding_d_is_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    if !tools_present("dynamic_forwarding_d_is_refused", &["ssh", "ssh-keygen"]) {
        return;
    }
    let s = setup().await;
    let port = free_port();
    let mut cmd = s.ssh(&["-N", "-D", &port.to_string()], &[]);
    let mut ssh = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut conn = connect_when_listening(port, &mut ssh).await;
    // SOCKS5: no authentication, then CONNECT 127.0.0.1:13.
    conn.write_all(&[5, 1, 0]).await.unwrap();
    let mut hello = [0u8; 2];
    tokio::time::timeout(DEADLINE, conn.read_exact(&mut hello)).await.unwrap().unwrap();
    assert_eq!(hello, [5, 0]);
    conn.write_all(&[5, 1, 0, 1, 127, 0, 0, 1, 0, 13]).await.unwrap();
    let reply = read_to_close(&mut conn).await;
    // Either closed without a word or a SOCKS failure: never « succeeded » (0).
    assert!(reply.get(1).is_none_or(|&code| code != 0), "the SOCKS request succeeded: {reply:?}");
    wait_log(&["refused: TCP forwarding", "port=13"]).await;
    let _ = ssh.kill();
    let _ = ssh.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_forwarding_is_refused_and_the_command_still_runs() {
    if !tools_present(
        "agent_forwarding_is_refused_and_the_command_still_runs",
        &["ssh", "ssh-keygen", "ssh-agent"],
    ) {
        return;
    }
    let s = setup().await;
    // A real agent with no key in it, for ssh to offer to forward.
    let sock = s.dir.path().join("agent.sock");
    let agent =
        Command::new("ssh-agent").arg("-D").arg("-a").arg(&sock).stdout(Stdio::null()).spawn().unwrap();
    struct Reap(Child);
    impl Drop for Reap {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _agent = Reap(agent);
    wait_until("the agent's socket", || sock.exists()).await;
    let mut cmd = s.ssh(&["-v", "-A"], &["help"]);
    cmd.env("SSH_AUTH_SOCK", &sock);
    let out = run(cmd).await;
    assert!(stderr(&out).contains("Requesting authentication agent forwarding"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!out.stdout.is_empty(), "the command still ran");
    wait_log(&["refused: agent forwarding"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn x11_forwarding_is_refused_and_the_command_still_runs() {
    if !tools_present("x11_forwarding_is_refused_and_the_command_still_runs", &["ssh", "ssh-keygen"]) {
        return;
    }
    let s = setup().await;
    let mut cmd = s.ssh(&["-X", "-o", "ForwardX11=yes"], &["help"]);
    cmd.env("DISPLAY", ":99");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!out.stdout.is_empty(), "the command still ran");
    assert!(stderr(&out).contains("X11 forwarding request failed"), "{}", stderr(&out));
    wait_log(&["refused: X11 forwarding"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sftp_subsystem_is_refused() {
    if !tools_present("the_sftp_subsystem_is_refused", &["ssh", "ssh-keygen", "sftp"]) {
        return;
    }
    let s = setup().await;
    let out = run(s.ssh(&["-s"], &["sftp"])).await;
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("subsystem request failed"), "{}", stderr(&out));
    wait_log(&["refused: subsystem", "subsystem=\"sftp\""]).await;

    // The sftp program itself.
    let mut sftp = Command::new("sftp");
    sftp.args(["-P", &s.port(), "-b", "-"]).args(options(&s.key)).arg("localhost");
    sftp.stdin(Stdio::null());
    let out = run(sftp).await;
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scp_is_refused_in_both_its_protocols() {
    if !tools_present("scp_is_refused_in_both_its_protocols", &["ssh", "ssh-keygen", "scp"]) {
        return;
    }
    let s = setup().await;
    let file = s.dir.path().join("note.txt");
    std::fs::write(&file, "bonjour\n").unwrap();
    // Today's default: scp over the sftp subsystem.
    let mut scp = Command::new("scp");
    scp.args(["-P", &s.port()]).args(options(&s.key)).arg(&file).arg("localhost:note.txt");
    let out = run(scp).await;
    assert_ne!(out.status.code(), Some(0), "scp succeeded: {}", stderr(&out));
    // The old protocol (`-O`): a remote `scp -t`, an unknown command here.
    let mut scp = Command::new("scp");
    scp.args(["-O", "-P", &s.port()]).args(options(&s.key)).arg(&file).arg("localhost:note.txt");
    let out = run(scp).await;
    assert_ne!(out.status.code(), Some(0), "scp -O succeeded: {}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_command_is_refused_with_status_2() {
    if !tools_present("an_unknown_command_is_refused_with_status_2", &["ssh", "ssh-keygen"]) {
        return;
    }
    let s = setup().await;
    let out = run(s.ssh(&[], &["rm", "-rf", "/"])).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("rm"), "the message names the command: {}", stderr(&out));
}
