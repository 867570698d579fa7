//! Shared helpers for the end-to-end tests: an in-process Cédille server on a random port,
//! a russh client (member with a fresh ed25519 key, or guest through keyboard-interactive),
//! interactive sessions whose output is fed into a `vt100` terminal, and commands run
//! without a pty.
//!
//! Synchronisation is always "wait until the screen (or the recorded channel events) says
//! so, or fail after a deadline", never a bare sleep. The two fixed waits in the suite are
//! not synchronisation: one asserts that nothing arrives, one plays a network pause.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Each test file uses a different part of these helpers.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client::{self, Handle};
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf};
use tempfile::TempDir;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// How long any expected screen or event may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);

pub const LOOPBACK: std::net::Ipv4Addr = std::net::Ipv4Addr::LOCALHOST;

/// The title of the newest demo article (first on the list).
pub const NEWEST_TITLE: &str = "Agenda de l'hiver, de Crest à Privas en passant par Die";
/// The second newest demo article.
pub const SECOND_TITLE: &str = "Télétravailler pour moins rouler, la mobilité dans la vallée";
/// The oldest demo article (last on the list), also the longest.
pub const OLDEST_TITLE: &str = "Le télétravail dans la vallée de la Drôme, où en est-on ?";
/// What the server must undo at the end of an interactive session: SGR mouse, wheel,
/// bracketed paste, hidden cursor (shown again), and, last of all, the alternate screen.
pub const LEAVE_PARTS: &[&str] = &["\x1b[?1006l", "\x1b[?1000l", "\x1b[?2004l", "\x1b[?25h", "\x1b[?1049l"];

/// Checks that `raw` (everything a session sent) ends with the restore sequence.
pub fn assert_ends_restored(raw: &[u8]) {
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(64)..]).into_owned();
    assert!(tail.ends_with("\x1b[?1049l"), "the last bytes must leave the alternate screen: {tail:?}");
    for part in LEAVE_PARTS {
        assert!(tail.contains(part), "{part:?} missing from the restore sequence: {tail:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------

/// A running server with its own database and host key in a temporary folder.
pub struct Server {
    pub addr: SocketAddr,
    /// The fingerprint of the host key, as `ssh-keygen -lf` prints it.
    pub host_fingerprint: String,
    pub keys: PathBuf,
    running: Running,
    // Last: removed once everything above is gone.
    pub dir: TempDir,
}

impl Server {
    /// A fresh server: new database with the demo articles, new host key.
    pub async fn start() -> Server {
        Setup::default().server().await.0
    }

    /// A fresh server with the given comment rules; also returns the server's own `Store`
    /// (a clone: same database), for what no command can do (approving a comment).
    pub async fn start_with(policy: cedille::domain::CommentPolicy) -> (Server, cedille::store::Store) {
        Setup { policy, ..Setup::default() }.server().await
    }

    /// A fresh server held to `limits` (small ones, so that tests hit them quickly); also
    /// returns the server's own `Store`.
    pub async fn start_with_limits(limits: cedille::ssh::Limits) -> (Server, cedille::store::Store) {
        Setup { limits, ..Setup::default() }.server().await
    }

    /// Tells the server to stop as SIGTERM does, and waits until `serve` returned; fails
    /// if that takes longer than `within`.
    pub async fn shut_down(self, within: Duration) -> TempDir {
        self.running.stop_within(within).await;
        self.dir
    }

    /// Stops accepting connections (open ones carry on).
    pub async fn stop(self) -> TempDir {
        self.running.stop().await;
        self.dir
    }
}

/// One `cedille::ssh::serve` on 127.0.0.1 and a random port.
pub struct Running {
    pub addr: SocketAddr,
    pub host_fingerprint: String,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

/// What a test server runs with: the server's defaults unless a test says otherwise. The
/// one place a test server starts; the `start…` functions are shorthands.
#[derive(Default)]
pub struct Setup {
    pub policy: cedille::domain::CommentPolicy,
    pub limits: cedille::ssh::Limits,
}

impl Setup {
    /// Serves the database at `db` (created if needed) with the host key in `keys`; returns
    /// the server's own `Store` too (a clone: same database).
    pub async fn run(self, db: &Path, keys: &Path) -> (Running, cedille::store::Store) {
        let (store, _) = cedille::store::Store::open(db).unwrap();
        let (key, _) =
            cedille::ssh::hostkey::load_or_create(keys, cedille::ssh::hostkey::IfMissing::Create).unwrap();
        let host_fingerprint = cedille::ssh::hostkey::fingerprint(&key);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(cedille::ssh::serve_with(
            listener,
            store.clone(),
            key,
            self.policy,
            self.limits,
            async move {
                let _ = stopped.await;
            },
        ));
        (Running { addr, host_fingerprint, stop: Some(stop), task }, store)
    }

    /// [`Setup::run`] on a new database and host key in a temporary folder.
    pub async fn server(self) -> (Server, cedille::store::Store) {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let (running, store) = self.run(&dir.path().join("c.db"), &keys).await;
        let server = Server {
            addr: running.addr,
            host_fingerprint: running.host_fingerprint.clone(),
            keys,
            running,
            dir,
        };
        (server, store)
    }
}

impl Running {
    /// The server's defaults on the database at `db` and the host key in `keys`.
    pub async fn start(db: &Path, keys: &Path) -> Running {
        Setup::default().run(db, keys).await.0
    }

    /// Stops the accept loop and waits until the listener is gone.
    pub async fn stop(self) {
        self.stop_within(DEADLINE).await;
    }

    pub async fn stop_within(mut self, within: Duration) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(within, &mut self.task)
            .await
            .unwrap_or_else(|_| panic!("server did not stop within {within:?}"))
            .unwrap();
    }
}

// ---------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------

/// Accepts any host key and remembers its fingerprint.
pub struct ClientHandler {
    seen: Arc<Mutex<Option<String>>>,
}

impl client::Handler for ClientHandler {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        let fingerprint = match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => key.fingerprint(HashAlg::Sha256).to_string(),
            PublicKeyOrCertificate::Certificate(cert) => {
                cert.public_key().fingerprint(HashAlg::Sha256).to_string()
            }
        };
        *self.seen.lock().unwrap() = Some(fingerprint);
        Ok(true)
    }
}

