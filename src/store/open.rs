//! Opening the one file: the lock that says this process has it, the schema version it
//! is at, the migrations only when the opener asks (after a backup for the server and
//! `cedille migrate`), the reference data, and the demo content only at creation.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags};

use super::*;

impl Store {
    /// Opens (creating if needed) the database at `path`, runs migrations, loads the communes
    /// into an empty communes table and, only when this open created the database, the demo
    /// articles, spaces and meetups.
    pub fn open(path: &Path) -> Result<(Store, Opened)> {
        Store::open_with(path, Options::default())
    }

    /// [`Store::open`] with other [`Options`].
    pub fn open_with(path: &Path, options: Options) -> Result<(Store, Opened)> {
        #[cfg(debug_assertions)]
        faults::arm_from_env();
        if options.read_only {
            return Store::open_read_only(path, options);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Folder { path: dir.to_path_buf(), source })?;
        }
        let in_use = lock::InUse::take(path)?;
        let mut writer = connect(path, &options)?;
        // No schema yet: this open creates the database (a file left empty counts as new).
        let have = schema_of(path, &writer)?;
        let created = have == 0;
        let migrated = !created && have < MIGRATIONS.len();
        if migrated {
            match options.migrate {
                Migrate::No => {
                    return Err(StoreError::Outdated {
                        path: path.to_path_buf(),
                        have,
                        want: MIGRATIONS.len(),
                    });
                }
                Migrate::AfterBackup => {
                    let source = connect(path, &options)?;
                    maintenance::copy_to(&source, &pre_migration_backup(path, have), &mut |_, _| {})?;
                }
                Migrate::Yes => {}
            }
        }
        migrations().to_latest(&mut writer)?;
        let store = Store::assemble(path, options, writer, in_use);
        // The communes are reference data, not demo content: an empty table is filled again.
        communes::load(&store)?;
        let opened = match (created, store.inner.options.demo) {
            (true, true) => {
                spaces_import::load_demo(&store)?;
                // One moment for both: the article announcing the meetups and the agenda
                // holding them are dated alike.
                let now = chrono::Utc::now();
                demo::load(&store, now)?;
                events_demo::load_demo(&store, now)?;
                Opened::CreatedWithDemo
            }
            (true, false) => Opened::CreatedEmpty,
            (false, _) if migrated => Opened::Migrated { from: have },
            (false, _) => Opened::Existing,
        };
        Ok((store, opened))
    }

    /// A store that only reads: `check` on a read-only copy, a backup checked after it was
    /// written. Whatever its schema, nothing is created, migrated or loaded.
    fn open_read_only(path: &Path, options: Options) -> Result<(Store, Opened)> {
        if lock::is_plain_file(path) && !path.exists() {
            return Err(StoreError::NotFound);
        }
        let in_use = lock::InUse::take_if_present(path)?;
        let writer = connect(path, &options)?;
        let have = schema_of(path, &writer)?;
        let store = Store::assemble(path, options, writer, in_use);
        Ok((store, if have < MIGRATIONS.len() { Opened::Migrated { from: have } } else { Opened::Existing }))
    }

    fn assemble(path: &Path, options: Options, writer: Connection, in_use: lock::InUse) -> Store {
        Store {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                options,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
                watch: Mutex::new(None),
                generation: std::sync::atomic::AtomicU64::new(0),
                comment_counts: shared::Shared::new(1),
                published: shared::Shared::new(1),
                // A thread of a hundred comments is about 40 KiB: 20 MiB at most.
                threads: shared::Shared::new(512),
                // As many as the threads: a box goes with each article being read.
                authors: shared::Shared::new(512),
                // A page of a hundred spaces is about 100 KiB: the searches being typed.
                searches: shared::Shared::new(64),
                notices_latest: shared::Shared::new(1),
                next_publish: std::sync::atomic::AtomicI64::new(i64::MAX),
                hours: Mutex::new(hours_cache::HoursCache::default()),
                file: file::Watched::new(path),
                link_attempts: link_codes::LinkAttempts::default(),
                write_timer: super::timing::Timer::default(),
                _in_use: in_use,
            }),
        }
    }
}

/// The schema version of the file: 0 for none yet, [`StoreError::TooNew`] past this binary's.
fn schema_of(path: &Path, conn: &Connection) -> Result<usize> {
    use rusqlite_migration::SchemaVersion;
    let want = MIGRATIONS.len();
    match migrations().current_version(conn)? {
        SchemaVersion::NoneSet => Ok(0),
        SchemaVersion::Inside(n) => Ok(n.get()),
        SchemaVersion::Outside(n) => {
            Err(StoreError::TooNew { path: path.to_path_buf(), have: n.get(), want })
        }
    }
}

pub(super) fn connect(path: &Path, options: &Options) -> Result<Connection> {
    if options.read_only {
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        conn.busy_timeout(options.busy_timeout)?;
        conn.execute_batch("PRAGMA query_only = ON;")
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        return Ok(conn);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
    conn.busy_timeout(options.busy_timeout)?;
    // A comment the member saw accepted must survive a crash: FULL, not NORMAL.
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
    Ok(conn)
}
