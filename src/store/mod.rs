//! The only module that speaks SQL. One SQLite file holds everything; this module opens it,
//! migrates it, and exposes typed functions grouped by table family
//! (`store.articles().list(...)`).
//!
//! Functions here are blocking: callers on the async runtime wrap them in
//! `tokio::task::spawn_blocking`. Reads take a connection from a small pool so that readers
//! never wait for each other; writes go through the one writer connection, so SQLite never
//! sees two writers of ours at once.

mod articles;
mod articles_admin;
mod audit;
mod catchup;
mod comments;
mod communes;
mod demo;
mod events;
mod events_demo;
#[cfg(debug_assertions)]
pub mod faults;
mod file;
mod follow;
mod follow_notices;
mod generate;
mod handles;
mod host_key;
mod hours_cache;
mod link_codes;
pub mod lock;
mod maintenance;
mod member_page;
mod members;
mod messages;
mod moderation;
mod open;
use open::connect;
mod network;
mod reports;
mod search;
mod sessions;
mod shared;
mod spaces;
mod spaces_import;
mod spaces_page;
mod spaces_record;
mod spaces_rows;
mod status;
mod timing;
mod user_keys;
mod users;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::{M, Migrations};
use thiserror::Error;

use crate::domain::{Comment, Published};

pub use articles::Articles;
pub use articles_admin::Saved;
pub use audit::{Audit, local_actor};
pub use comments::Comments;
pub use communes::Communes;
pub use events::{Events, MAX_WAITING_PROPOSALS, NEAR_KM};
pub use follow::Follow;
pub use generate::{Generated, Sizes, spaces_csv as generated_spaces_csv};
pub use host_key::HostKey;
pub use maintenance::CheckReport;
pub use members::{Members, ROLES};
pub use messages::Messages;
pub use network::Network;
pub use search::{Search, Seer};
pub use sessions::Sessions;
pub use spaces::{Spaces, Upserted};
pub use spaces_import::{ExportError, ImportError, ImportFormat, ImportReport, Rejection, parse_csv};
pub use spaces_record::{parse_record, write_record};
pub use status::Status;
pub use timing::WriteTimer;
pub use users::{KeyOwner, Users};

// The plain types the store fills, defined in `domain` so that the screens need not know the
// store; re-exported here for the store's callers and tests.
pub use crate::domain::admin::{
    AuditEntry, Connected, Figures, MemberRow, Page, Queue, QueueItem, ReportDecision, ReportItem,
};
pub use crate::domain::catchup::CatchUp;
pub use crate::domain::event::{AgendaNews, EventError};
pub use crate::domain::keys::KeyError;
pub use crate::domain::member::{KeyInfo, LinkError, Profile, format_code};
pub use crate::domain::network::{Inbox, MemberQuery, ProfileField, Thread};
pub use crate::domain::spaces_query::{OpenAt, SpaceHit, SpaceQuery, SpaceSort};

