//! `cedille backup FILE`, `cedille check`, `cedille audit`: keeping the one file safe.

use std::io::Write;
use std::path::Path;

use super::articles::with_store;
use super::errors::{lock_error, open_error, open_why, store_error};
use super::{Limit, Outcome, left_out, open_existing};
use crate::i18n::{Lang, Listing};
use crate::store::{Migrate, Opened, Options, Store};

/// An online backup to `file` while the server runs; the copy is then checked. Progress goes
/// to `progress` when given (`main` gives standard error on a terminal only, so that cron
/// mail gets no carriage returns), the report to standard output unless `quiet`.
pub fn backup(db: &Path, file: &Path, progress: Option<&mut dyn Write>, quiet: bool) -> Outcome {
    let lang = super::lang();
    let store = match open_existing(lang, db) {
        Ok(s) => s,
        Err(o) => return o,
    };
    if let Some(refusal) = not_the_database(lang, db, file) {
        return refusal;
    }
    let name = file.display().to_string();
    if file.is_dir() {
        return Outcome::refused(lang, &lang.backup_is_folder(&name));
    }
    let result = match progress {
        Some(out) => {
            let mut last = -1;
            let result = store.backup(file, |done, total| {
                let percent = if total > 0 { done * 100 / total } else { 100 };
                if percent != last {
                    last = percent;
                    let _ = write!(out, "{}", lang.backup_progress(percent, done, total));
                    let _ = out.flush();
                }
            });
            let _ = writeln!(out);
            result
        }
        None => store.backup(file, |_, _| {}),
    };
    if let Err(e) = result {
        return Outcome::failed(lang, &lang.backup_failed(&name, &store_error(lang, &e)));
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    match check_copy(lang, file) {
        Ok(()) => {
            // Even when quiet: `cedille status` tells the last backup.
            let note = record_backup(lang, &store, file, size);
            let stdout = if quiet {
                String::new()
            } else {
                lang.backup_written(&db.display().to_string(), &name, size / 1024)
            };
            Outcome { stdout, stderr: note, status: 0 }
        }
        Err(why) => Outcome::failed(lang, &why),
    }
}

/// Records a checked backup for `cedille status`. A database that cannot take the note
/// leaves the backup as good: a line says so (nothing when recorded).
fn record_backup(lang: Lang, store: &Store, file: &Path, size: u64) -> String {
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    match store.status().backed_up(&path.display().to_string(), size) {
        Ok(()) => String::new(),
        Err(e) => lang.backup_not_recorded(&store_error(lang, &e)),
    }
}

/// A backup or a restore must not write over the database it copies, nor its companions.
pub(super) fn not_the_database(lang: Lang, db: &Path, other: &Path) -> Option<Outcome> {
    use std::os::unix::fs::MetadataExt;
    let same_file = match (std::fs::metadata(db), std::fs::metadata(other)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    };
    let name = |p: &Path| {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        dir.canonicalize().ok().map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    let companions = ["", "-wal", "-shm", "-journal", ".lock", ".serve.lock"];
    let named = match (name(db), name(other)) {
        (Some(d), Some(o)) => companions.iter().any(|c| {
            let mut n = d.clone().into_os_string();
            n.push(c);
            Path::new(&n) == o
        }),
        _ => false,
    };
    (same_file || named).then(|| Outcome::refused(lang, &lang.is_the_database(&other.display().to_string())))
}

/// Opens a copy read-only and checks it: a backup is only a backup once it reads back. The
/// message says why not.
pub(super) fn check_copy(lang: Lang, file: &Path) -> Result<(), String> {
    let name = file.display().to_string();
    let copy = match Store::open_with(file, read_only()) {
        Ok((s, _)) => s,
        Err(e) => return Err(lang.copy_does_not_open(&name, &open_why(lang, &e))),
    };
    match copy.check() {
        Ok(r) if r.problems.is_empty() => Ok(()),
        Ok(r) => {
            let problems: Vec<String> = r.problems.iter().map(|p| lang.check_problem(p)).collect();
            Err(lang.copy_fails_check(&name, &problems))
        }
        Err(e) => Err(store_error(lang, &e)),
    }
}

pub(super) fn read_only() -> Options {
    Options { read_only: true, ..Options::default() }
}

/// Integrity, foreign keys, the search indexes: exit 0 when all is well, 1 with each problem.
/// Reads only, so it works on a read-only file and on any schema, and changes nothing: a new
/// binary can check the live database before the restart that upgrades it.
pub fn check(db: &Path) -> Outcome {
    let lang = super::lang();
    let name = db.display().to_string();
    if !db.exists() {
        return Outcome::failed(lang, &lang.no_database(&name));
    }
    let (store, opened) = match Store::open_with(db, read_only()) {
        Ok(s) => s,
        Err(e) => return Outcome::failed(lang, &open_error(lang, db, &e)),
    };
    let want = crate::store::versions().0;
    let have = match opened {
        Opened::Migrated { from } => from,
        _ => want,
    };
    match store.check() {
        Ok(r) if r.problems.is_empty() => {
            Outcome::ok(lang.check_ok(&name, &r.checks, &lang.schema_note(have, want)))
        }
        Ok(r) => {
            let mut o = Outcome { status: 1, ..Outcome::default() };
            for p in &r.problems {
                o.stdout.push_str(&lang.in_file(&name, &lang.check_problem(p)));
                o.stdout.push('\n');
            }
            o
        }
        Err(e) => Outcome::failed(lang, &store_error(lang, &e)),
    }
}

/// `cedille migrate`: brings an older schema up to date after a backup beside the database.
/// Refused while a server runs: the old binary would serve a schema it does not know.
pub fn migrate(db: &Path) -> Outcome {
    let lang = super::lang();
    let name = db.display().to_string();
    if !db.exists() {
        return Outcome::failed(lang, &lang.no_database(&name));
    }
    let who = format!("pid {}, cedille migrate", std::process::id());
    let _server = match crate::store::lock::ServerLock::take(db, &who) {
        Ok(lock) => lock,
        Err(e) => {
            let why = lang.db_error(&lock_error(lang, &e));
            return Outcome::failed(lang, &lang.migrate_beside_server(&why));
        }
    };
    let options = Options { migrate: Migrate::AfterBackup, ..Options::default() };
    let want = crate::store::versions().0;
    match Store::open_with(db, options) {
        Ok((_, Opened::Migrated { from })) => {
            let before = crate::store::pre_migration_backup(db, from).display().to_string();
            Outcome::ok(lang.migrated(&name, from, want, &before))
        }
        Ok(_) => Outcome::ok(lang.already_at_schema(&name, want)),
        Err(e) => Outcome::failed(lang, &open_error(lang, db, &e)),
    }
}

/// The latest admin actions, newest first: at most `limit`. Who, what and on what are the
/// log's own records, printed as they were written.
pub fn audit(db: &Path, limit: Limit, json: bool) -> Outcome {
    with_store(db, |lang, store| match store.audit().page(limit.0) {
        Ok(page) => {
            let mut out = String::new();
            for e in &page.rows {
                if json {
                    out.push_str(&serde_json::json!(e).to_string());
                } else {
                    let at = e.at.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d %H:%M:%S");
                    out.push_str(&format!("{at}  {:<16}  {:<18}  {}", e.actor, e.action, e.target));
                    if !e.detail.is_empty() {
                        out.push_str(&format!("  · {}", e.detail));
                    }
                }
                out.push('\n');
            }
            if page.rows.is_empty() && !json {
                out.push_str(lang.empty_listing(Listing::Audit));
            }
            Outcome { stdout: out, stderr: left_out(lang, &page, Listing::Audit), status: 0 }
        }
        Err(e) => Outcome::store_failed(lang, &e),
    })
}
