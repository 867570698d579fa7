//! Open files: each connection is a socket, so a server holds about as many files as it has
//! connections. The soft limit a process starts with is often 1,024 (systemd's default for a
//! service, many shells' too), fewer than the default `max_sessions`: the server raises its
//! own to the hard limit at start, and warns when even that cannot hold its limits.

use super::Limits;

/// Files a server needs beyond its connections: the database and its pool of readers, the
/// listener, the runtime's, the log.
const BESIDE_CONNECTIONS: u64 = 64;

/// The process's limit on open files (`RLIMIT_NOFILE`); `None` is no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenFiles {
    /// What the process may open now.
    pub soft: Option<u64>,
    /// What the soft limit may be raised to without privileges.
    pub hard: Option<u64>,
}

impl OpenFiles {
    /// Whether `n` files may be open at once.
    pub fn allows(&self, n: u64) -> bool {
        self.soft.is_none_or(|soft| soft >= n)
    }
}

/// Raises this process's soft limit on open files to its hard limit and says what both are
/// then. A raise the system refuses leaves the limit as it was (what it says is then the
/// truth); children started afterwards inherit the raised limit.
pub fn raise_open_files() -> OpenFiles {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let now = getrlimit(Resource::Nofile);
    if now.current != now.maximum {
        let raised = setrlimit(Resource::Nofile, Rlimit { current: now.maximum, maximum: now.maximum });
        // Linux takes no unlimited soft limit on files: then as many as it allows by default.
        if raised.is_err() && now.maximum.is_none() {
            let _ = setrlimit(Resource::Nofile, Rlimit { current: Some(1 << 20), maximum: None });
        }
    }
    let after = getrlimit(Resource::Nofile);
    OpenFiles { soft: after.current, hard: after.maximum }
}

impl Limits {
    /// The open files a server with these limits may need at once: every session and every
    /// handshake a socket, and what it needs beside them.
    pub fn open_files_needed(&self) -> u64 {
        (self.max_sessions as u64)
            .saturating_add(self.max_unauthenticated as u64)
            .saturating_add(BESIDE_CONNECTIONS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raising_never_lowers_and_reaches_the_hard_limit() {
        let before = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        let files = raise_open_files();
        assert!(files.soft == files.hard || files.hard.is_none(), "{files:?}");
        assert!(files.allows(before.current.unwrap_or(u64::MAX)), "{before:?} → {files:?}");
    }

    #[test]
    fn the_default_limits_need_a_file_per_session_and_handshake() {
        let d = Limits::default();
        assert_eq!(d.open_files_needed(), 2000 + 500 + 64);
        assert!(OpenFiles { soft: Some(4096), hard: Some(4096) }.allows(d.open_files_needed()));
        assert!(!OpenFiles { soft: Some(1024), hard: Some(1024) }.allows(d.open_files_needed()));
        assert!(OpenFiles { soft: None, hard: None }.allows(u64::MAX));
    }
}
