//! Faults made on purpose, so that tests can prove the server survives them. This module
//! exists only in builds with debug assertions (`cargo build`, `cargo test`): a release
//! build has neither the panic trigger nor the switches, so no client can reach them.
//!
//! - A panic in the middle of a write: the server started with [`PANIC_ENV`] set panics
//!   inside the comment-posting transaction whenever a comment's text is exactly that value.
//! - The failures of the database file that a test cannot cause for real: permissions do
//!   not stop root, and an open file stays writable after a `chmod`; see [`Fault`].

use std::sync::OnceLock;

use super::{Result, Store};

/// The environment variable read when the store opens: a comment whose text (trimmed) is
/// its value makes the session that posts it panic.
pub const PANIC_ENV: &str = "CEDILLE_DEBUG_PANIC_ON";

static TRIGGER: OnceLock<Option<String>> = OnceLock::new();

pub(super) fn arm_from_env() {
    TRIGGER.get_or_init(|| std::env::var(PANIC_ENV).ok().filter(|s| !s.trim().is_empty()));
}

/// Panics when `text` is the armed trigger.
#[allow(clippy::panic)]
pub(super) fn panic_if_triggered(text: &str) {
    if let Some(Some(trigger)) = TRIGGER.get()
        && text.trim() == trigger.trim()
    {
        panic!("forced panic: the comment text matched {PANIC_ENV}");
    }
}

/// A failure of the database file, as SQLite reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Every write fails with `SQLITE_READONLY`, as on a write-protected file.
    ReadOnly,
    /// The file may not grow by one page: a write that needs one fails with `SQLITE_FULL`,
    /// as on a full disk.
    Full,
}

impl Store {
    /// Turns `fault` on or off on the writer connection.
    pub fn inject(&self, fault: Fault, on: bool) -> Result<()> {
        let conn = self.writer();
        match (fault, on) {
            (Fault::ReadOnly, on) => conn.pragma_update(None, "query_only", on)?,
            (Fault::Full, true) => {
                let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
                conn.pragma_update(None, "max_page_count", pages)?;
            }
            // SQLite's own ceiling.
            (Fault::Full, false) => conn.pragma_update(None, "max_page_count", 0xffff_fffe_i64)?,
        }
        Ok(())
    }
}
