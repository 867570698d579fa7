//! Why a read or a write did not happen, in the terms a member can be told. The store's own
//! error stays in the server's log; the screen gets one of these and says it in the member's
//! language.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Fault {
    /// The database is busy (a backup, the console, a full disk): trying again may work.
    #[error("the database is unavailable for now")]
    Unavailable,
    /// Asked for something that is not there (deleted meanwhile).
    #[error("not found")]
    NotFound,
    /// Anything else: logged on the server, not worth retrying at once.
    #[error("the database failed")]
    Broken,
}

/// An error and its causes on one line (« cannot write the CSV: No space left on device »),
/// for the log and the operator.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
