//! Subcommands for admins, run on the server itself (`cedille article import …`): they open
//! the database, do one job, print what they did and exit with a status a script can test.
//!
//! Exit status, for every command: 0 done; 1 the input was refused (no such article, a
//! handle taken, a file that does not parse…) and nothing was written; 2 the database or a
//! file cannot be opened or written. `spaces import` adds its own meaning of 1 (some rows
//! rejected, the others landed).

pub mod articles;
pub mod comments;
pub mod events;
pub mod maintenance;
pub mod spaces;
pub mod users;

use std::path::Path;

use crate::store::{Store, StoreError};

/// What a subcommand prints and its exit status; `main` writes it out, tests read it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

impl Outcome {
    pub fn ok(stdout: String) -> Outcome {
        Outcome { stdout, ..Outcome::default() }
    }

    pub fn refused(message: impl std::fmt::Display) -> Outcome {
        Outcome { stderr: format!("cedille: {message}\n"), status: 1, ..Outcome::default() }
    }

    pub fn failed(message: impl std::fmt::Display) -> Outcome {
        Outcome { stderr: format!("cedille: {message}\n"), status: 2, ..Outcome::default() }
    }

    /// A store error: a broken rule is the input's fault (1), anything else the database's (2).
    pub fn store(e: &StoreError, what: &str) -> Outcome {
        match e {
            StoreError::NotFound => Outcome::refused(format!("no {what}")),
            StoreError::Invalid(m) => Outcome::refused(m),
            other => Outcome::failed(chain(other)),
        }
    }
}

pub use crate::domain::fault::chain;

/// Opens a database that must already exist: a typo in `--db` must not create an empty
/// one and report that all is well.
pub fn open_existing(db: &Path) -> Result<Store, Outcome> {
    if !db.exists() {
        return Err(Outcome::failed(format!(
            "no database at {} (give the right one with --db or CEDILLE_DB)",
            db.display()
        )));
    }
    Store::open(db).map(|(store, _)| store).map_err(|e| Outcome::failed(chain(&e)))
}