/// A distinct ed25519 key per call in this process (no rng crate needed: a counted seed).
pub fn fresh_key() -> PrivateKey {
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut seed = [0x5au8; 32];
    seed[..8].copy_from_slice(&n.to_le_bytes());
    seed[8..12].copy_from_slice(&std::process::id().to_le_bytes());
    key_from_seed(seed)
}

pub fn key_from_seed(seed: [u8; 32]) -> PrivateKey {
    let pair = Ed25519Keypair::from_seed(&seed);
    PrivateKey::new(KeypairData::from(pair), "test").unwrap()
}

/// An authenticated SSH connection.
pub struct Client {
    handle: Handle<ClientHandler>,
    seen: Arc<Mutex<Option<String>>>,
    /// This side's address, as the server's logs name the connection (`peer=`).
    local: SocketAddr,
}

/// A TCP connection to `addr` from `from` (any 127.x.y.z is this machine: a test can play
/// several client addresses).
pub async fn tcp_from(addr: SocketAddr, from: std::net::Ipv4Addr) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    tokio::time::timeout(DEADLINE, socket.connect(addr)).await.expect("TCP connect timed out").unwrap()
}

impl Client {
    /// Connects without authenticating yet.
    pub async fn connect(addr: SocketAddr) -> Client {
        Client::connect_with(addr, LOOPBACK, client::Config::default()).await
    }

    /// Connects from the address `from` with the client settings `config`, without
    /// authenticating yet.
    pub async fn connect_with(addr: SocketAddr, from: std::net::Ipv4Addr, config: client::Config) -> Client {
        let stream = tcp_from(addr, from).await;
        Client::over(stream, config).await
    }

