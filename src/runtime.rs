//! One session's loop, the same over SSH and on the local terminal: input → events →
//! `App::update` → effects performed against the store, each through its section's door
//! (`runtime/<section>.rs`) → results back as events → draw. See ARCHITECTURE.md.
//!
//! Output discipline: at most one frame waits for the transport. While it waits, the loop
//! keeps taking input and only marks the screen dirty; when the transport is free it draws
//! once, so a slow client gets the latest screen, never a backlog of stale ones.

mod admin;
mod agenda;
mod bulletin;
mod door;
mod follow;
mod front;
mod idle;
mod meter;
mod network;
mod notice;
mod profile;
mod queue;
mod spaces;
mod workers;

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::{broadcast, mpsc, watch};
use tokio::time::{Instant, sleep_until};

pub use door::{Console, Ctx, Viewer, fault, perform_one};
pub use front::Front;
pub use queue::{IN_FLIGHT, WAITING};
pub use workers::{MEMBER_THREADS, Workers};

use crate::domain::CommentPolicy;
use crate::observe::Metrics;
use crate::store::Store;
use crate::term::Profile;
use crate::term::input::{ESC_TIMEOUT, InputDecoder};
use crate::term::screen::Screen;
use crate::ui::{self, AdminResult, Effect, Event};
use door::{Finished, Outcome};
use idle::Idle;
use queue::Queue;

/// How stale the App's clock may get before a key brings it up to date (what the key
/// opens is then dated right).
const CLOCK_SLACK: chrono::Duration = chrono::Duration::seconds(1);

/// What a transport hands to the session.
#[derive(Debug)]
pub enum Input {
    /// Raw bytes typed by the client (SSH).
    Bytes(Vec<u8>),
    /// An event already decoded (local terminal).
    Event(Event),
    Resize(u16, u16),
}

/// What only a terminal on the server itself can do: hand the screen to another program.
pub trait LocalTerminal: Send + Sync {
    /// Opens `text` in the admin's editor (`$VISUAL`, `$EDITOR`) and returns it as saved.
    /// `suffix` names the kind of text for the editor's colours (`.md`).
    fn edit(&self, text: &str, suffix: &str) -> Result<String, crate::domain::console::EditorError>;
}

/// What a network session is held to; the local terminal runs without any of it.
#[derive(Default)]
pub struct Guard {
    /// Close after this long without input, warning the member the second value before.
    pub idle: Option<(Duration, Duration)>,
    /// Becomes `true` when the server stops: the session says so and ends.
    pub stop: Option<watch::Receiver<bool>>,
    /// The longest paste kept (None: the decoder's default).
    pub max_paste: Option<usize>,
    /// The powers of a console on the server's own terminal; never over the network.
    pub console: Option<Console>,
    /// The threads members' work shares, every session of the server together (None: a
    /// share of the session's own).
    pub workers: Option<Workers>,
    /// Where keys, frames and the time between them are counted (None: nowhere).
    pub metrics: Option<Arc<Metrics>>,
    /// The client's terminal: what it can be sent, which characters it shows (by
    /// default an xterm in UTF-8).
    pub terminal: Profile,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The member quit.
    Quit,
    /// The transport closed the input, or stopped taking frames.
    Gone,
    /// No input within the idle timeout.
    Idle,
    /// The server is stopping.
    Shutdown,
}