/// Numbered and append-only: a landed migration is never edited. The schema version of a
/// database is how many of them it has run.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_comments.sql"),
    include_str!("migrations/0003_spaces.sql"),
    include_str!("migrations/0004_spaces_hours.sql"),
    include_str!("migrations/0005_admin.sql"),
    include_str!("migrations/0006_agenda.sql"),
    include_str!("migrations/0007_network.sql"),
    include_str!("migrations/0008_bans_and_paces.sql"),
    include_str!("migrations/0009_listings.sql"),
    include_str!("migrations/0010_bulletin_search.sql"),
    include_str!("migrations/0011_follow.sql"),
    include_str!("migrations/0012_one_profile.sql"),
    include_str!("migrations/0013_keys.sql"),
    include_str!("migrations/0014_host_key.sql"),
    include_str!("migrations/0015_status.sql"),
    include_str!("migrations/0016_line_mode.sql"),
    include_str!("migrations/0017_sort_names.sql"),
    include_str!("migrations/0018_report_reasons.sql"),
    include_str!("migrations/0019_charset.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema this binary writes and the SQLite it links, for `--version`: an upgrade can
/// be checked before it is made.
pub fn versions() -> (usize, &'static str) {
    (MIGRATIONS.len(), rusqlite::version())
}

/// How many read connections stay open. Reads are short; a few cover many sessions.
const READERS: usize = 4;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the database {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot create the folder {path}")]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Migrate(#[from] rusqlite_migration::Error),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    /// An older schema, opened by a command that does not migrate: upgrades happen on
    /// purpose, after a backup, never as the side effect of a `check` or an import.
    #[error("the database {} is at schema {have}, this cedille writes schema {want}: run `cedille migrate` (it backs the database up first), or start the server", path.display())]
    Outdated { path: PathBuf, have: usize, want: usize },
    /// A newer binary wrote the database: this one would not know what its tables mean.
    #[error("the database {} is at schema {have}, newer than this cedille knows ({want}): run the newer version", path.display())]
    TooNew { path: PathBuf, have: usize, want: usize },
    #[error(transparent)]
    Sql(rusqlite::Error),
    /// The database cannot take a write now, through no fault of what was written: another
    /// program holds the lock, the disk is full, the file is read-only, the disk failed.
    /// Nothing was saved; the same write may succeed later, so the member keeps their text.
    #[error("the database cannot save right now")]
    Unavailable(#[source] rusqlite::Error),
    /// The database file was removed or replaced at its path after the store opened it
    /// (see `file`): nothing more may be written into a file nobody will open again.
    #[error("the database file {} was removed or replaced: nothing more can be saved until the server restarts", .0.display())]
    Gone(PathBuf),
    #[error("not found")]
    NotFound,
    /// A write that breaks a rule the console does not name (its words are for the commands).
    #[error("{0}")]
    Invalid(String),
    /// An admin action that breaks a rule the console names, in its language.
    #[error(transparent)]
    Refused(#[from] crate::domain::console::Refusal),
    #[error("no random numbers from the system: {0}")]
    Random(String),
    /// Data compiled into the binary (communes, demo spaces) that does not read as expected.
    #[error("built-in data: {0}")]
    Data(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl From<rusqlite::Error> for StoreError {
    /// Sorts the failures of the database file itself (see [`StoreError::Unavailable`]) from
    /// those of a statement, which are bugs.
    fn from(e: rusqlite::Error) -> Self {
        let unavailable = matches!(
            e.sqlite_error_code(),
            Some(
                ErrorCode::DatabaseBusy
                    | ErrorCode::DatabaseLocked
                    | ErrorCode::DiskFull
                    | ErrorCode::ReadOnly
                    | ErrorCode::SystemIoFailure
                    | ErrorCode::CannotOpen
                    | ErrorCode::FileLockingProtocolFailed
                    | ErrorCode::PermissionDenied
            )
        );
        if unavailable { StoreError::Unavailable(e) } else { StoreError::Sql(e) }
    }
}

impl StoreError {
    /// The failures a member reads as « cannot save right now »: the file's, not a bug's.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_) | StoreError::Gone(_))
    }
}

/// How the database is opened. The defaults are the server's.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long a write waits for a lock held by another program (the admin console, a
    /// backup, `sqlite3`) before the member is told it cannot be saved now.
    pub busy_timeout: Duration,
    /// Whether a database created by this open gets the demo bulletin, spaces and meetups.
    /// Only creation decides: an existing database never gets demo content again, however
    /// empty an operator made it.
    pub demo: bool,
    /// What an older schema gets.
    pub migrate: Migrate,
    /// Reads only, and never creates, migrates or locks anything (`check`, a backup's copy).
    pub read_only: bool,
}

/// Whether an open brings an older schema up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Migrate {
    /// Tests and tools that made the file themselves.
    Yes,
    /// The server and `cedille migrate`: an online backup beside the database first, named by
    /// [`pre_migration_backup`].
    AfterBackup,
    /// Every other command: an older schema is refused with [`StoreError::Outdated`].
    No,
}

impl Default for Options {
    fn default() -> Self {
        Options { busy_timeout: Duration::from_secs(5), demo: true, migrate: Migrate::Yes, read_only: false }
    }
}

/// Where the backup made before migrating a database at schema `from` goes:
/// `cedille.db.schema-13.backup` beside `cedille.db`.
pub fn pre_migration_backup(db: &Path, from: usize) -> PathBuf {
    lock::lock_path(db, &format!(".schema-{from}.backup"))
}

/// A handle on the database, cheap to clone and shared by every session.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    options: Options,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// Change notices, started on the first `subscribe` (see `watch`).
    watch: Mutex<Option<tokio::sync::broadcast::Sender<()>>>,
    /// Bumped by every change notice: what was counted under an older value may be stale.
    generation: std::sync::atomic::AtomicU64,
    /// Published comments per article.
    comment_counts: shared::Shared<(), CommentCounts>,
    /// The published articles, newest first.
    published: shared::Shared<(), Published>,
    /// Threads as a guest or a member sees them (`false`) and as moderators do (`true`).
    threads: shared::Shared<(i64, bool), Vec<Comment>>,
    /// The box under each signed article: the page of the member who signs it, by article.
    authors: shared::Shared<i64, Option<crate::domain::member_page::MemberPage>>,
    /// The newest notice's id (see `follow`).
    notices_latest: shared::Shared<(), i64>,
    /// Directory searches by query and minute (the « open now » of each hit is the minute's).
    searches: shared::Shared<String, (Arc<Vec<SpaceHit>>, usize)>,
    /// When the next scheduled article appears (Unix seconds; `i64::MAX`: none known): the
    /// poller announces it as a change, so that nobody's list has to poll for it.
    next_publish: std::sync::atomic::AtomicI64,
    /// Parsed opening hours by expression: parsing costs far more than evaluating, and many
    /// spaces share the same hours (see `spaces`).
    hours: Mutex<hours_cache::HoursCache>,
    /// Which file the store opened, and whether the path still names it.
    file: file::Watched,
    /// Link-code attempts per key, so that guesses cost no write (see `link_codes`).
    link_attempts: link_codes::LinkAttempts,
    /// Told how long each write took (see `timing`).
    write_timer: timing::Timer,
    /// Says to `cedille restore` that this process has the file open (see `lock`).
    _in_use: lock::InUse,
}

/// Published comments by article id.
type CommentCounts = std::collections::HashMap<i64, i64>;

/// What `Store::open` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// The file did not exist (or held no schema): the demo content was loaded.
    CreatedWithDemo,
    /// Created without the demo (`serve --no-demo`, `demo = false`): a production bulletin.
    CreatedEmpty,
    Existing,
    /// An older schema brought up to date, after a backup to [`pre_migration_backup`] when
    /// the options asked for one.
    Migrated {
        from: usize,
    },
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn articles(&self) -> Articles<'_> {
        Articles { store: self }
    }

    pub fn users(&self) -> Users<'_> {
        Users { store: self }
    }

    pub fn comments(&self) -> Comments<'_> {
        Comments { store: self }
    }

    pub fn sessions(&self) -> Sessions<'_> {
        Sessions { store: self }
    }

    pub fn communes(&self) -> Communes<'_> {
        Communes { store: self }
    }

    pub fn spaces(&self) -> Spaces<'_> {
        Spaces { store: self }
    }

    pub fn members(&self) -> Members<'_> {
        Members { store: self }
    }

    pub fn audit(&self) -> Audit<'_> {
        Audit { store: self }
    }

    pub fn network(&self) -> Network<'_> {
        Network { store: self }
    }

    pub fn messages(&self) -> Messages<'_> {
        Messages { store: self }
    }

    pub fn search(&self) -> Search<'_> {
        Search { store: self }
    }

    /// Published comments per article, counted once per change for every session.
    pub(crate) fn comment_counts(&self) -> Result<Arc<CommentCounts>> {
        self.inner.comment_counts.get(self, &(), |_| true, || {
            self.read(|c| {
                let mut stmt = c.prepare_cached(
                    "SELECT article_id, count(*) FROM comments WHERE status = 'published' GROUP BY article_id",
                )?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(rows.collect::<rusqlite::Result<CommentCounts>>()?)
            })
        })
    }

    /// Runs `f` on a pooled read connection. A new one is checked to be on the file the
    /// store opened (see `file`): reads never come from two files.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let inner = &self.inner;
        if inner.is_gone() {
            return Err(inner.gone_error());
        }
        let pooled = inner.readers.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                let conn = connect(&inner.path, &inner.options)?;
                if !inner.still_ours() {
                    inner.mark_gone();
                    return Err(inner.gone_error());
                }
                conn
            }
        };
        let out = f(&conn);
        let mut pool = inner.readers.lock().unwrap_or_else(PoisonError::into_inner);
        if pool.len() < READERS && !inner.is_gone() {
            pool.push(conn);
        }
        out
    }

    /// Runs `f` inside one transaction on the writer connection: all of it lands, or none.
    ///
    /// Generic over the error so that a rule broken halfway (a comment posted too fast) can
    /// abort the transaction with its own error type, not only with a database error.
    fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let out = self.write_quiet(f)?;
        self.notify();
        Ok(out)
    }

    /// [`Store::write`] for what no screen of another session shows (who is connected, what
    /// a member has read, a key's last visit): no change notice, so that a thousand open
    /// sessions do not all reload each time someone connects or opens an article. Another
    /// process (the admin console) still sees these commits, through `data_version`.
    fn write_quiet<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let _timed = timing::Timing::start(self);
        let inner = &self.inner;
        let mut conn = self.writer();
        if inner.is_gone() {
            return Err(inner.retire(&mut conn).into());
        }
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let out = f(&tx)?;
        // Asked once the write is ready, however long it waited for the lock: a file gone
        // meanwhile gets nothing (the transaction rolls back)…
        if !inner.still_ours() {
            drop(tx);
            return Err(inner.retire(&mut conn).into());
        }
        tx.commit().map_err(StoreError::from)?;
        // …and asked again after the commit, for a file replaced in between: what landed
        // in a file that is gone is not acknowledged.
        inner.check_file(&mut conn)?;
        Ok(out)
    }

    /// The writer connection. A session that panicked while holding it (a bug) leaves it
    /// usable: its transaction was rolled back as the panic unwound, so the other sessions
    /// go on writing.
    fn writer(&self) -> MutexGuard<'_, Connection> {
        self.inner.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The opening-hours cache. A search that panicked while holding it leaves at worst an
    /// entry missing: the others' searches go on.
    fn hours(&self) -> MutexGuard<'_, hours_cache::HoursCache> {
        self.inner.hours.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
