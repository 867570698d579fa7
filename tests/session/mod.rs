//! A session without SSH: the real runtime (`run_guarded`, `run_local`) on a fresh demo
//! database, fed with the bytes a terminal sends through in-memory channels, every frame it
//! sends written into a `vt100` terminal of the session's size. The screen a test reads is
//! the one a member would see; the store the test checks is the one the session wrote.
//!
//! Synchronisation is always "pump frames until the screen says so, or fail after a
//! deadline showing the last screen", never a sleep.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// Each test file uses a different part of these helpers.
#![allow(dead_code)]

use std::num::NonZeroU16;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use tempfile::TempDir;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use cedille::domain::{CommentPolicy, Identity, Moderation};
use cedille::i18n::Lang;
use cedille::runtime::{self, Console, End, Guard, Input};
use cedille::store::Store;
use cedille::term::Profile;
use cedille::term::colors::ColorDepth;
use cedille::ui::{App, Effect};

/// How long any expected screen may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The title of the newest demo article (first on the list).
pub const NEWEST_TITLE: &str = "Agenda de l'hiver, de Crest à Privas en passant par Die";
/// The second newest demo article.
pub const SECOND_TITLE: &str = "Télétravailler pour moins rouler, la mobilité dans la vallée";

/// Ctrl-C, Ctrl-S, Esc, Enter, Tab and the arrows as a terminal sends them.
pub const CTRL_C: &[u8] = b"\x03";
pub const CTRL_S: &[u8] = b"\x13";
pub const ESC: &[u8] = b"\x1b";
pub const ENTER: &[u8] = b"\r";
pub const TAB: &[u8] = b"\t";
pub const DOWN: &[u8] = b"\x1b[B";
pub const UP: &[u8] = b"\x1b[A";

/// What the runtime must undo when a session ends: mouse, bracketed paste, hidden cursor,
/// and, last of all, the alternate screen (`term::modes::LEAVE`).
pub const LEAVE_PARTS: &[&str] = &["\x1b[?1006l", "\x1b[?1000l", "\x1b[?2004l", "\x1b[?25h", "\x1b[?1049l"];

/// Comments published at once, no pause between two: the tests write quickly.
pub fn unmoderated() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

// ---------------------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------------------

/// A fresh database with the demo content (articles, meetups, spaces, communes), as a new
/// server opens it, in a folder removed with the harness.
pub struct Harness {
    pub store: Store,
    // Last: removed once the store is gone.
    pub dir: TempDir,
}

/// A member created in the store, as a verified key creates one over SSH.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: i64,
    pub fingerprint: String,
    pub identity: Identity,
    /// Their last visit before this one (`None` on the first), for « since your last visit ».
    pub previous_visit: Option<chrono::DateTime<Utc>>,
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        Harness { store, dir }
    }

    /// A member with a fresh key, created the way SSH authentication does (`for_key`), with
    /// `handle` chosen on an earlier visit, or none yet.
    pub fn member(&self, handle: Option<&str>) -> Member {
        static COUNTER: AtomicU64 = AtomicU64::new(1);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let fingerprint = format!("SHA256:session-harness-{}-{n}", std::process::id());
        let owner = self.store.users().for_key(&fingerprint, "ssh-ed25519").unwrap();
        let handle = handle.map(|h| self.store.users().set_handle(owner.user_id, h).unwrap());
        Member {
            user_id: owner.user_id,
            fingerprint: fingerprint.clone(),
            identity: Identity::Member { user_id: owner.user_id, fingerprint, handle },
            previous_visit: owner.previous_visit,
        }
    }

    /// A guest's session, as over SSH, with the default comment rules.
    pub fn guest(&self, cols: u16, rows: u16) -> Session {
        self.session(Identity::Guest, None, cols, rows, CommentPolicy::default())
    }

    /// A member's session, as over SSH (their catch-up included).
    pub fn member_session(&self, member: &Member, cols: u16, rows: u16, policy: CommentPolicy) -> Session {
        self.session(member.identity.clone(), member.previous_visit, cols, rows, policy)
    }

    /// A session started as `ssh::session::start` does: `App::new`, the catch-up since the
    /// previous visit, `run_guarded` without the console's powers.
    pub fn session(
        &self,
        identity: Identity,
        previous_visit: Option<chrono::DateTime<Utc>>,
        cols: u16,
        rows: u16,
        policy: CommentPolicy,
    ) -> Session {
        let (mut app, mut effects) =
            App::new(identity, Lang::Fr, ColorDepth::Ansi256, (cols, rows), Utc::now());
        effects.extend(app.catch_up_since(previous_visit));
        Session::guarded(self.store.clone(), policy, app, effects, Guard::default())
    }

    /// A guest's session on a terminal of `terminal` (its TERM and locale), as over SSH.
    pub fn guest_on(&self, cols: u16, rows: u16, terminal: Profile) -> Session {
        let (app, effects) =
            App::new(Identity::Guest, Lang::Fr, ColorDepth::Ansi256, (cols, rows), Utc::now());
        let guard = Guard { terminal, ..Guard::default() };
        Session::guarded(self.store.clone(), CommentPolicy::default(), app, effects, guard)
    }

    /// The admin console as `cedille admin` starts it, `run_local` with a [`Console`] that
    /// signs with `actor` and has no terminal to lend to an editor.
    pub fn console(&self, actor: &str, cols: u16, rows: u16) -> Session {
        self.console_on(actor, cols, rows, Profile::default())
    }

    /// [`Harness::console`] in a local terminal of `terminal` (its TERM and locale).
    pub fn console_on(&self, actor: &str, cols: u16, rows: u16, terminal: Profile) -> Session {
        let (app, effects) = admin_app(actor, cols, rows);
        let console = Console { actor: actor.to_string(), terminal: None };
        Session::local_on(self.store.clone(), CommentPolicy::default(), app, effects, Some(console), terminal)
    }
}