/// Runs a session until the member quits, the input closes or `guard` ends it; says why it
/// ended. Frames go to `out`; the caller turns the closed `out` into the end of the transport.
/// `front`: the full-screen App, or line mode.
pub async fn run_guarded(
    store: Store,
    policy: CommentPolicy,
    front: impl Into<Front>,
    effects: Vec<Effect>,
    mut input: mpsc::Receiver<Input>,
    out: mpsc::Sender<Vec<u8>>,
    guard: Guard,
) -> End {
    // Unbounded, yet never more than `IN_FLIGHT` waiting in it: one per effect under way.
    let (results_tx, mut results) = mpsc::unbounded_channel::<Finished>();
    let mut changes = store.subscribe();
    let mut s = Session::new(Arc::new(Ctx { store, policy }), front.into(), &guard, results_tx);
    // A server that never stops: a sender kept alive, never used.
    let (_never, never_rx) = watch::channel(false);
    let mut stop = guard.stop.unwrap_or(never_rx);
    let jitter = jitter();
    s.perform(effects);
    s.start();

    while !s.front.wants_quit() && s.ending.is_none() {
        let idle_deadline = s.idle.as_ref().map(Idle::next_deadline);
        let tick_at = s.next_tick(jitter);
        let events = tokio::select! {
            biased;
            changed = stop.changed() => {
                match changed {
                    Ok(()) if *stop.borrow() => s.ending = Some(End::Shutdown),
                    Ok(()) => {}
                    // Nobody can stop us any more: wait on a sender that never speaks.
                    Err(_) => stop = watch::channel(false).1,
                }
                Vec::new()
            }
            // First: at most `IN_FLIGHT` of them, and each frees room in the queue.
            Some(finished) = results.recv() => s.finished(finished),
            // While the queue is full, keys wait in the transport: the flood slows its sender.
            msg = input.recv(), if s.takes_input() => match msg {
                None => return End::Gone,
                Some(msg) => s.input(msg),
            },
            _ = sleep_until(idle_deadline.unwrap_or_else(Instant::now)), if idle_deadline.is_some() => {
                s.idle_passed();
                Vec::new()
            }
            _ = sleep_until(s.esc_deadline.unwrap_or_else(Instant::now)), if s.esc_deadline.is_some() => {
                s.esc_deadline = None;
                s.decoder.flush()
            }
            _ = sleep_until(tick_at.unwrap_or_else(Instant::now)), if tick_at.is_some() => {
                vec![Event::Tick(Utc::now())]
            }
            change = changes.recv() => match change {
                Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    vec![Event::Tick(Utc::now()), Event::DataChanged]
                }
                // The store is gone: nothing will change any more.
                Err(broadcast::error::RecvError::Closed) => {
                    changes = broadcast::channel(1).1;
                    Vec::new()
                }
            },
            permit = out.reserve(), if s.dirty => {
                let Ok(permit) = permit else { return End::Gone };
                match s.frame() {
                    Some(frame) if !frame.is_empty() => {
                        s.meter.sent();
                        permit.send(frame);
                    }
                    Some(_) => s.meter.unchanged(),
                    None => return End::Gone,
                }
                Vec::new()
            }
        };
        s.update(events);
    }
    s.finish(&out).await
}

/// A delay of its own for each session, between 0.1 and 1.1 s: after the time a word on
/// screen changes, so that a tick never comes early, and spread, so that a thousand readers
/// of one thread do not redraw in the same instant.
fn jitter() -> Duration {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SESSIONS: AtomicU64 = AtomicU64::new(0);
    // The golden ratio spreads consecutive sessions evenly over the second.
    let n = SESSIONS.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Duration::from_millis(100 + (n >> 54) % 1000)
}

/// [`run_guarded`], for a console on the server's own terminal, `terminal` as its own
/// `TERM` and locale describe it.
// What the loop needs, each given as it is: a struct to hold them would be one more name
// for the same list.
#[allow(clippy::too_many_arguments)]
pub async fn run_local(
    store: Store,
    policy: CommentPolicy,
    app: ui::App,
    effects: Vec<Effect>,
    input: mpsc::Receiver<Input>,
    out: mpsc::Sender<Vec<u8>>,
    console: Option<Console>,
    terminal: Profile,
) {
    run_guarded(store, policy, app, effects, input, out, Guard { console, terminal, ..Guard::default() })
        .await;
}

/// One session's state beside its App: the screen as the client has it, the input decoder,
/// the idle clock, what waits to be written, the effects waiting their turn and the events
/// waiting for room among them.
struct Session {
    front: Front,
    /// What the client's screen shows; frames are drawn on the thread's scratch terminal.
    screen: Screen,
    decoder: InputDecoder,
    idle: Option<Idle>,
    esc_deadline: Option<Instant>,
    pending: Vec<u8>,
    dirty: bool,
    ending: Option<End>,
    ctx: Arc<Ctx>,
    console: Option<Console>,
    results: mpsc::UnboundedSender<Finished>,
    workers: Workers,
    /// Effects waiting their turn, each with who asked.
    queue: Queue<(Viewer, Effect)>,
    /// Events not given to the App yet because the queue is full.
    backlog: VecDeque<Event>,
    /// Keys and frames, counted for the server's metrics.
    meter: meter::Meter,
    /// The client's terminal, for the bytes sent beside frames.
    terminal: Profile,
}

