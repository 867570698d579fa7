#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real OpenSSH client in a real terminal (tmux), against the server in process.
//! Skipped, with a message on stderr, when `ssh`, `ssh-keygen` or `tmux` is missing.
//!
//! Each test has its own server, its own tmux server (`tmux -L cedille-test-<pid>-<n>`, killed
//! on drop even when the test fails) and its own client key. `ssh -F /dev/null` ignores the
//! user's and the system's configuration, so no `SendEnv LANG` changes the language.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use tokio::time::Instant;

/// What the shell prints in the pane once ssh has exited, before its status.
const EXIT_MARK: &str = "[ssh exited with status ";

/// How often the pane is captured while waiting.
const POLL: Duration = Duration::from_millis(25);

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// `true` when the tools are there; otherwise says why the test is skipped.
fn tools_present(test: &str) -> bool {
    let missing: Vec<&str> = ["ssh", "ssh-keygen", "tmux"].into_iter().filter(|p| !on_path(p)).collect();
    if missing.is_empty() {
        return true;
    }
    // Straight to stderr, not `eprintln!`: the test harness would swallow it for a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "openssh_tmux::{test}: SKIPPED, not found on PATH: {} (install openssh-client and tmux)",
        missing.join(", ")
    );
    false
}

/// A client key made by `ssh-keygen`, as a member would have.
fn client_key(dir: &Path) -> PathBuf {
    let key = dir.join("id");
    let out =
        Command::new("ssh-keygen").args(["-t", "ed25519", "-N", "", "-q", "-f"]).arg(&key).output().unwrap();
    assert!(out.status.success(), "ssh-keygen failed: {}", String::from_utf8_lossy(&out.stderr));
    key
}

/// The ssh command line a member (with `key`) or a guest (without) types.
fn ssh_command(port: u16, key: Option<&Path>) -> String {
    let common = format!(
        "ssh -F /dev/null -tt -p {port} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
         -o LogLevel=ERROR -o IdentityAgent=none"
    );
    match key {
        // BatchMode: never a prompt; fails rather than hangs if the key were refused.
        Some(key) => {
            format!("{common} -o BatchMode=yes -o IdentitiesOnly=yes -i '{}' localhost", key.display())
        }
        // No BatchMode: with it OpenSSH skips keyboard-interactive, the guests' way in.
        None => format!("{common} -o PubkeyAuthentication=no -o IdentitiesOnly=yes localhost"),
    }
}

/// What tmux shows of the pane.
struct Pane {
    rows: Vec<String>,
}

impl Pane {
    fn text(&self) -> String {
        self.rows.join("\n")
    }

    fn last(&self) -> &str {
        self.rows.last().map(String::as_str).unwrap_or_default()
    }

    /// Columns `from..to` of `row` (the demo text has no wide characters).
    fn cols(&self, row: usize, from: usize, to: usize) -> String {
        self.rows.get(row).map(|r| r.chars().skip(from).take(to - from).collect()).unwrap_or_default()
    }
}