    /// Speaks SSH over `stream` (a proxy's, or one already connected).
    pub async fn over(stream: tokio::net::TcpStream, config: client::Config) -> Client {
        let local = stream.local_addr().unwrap();
        stream.set_nodelay(true).unwrap();
        let config = Arc::new(config);
        let seen = Arc::new(Mutex::new(None));
        let handler = ClientHandler { seen: seen.clone() };
        let handle = tokio::time::timeout(DEADLINE, client::connect_stream(config, stream, handler))
            .await
            .expect("connect timed out")
            .expect("connect failed");
        Client { handle, seen, local }
    }

    /// The log field naming this connection on the server (`peer=127.0.0.1:PORT`).
    pub fn peer_field(&self) -> String {
        format!("peer={}", self.local)
    }

    /// Authenticates as a member with `key`; says whether the server agreed.
    pub async fn login(&mut self, key: PrivateKey) -> bool {
        let auth = self
            .handle
            .authenticate_publickey("member", PrivateKeyWithHashAlg::new(Arc::new(key), None))
            .await
            .unwrap();
        auth.success()
    }

    /// A member with a fresh key.
    pub async fn member(addr: SocketAddr) -> Client {
        Client::member_with(addr, fresh_key()).await
    }

    /// A member with the given key (the same key is the same member).
    pub async fn member_with(addr: SocketAddr, key: PrivateKey) -> Client {
        let mut c = Client::connect(addr).await;
        assert!(c.login(key).await, "publickey authentication refused");
        c
    }

    /// A guest, through keyboard-interactive (answering any prompt with nothing).
    pub async fn guest(addr: SocketAddr) -> Client {
        use russh::client::KeyboardInteractiveAuthResponse as R;
        let mut c = Client::connect(addr).await;
        let mut reply = c.handle.authenticate_keyboard_interactive_start("guest", None).await.unwrap();
        loop {
            match reply {
                R::Success => break,
                R::Failure { .. } => panic!("keyboard-interactive refused: {reply:?}"),
                R::InfoRequest { prompts, .. } => {
                    let answers = vec![String::new(); prompts.len()];
                    reply = c.handle.authenticate_keyboard_interactive_respond(answers).await.unwrap();
                }
            }
        }
        c
    }

    pub fn handle(&mut self) -> &mut Handle<ClientHandler> {
        &mut self.handle
    }

    /// The fingerprint of the key the server showed.
    pub fn server_fingerprint(&self) -> String {
        self.seen.lock().unwrap().clone().expect("no server key seen")
    }

    /// A new session channel, nothing requested on it yet.
    pub async fn open_channel(&self) -> russh::Channel<client::Msg> {
        self.handle.channel_open_session().await.unwrap()
    }

    /// An interactive session: pty of `cols`×`rows` (TERM=xterm-256color), then a shell.
    pub async fn shell(&self, cols: u16, rows: u16) -> Session {
        self.shell_with_env(cols, rows, &[]).await
    }

    /// Same, with environment variables sent before the shell request.
    pub async fn shell_with_env(&self, cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        self.shell_sized(cols, rows, (u32::from(cols), u32::from(rows)), env).await
    }

    /// A session whose pty request says `asked` (any u32, hostile ones included) while the
    /// local terminal that shows it is `cols`×`rows`.
    pub async fn shell_sized(
        &self,
        cols: u16,
        rows: u16,
        asked: (u32, u32),
        env: &[(&str, &str)],
    ) -> Session {
        self.pty_session("xterm-256color", (cols, rows), asked, env, None).await
    }

