//! The database file under the running store. The store keeps its connections open, and an
//! open connection goes on reading and writing the file it opened even after that file was
//! deleted or replaced at its path: SQLite in WAL mode does not notice. Comments would then
//! be acknowledged into a file nobody will open again, and new connections (readers opened
//! on demand) would read the new file while the old ones read the old.
//!
//! So the store remembers which file it opened (device and inode) and asks the path again
//! — one `stat`, about a microsecond — before and after each commit, when it opens a reader,
//! and on each tick of the change-notice poller (see `watch`). Once the path names another
//! file, or none, the store is *gone*: every write and read is refused as
//! [`StoreError::Gone`] (unavailable), its connections are closed, and [`Store::file_gone`]
//! completes, which is the server's cue to tell members and exit for a restart.

use std::future::Future;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::PoisonError;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::Connection;
use tokio::sync::watch;

use super::{Inner, Result, Store, StoreError};

/// Which file a path named: equal only for the very same file on the same filesystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

/// What the store knows of its file.
pub(super) struct Watched {
    /// The file opened at start; `None` when the path names no file of its own (an SQLite URI
    /// or `:memory:`), which is then never taken for gone.
    at_open: Option<FileId>,
    /// Becomes `true`, once and for good, when the path no longer names that file.
    gone: watch::Sender<bool>,
    /// Whether the writer connection was already swapped for a closed-off one.
    writer_closed: AtomicBool,
}

impl Watched {
    /// Remembers the file `path` names now: called once the writer has opened (or created) it.
    pub(super) fn new(path: &Path) -> Watched {
        Watched {
            at_open: file_id(path),
            gone: watch::Sender::new(false),
            writer_closed: AtomicBool::new(false),
        }
    }
}

fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    Some(FileId { dev: meta.dev(), ino: meta.ino() })
}

impl Inner {
    pub(super) fn is_gone(&self) -> bool {
        *self.file.gone.borrow()
    }

    /// Whether the path still names the file opened at start. A path that cannot be read
    /// any more (removed, its folder gone) counts as another file: what cannot be proved to
    /// be ours must not be acknowledged.
    pub(super) fn still_ours(&self) -> bool {
        let Some(at_open) = self.file.at_open else { return true };
        !self.is_gone() && file_id(&self.path) == Some(at_open)
    }

    /// Takes the store out of service: said once in the log, readers closed so that none
    /// reads the old file beside a new one. The writer is closed by whoever holds it
    /// ([`Inner::close_writer`]), since the caller may be in the middle of a write.
    pub(super) fn mark_gone(&self) {
        // Logged inside, before the news goes out: the log says why before the server stops.
        self.file.gone.send_if_modified(|gone| {
            if *gone {
                return false;
            }
            tracing::error!(
                path = %self.path.display(),
                "the database file was removed or replaced while open: nothing more is saved or read"
            );
            *gone = true;
            true
        });
        self.readers.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// Empties the old file's WAL into it, then swaps the writer for an empty in-memory
    /// connection. The WAL is named after the path, not the file: left full, it would be read
    /// into whatever file is put at the path, at the next start, mixing two databases. SQLite
    /// does not fold it in at close for a file that moved, so it is done here, with
    /// `TRUNCATE`, which leaves it empty.
    pub(super) fn close_writer(&self, conn: &mut Connection) {
        if self.file.writer_closed.swap(true, Ordering::AcqRel) {
            return;
        }
        // (busy, frames in the WAL, frames folded in): busy means a reader of another
        // program kept it from finishing within the busy timeout.
        let folded = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
        match folded {
            Ok(0) => {}
            Ok(_) => tracing::warn!(
                path = %self.path.display(),
                "the old database's WAL is still in use by another program: remove the -wal file before restarting"
            ),
            Err(e) => {
                tracing::warn!(path = %self.path.display(), "the old database's WAL could not be emptied: {e}")
            }
        }
        match Connection::open_in_memory() {
            Ok(closed) => drop(std::mem::replace(conn, closed)),
            Err(e) => tracing::warn!("the old database file stays open: {e}"),
        }
    }

    /// `Ok` while the file is ours; otherwise [`Inner::retire`].
    pub(super) fn check_file(&self, conn: &mut Connection) -> Result<()> {
        if self.still_ours() { Ok(()) } else { Err(self.retire(conn)) }
    }

    /// Takes the store out of service, closes the writer `conn` (held by the caller), and
    /// gives the error every refused write returns.
    pub(super) fn retire(&self, conn: &mut Connection) -> StoreError {
        self.mark_gone();
        self.close_writer(conn);
        self.gone_error()
    }

    pub(super) fn gone_error(&self) -> StoreError {
        StoreError::Gone(self.path.clone())
    }
}

impl Store {
    /// Whether the database file was removed or replaced since the store opened it.
    pub fn is_gone(&self) -> bool {
        self.inner.is_gone()
    }

    /// Completes when the database file is found removed or replaced, by a write or by the
    /// change-notice poller, which this starts so that an idle server notices too (within
    /// its tick). Holds no clone of the store: it never keeps the store alive, and never
    /// completes once the store is dropped.
    pub fn file_gone(&self) -> impl Future<Output = ()> + Send + 'static {
        drop(self.subscribe());
        let mut gone = self.inner.file.gone.subscribe();
        async move {
            if gone.wait_for(|gone| *gone).await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}
