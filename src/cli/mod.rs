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
pub mod restore;
pub mod serving;
pub mod spaces;
pub mod status;
pub mod users;

use std::path::Path;

use crate::store::{Page, Store, StoreError};

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
            StoreError::Refused(r) => Outcome::refused(r),
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
    // Commands never migrate: an upgrade is `cedille migrate` or the server's start, each
    // after a backup (see `store::Migrate`).
    let options = crate::store::Options { migrate: crate::store::Migrate::No, ..Default::default() };
    Store::open_with(db, options).map(|(store, _)| store).map_err(|e| Outcome::failed(chain(&e)))
}

/// The rows a listing prints unless told otherwise: a screenful and more, as `audit` always
/// did. Every listing says on stderr when it leaves rows out.
pub const DEFAULT_LIMIT: usize = 50;

/// `--limit N`: the first N rows of a listing, in its order; `0` (or `all`) for every row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(pub Option<usize>);

impl Default for Limit {
    fn default() -> Self {
        Limit(Some(DEFAULT_LIMIT))
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.unwrap_or(0))
    }
}

impl std::str::FromStr for Limit {
    type Err = String;

    fn from_str(s: &str) -> Result<Limit, String> {
        if s.eq_ignore_ascii_case("all") {
            return Ok(Limit(None));
        }
        match s.parse::<usize>() {
            Ok(0) => Ok(Limit(None)),
            Ok(n) => Ok(Limit(Some(n))),
            Err(_) => Err(format!("`{s}` is not a number of rows (0 or `all` for every row)")),
        }
    }
}

/// `100000` as `100,000`, as the README writes figures.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// What a listing says on stderr when the page leaves rows out (nothing otherwise): « 50 of
/// 100,000 comments shown, newest first; --limit N for more, --limit 0 for all ». On stderr,
/// so that `--json` output stays JSON lines only.
pub fn left_out<T>(page: &Page<T>, what: &str, order: &str) -> String {
    if page.left_out() == 0 {
        return String::new();
    }
    format!(
        "{} of {} {what} shown, {order}; --limit N for more, --limit 0 for all\n",
        thousands(page.rows.len()),
        thousands(page.total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_is_a_number_and_0_or_all_means_every_row() {
        assert_eq!("25".parse(), Ok(Limit(Some(25))));
        assert_eq!("0".parse(), Ok(Limit(None)));
        assert_eq!("all".parse(), Ok(Limit(None)));
        assert!("-3".parse::<Limit>().is_err() && "ten".parse::<Limit>().is_err());
        assert_eq!(Limit::default(), Limit(Some(DEFAULT_LIMIT)));
    }

    #[test]
    fn figures_are_grouped_by_thousands() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (100_000, "100,000"), (1_234_567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn a_page_says_what_it_left_out_and_nothing_when_whole() {
        let part = Page { rows: vec![1; 50], total: 100_000 };
        assert_eq!(
            left_out(&part, "comments", "newest first"),
            "50 of 100,000 comments shown, newest first; --limit N for more, --limit 0 for all\n"
        );
        assert_eq!(left_out(&Page { rows: vec![1; 3], total: 3 }, "comments", "newest first"), "");
    }
}
