//! tmux as a second emulator: two panes of one private server, each printing what is
//! written into its FIFO: one gets the incremental bytes, the other each full redraw on a
//! reset terminal. After each write a title is set (`OSC 2`); once tmux shows it, tmux has
//! read every byte before it, and the panes are captured (`capture-pane -p -e`). No sleep:
//! the title is polled until a deadline.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long tmux may take to show one frame.
const DEADLINE: Duration = Duration::from_secs(10);

/// `O_NONBLOCK` on Linux: opening a FIFO nobody reads yet fails instead of waiting forever.
const O_NONBLOCK: i32 = 0o4000;

const PANES: [&str; 2] = ["inc", "full"];

pub struct Tmux {
    socket: String,
    conf: PathBuf,
    fifos: Vec<File>,
    marker: u64,
    size: (u16, u16),
    /// The server's socket, removed with it.
    socket_path: Option<PathBuf>,
    _dir: TempDir,
}

impl Tmux {
    /// A private tmux server with the two panes at `cols`×`rows`; `None` when tmux is not
    /// installed.
    pub fn start(cols: u16, rows: u16) -> Option<Tmux> {
        Command::new("tmux").arg("-V").output().ok().filter(|o| o.status.success())?;
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("tmux.conf");
        std::fs::write(&conf, "set -g status off\nset -g remain-on-exit on\nset -g history-limit 0\n")
            .unwrap();
        let socket = format!("cedille-oracle-{}", std::process::id());
        let mut tmux = Tmux {
            socket,
            conf,
            fifos: Vec::new(),
            marker: 0,
            size: (cols, rows),
            socket_path: None,
            _dir: dir,
        };
        for pane in PANES {
            let fifo = tmux._dir.path().join(pane);
            let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
            assert!(made.success(), "mkfifo");
            let shell = format!("stty raw -echo; exec cat {}", fifo.display());
            let (w, h) = (cols.to_string(), rows.to_string());
            tmux.run(&["new-session", "-d", "-s", pane, "-x", &w, "-y", &h, &shell]);
            tmux.fifos.push(open_writer(&fifo));
        }
        tmux.socket_path = Some(PathBuf::from(tmux.run(&["display-message", "-p", "#{socket_path}"]).trim()));
        Some(tmux)
    }

    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f"]).arg(&self.conf);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Both panes at `cols`×`rows`, as a window the member resized.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if self.size == (cols, rows) {
            return;
        }
        self.size = (cols, rows);
        let (w, h) = (cols.to_string(), rows.to_string());
        for pane in PANES {
            self.run(&["resize-window", "-t", pane, "-x", &w, "-y", &h]);
        }
    }

    /// Both panes as a terminal just opened.
    pub fn reset(&mut self) {
        self.show(b"", b"");
    }

    /// Writes `incremental` into the first pane and `full` into the second, reset first;
    /// returns what each then shows (with its colours), and the first's text with each
    /// row's trailing blanks.
    pub fn show(&mut self, incremental: &[u8], full: &[u8]) -> (String, String, String) {
        self.marker += 1;
        let title = format!("frame-{}", self.marker);
        let mark = format!("\x1b]2;{title}\x07");
        let mut whole = b"\x1bc".to_vec();
        whole.extend_from_slice(full);
        for (fifo, bytes) in self.fifos.iter_mut().zip([incremental, &whole]) {
            write_all(fifo, bytes);
            write_all(fifo, mark.as_bytes());
        }
        let deadline = Instant::now() + DEADLINE;
        let sep = "\u{1}--pane--\u{1}";
        loop {
            let out = self.run(&[
                "display-message",
                "-p",
                "-t",
                "inc",
                "#{pane_title}",
                ";",
                "display-message",
                "-p",
                "-t",
                "full",
                "#{pane_title}",
                ";",
                "display-message",
                "-p",
                sep,
                ";",
                "capture-pane",
                "-p",
                "-e",
                "-t",
                "inc",
                ";",
                "display-message",
                "-p",
                sep,
                ";",
                "capture-pane",
                "-p",
                "-e",
                "-t",
                "full",
                ";",
                "display-message",
                "-p",
                sep,
                ";",
                "capture-pane",
                "-p",
                "-N",
                "-t",
                "inc",
            ]);
            let split = format!("{sep}\n");
            let mut parts = out.split(split.as_str());
            let titles = parts.next().unwrap_or_default();
            if titles.lines().all(|t| t == title) && titles.lines().count() == 2 {
                let inc = parts.next().unwrap_or_default().to_string();
                let full = parts.next().unwrap_or_default().to_string();
                let plain = parts.next().unwrap_or_default().to_string();
                return (inc, full, plain);
            }
            assert!(Instant::now() < deadline, "tmux did not show frame {} in time: {titles:?}", self.marker);
            std::thread::yield_now();
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The FIFO opened for writing once its pane's `cat` has opened it for reading.
fn open_writer(path: &Path) -> File {
    let deadline = Instant::now() + DEADLINE;
    loop {
        match OpenOptions::new().write(true).custom_flags(O_NONBLOCK).open(path) {
            Ok(f) => return f,
            Err(e) if Instant::now() < deadline && e.raw_os_error() == Some(6) => std::thread::yield_now(),
            Err(e) => panic!("the pane never read {}: {e}", path.display()),
        }
    }
}

/// All of `bytes` into a FIFO opened without blocking, waiting while its pipe is full.
fn write_all(fifo: &mut File, mut bytes: &[u8]) {
    let deadline = Instant::now() + DEADLINE;
    while !bytes.is_empty() {
        match fifo.write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::yield_now()
            }
            Err(e) => panic!("writing to tmux: {e}"),
        }
    }
}