impl Session {
    /// Boxed: the session's future stays small (one per member, held for hours), and moving
    /// the state into `finish` moves a pointer, not the App.
    fn new(
        ctx: Arc<Ctx>,
        mut front: Front,
        guard: &Guard,
        results: mpsc::UnboundedSender<Finished>,
    ) -> Box<Self> {
        let (cols, rows) = front.size();
        // Line mode draws no screen: no copy of one to keep.
        let screen = if front.is_line() {
            Screen::new(1, 1)
        } else {
            Screen::for_terminal(cols, rows, guard.terminal)
        };
        front.set_comment_limit(ctx.policy.max_chars);
        // Line mode writes plain lines into the terminal as it is: no alternate screen.
        let enter = if front.is_line() { Vec::new() } else { guard.terminal.enter() };
        Box::new(Session {
            front,
            screen,
            decoder: {
                let mut decoder = guard.max_paste.map(InputDecoder::with_max_paste).unwrap_or_default();
                decoder.set_charset(guard.terminal.charset);
                decoder
            },
            idle: guard.idle.map(|(timeout, warning)| Idle::new(timeout, warning)),
            esc_deadline: None,
            pending: enter,
            terminal: guard.terminal,
            dirty: true,
            ending: None,
            ctx,
            console: guard.console.clone(),
            results,
            workers: guard.workers.clone().unwrap_or_default(),
            queue: Queue::default(),
            backlog: VecDeque::new(),
            meter: meter::Meter::new(guard.metrics.clone()),
        })
    }

    /// Queues `effects` with who asks now: a key linked to another account changes the
    /// member mid-session. A query of a kind already waiting takes its place.
    fn perform(&mut self, effects: Vec<Effect>) {
        if effects.is_empty() {
            return;
        }
        let viewer = Viewer::of(self.front.identity(), self.console.as_ref());
        for effect in effects {
            self.queue.push(queue::coalesce_key(&effect), (viewer.clone(), effect));
        }
    }

    /// Starts what the queue has room for.
    fn start(&mut self) {
        while let Some((key, (viewer, effect))) = self.queue.next() {
            door::perform(&self.ctx, &self.workers, viewer, (key, effect), &self.results);
        }
    }

    /// Whether the loop reads more input: not while earlier keys still wait for room.
    fn takes_input(&self) -> bool {
        self.backlog.is_empty() && !self.queue.is_full()
    }

    /// An effect ended: its room in the queue is free, its result goes to the App.
    fn finished(&mut self, finished: Finished) -> Vec<Event> {
        self.queue.done(finished.key);
        match finished.outcome {
            Outcome::Done(event) => event.into_iter().collect(),
            // A query panicked on its worker thread: the session it served ends as if the
            // panic had happened here, and whoever runs the session reports it.
            Outcome::Panicked(payload) => std::panic::resume_unwind(payload),
        }
    }

    /// When the clock next changes a word on screen, a little later for each session so
    /// that sessions showing the same thing do not all wake in the same instant.
    fn next_tick(&self, jitter: Duration) -> Option<Instant> {
        let at = self.front.next_tick()?;
        let wait = (at - Utc::now()).to_std().unwrap_or_default();
        Some(Instant::now() + wait + jitter)
    }

    /// What the transport sent, as events for the App.
    fn input(&mut self, msg: Input) -> Vec<Event> {
        if let Some(idle) = self.idle.as_mut()
            && idle.touch()
        {
            self.dirty = true;
        }
        // A key after a long quiet: what it opens is dated with today's clock.
        let now = Utc::now();
        let mut events = Vec::new();
        if now - self.front.now() >= CLOCK_SLACK {
            events.push(Event::Tick(now));
        }
        events.extend(self.decode(msg));
        self.meter.typed(&events);
        events
    }

    fn decode(&mut self, msg: Input) -> Vec<Event> {
        match msg {
            Input::Bytes(bytes) => {
                let events = along(self.decoder.feed(&bytes));
                self.esc_deadline = self.decoder.is_pending().then(|| Instant::now() + ESC_TIMEOUT);
                events
            }
            Input::Event(ev) => vec![ev],
            Input::Resize(c, r) if self.front.is_line() => vec![Event::Resize(c, r)],
            Input::Resize(c, r) => {
                if (c, r) == self.screen.size() {
                    // The window changed and came back (a burst): the client's terminal cut
                    // or wrapped its lines meanwhile, so everything is drawn again.
                    self.screen.clear();
                } else {
                    self.screen.resize(c, r);
                }
                vec![Event::Resize(c, r)]
            }
        }
    }

