//! Subcommands for admins, run on the server itself (`cedille article import …`): they open
//! the database, do one job, print what they did and exit with a status a script can test.
//!
//! Exit status, for every command: 0 done; 1 the input was refused (no such article, a
//! handle taken, a file that does not parse…) and nothing was written; 2 the database or a
//! file cannot be opened or written. `spaces import` adds its own meaning of 1 (some rows
//! rejected, the others landed).
//!
//! Everything a command prints is in one language, the console's: [`lang`] reads it from
//! the environment. The strings are in `i18n::cli`; the store's errors reach them by their
//! kind (`errors`). `--json` output is data and never translated.

pub mod articles;
pub mod comments;
pub mod demo;
pub mod errors;
pub mod events;
pub mod maintenance;
pub mod restore;
pub mod serving;
pub mod spaces;
pub mod status;
pub mod users;

use std::path::Path;

use crate::i18n::{Lang, Listing, Subject};
use crate::store::{Page, Store, StoreError};

/// The language of everything the commands print: `LC_ALL`, then `LC_MESSAGES`, then `LANG`,
/// the first one set; English when it starts with `en`, French otherwise — as the console
/// and the members' own sessions choose.
pub fn lang() -> Lang {
    Lang::from_env(|name| std::env::var(name).ok())
}

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

    /// The input was refused: one line on stderr, exit 1.
    pub fn refused(lang: Lang, message: &str) -> Outcome {
        Outcome { stderr: lang.cli_line(message), status: 1, ..Outcome::default() }
    }

    /// The database or a file cannot be used: one line on stderr, exit 2.
    pub fn failed(lang: Lang, message: &str) -> Outcome {
        Outcome { stderr: lang.cli_line(message), status: 2, ..Outcome::default() }
    }

    /// A store error about `subject`: a broken rule is the input's fault (1), anything else
    /// the database's (2).
    pub fn store(lang: Lang, e: &StoreError, subject: Subject<'_>) -> Outcome {
        match e {
            StoreError::NotFound => Outcome::refused(lang, &lang.not_found(subject)),
            other => Outcome::store_failed(lang, other),
        }
    }

    /// A store error where nothing in particular was asked for (a listing, an import).
    pub fn store_failed(lang: Lang, e: &StoreError) -> Outcome {
        let message = errors::store_error(lang, e);
        match e {
            StoreError::NotFound | StoreError::Invalid(_) | StoreError::Refused(_) => {
                Outcome::refused(lang, &message)
            }
            _ => Outcome::failed(lang, &message),
        }
    }
}

/// An outcome that ends a command before it ran (a config file it cannot use), carried
/// through `?` to `main`, which prints it as it prints every outcome.
#[derive(Debug)]
pub struct Said(pub Outcome);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.stderr.trim_end())
    }
}

impl std::error::Error for Said {}

pub use crate::domain::fault::chain;

/// Opens a database that must already exist: a typo in `--db` must not create an empty
/// one and report that all is well.
pub fn open_existing(lang: Lang, db: &Path) -> Result<Store, Outcome> {
    if !db.exists() {
        return Err(Outcome::failed(lang, &lang.no_database(&db.display().to_string())));
    }
    // Commands never migrate: an upgrade is `cedille migrate` or the server's start, each
    // after a backup (see `store::Migrate`).
    let options = crate::store::Options { migrate: crate::store::Migrate::No, ..Default::default() };
    Store::open_with(db, options)
        .map(|(store, _)| store)
        .map_err(|e| Outcome::failed(lang, &errors::open_error(lang, db, &e)))
}

/// The database of `cedille tui` and `cedille admin`, which need a terminal besides: what
/// they say when either is missing, in their language.
pub fn open_for_console(db: &Path) -> Result<Store, Outcome> {
    let lang = lang();
    let store = open_existing(lang, db)?;
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(Outcome::refused(lang, lang.needs_terminal()));
    }
    Ok(store)
}

/// `cedille --version`: the version, the schema it writes, the SQLite it links.
pub fn version() -> Outcome {
    let (schema, sqlite) = crate::store::versions();
    Outcome::ok(lang().version_line(env!("CARGO_PKG_VERSION"), schema, sqlite))
}

/// A config file `main` could not use, said as the commands say the rest.
pub fn config_error(e: &crate::config::ConfigError) -> Outcome {
    use crate::config::ConfigError;
    let lang = lang();
    let message = match e {
        ConfigError::Read { path, source } => {
            lang.config_unreadable(&path.display().to_string(), &lang.io_problem(source))
        }
        ConfigError::Parse { path, message } | ConfigError::Value { path, message } => {
            lang.config_invalid(&path.display().to_string(), message)
        }
    };
    Outcome::failed(lang, &message)
}

/// Writing the output failed for another reason than a reader gone away.
pub fn output_failed(e: &std::io::Error) -> String {
    let lang = lang();
    lang.cli_line(&lang.cannot_write_output(&lang.io_problem(e)))
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
    Lang::En.count(n)
}

/// What a listing says on stderr when the page leaves rows out (nothing otherwise): « 50 of
/// 100,000 comments shown, newest first; --limit N for more, --limit 0 for all ». On stderr,
/// so that `--json` output stays JSON lines only.
pub fn left_out<T>(lang: Lang, page: &Page<T>, listing: Listing) -> String {
    if page.left_out() == 0 {
        return String::new();
    }
    lang.shown(listing, page.rows.len(), page.total)
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
    fn a_page_says_what_it_left_out_and_nothing_when_whole() {
        let part = Page { rows: vec![1; 50], total: 100_000 };
        assert_eq!(
            left_out(Lang::En, &part, Listing::Comments),
            "50 of 100,000 comments shown, newest first; --limit N for more, --limit 0 for all\n"
        );
        assert_eq!(left_out(Lang::Fr, &Page { rows: vec![1; 3], total: 3 }, Listing::Comments), "");
    }
}
