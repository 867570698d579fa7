//! What a server says of itself in the database, for `cedille status` run by another
//! process, and the last backup taken.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The row a serving process keeps up to date (see `store::status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerRecord {
    pub pid: u32,
    /// The SSH address it listens on.
    pub listen: String,
    pub started_at: DateTime<Utc>,
    /// Interactive sessions open at `updated_at`.
    pub sessions: i64,
    /// SSH connections open at `updated_at`, authenticated or not.
    pub connections: i64,
    pub updated_at: DateTime<Utc>,
    /// Set when the server stopped cleanly; `None` while it runs (or after a crash).
    pub stopped_at: Option<DateTime<Utc>>,
}

/// The last backup `cedille backup` wrote and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupRecord {
    pub path: String,
    pub bytes: u64,
    pub finished_at: DateTime<Utc>,
}
