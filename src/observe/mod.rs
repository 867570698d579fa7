//! What an operator sees of a running server: its metrics (kept here, served by [`http`]
//! when `[metrics] listen` is set), its row in the database for `cedille status`
//! ([`Beacon`]), and its log lines ([`logs`]).
//!
//! Everything is recorded with atomics: a key or a frame costs a relaxed addition. `ssh/`
//! counts connections, sessions and refusals; `runtime` counts keys and frames and times
//! key-to-frame; the store times its writes through the function it is given
//! ([`Metrics::write_timer`]). `ui/` never sees any of it.

mod beacon;
mod histogram;
pub mod http;
pub mod logs;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::registry::Registry;
use tokio::sync::Notify;

pub use beacon::Beacon;
pub use histogram::Histogram;

use crate::store::WriteTimer;

/// The limits whose refusals are counted, each with a series from the start (at 0): what
/// the log names `limit=` when a connection, a session or a channel is turned away or cut.
pub const LIMITS: &[&str] = &[
    "max_unauthenticated_per_address",
    "max_unauthenticated_per_prefix",
    "max_unauthenticated",
    "max_sessions",
    "max_sessions_per_address",
    "max_sessions_per_prefix",
    "max_channels_per_connection",
    "max_auth_attempts",
    "handshake_timeout_secs",
    "idle_timeout_secs",
    "stalled_client_timeout_secs",
];

/// From half a millisecond to two seconds: a key drawn in the same millisecond, and one
/// that waited for a busy database.
const KEY_TO_FRAME_BOUNDS: &[f64] = &[0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0];
/// A write with `synchronous = FULL` is one or two fsyncs; a busy lock waits up to 5 s.
const WRITE_BOUNDS: &[f64] = &[0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LimitLabel {
    limit: &'static str,
}

/// The server's metrics, shared by every connection and session behind an `Arc`.
#[derive(Debug)]
pub struct Metrics {
    sessions: Gauge,
    connections: Gauge,
    refusals: Family<LimitLabel, Counter>,
    keys: Counter,
    frames: Counter,
    key_to_frame: Histogram,
    store_writes: Histogram,
    registry: Registry,
    /// Told when the counts `cedille status` shows change (see [`Beacon`]).
    changed: Notify,
}

impl Metrics {
    /// Fresh metrics of a server of the database at `db` (its size is read at each scrape).
    pub fn new(db: &Path) -> Arc<Metrics> {
        let mut registry = Registry::with_prefix("cedille");
        let m = Metrics {
            sessions: Gauge::default(),
            connections: Gauge::default(),
            refusals: Family::default(),
            keys: Counter::default(),
            frames: Counter::default(),
            key_to_frame: Histogram::new(KEY_TO_FRAME_BOUNDS),
            store_writes: Histogram::new(WRITE_BOUNDS),
            registry: Registry::default(),
            changed: Notify::new(),
        };
        for limit in LIMITS {
            drop(m.refusals.get_or_create(&LimitLabel { limit }));
        }
        registry.register("sessions", "Interactive sessions open now", m.sessions.clone());
        registry.register(
            "connections",
            "SSH connections open now, authenticated or not",
            m.connections.clone(),
        );
        registry.register(
            "refusals",
            "Connections, sessions and channels refused or cut, by the limit that did it",
            m.refusals.clone(),
        );
        registry.register("keys", "Keys members typed in interactive sessions", m.keys.clone());
        registry.register("frames", "Frames sent to interactive sessions", m.frames.clone());
        registry.register(
            "key_to_frame_seconds",
            "From a key to the frame that answers it, handed to SSH",
            m.key_to_frame.clone(),
        );
        registry.register(
            "store_write_seconds",
            "Database writes, from asking for the writer to the end of the commit",
            m.store_writes.clone(),
        );
        registry.register_collector(Box::new(DatabaseSize { path: db.to_path_buf() }));
        Arc::new(Metrics { registry, ..m })
    }

    /// The exposition, in the OpenMetrics text format Prometheus reads.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }

    /// An interactive session opened; closed when the guard drops.
    pub fn session(self: &Arc<Self>) -> Held {
        self.sessions.inc();
        self.changed.notify_one();
        Held { metrics: self.clone(), what: Kind::Session }
    }

    /// An SSH connection accepted; closed when the guard drops.
    pub fn connection(self: &Arc<Self>) -> Held {
        self.connections.inc();
        self.changed.notify_one();
        Held { metrics: self.clone(), what: Kind::Connection }
    }

    /// `limit` refused or cut a connection, a session or a channel.
    pub fn refused(&self, limit: &'static str) {
        self.refusals.get_or_create(&LimitLabel { limit }).inc();
    }

    /// `n` keys reached a session.
    pub fn keys(&self, n: u64) {
        self.keys.inc_by(n);
    }

    /// A frame went to a client, `since_key` after the key it answers (if a key was waiting).
    pub fn frame(&self, since_key: Option<Duration>) {
        self.frames.inc();
        if let Some(took) = since_key {
            self.key_to_frame.observe(took);
        }
    }

    /// What the store calls after each write.
    pub fn write_timer(self: &Arc<Self>) -> WriteTimer {
        let writes = self.store_writes.clone();
        Arc::new(move |took| writes.observe(took))
    }

    /// Interactive sessions and connections open now.
    pub fn open(&self) -> (i64, i64) {
        (self.sessions.get(), self.connections.get())
    }

    /// Keys, frames, and database writes timed so far.
    pub fn totals(&self) -> (u64, u64, u64) {
        (self.keys.get(), self.frames.get(), self.store_writes.count())
    }

    /// Resolves when [`Metrics::open`] may have changed.
    async fn changed(&self) {
        self.changed.notified().await;
    }
}

#[derive(Debug)]
enum Kind {
    Session,
    Connection,
}

/// An open session or connection, counted until dropped.
#[derive(Debug)]
pub struct Held {
    metrics: Arc<Metrics>,
    what: Kind,
}

impl Drop for Held {
    fn drop(&mut self) {
        match self.what {
            Kind::Session => self.metrics.sessions.dec(),
            Kind::Connection => self.metrics.connections.dec(),
        };
        self.metrics.changed.notify_one();
    }
}

/// The database file and its write-ahead log, measured at each scrape.
#[derive(Debug)]
struct DatabaseSize {
    path: PathBuf,
}

impl Collector for DatabaseSize {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let files = [
            ("database_bytes", "Size of the database file", self.path.clone()),
            ("database_wal_bytes", "Size of its write-ahead log (-wal)", wal_path(&self.path)),
        ];
        for (name, help, path) in files {
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let gauge = ConstGauge::new(i64::try_from(bytes).unwrap_or(i64::MAX));
            let metric = encoder.encode_descriptor(name, help, None, gauge.metric_type())?;
            gauge.encode(metric)?;
        }
        Ok(())
    }
}

/// `cedille.db-wal` beside `cedille.db`.
pub fn wal_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push("-wal");
    PathBuf::from(name)
}