    /// A pty of terminal type `term`, then a shell, or `command` run with the pty
    /// (`ssh -t host ligne`).
    pub async fn pty_session(
        &self,
        term: &str,
        (cols, rows): (u16, u16),
        asked: (u32, u32),
        env: &[(&str, &str)],
        command: Option<&str>,
    ) -> Session {
        let channel = self.handle.channel_open_session().await.unwrap();
        let (mut read, write) = channel.split();
        let state = Arc::new(Mutex::new(Recorded {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
            events: Vec::new(),
            ended: false,
        }));
        let (tx, changed) = watch::channel(0u64);
        let shared = state.clone();
        let reader = tokio::spawn(async move {
            loop {
                let msg = read.wait().await;
                let end = {
                    let mut st = shared.lock().unwrap();
                    match msg {
                        None => st.ended = true,
                        Some(ChannelMsg::Data { data }) => {
                            st.parser.process(&data);
                            st.raw.extend_from_slice(&data);
                            st.events.push(Event::Data(data.len()));
                        }
                        Some(ChannelMsg::ExtendedData { data, ext }) => {
                            st.events.push(Event::ExtendedData(ext, data.to_vec()))
                        }
                        Some(ChannelMsg::ExitStatus { exit_status }) => {
                            st.events.push(Event::ExitStatus(exit_status))
                        }
                        Some(ChannelMsg::Eof) => st.events.push(Event::Eof),
                        Some(ChannelMsg::Close) => {
                            st.events.push(Event::Close);
                            st.ended = true;
                        }
                        Some(ChannelMsg::Success) => st.events.push(Event::Success),
                        Some(ChannelMsg::Failure) => st.events.push(Event::Failure),
                        Some(_) => {}
                    }
                    st.ended
                };
                tx.send_modify(|n| *n += 1);
                if end {
                    break;
                }
            }
        });
        write.request_pty(true, term, asked.0, asked.1, 0, 0, &[]).await.unwrap();
        for (name, value) in env {
            write.set_env(true, *name, *value).await.unwrap();
        }
        match command {
            Some(command) => write.exec(true, command).await.unwrap(),
            None => write.request_shell(true).await.unwrap(),
        }
        Session { write, state, changed, reader }
    }

    /// Runs `command` without a pty; collects stdout, stderr and the exit status.
    pub async fn exec(&self, command: &str) -> ExecOutput {
        self.exec_with_env(command, &[]).await
    }

    /// Same, with environment variables sent first.
    pub async fn exec_with_env(&self, command: &str, env: &[(&str, &str)]) -> ExecOutput {
        let mut channel = self.handle.channel_open_session().await.unwrap();
        for (name, value) in env {
            channel.set_env(false, *name, *value).await.unwrap();
        }
        channel.exec(true, command).await.unwrap();
        collect(&mut channel, command).await
    }
}

/// The id of the newest demo article, from `articles --json`.
pub async fn newest_id(client: &Client) -> i64 {
    let out = client.exec("articles --json").await;
    assert_eq!(out.status, Some(0), "articles --json: {}", out.stderr());
    out.stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|a| a["title"].as_str() == Some(NEWEST_TITLE))
        .and_then(|a| a["id"].as_i64())
        .expect("the newest article in `articles --json`")
}

/// What the command running on `channel` printed and its exit status, until the channel
/// closes (within the deadline, or the test fails naming `command`).
pub async fn collect(channel: &mut russh::Channel<russh::client::Msg>, command: &str) -> ExecOutput {
    let mut out = ExecOutput::default();
    let gather = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => out.stdout.extend_from_slice(&data),
                ChannelMsg::ExtendedData { data, ext: 1 } => out.stderr.extend_from_slice(&data),
                ChannelMsg::ExitStatus { exit_status } => out.status = Some(exit_status),
                ChannelMsg::Eof => out.eof = true,
                ChannelMsg::Close => break,
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, gather).await.unwrap_or_else(|_| panic!("`{command}` did not end"));
    out
}

#[derive(Debug, Default)]
pub struct ExecOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: Option<u32>,
    pub eof: bool,
}

impl ExecOutput {
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is not UTF-8")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8(self.stderr.clone()).expect("stderr is not UTF-8")
    }
}

// ---------------------------------------------------------------------------------------
// Interactive session
// ---------------------------------------------------------------------------------------

/// What the server sent on a session channel, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A data message and its length.
    Data(usize),
    ExtendedData(u32, Vec<u8>),
    ExitStatus(u32),
    Eof,
    Close,
    Success,
    Failure,
}

/// Everything received so far, kept by the background reader.
pub struct Recorded {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    pub events: Vec<Event>,
    /// The channel is closed (or its receiver gone).
    pub ended: bool,
}

impl Recorded {
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// The screen as text, one line per row, no-break spaces made plain.
    pub fn text(&self) -> String {
        screen_text(self.screen())
    }
}

