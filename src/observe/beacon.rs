//! The server's row in the database (`store::status`), which `cedille status` reads from
//! another process: written at start, after each change of its counts but at most once
//! every [`Beacon::MIN_INTERVAL`], once a [`Beacon::HEARTBEAT`] whatever happens, and at a clean stop.
//!
//! Why the database and not the metrics endpoint: `status` opens the database anyway, the
//! endpoint is off by default (and may be bound where the operator's shell cannot reach),
//! and the row also says when the server is gone — a stop, or a heartbeat missed.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep_until};

use super::Metrics;
use crate::store::Store;

/// The counts are at most this old in the row (unless the database cannot be written).
const MIN_INTERVAL: Duration = Beacon::MIN_INTERVAL;
const HEARTBEAT: Duration = Beacon::HEARTBEAT;

/// The task keeping the row; [`Beacon::stop`] writes the stop.
pub struct Beacon {
    store: Store,
    task: JoinHandle<()>,
}

impl Beacon {
    /// Changes of the counts reach the row at most this far apart, and this late.
    pub const MIN_INTERVAL: Duration = Duration::from_secs(2);
    /// The row is written at least this often: a row older than two of them is a server
    /// that is not running any more.
    pub const HEARTBEAT: Duration = Duration::from_secs(60);

    /// Records this process as the server of `store`, listening on `listen`.
    pub async fn start(store: Store, metrics: Arc<Metrics>, listen: String) -> Beacon {
        let pid = std::process::id();
        let first = store.clone();
        let started = tokio::task::spawn_blocking(move || first.status().started(pid, &listen)).await;
        if let Ok(Err(e)) = started {
            tracing::warn!("cannot record the server in the database for `cedille status`: {e}");
        }
        let task = tokio::spawn(keep(store.clone(), metrics));
        Beacon { store, task }
    }

    /// The server stopped: its row says so.
    pub async fn stop(self) {
        self.task.abort();
        let store = self.store;
        let _ = tokio::task::spawn_blocking(move || store.status().stopped()).await;
    }
}

async fn keep(store: Store, metrics: Arc<Metrics>) {
    // `start` wrote no session and no connection.
    let mut written = (0, 0);
    let mut last = Instant::now();
    loop {
        tokio::select! {
            _ = metrics.changed() => {}
            _ = sleep_until(last + HEARTBEAT) => {}
        }
        // Changes close together make one write: the last of them, `MIN_INTERVAL` after
        // the previous write.
        sleep_until(last + MIN_INTERVAL).await;
        let now = metrics.open();
        if now == written && last.elapsed() < HEARTBEAT {
            continue;
        }
        beat(&store, now).await;
        written = now;
        last = Instant::now();
    }
}

async fn beat(store: &Store, (sessions, connections): (i64, i64)) {
    let store = store.clone();
    let wrote = tokio::task::spawn_blocking(move || store.status().beat(sessions, connections)).await;
    if let Ok(Err(e)) = wrote {
        tracing::debug!("cannot update the server's row in the database: {e}");
    }
}
