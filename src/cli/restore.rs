//! `cedille restore BACKUP`: the database replaced by a backup, in a way that cannot be
//! undone by a process still holding the old file. Copying the backup by hand while the
//! console is open lets the console's next checkpoint write its WAL into the restored file;
//! here the swap happens only when no Cédille process has the database open, is one
//! `rename`, and leaves no `-wal` or `-shm` of the old file beside the new one.

use std::path::{Path, PathBuf};

use super::Outcome;
use super::errors::{lock_error, open_why, store_error};
use super::maintenance::{check_copy, not_the_database, read_only};
use crate::i18n::Lang;
use crate::store::lock::Alone;
use crate::store::{Opened, Store, StoreError};

pub fn restore(db: &Path, backup: &Path) -> Outcome {
    let lang = super::lang();
    if !backup.is_file() {
        return Outcome::failed(lang, &lang.no_backup(&backup.display().to_string()));
    }
    if let Some(refusal) = not_the_database(lang, db, backup) {
        return refusal;
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let why = lang.cannot_create_folder(&dir.display().to_string(), &lang.io_problem(&e));
        return Outcome::failed(lang, &why);
    }
    let alone = match Alone::take(db) {
        Ok(lock) => lock,
        Err(e) => {
            let why = lang.db_error(&lock_error(lang, &e));
            return Outcome::failed(lang, &lang.restore_while_open(&why));
        }
    };
    let schema = match checked_schema(lang, backup) {
        Ok(schema) => schema,
        Err(o) => return o,
    };
    let staged = match stage(lang, db, backup) {
        Ok(staged) => staged,
        Err(o) => return o,
    };
    let kept = match set_aside(db) {
        Ok(kept) => kept,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            let why = lang.cannot_set_aside(&lang.io_problem(&e));
            return Outcome::failed(lang, &lang.nothing_changed(&why));
        }
    };
    if let Err(e) = std::fs::rename(&staged, db) {
        let kept = kept.as_deref().map(|k| k.display().to_string());
        return Outcome::failed(lang, &lang.cannot_put_in_place(&lang.io_problem(&e), kept.as_deref()));
    }
    sync_folder(db);
    drop(alone);
    if let Err(why) = check_copy(lang, db) {
        return Outcome::failed(lang, &why);
    }
    let want = crate::store::versions().0;
    let mut report = lang.restored(&db.display().to_string(), &backup.display().to_string(), schema);
    if let Some(kept) = kept {
        report.push_str(&lang.replaced_kept(&kept.display().to_string()));
    }
    if schema < want {
        report.push_str(&lang.restored_older(schema, want));
    }
    Outcome::ok(report)
}

/// The backup's schema, once it opens and passes its check: a damaged or too new one
/// changes nothing.
fn checked_schema(lang: Lang, backup: &Path) -> Result<usize, Outcome> {
    let schema = match Store::open_with(backup, read_only()) {
        Ok((_, Opened::Migrated { from })) => from,
        Ok(_) => crate::store::versions().0,
        Err(e @ StoreError::TooNew { .. }) => {
            return Err(Outcome::failed(lang, &lang.nothing_changed(&store_error(lang, &e))));
        }
        Err(e) => {
            let why = lang.backup_does_not_open(&backup.display().to_string(), &open_why(lang, &e));
            return Err(Outcome::refused(lang, &lang.nothing_changed(&why)));
        }
    };
    // A backup that fails its check is the input at fault: 1, and nothing changed.
    check_copy(lang, backup)
        .map(|()| schema)
        .map_err(|why| Outcome::refused(lang, &lang.nothing_changed(&why)))
}

/// A checked copy through SQLite beside the database, so that the rename that puts it in
/// place stays on one filesystem and the backup itself is never moved or changed.
fn stage(lang: Lang, db: &Path, backup: &Path) -> Result<PathBuf, Outcome> {
    let staged = beside(db, ".restoring");
    let copied =
        Store::open_with(backup, read_only()).and_then(|(source, _)| source.backup(&staged, |_, _| {}));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&staged);
        let why = lang.cannot_copy_backup(&db.display().to_string(), &store_error(lang, &e));
        return Err(Outcome::failed(lang, &lang.nothing_changed(&why)));
    }
    if let Err(why) = check_copy(lang, &staged) {
        let _ = std::fs::remove_file(&staged);
        return Err(Outcome::failed(lang, &why));
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