/// An interactive session whose output lands in a `vt100` terminal of the pty's size.
pub struct Session {
    write: ChannelWriteHalf<client::Msg>,
    state: Arc<Mutex<Recorded>>,
    changed: watch::Receiver<u64>,
    reader: JoinHandle<()>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

impl Session {
    pub async fn send(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Tells the server any window size (hostile ones included) without changing the local
    /// terminal.
    pub async fn window_change_raw(&self, cols: u32, rows: u32) {
        self.write.window_change(cols, rows, 0, 0).await.unwrap();
    }

    /// Changes the terminal's size, as a real terminal does, and tells the server.
    pub async fn resize(&self, cols: u16, rows: u16) {
        self.state.lock().unwrap().parser.screen_mut().set_size(nz(rows), nz(cols));
        self.write.window_change(u32::from(cols), u32::from(rows), 0, 0).await.unwrap();
    }

    /// Runs `f` on what was received so far.
    pub fn with<T>(&self, f: impl FnOnce(&Recorded) -> T) -> T {
        f(&self.state.lock().unwrap())
    }

    /// The screen as text (rows joined by `\n`, trailing spaces trimmed, NBSP made plain).
    pub fn text(&self) -> String {
        self.with(Recorded::text)
    }

    /// The screen's rows, trailing spaces trimmed, NBSP made plain.
    pub fn rows(&self) -> Vec<String> {
        self.with(|r| screen_rows(r.screen()))
    }

    /// How many bytes were received so far: a mark for [`Session::bytes_since`].
    pub fn mark(&self) -> (usize, usize) {
        self.with(|r| (r.raw.len(), r.events.len()))
    }

    /// Bytes and data messages received since `mark`.
    pub fn since(&self, mark: (usize, usize)) -> (Vec<u8>, usize) {
        self.with(|r| {
            let messages = r.events[mark.1..].iter().filter(|e| matches!(e, Event::Data(_))).count();
            (r.raw[mark.0..].to_vec(), messages)
        })
    }

    pub fn events(&self) -> Vec<Event> {
        self.with(|r| r.events.clone())
    }

    pub fn raw(&self) -> Vec<u8> {
        self.with(|r| r.raw.clone())
    }

    /// Waits until `f` returns `Some` for the recorded state, or fails after [`DEADLINE`]
    /// showing the screen and what `what` was.
    pub async fn wait_until<T>(&mut self, what: &str, mut f: impl FnMut(&Recorded) -> Option<T>) -> T {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(v) = self.with(&mut f) {
                return v;
            }
            match tokio::time::timeout_at(deadline, self.changed.changed()).await {
                Ok(Ok(())) => {}
                // The reader is gone: nothing more will come.
                Ok(Err(_)) | Err(_) => {
                    if let Some(v) = self.with(&mut f) {
                        return v;
                    }
                    let (screen, events) = self.with(|r| (r.text(), r.events.clone()));
                    let tail: Vec<_> = events.iter().rev().take(8).rev().collect();
                    panic!(
                        "timed out after {DEADLINE:?} waiting for {what}\n--- screen ---\n{screen}\n--- last events: {tail:?}"
                    );
                }
            }
        }
    }

    /// Waits until the screen text satisfies `cond`; returns that text.
    pub async fn wait_for(&mut self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        self.wait_until(what, |r| {
            let text = r.text();
            cond(&text).then_some(text)
        })
        .await
    }

    /// Waits until everything received, as text, contains `needle` (NBSP compared as
    /// spaces): what line mode left in the scrollback as well as on screen.
    pub async fn wait_output(&mut self, needle: &str) -> String {
        let needle = plain(needle);
        self.wait_until(&format!("« {needle} » in the output"), |r| {
            let text = plain(&String::from_utf8_lossy(&r.raw));
            text.contains(&needle).then_some(text)
        })
        .await
    }

    /// Waits until the screen shows `needle` (NBSP compared as spaces).
    pub async fn wait_text(&mut self, needle: &str) -> String {
        let needle = plain(needle);
        self.wait_for(&format!("« {needle} » on screen"), |t| t.contains(&needle)).await
    }

