//! Starting an interactive session on a channel, and the task that carries its frames to
//! the client with a deadline on every send.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::Shared;
use crate::domain::Identity;
use crate::i18n::Lang;
use crate::runtime::{self, Input};
use crate::term::colors::ColorDepth;
use crate::ui::App;

/// A client that has not taken a frame within this time is gone, or as good as.
const SEND_TIMEOUT: Duration = Duration::from_secs(20);

/// Everything the client told us before asking for a shell.
pub struct SessionStart {
    pub identity: Identity,
    pub lang: Lang,
    pub depth: ColorDepth,
    pub size: (u16, u16),
    pub peer: String,
    pub previous_visit: Option<chrono::DateTime<Utc>>,
}

/// Starts the UI on `channel`; returns where to send the client's input.
pub fn start(
    shared: Arc<Shared>,
    handle: Handle,
    channel: ChannelId,
    start: SessionStart,
) -> mpsc::Sender<Input> {
    let (input_tx, input_rx) = mpsc::channel::<Input>(256);
    let (out_tx, mut out_rx) = mpsc::channel::<Vec<u8>>(1);
    let store = shared.store.clone();
    let (app, mut effects) =
        App::new(start.identity.clone(), start.lang, start.depth, start.size, Utc::now());
    effects.extend(app.catch_up_since(start.previous_visit));

    // The UI: a panic here ends this task only; the writer below sees its channel close.
    let ui = tokio::spawn(runtime::run(store.clone(), shared.policy.clone(), app, effects, input_rx, out_tx));

    tokio::spawn(async move {
        let row = {
            let store = store.clone();
            let (user, fp) = match &start.identity {
                Identity::Member { user_id, fingerprint, .. } => (Some(*user_id), Some(fingerprint.clone())),
                Identity::Guest => (None, None),
            };
            let peer = start.peer.clone();
            tokio::task::spawn_blocking(move || store.sessions().open(user, fp.as_deref(), &peer))
                .await
                .ok()
                .and_then(Result::ok)
        };
        let mut alive = true;
        while let Some(frame) = out_rx.recv().await {
            if !matches!(timeout(SEND_TIMEOUT, handle.data(channel, frame)).await, Ok(Ok(()))) {
                alive = false;
                break;
            }
        }
        drop(out_rx);
        let crashed = match ui.await {
            Err(e) if e.is_panic() => Some(panic_message(e.into_panic())),
            _ => None,
        };
        if let Some(why) = &crashed {
            tracing::error!(peer = %start.peer, panic = %why, "session crashed");
            if alive {
                let message = format!(
                    "{}\r\nCédille: erreur interne, session fermée. Internal error, session closed.\r\n",
                    crate::term::modes::LEAVE
                );
                let _ = timeout(SEND_TIMEOUT, handle.data(channel, message.into_bytes())).await;
            }
        }
        if alive {
            let status = if crashed.is_some() { 1 } else { 0 };
            let _ = timeout(SEND_TIMEOUT, handle.exit_status_request(channel, status)).await;
            let _ = timeout(SEND_TIMEOUT, handle.eof(channel)).await;
            let _ = timeout(SEND_TIMEOUT, handle.close(channel)).await;
        }
        if let Some(id) = row {
            let _ = tokio::task::spawn_blocking(move || store.sessions().close(id)).await;
        }
    });
    input_tx
}

/// The text a panic was raised with, for the log.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload.downcast_ref::<&str>().map(|s| s.to_string()).unwrap_or_default(),
    }
}