#[path = "faults_tests.rs"]
mod faults_tests;

#[cfg(test)]
#[path = "file_tests.rs"]
mod file_tests;

/// Timestamps are stored as RFC 3339 UTC text with a `Z`, so that they sort as text.
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map(|d| d.with_timezone(&Utc)).unwrap_or_default()
}

/// The `LIMIT` of a listing's query: one row more than asked, so that a full page knows
/// whether more follow without counting them; -1, SQLite's « no limit », for all (`None`).
fn page_limit(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX - 1).saturating_add(1))
}

/// A page from rows read with [`page_limit`]: the extra row dropped, and only then the
/// listing counted (`count`, a `count(*)` the indexes answer), when more rows exist.
fn paged<T>(
    mut rows: Vec<T>,
    limit: Option<usize>,
    count: impl FnOnce() -> rusqlite::Result<i64>,
) -> Result<Page<T>> {
    match limit {
        Some(n) if rows.len() > n => {
            rows.truncate(n);
            let total = usize::try_from(count()?).unwrap_or(usize::MAX).max(n + 1);
            Ok(Page { rows, total })
        }
        _ => Ok(Page { total: rows.len(), rows }),
    }
}

#[cfg(test)]
#[path = "network_tests.rs"]
mod network_tests;

#[cfg(test)]
#[path = "paces_tests.rs"]
mod paces_tests;

#[cfg(test)]
#[path = "plans_tests.rs"]
mod plans_tests;

#[cfg(test)]
mod migration_order {
    #![allow(clippy::unwrap_used)]

    /// Every migration file is in the list, in the order of its number: a number reserved
    /// ahead and landed late must not run out of turn on a fresh database and not on another.
    #[test]
    fn the_migrations_run_in_the_order_of_their_numbers() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        assert_eq!(texts.len(), super::MIGRATIONS.len(), "{files:?}");
        for ((file, text), listed) in files.iter().zip(&texts).zip(super::MIGRATIONS) {
            assert_eq!(text, listed, "{} is not where its number says in MIGRATIONS", file.display());
        }
    }
}
