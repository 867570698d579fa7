//! Starting an interactive session on a channel, and the task that carries its frames to
//! the client with a deadline on every send. A client that misses the deadline stopped
//! reading: its connection is cut, and no frame waits for it meanwhile but the latest.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;
use tokio::time::{Instant, timeout};
use tracing::Instrument;

use super::Shared;
use super::channels::Slot;
use super::conn::Ctl;
use super::input::SessionInput;
use crate::domain::Identity;
use crate::i18n::Lang;
use crate::observe::Metrics;
use crate::runtime::{self, End, Front, Guard, Input};
use crate::term::Profile;
use crate::ui::colors::ColorDepth;
use crate::ui::line::Line;
use crate::ui::{App, Effect};

/// Everything the client told us before asking for a shell.
pub struct SessionStart {
    pub identity: Identity,
    pub lang: Lang,
    pub depth: ColorDepth,
    /// What the client's terminal can be sent and which characters it shows.
    pub terminal: Profile,
    pub size: (u16, u16),
    pub peer: String,
    pub previous_visit: Option<chrono::DateTime<Utc>>,
    /// Line mode rather than the full screen (`TERM=dumb`, `ssh -t host ligne`, or the
    /// member's setting).
    pub line: bool,
}

/// Starts the UI on `channel`; returns where to send the client's input. `slot`, the
/// channel's place among the sessions, is given back once the session ended, before the
/// channel is closed.
pub fn start(
    shared: Arc<Shared>,
    handle: Handle,
    channel: ChannelId,
    start: SessionStart,
    ctl: Arc<Ctl>,
    slot: Option<Slot>,
) -> SessionInput {
    let (input_tx, input_rx) = mpsc::channel::<Input>(256);
    let input = SessionInput::new(input_tx, start.size);
    let (out_tx, mut out_rx) = mpsc::channel::<Vec<u8>>(1);
    let store = shared.store.clone();
    let (front, effects) = front(&shared, &start);

    let guard = guard(&shared, start.terminal);
    // Every line of this session's work says whose it is: a member's id, never a word of theirs.
    let who = start.identity.user_id().map_or_else(|| "guest".to_string(), |id| id.to_string());
    let span = tracing::info_span!("session", peer = %start.peer, user = %who);
    let _entered = span.enter();
    tracing::info!(cols = start.size.0, rows = start.size.1, lang = ?start.lang, colours = ?start.depth, terminal = ?start.terminal, line = start.line, "session opened");
    let counted = shared.metrics.session();
    let metrics = shared.metrics.clone();
    let opened = Instant::now();
    let send_timeout = shared.limits.stalled_client_timeout;
    let lang = start.lang;
    let terminal = start.terminal;
    let busy = ctl.busy();
    // The UI: a panic here ends this task only; the writer below sees its channel close.
    let ui = tokio::spawn(
        runtime::run_guarded(store.clone(), shared.policy.clone(), front, effects, input_rx, out_tx, guard)
            .in_current_span(),
    );

    let writer = async move {
        let _busy = busy;
        let _counted = counted;
        let row = {
            let store = store.clone();
            let user = start.identity.user_id();
            let fp = start.identity.fingerprint().map(str::to_string);
            let peer = start.peer.clone();
            // Like a login, beside the members' share of threads (`runtime::Workers`).
            tokio::task::spawn_blocking(move || store.sessions().open(user, fp.as_deref(), &peer))
                .await
                .ok()
                .and_then(Result::ok)
        };
        let alive =
            forward(&mut out_rx, &handle, (channel, send_timeout), (&start.peer, &metrics), &ctl).await;
        drop(out_rx);
        let ended = ui.await;
        log_end(&ended, &start.peer, &metrics, opened);
        let crashed = match ended {
            Err(e) if e.is_panic() => Some(panic_message(e.into_panic())),
            _ => None,
        };
        if let Some(why) = &crashed {
            tracing::error!(peer = %start.peer, panic = %why, "session crashed");
        }
        // The session and its screen are gone: so is its place, before the client learns
        // the channel closed and opens its next one.
        if let Some(slot) = slot {
            slot.release();
        }
        if alive {
            close_channel(&handle, channel, send_timeout, (lang, terminal), crashed.is_some()).await;
        }
        if let Some(id) = row {
            let _ = tokio::task::spawn_blocking(move || store.sessions().close(id)).await;
        }
    };
    tokio::spawn(writer.in_current_span());
    input
}