impl Default for Harness {
    fn default() -> Self {
        Harness::new()
    }
}

/// The console's App (`App::new_admin`), without any power of its own: those come with the
/// runtime's viewer.
pub fn admin_app(actor: &str, cols: u16, rows: u16) -> (App, Vec<Effect>) {
    App::new_admin(Lang::Fr, ColorDepth::Ansi256, (cols, rows), Utc::now(), actor.to_string(), false)
}

// ---------------------------------------------------------------------------------------
// A running session
// ---------------------------------------------------------------------------------------

/// One session loop on tokio, its input and its frames.
pub struct Session {
    input: Option<mpsc::Sender<Input>>,
    out: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte received, in order.
    raw: Vec<u8>,
    /// The runtime sent its last frame and closed its side.
    closed: bool,
    /// `None` from `run_local`, which says nothing of why it ended.
    task: Option<JoinHandle<Option<End>>>,
    /// The database the session works on (a clone: the same file).
    pub store: Store,
}

impl Drop for Session {
    fn drop(&mut self) {
        // A session left open (a failed test) ends as a closed transport would end it.
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl Session {
    /// `run_guarded` with `guard`, sized as `app.size` says.
    pub fn guarded(
        store: Store,
        policy: CommentPolicy,
        app: App,
        effects: Vec<Effect>,
        guard: Guard,
    ) -> Session {
        let (input_tx, input_rx) = mpsc::channel::<Input>(256);
        // One frame at a time, as over SSH: the runtime draws again only once it is taken.
        let (out_tx, out_rx) = mpsc::channel::<Vec<u8>>(1);
        let size = app.size;
        let task = tokio::spawn({
            let store = store.clone();
            async move { Some(runtime::run_guarded(store, policy, app, effects, input_rx, out_tx, guard).await) }
        });
        Session::with(store, size, input_tx, out_rx, task)
    }

    /// `run_local` with `console`, sized as `app.size` says, on an xterm in UTF-8.
    pub fn local(
        store: Store,
        policy: CommentPolicy,
        app: App,
        effects: Vec<Effect>,
        console: Option<Console>,
    ) -> Session {
        Session::local_on(store, policy, app, effects, console, Profile::default())
    }

    /// [`Session::local`] on a local terminal of `terminal` (its TERM and locale).
    pub fn local_on(
        store: Store,
        policy: CommentPolicy,
        app: App,
        effects: Vec<Effect>,
        console: Option<Console>,
        terminal: Profile,
    ) -> Session {
        let (input_tx, input_rx) = mpsc::channel::<Input>(64);
        let (out_tx, out_rx) = mpsc::channel::<Vec<u8>>(1);
        let size = app.size;
        let task = tokio::spawn({
            let store = store.clone();
            async move {
                runtime::run_local(store, policy, app, effects, input_rx, out_tx, console, terminal).await;
                None
            }
        });
        Session::with(store, size, input_tx, out_rx, task)
    }

    fn with(
        store: Store,
        (cols, rows): (u16, u16),
        input: mpsc::Sender<Input>,
        out: mpsc::Receiver<Vec<u8>>,
        task: JoinHandle<Option<End>>,
    ) -> Session {
        Session {
            input: Some(input),
            out,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
            closed: false,
            task: Some(task),
            store,
        }
    }

    /// Bytes as the member's terminal sends them: `b"j"`, `b"\r"`, `b"\x1b[B"`…
    pub async fn send(&self, bytes: &[u8]) {
        self.input(Input::Bytes(bytes.to_vec())).await;
    }

    /// Text typed one key at a time, each its own read, as a person types.
    pub async fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.send(c.to_string().as_bytes()).await;
        }
    }

