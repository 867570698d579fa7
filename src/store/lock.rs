//! Who has the database open, told by advisory locks on two small files beside it.
//!
//! SQLite's own locks say who writes now, not who will write later: a console left open
//! keeps a connection whose next checkpoint writes its WAL into whatever file the path then
//! names. So every process that opens the database holds a shared lock on `<db>.lock` for
//! as long as it has it open, and `cedille restore` replaces the file only when it can take
//! that lock alone. A server also holds `<db>.serve.lock` alone, with a line saying who it
//! is, so that a second server on the same file is refused with a useful message.
//!
//! The locks are `flock` locks, released by the kernel when the process ends however it
//! ends: a crash never leaves a stale lock behind. The files themselves stay; they are
//! empty or one line.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum LockError {
    #[error("cannot use the lock file {path}")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Another server has the database: what it wrote of itself, when it could be read.
    #[error("another cedille serve has {} open{}", db.display(), by_whom(holder))]
    Served { db: PathBuf, holder: String },
    /// Some process has the database open (a server, the console, a command): a restore
    /// must wait for all of them.
    #[error("{} is open{}", db.display(), by_whom(holder))]
    InUse { db: PathBuf, holder: String },
    /// A restore is replacing the file: opening it now would read the old one or none.
    #[error("{} is being restored: try again when `cedille restore` has finished", db.display())]
    Restoring { db: PathBuf },
}

fn by_whom(holder: &str) -> String {
    if holder.is_empty() { String::new() } else { format!(" ({holder})") }
}

/// `<db>.lock` or `<db>.serve.lock`.
pub fn lock_path(db: &Path, kind: &str) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(kind);
    db.with_file_name(name)
}

/// Whether `db` names a file of its own: an SQLite URI or `:memory:` has nothing beside it
/// to lock.
pub fn is_plain_file(db: &Path) -> bool {
    let s = db.to_string_lossy();
    !(s.starts_with("file:") || s.starts_with(':'))
}

fn open(path: &Path) -> Result<File, LockError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(|source| LockError::File { path: path.to_path_buf(), source })
}

/// Held by every process that has the database open; see the module's text.
#[derive(Debug)]
pub struct InUse {
    _file: Option<File>,
}

impl InUse {
    pub fn take(db: &Path) -> Result<InUse, LockError> {
        if !is_plain_file(db) {
            return Ok(InUse { _file: None });
        }
        let path = lock_path(db, ".lock");
        let file = open(&path)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(InUse { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(LockError::Restoring { db: db.to_path_buf() }),
            Err(TryLockError::Error(source)) => Err(LockError::File { path, source }),
        }
    }

    /// For a file that may not be ours to write (a backup on read-only media, `check` on a
    /// read-only copy): the lock when its file exists, nothing otherwise.
    pub fn take_if_present(db: &Path) -> Result<InUse, LockError> {
        let path = lock_path(db, ".lock");
        let Ok(file) = File::open(&path) else { return Ok(InUse { _file: None }) };
        match file.try_lock_shared() {
            Ok(()) => Ok(InUse { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(LockError::Restoring { db: db.to_path_buf() }),
            Err(TryLockError::Error(_)) => Ok(InUse { _file: None }),
        }
    }
}

/// The one server of a database, for its whole life.
#[derive(Debug)]
pub struct ServerLock {
    _file: File,
}

impl ServerLock {
    /// `who` is one line a refused second server prints: the pid, the address, the start.
    pub fn take(db: &Path, who: &str) -> Result<ServerLock, LockError> {
        let path = lock_path(db, ".serve.lock");
        // The server creates its database's folder: the lock file comes first in it.
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LockError::File { path: path.clone(), source })?;
        }
        let mut file = open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Served { db: db.to_path_buf(), holder: holder_line(&path) });
            }
            Err(TryLockError::Error(source)) => return Err(LockError::File { path, source }),
        }
        let written =
            file.set_len(0).and_then(|()| file.write_all(who.as_bytes())).and_then(|()| file.flush());
        written.map_err(|source| LockError::File { path, source })?;
        Ok(ServerLock { _file: file })
    }
}

/// What the holder of `<db>.serve.lock` says of itself, on one line.
fn holder_line(path: &Path) -> String {
    let mut text = String::new();
    let _ = File::open(path).and_then(|f| f.take(400).read_to_string(&mut text));
    crate::text::clean::clean_line(text.trim())
}

/// The database alone: no server, console or command has it open (`cedille restore`).
#[derive(Debug)]
pub struct Alone {
    _in_use: File,
    _serve: File,
}

impl Alone {
    pub fn take(db: &Path) -> Result<Alone, LockError> {
        let serve_path = lock_path(db, ".serve.lock");
        let serve = open(&serve_path)?;
        match serve.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = format!("cedille serve: {}", holder_line(&serve_path));
                return Err(LockError::InUse { db: db.to_path_buf(), holder });
            }
            Err(TryLockError::Error(source)) => return Err(LockError::File { path: serve_path, source }),
        }
        let path = lock_path(db, ".lock");
        let in_use = open(&path)?;
        match in_use.try_lock() {
            Ok(()) => Ok(Alone { _in_use: in_use, _serve: serve }),
            Err(TryLockError::WouldBlock) => {
                let holder = holders(&path).join(", ");
                Err(LockError::InUse { db: db.to_path_buf(), holder })
            }
            Err(TryLockError::Error(source)) => Err(LockError::File { path, source }),
        }
    }
}

/// The processes holding a lock on `path`, as `pid 1234: cedille admin --db …`, read from
/// the kernel's table of locks (`/proc/locks`); empty where there is no such table.
fn holders(path: &Path) -> Vec<String> {
    use std::os::unix::fs::MetadataExt;
    let (Ok(meta), Ok(table)) = (std::fs::metadata(path), std::fs::read_to_string("/proc/locks")) else {
        return Vec::new();
    };
    let dev = meta.dev();
    let id = format!("{:02x}:{:02x}:{}", rustix::fs::major(dev), rustix::fs::minor(dev), meta.ino());
    let mut pids: Vec<u32> = table
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // `1: FLOCK ADVISORY READ 1234 08:01:5678 0 EOF`; a waiting lock has a `->` more.
            let at = fields.iter().position(|f| *f == id)?;
            fields.get(at.checked_sub(1)?)?.parse().ok()
        })
        .filter(|pid| *pid != std::process::id())
        .collect();
    pids.sort_unstable();
    pids.dedup();
    pids.into_iter()
        .map(|pid| {
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmd: String = String::from_utf8_lossy(&cmd).replace('\0', " ");
            let cmd = crate::text::clean::clean_line(cmd.trim());
            if cmd.is_empty() { format!("pid {pid}") } else { format!("pid {pid}: {cmd}") }
        })
        .collect()
}