/// The full-screen App, or line mode, with what each loads first.
fn front(shared: &Shared, start: &SessionStart) -> (Front, Vec<Effect>) {
    if start.line {
        let (line, effects) = Line::new(start.identity.clone(), start.lang, start.size, Utc::now());
        return (line.into(), effects);
    }
    let (mut app, mut effects) =
        App::new(start.identity.clone(), start.lang, start.depth, start.size, Utc::now());
    app.public_address.clone_from(&shared.public_address);
    effects.extend(app.catch_up_since(start.previous_visit));
    (app.into(), effects)
}

/// What a network session is held to: the server's limits, its stop, its threads, its metrics.
fn guard(shared: &Shared, terminal: Profile) -> Guard {
    let limits = &shared.limits;
    Guard {
        idle: Some((limits.idle_timeout, limits.idle_warning)),
        stop: Some(shared.stop.clone()),
        max_paste: Some(limits.max_paste_bytes),
        // Over the network: never the console's powers.
        console: None,
        workers: Some(shared.workers.clone()),
        metrics: Some(shared.metrics.clone()),
        terminal,
    }
}

/// Says how the session ended (an idle close counted as its limit's) and how long it lasted.
fn log_end(ended: &Result<End, tokio::task::JoinError>, peer: &str, metrics: &Metrics, opened: Instant) {
    match ended {
        Ok(End::Idle) => {
            metrics.refused("idle_timeout_secs");
            tracing::info!(peer = %peer, limit = "idle_timeout_secs", "idle session closed")
        }
        Ok(End::Shutdown) => tracing::info!(peer = %peer, "session told of the restart and closed"),
        _ => {}
    }
    let end = match ended {
        Ok(end) => format!("{end:?}").to_lowercase(),
        Err(_) => "crashed".to_string(),
    };
    tracing::info!(end, secs = opened.elapsed().as_secs(), "session closed");
}

/// Sends each frame to the client until the UI ends. `false` when the client is gone, or
/// stopped reading and its connection was cut.
async fn forward(
    out_rx: &mut mpsc::Receiver<Vec<u8>>,
    handle: &Handle,
    (channel, send_timeout): (ChannelId, Duration),
    (peer, metrics): (&str, &Metrics),
    ctl: &Ctl,
) -> bool {
    while let Some(frame) = out_rx.recv().await {
        match timeout(send_timeout, handle.data(channel, frame)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return false,
            Err(_) => {
                // Every call on this connection's handle would now wait as long: cut it.
                metrics.refused("stalled_client_timeout_secs");
                tracing::warn!(
                    peer = %peer,
                    limit = "stalled_client_timeout_secs",
                    "client stopped reading, connection closed"
                );
                ctl.killer.kill();
                return false;
            }
        }
    }
    true
}

/// Ends the channel of a client still there: after a crash, the terminal restored and a
/// word of apology first; then the exit status (1 after a crash), end of file, close.
async fn close_channel(
    handle: &Handle,
    channel: ChannelId,
    send_timeout: Duration,
    (lang, terminal): (Lang, Profile),
    crashed: bool,
) {
    if crashed {
        let mut message = terminal.leave();
        message.extend(terminal.text(&format!("\r\n{}\r\n", lang.session_crashed())));
        let _ = timeout(send_timeout, handle.data(channel, message)).await;
    }
    let status = if crashed { 1 } else { 0 };
    let _ = timeout(send_timeout, handle.exit_status_request(channel, status)).await;
    let _ = timeout(send_timeout, handle.eof(channel)).await;
    let _ = timeout(send_timeout, handle.close(channel)).await;
}

/// The text a panic was raised with, for the log.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload.downcast_ref::<&str>().map(|s| s.to_string()).unwrap_or_default(),
    }
}