/// A private tmux server; killed when dropped.
struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts a detached session of `cols`×`rows` running `command`. The pane stays after
    /// the command ends, so that its exit status can be read; no status bar.
    fn start(dir: &Path, cols: u16, rows: u16, command: &str) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!("cedille-test-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        let conf = dir.join("tmux.conf");
        std::fs::write(&conf, "set -g remain-on-exit on\nset -g status off\nset -g history-limit 0\n")
            .unwrap();
        let mut tmux = Tmux { socket, socket_path: None };
        // The shell around ssh says how it ended, in the pane; the pane stays (remain-on-exit).
        let command = format!("{command}; echo '{EXIT_MARK}'$?']'");
        let out = tmux.run(&[
            "-f",
            conf.to_str().unwrap(),
            "new-session",
            "-d",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
            &command,
        ]);
        assert!(out.status.success(), "tmux new-session failed: {}", String::from_utf8_lossy(&out.stderr));
        tmux.socket_path = Some(PathBuf::from(tmux.display("#{socket_path}"))).filter(|p| p.is_absolute());
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .args(["-L", &self.socket])
            .args(args)
            .env_remove("TMUX")
            .env_remove("LC_ALL")
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert!(out.status.success(), "tmux {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.ok(&args);
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.ok(&["resize-window", "-x", &cols.to_string(), "-y", &rows.to_string()]);
    }

    fn display(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn capture(&self) -> Pane {
        let out = self.run(&["capture-pane", "-p"]);
        let text = String::from_utf8_lossy(&out.stdout);
        Pane { rows: text.lines().map(plain).collect() }
    }

    /// Captures the pane until `cond` holds, or fails after [`DEADLINE`] showing it.
    async fn wait_for(&self, what: &str, cond: impl Fn(&Pane) -> bool) -> Pane {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let pane = self.capture();
            if cond(&pane) {
                return pane;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}\n--- pane ({}) ---\n{}",
                    self.display("#{pane_width}x#{pane_height} dead=#{pane_dead}"),
                    pane.text()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until ssh has ended; returns its exit status.
    ///
    /// tmux 3.3 races when a pane's process ends: either it reaps the process first and may
    /// drop the pane's last output (then `#{pane_dead_status}` is known), or it sees the
    /// pty close first and never fills `#{pane_dead_status}` in (then the last output, the
    /// status the shell around ssh printed, is there). Either answer will do.
    async fn wait_exit(&self) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let text = self.capture().text();
            if let Some(at) = text.find(EXIT_MARK) {
                return text[at + EXIT_MARK.len()..].chars().take_while(char::is_ascii_digit).collect();
            }
            let state = self.display("#{pane_dead}:#{pane_dead_status}");
            if let Some(status) = state.strip_prefix("1:").filter(|s| !s.is_empty()) {
                return status.to_string();
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {DEADLINE:?} waiting for ssh to exit ({state})\n--- pane ---\n{text}"
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        // tmux leaves its socket file behind.
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The text columns of the reader in a window `cols` wide.
fn text_columns(cols: usize) -> (usize, usize) {
    let measure = cols.saturating_sub(4).clamp(1, 100);
    let x = (cols - measure) / 2;
    (x, x + measure)
}

/// The first paragraph under the reader's header rule, cut to the text columns.
fn reader_paragraph(pane: &Pane, cols: usize) -> Vec<String> {
    let (from, to) = text_columns(cols);
    let lines: Vec<String> = (1..pane.rows.len().saturating_sub(1)).map(|r| pane.cols(r, from, to)).collect();
    let Some(rule) = lines.iter().position(|l| l.trim_start().starts_with('─')) else {
        return Vec::new();
    };
    lines[rule + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .cloned()
        .collect()
}

/// The reader laid out for a `cols`×`rows` window: right number of rows, status line on the
/// last one, and the first paragraph re-wrapped word for word inside the text columns.
fn reader_laid_out(pane: &Pane, cols: usize, rows: usize, paragraph: &[String]) -> bool {
    let shown = reader_paragraph(pane, cols);
    pane.rows.len() == rows
        && (pane.last().contains("Début") || pane.last().contains("Tout"))
        && pane.last().contains("défiler")
        && unwrap_lines(&shown).len() >= 8
        && paragraph.starts_with(&unwrap_lines(&shown))
}

/// Nothing outside the reader's text columns but the scroll bar in the last column.
fn assert_inside_text_columns(pane: &Pane, cols: usize) {
    let (from, to) = text_columns(cols);
    for (i, row) in pane.rows.iter().enumerate() {
        assert!(row.chars().count() <= cols, "row {i} wider than {cols}: {row:?}\n{}", pane.text());
        if i == 0 || i + 1 == pane.rows.len() {
            continue;
        }
        let outside = format!("{}{}", pane.cols(i, 0, from), pane.cols(i, to, cols - 1));
        assert!(outside.trim().is_empty(), "row {i} has text outside {from}..{to}:\n{}", pane.text());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openssh_member_reads_resizes_and_quits() {
    if !tools_present("openssh_member_reads_resizes_and_quits") {
        return;
    }
    let paragraph = first_paragraph_words("08-teletravail-et-mobilite-dans-la-vallee.md");
    let server = Server::start().await;
    let key = client_key(server.dir.path());
    let tmux = Tmux::start(server.dir.path(), 100, 30, &ssh_command(server.addr.port(), Some(&key)));

    let pane =
        tmux.wait_for("the list", |p| p.text().contains(NEWEST_TITLE) && p.last().contains("1/9")).await;
    assert!(
        pane.rows[0].contains("Cédille · Bulletin") && pane.rows[0].contains("membre"),
        "{}",
        pane.text()
    );
    assert!(pane.text().contains('●'), "unread markers:\n{}", pane.text());

    tmux.send_keys(&["j", "Enter"]);
    let pane = tmux.wait_for("the second article", |p| reader_laid_out(p, 100, 30, &paragraph)).await;
    assert!(pane.text().contains(SECOND_TITLE) && pane.text().contains("par Sofia"), "{}", pane.text());
    assert_inside_text_columns(&pane, 100);

    tmux.resize(60, 20);
    let pane =
        tmux.wait_for("the article laid out for 60×20", |p| reader_laid_out(p, 60, 20, &paragraph)).await;
    assert_inside_text_columns(&pane, 60);
    assert!(pane.rows[0].contains("Cédille · Bulletin"), "{}", pane.text());

    tmux.resize(200, 60);
    let pane =
        tmux.wait_for("the article laid out for 200×60", |p| reader_laid_out(p, 200, 60, &paragraph)).await;
    // The measure stays at 100 columns, centred: 50..150.
    assert_inside_text_columns(&pane, 200);

    tmux.send_keys(&["q"]);
    tmux.wait_for("the list again", |p| p.last().contains("Entrée lire") && p.last().contains("2/9")).await;
    tmux.send_keys(&["q"]);
    assert_eq!(tmux.wait_exit().await, "0", "ssh's exit status");
    // (tmux hides the cursor of a dead pane itself: only the alternate screen can be checked.)
    assert_eq!(tmux.display("#{alternate_on}"), "0", "the terminal left the alternate screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openssh_bracketed_paste_does_no_harm() {
    if !tools_present("openssh_bracketed_paste_does_no_harm") {
        return;
    }
    let server = Server::start().await;
    let key = client_key(server.dir.path());
    let tmux = Tmux::start(server.dir.path(), 100, 30, &ssh_command(server.addr.port(), Some(&key)));
    tmux.wait_for("the list", |p| p.text().contains(NEWEST_TITLE) && p.last().contains("1/9")).await;

    // Letters that are keys (`l` opens, `q` quits, `G` goes to the end), newlines (Enter).
    tmux.ok(&["set-buffer", "-b", "fr", "Bonjour « à tous » !\nlq\nL'été à Crest : qjG\n"]);
    tmux.ok(&["paste-buffer", "-p", "-b", "fr"]);
    tmux.send_keys(&["j"]);
    let pane = tmux
        .wait_for("the list on 2/9 (or anything else)", |p| {
            p.last().contains("2/9") || p.last().contains("/9") && !p.last().contains("1/9")
        })
        .await;
    assert!(pane.last().contains("Entrée lire") && pane.last().contains("2/9"), "{}", pane.text());
    assert!(pane.text().contains(NEWEST_TITLE), "{}", pane.text());
    assert_eq!(tmux.display("#{pane_dead}"), "0");

    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the second article", |p| p.text().contains(SECOND_TITLE) && p.last().contains("Début"))
        .await;
    tmux.send_keys(&["C-c"]);
    assert_eq!(tmux.wait_exit().await, "0", "ssh's exit status");
    assert_eq!(tmux.display("#{alternate_on}"), "0", "the terminal left the alternate screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openssh_guest_without_a_key() {
    if !tools_present("openssh_guest_without_a_key") {
        return;
    }
    let server = Server::start().await;
    let tmux = Tmux::start(server.dir.path(), 100, 30, &ssh_command(server.addr.port(), None));
    let pane =
        tmux.wait_for("the list", |p| p.text().contains(NEWEST_TITLE) && p.last().contains("1/9")).await;
    assert!(pane.rows[0].contains("invité·e (lecture seule)"), "{}", pane.text());
    assert!(!pane.text().contains('●'), "no unread markers for a guest:\n{}", pane.text());
    tmux.send_keys(&["q"]);
    assert_eq!(tmux.wait_exit().await, "0", "ssh's exit status");
}
