//! `cedille restore BACKUP`: the database replaced by a backup, in a way that cannot be
//! undone by a process still holding the old file. Copying the backup by hand while the
//! console is open lets the console's next checkpoint write its WAL into the restored file;
//! here the swap happens only when no Cédille process has the database open, is one
//! `rename`, and leaves no `-wal` or `-shm` of the old file beside the new one.

use std::path::{Path, PathBuf};

use super::maintenance::{check_copy, not_the_database, read_only};
use super::{Outcome, chain};
use crate::store::lock::Alone;
use crate::store::{Opened, Store, StoreError};

pub fn restore(db: &Path, backup: &Path) -> Outcome {
    if !backup.is_file() {
        return Outcome::failed(format!("no backup at {}", backup.display()));
    }
    if let Some(refusal) = not_the_database(db, backup) {
        return refusal;
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return Outcome::failed(format!("cannot create the folder {}: {e}", dir.display()));
    }
    let alone = match Alone::take(db) {
        Ok(lock) => lock,
        Err(e) => {
            return Outcome::failed(format!(
                "{e}: nothing was changed; stop it first (`systemctl stop cedille`, quit the console)"
            ));
        }
    };
    let schema = match checked_schema(backup) {
        Ok(schema) => schema,
        Err(o) => return o,
    };
    let staged = match stage(db, backup) {
        Ok(staged) => staged,
        Err(o) => return o,
    };
    let kept = match set_aside(db) {
        Ok(kept) => kept,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Outcome::failed(format!(
                "cannot set the current database aside: {e}; nothing was changed"
            ));
        }
    };
    if let Err(e) = std::fs::rename(&staged, db) {
        return Outcome::failed(format!(
            "cannot put the backup in place: {e}; the database that was there is {}",
            kept.as_deref().map_or_else(|| "none".to_string(), |k| k.display().to_string())
        ));
    }
    sync_folder(db);
    drop(alone);
    if let Err(o) = check_copy(db) {
        return o;
    }
    let want = crate::store::versions().0;
    let mut report =
        format!("{} restored from {} (schema {schema}), checked\n", db.display(), backup.display());
    if let Some(kept) = kept {
        report.push_str(&format!("the database it replaced is kept as {}\n", kept.display()));
    }
    if schema < want {
        report.push_str(&format!(
            "schema {schema} is older than this cedille's {want}: the server upgrades it when it starts (or `cedille migrate`)\n"
        ));
    }
    Outcome::ok(report)
}

/// The backup's schema, once it opens and passes its check: a damaged or too new one
/// changes nothing.
fn checked_schema(backup: &Path) -> Result<usize, Outcome> {
    let schema = match Store::open_with(backup, read_only()) {
        Ok((_, Opened::Migrated { from })) => from,
        Ok(_) => crate::store::versions().0,
        Err(e @ StoreError::TooNew { .. }) => {
            return Err(Outcome::failed(format!("{e}; nothing was changed")));
        }
        Err(e) => {
            return Err(Outcome::refused(format!(
                "the backup {} does not open: {}; nothing was changed",
                backup.display(),
                chain(&e)
            )));
        }
    };
    match check_copy(backup) {
        Ok(()) => Ok(schema),
        Err(o) => Err(Outcome { stderr: o.stderr.replace('\n', "; nothing was changed\n"), status: 1, ..o }),
    }
}

/// A checked copy through SQLite beside the database, so that the rename that puts it in
/// place stays on one filesystem and the backup itself is never moved or changed.
fn stage(db: &Path, backup: &Path) -> Result<PathBuf, Outcome> {
    let staged = beside(db, ".restoring");
    let copied =
        Store::open_with(backup, read_only()).and_then(|(source, _)| source.backup(&staged, |_, _| {}));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&staged);
        return Err(Outcome::failed(format!(
            "cannot copy the backup beside {}: {}; nothing was changed",
            db.display(),
            chain(&e)
        )));
    }
    if let Err(o) = check_copy(&staged) {
        let _ = std::fs::remove_file(&staged);
        return Err(o);
    }
    Ok(staged)
}

fn beside(db: &Path, suffix: &str) -> PathBuf {
    crate::store::lock::lock_path(db, suffix)
}

/// Moves the database being replaced out of the way with its `-wal` (which may hold its
/// last writes: they stay together, so the kept file opens as it was) and drops its `-shm`,
/// a cache nobody holds now. `None` when there was no database.
fn set_aside(db: &Path) -> std::io::Result<Option<PathBuf>> {
    let _ = std::fs::remove_file(beside(db, "-shm"));
    if !db.exists() {
        let _ = std::fs::remove_file(beside(db, "-wal"));
        return Ok(None);
    }
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let kept = beside(db, &format!(".replaced-{stamp}"));
    std::fs::rename(db, &kept)?;
    let wal = beside(db, "-wal");
    if wal.exists() {
        std::fs::rename(&wal, beside(&kept, "-wal"))?;
    }
    Ok(Some(kept))
}

/// The renames reach the disk with the folder's entry.
fn sync_folder(db: &Path) {
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