    /// The idle deadline passed: a warning first, then the end.
    fn idle_passed(&mut self) {
        if let Some(idle) = self.idle.as_mut() {
            if idle.warned {
                self.ending = Some(End::Idle);
            } else {
                idle.warned = true;
                self.dirty = true;
            }
        }
    }

    /// Gives `events` to the App in order, as long as the queue has room for what they ask;
    /// the rest wait for the effects under way, then starts what can start.
    fn update(&mut self, events: Vec<Event>) {
        self.backlog.extend(events);
        while !self.queue.is_full() {
            let Some(ev) = self.backlog.pop_front() else { break };
            self.dirty = true;
            // Another program had the screen: everything is drawn again.
            if matches!(&ev, Event::Admin(result) if matches!(**result, AdminResult::Edited(..))) {
                self.screen.clear();
            }
            let effects = self.front.update(ev);
            if let Some(view) = self.front.view() {
                self.meter.moved_to(view);
            }
            // The member chose other characters on their profile: from this frame on.
            if let Some(choice) = self.front.charset_choice() {
                self.terminal = self.terminal.chosen(choice);
                self.screen.set_charset(self.terminal.charset);
                self.decoder.set_charset(self.terminal.charset);
            }
            self.perform(effects);
        }
        self.start();
    }

    /// The bytes that bring the client's screen up to date; `None` when drawing failed.
    fn frame(&mut self) -> Option<Vec<u8>> {
        self.dirty = false;
        let lang = self.front.lang();
        let warning =
            self.idle.as_ref().and_then(|i| i.warned.then(|| lang.idle_warning(i.warning.as_secs())));
        let app = match &mut self.front {
            Front::Screen(app) => app,
            Front::Line(line) => {
                if let (Some(text), Some(idle)) = (&warning, self.idle.as_mut())
                    && !std::mem::replace(&mut idle.said, true)
                {
                    line.announce(text);
                }
                // Line mode's text goes through no frame: made to fit the charset here.
                self.pending.extend(self.terminal.text(&line.output()));
                return Some(std::mem::take(&mut self.pending));
            }
        };
        let drawn = self.screen.draw(|f| {
            ui::draw(app, f);
            if let Some(text) = &warning {
                notice::draw(f, text);
            }
        });
        self.pending.extend(drawn.ok()?);
        Some(std::mem::take(&mut self.pending))
    }

    /// Leaves the client's terminal as we found it, then says why it ended when it was not
    /// the member's choice. A client that no longer reads gets nothing more: the
    /// transport's own deadline ends it.
    async fn finish(mut self: Box<Self>, out: &mpsc::Sender<Vec<u8>>) -> End {
        let end = self.ending.unwrap_or(End::Quit);
        let mut bye = std::mem::take(&mut self.pending);
        let lang = self.front.lang();
        match &mut self.front {
            Front::Screen(_) => bye.extend_from_slice(&self.terminal.leave()),
            // What was said last, and the cursor at the start of a line of its own.
            Front::Line(line) => bye.extend(self.terminal.text(&line.closing())),
        }
        let message = match (end, &self.idle) {
            (End::Shutdown, _) => Some(lang.restarting().to_string()),
            (End::Idle, Some(idle)) => Some(lang.idle_closed(idle.timeout.as_secs() / 60)),
            // A suspension, say.
            _ => self.front.farewell(),
        };
        if let Some(message) = message {
            bye.extend_from_slice(&self.terminal.text(&format!("\r\n{}\r\n", message.replace('\n', "\r\n"))));
        }
        let _ = out.send(bye).await;
        end
    }
}

/// The keys of one packet after its first are typed ahead (`Event::KeyAlong`).
fn along(events: Vec<Event>) -> Vec<Event> {
    let mut first = true;
    events
        .into_iter()
        .map(|ev| match ev {
            Event::Key(key) if !first => Event::KeyAlong(key),
            Event::Key(key) => {
                first = false;
                Event::Key(key)
            }
            ev => ev,
        })
        .collect()
}