    /// Waits until the last row (status line) contains `needle`; returns the screen text.
    pub async fn wait_status(&mut self, needle: &str) -> String {
        let needle = plain(needle);
        self.wait_until(&format!("« {needle} » on the status line"), |r| {
            let rows = screen_rows(r.screen());
            rows.last().is_some_and(|last| last.contains(&needle)).then(|| rows.join("\n"))
        })
        .await
    }

    /// Waits for the end of the channel; checks exit status, EOF and close came in that
    /// order with no data after the EOF; returns the exit status.
    pub async fn wait_exit(&mut self) -> u32 {
        self.wait_until("the channel to close", |r| r.ended.then_some(())).await;
        let events = self.events();
        let pos = |want: &Event| events.iter().position(|e| e == want);
        let status = events
            .iter()
            .find_map(|e| match e {
                Event::ExitStatus(s) => Some(*s),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no exit status; events: {events:?}"));
        let s = pos(&Event::ExitStatus(status)).unwrap();
        let eof = pos(&Event::Eof).unwrap_or_else(|| panic!("no EOF; events: {events:?}"));
        let close = pos(&Event::Close).unwrap_or_else(|| panic!("no close; events: {events:?}"));
        assert!(s < eof && eof < close, "exit status, EOF, close out of order: {events:?}");
        assert!(!events[eof..].iter().any(|e| matches!(e, Event::Data(_))), "data after EOF: {events:?}");
        status
    }
}

// ---------------------------------------------------------------------------------------
// Screen text
// ---------------------------------------------------------------------------------------

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never 0")
}

/// No-break spaces (French typography) compared as ordinary spaces.
pub fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The rows of a screen, trailing spaces trimmed, NBSP made plain.
pub fn screen_rows(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).map(|r| plain(r.trim_end())).collect()
}

pub fn screen_text(screen: &vt100::Screen) -> String {
    screen_rows(screen).join("\n")
}

/// The characters of `row` between columns `from` (inclusive) and `to` (exclusive),
/// one string per cell (empty cells as a space).
pub fn cells(screen: &vt100::Screen, row: u16, from: u16, to: u16) -> String {
    (from..to)
        .map(|col| {
            screen.cell(row, col).map(|c| c.contents()).filter(|c| !c.is_empty()).unwrap_or(" ").to_string()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------------------

/// The first paragraph of a demo article's Markdown body, as words.
pub fn first_paragraph_words(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    // Front matter: between the first two `---` lines.
    let body = text.splitn(3, "---\n").nth(2).expect("front matter");
    let para = body.trim_start().split("\n\n").next().unwrap();
    words(para)
}

pub fn words(s: &str) -> Vec<String> {
    plain(s).split_whitespace().map(str::to_string).collect()
}

/// Joins wrapped lines back into words: a line ending with a hyphen that the wrapper broke
/// after (`dites-` / `nous`) is glued to the next.
pub fn unwrap_lines(lines: &[String]) -> Vec<String> {
    let mut text = String::new();
    for line in lines {
        let line = plain(line.trim());
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() && !text.ends_with('-') {
            text.push(' ');
        }
        text.push_str(&line);
    }
    words(&text)
}

// ---------------------------------------------------------------------------------------
// Server logs
// ---------------------------------------------------------------------------------------

/// Everything the server logged in this test process, at `debug` and above, as text.
static LOGS: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sends the server's logs to [`logs`], once per test process.
pub fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("cedille=debug"))
            .with_ansi(false)
            .with_writer(|| LogWriter)
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
}

/// The log lines so far that contain every one of `needles`.
pub fn log_lines(needles: &[&str]) -> Vec<String> {
    let logs = LOGS.lock().unwrap_or_else(|e| e.into_inner());
    String::from_utf8_lossy(&logs)
        .lines()
        .filter(|l| needles.iter().all(|n| l.contains(n)))
        .map(String::from)
        .collect()
}

/// Waits until a log line contains every one of `needles`; returns it.
pub async fn wait_log(needles: &[&str]) -> String {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(line) = log_lines(needles).into_iter().next() {
            return line;
        }
        if Instant::now() >= deadline {
            let related = needles.last().map(|n| log_lines(&[n])).unwrap_or_default();
            panic!(
                "timed out waiting for a log line with {needles:?}; lines with the last one:\n{}",
                related.join("\n")
            );
        }
        // Polling a log has nothing to wait on: look again shortly.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until `cond` holds, polling, or fails after [`DEADLINE`] saying `what`.
pub async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// ---------------------------------------------------------------------------------------
// A proxy that can stop reading
// ---------------------------------------------------------------------------------------

/// A TCP relay between one client and the server whose server-to-client direction can be
/// frozen: the client then looks, to the server, like one that stopped reading.
pub struct Proxy {
    pub addr: SocketAddr,
    frozen: watch::Sender<bool>,
    /// The proxy's own address towards the server: the `peer` in the server's logs.
    upstream: Arc<Mutex<Option<SocketAddr>>>,
    task: JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub async fn start(server: SocketAddr) -> Proxy {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (frozen, frozen_rx) = watch::channel(false);
        let upstream_addr = Arc::new(Mutex::new(None));
        let seen = upstream_addr.clone();
        let task = tokio::spawn(async move {
            let (client, _) = listener.accept().await.unwrap();
            let upstream = tokio::net::TcpStream::connect(server).await.unwrap();
            *seen.lock().unwrap() = Some(upstream.local_addr().unwrap());
            let (mut cr, mut cw) = client.into_split();
            let (mut ur, mut uw) = upstream.into_split();
            let up = tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                while let Ok(n) = cr.read(&mut buf).await {
                    if n == 0 || uw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            });
            let mut frozen = frozen_rx;
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                if *frozen.borrow_and_update() {
                    // Frozen: nothing more is read from the server, ever.
                    std::future::pending::<()>().await;
                }
                tokio::select! {
                    r = ur.read(&mut buf) => match r {
                        Ok(0) | Err(_) => break,
                        Ok(n) => if cw.write_all(&buf[..n]).await.is_err() { break },
                    },
                    _ = frozen.changed() => {}
                }
            }
            up.abort();
        });
        Proxy { addr, frozen, upstream: upstream_addr, task }
    }

    /// From now on nothing the server sends is read.
    pub fn freeze(&self) {
        self.frozen.send_replace(true);
    }

    /// The log field naming the proxied connection on the server.
    pub fn peer_field(&self) -> String {
        format!("peer={}", self.upstream.lock().unwrap().expect("the proxy has not connected yet"))
    }
}

/// What became of one `comment` command.
pub enum Posted {
    /// Exit status 0 and the new comment's id: the member was told it is saved.
    Acknowledged(i64),
    /// The server answered no: a rule, or a bug.
    Refused(String),
    /// No answer: the connection went down with the server.
    Lost,
}

/// `comment ARTICLE` with `body` on its standard input, as a member's script would.
pub async fn post(client: &mut Client, article: i64, body: &str) -> Posted {
    let Ok(channel) = client.handle().channel_open_session().await else {
        return Posted::Lost;
    };
    if channel.exec(true, format!("comment {article}")).await.is_err()
        || channel.data(body.as_bytes()).await.is_err()
        || channel.eof().await.is_err()
    {
        return Posted::Lost;
    }
    let (mut channel, mut stdout, mut stderr, mut status) = (channel, Vec::new(), Vec::new(), None);
    let collect = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => stdout.extend_from_slice(&data),
                ChannelMsg::ExtendedData { data, .. } => stderr.extend_from_slice(&data),
                ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                ChannelMsg::Close => break,
                _ => {}
            }
        }
    };
    if tokio::time::timeout(DEADLINE, collect).await.is_err() {
        return Posted::Lost;
    }
    match (status, String::from_utf8_lossy(&stdout).trim().parse::<i64>()) {
        (Some(0), Ok(id)) => Posted::Acknowledged(id),
        (Some(_), _) => Posted::Refused(String::from_utf8_lossy(&stderr).into_owned()),
        (None, _) => Posted::Lost,
    }
}