    /// A bracketed paste of `text`, in one read.
    pub async fn paste(&self, text: &str) {
        self.send(format!("\x1b[200~{text}\x1b[201~").as_bytes()).await;
    }

    /// The member's window changes size: the local terminal follows at once, as a real one
    /// does, and the runtime is told.
    pub async fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.input(Input::Resize(cols, rows)).await;
    }

    /// The member's window goes to `via` and back to its size in one burst: the local
    /// terminal cuts its lines to `via` and grows again, and the runtime is told only the
    /// size it ends at, as the handler hands a burst over.
    pub async fn resize_and_back(&mut self, via: (u16, u16)) {
        let (rows, cols) = self.parser.screen().size();
        self.parser.screen_mut().set_size(nz(via.1), nz(via.0));
        self.parser.screen_mut().set_size(rows, cols);
        self.input(Input::Resize(cols.get(), rows.get())).await;
    }

    /// The whole screen drawn again as it is (the runtime told its own size, as after a
    /// resize and back), taken until that frame arrived; the screen then. A screen that
    /// differs from the one before shows what the frames sent so far got wrong.
    pub async fn redrawn(&mut self) -> String {
        let mark = self.mark();
        let (rows, cols) = self.parser.screen().size();
        self.input(Input::Resize(cols.get(), rows.get())).await;
        let deadline = Instant::now() + DEADLINE;
        while !self.since(mark).windows(4).any(|w| w == b"\x1b[2J") {
            assert!(self.pump_until(deadline).await, "no full redraw within {DEADLINE:?}");
        }
        self.text()
    }

    async fn input(&self, input: Input) {
        let tx = self.input.as_ref().expect("the input was closed");
        tokio::time::timeout(DEADLINE, tx.send(input))
            .await
            .expect("the session stopped taking input")
            .expect("the session ended");
    }

    /// Takes one frame, if one comes before `deadline`; false when none will come or the
    /// deadline passed.
    async fn pump_until(&mut self, deadline: Instant) -> bool {
        if self.closed {
            return false;
        }
        match tokio::time::timeout_at(deadline, self.out.recv()).await {
            Ok(Some(frame)) => {
                self.parser.process(&frame);
                self.raw.extend_from_slice(&frame);
                true
            }
            Ok(None) => {
                self.closed = true;
                false
            }
            Err(_) => false,
        }
    }

    /// Waits, at most [`DEADLINE`], until the screen text satisfies `cond`; returns that text.
    /// Fails with the last screen, saying `what` was awaited.
    pub async fn wait_for(&mut self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        self.wait_within(what, DEADLINE, cond).await
    }

    /// [`Session::wait_for`] with another deadline.
    pub async fn wait_within(&mut self, what: &str, within: Duration, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + within;
        loop {
            let text = self.text();
            if cond(&text) {
                return text;
            }
            if !self.pump_until(deadline).await {
                let text = self.text();
                if cond(&text) {
                    return text;
                }
                let why = if self.closed { "the session ended" } else { "timed out" };
                panic!("{why} after at most {within:?} waiting for {what}\n--- screen ---\n{text}");
            }
        }
    }

    /// Waits until everything received, as text, contains `needle` (no-break spaces compared
    /// as spaces): what line mode left in the scrollback as well as on screen.
    pub async fn wait_output(&mut self, needle: &str) -> String {
        let needle = plain(needle);
        let deadline = Instant::now() + DEADLINE;
        loop {
            let text = self.output();
            if text.contains(&needle) {
                return text;
            }
            if !self.pump_until(deadline).await && !self.output().contains(&needle) {
                let why = if self.closed { "the session ended" } else { "timed out" };
                panic!("{why} waiting for « {needle} » in the output\n--- output ---\n{text}");
            }
        }
    }

    /// Waits until everything received, as text, satisfies `cond`.
    pub async fn wait_for_output(&mut self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let text = self.output();
            if cond(&text) {
                return text;
            }
            if !self.pump_until(deadline).await && !cond(&self.output()) {
                panic!("timed out waiting for {what}\n--- output ---\n{text}");
            }
        }
    }

    /// Everything received, as text, no-break spaces made plain.
    pub fn output(&self) -> String {
        plain(&String::from_utf8_lossy(&self.raw))
    }

    /// A line mode session (`ssh -t host ligne`, `TERM=dumb`), in French.
    pub fn line(store: Store, identity: Identity, size: (u16, u16), policy: CommentPolicy) -> Session {
        Session::line_on(store, identity, size, policy, Profile::default())
    }

    /// [`Session::line`] on a terminal of `terminal` (its TERM and locale).
    pub fn line_on(
        store: Store,
        identity: Identity,
        (cols, rows): (u16, u16),
        policy: CommentPolicy,
        terminal: Profile,
    ) -> Session {
        let (line, effects) = cedille::ui::line::Line::new(identity, Lang::Fr, (cols, rows), Utc::now());
        let guard = Guard { terminal, ..Guard::default() };
        let (input_tx, input_rx) = mpsc::channel::<Input>(256);
        let (out_tx, out_rx) = mpsc::channel::<Vec<u8>>(1);
        let task = tokio::spawn({
            let store = store.clone();
            async move { Some(runtime::run_guarded(store, policy, line, effects, input_rx, out_tx, guard).await) }
        });
        Session::with(store, (cols, rows), input_tx, out_rx, task)
    }

    /// Waits until the screen shows `needle` (no-break spaces compared as spaces).
    pub async fn wait_text(&mut self, needle: &str) -> String {
        let needle = plain(needle);
        self.wait_for(&format!("« {needle} » on screen"), |t| t.contains(&needle)).await
    }

    /// Waits until the last row (the status line) contains `needle`; returns the screen.
    pub async fn wait_status(&mut self, needle: &str) -> String {
        let needle = plain(needle);
        self.wait_for(&format!("« {needle} » on the status line"), |t| {
            t.lines().last().is_some_and(|last| last.contains(&needle))
        })
        .await
    }

    /// Sends `bytes` (`CTRL_C`, `b"q"`), then takes every frame until the runtime closes its
    /// side, and returns why it ended (`None` for `run_local`). Fails if it does not end
    /// within [`DEADLINE`].
    pub async fn end_with(&mut self, bytes: &[u8]) -> Option<End> {
        self.send(bytes).await;
        self.finish().await
    }

    /// Closes the input, as a transport that went away does; returns why the session ended.
    pub async fn close_input(&mut self) -> Option<End> {
        self.input = None;
        self.finish().await
    }

    async fn finish(&mut self) -> Option<End> {
        let deadline = Instant::now() + DEADLINE;
        while !self.closed {
            if !self.pump_until(deadline).await && !self.closed {
                panic!("the session did not end within {DEADLINE:?}\n--- screen ---\n{}", self.text());
            }
        }
        let task = self.task.take().expect("the session was already ended");
        tokio::time::timeout_at(deadline, task)
            .await
            .expect("the session loop did not return")
            .expect("the session loop panicked")
    }

    /// The screen as text: rows joined by `\n`, trailing spaces trimmed, NBSP made plain.
    pub fn text(&self) -> String {
        self.rows().join("\n")
    }

    pub fn rows(&self) -> Vec<String> {
        let screen = self.parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols.get()).map(|r| plain(r.trim_end())).collect()
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Everything the runtime sent so far.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// How many bytes were received so far: a mark for [`Session::since`].
    pub fn mark(&self) -> usize {
        self.raw.len()
    }

    pub fn since(&self, mark: usize) -> &[u8] {
        &self.raw[mark..]
    }
}

/// Checks that `raw` (everything a session sent) ends by restoring the terminal.
pub fn assert_ends_restored(raw: &[u8]) {
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(64)..]).into_owned();
    assert!(tail.ends_with("\x1b[?1049l"), "the last bytes must leave the alternate screen: {tail:?}");
    for part in LEAVE_PARTS {
        assert!(tail.contains(part), "{part:?} missing from the restore sequence: {tail:?}");
    }
}

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never 0")
}

/// No-break spaces (French typography) compared as ordinary spaces.
pub fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The first row of a screen: the top bar.
pub fn top_row(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

/// The last row of a screen: the status line.
pub fn last_row(text: &str) -> String {
    text.lines().last().unwrap_or_default().to_string()
}
