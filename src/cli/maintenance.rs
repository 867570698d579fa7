//! `cedille backup FILE`, `cedille check`, `cedille audit`: keeping the one file safe.

use std::io::Write;
use std::path::Path;

use super::articles::with_store;
use super::{Limit, Outcome, chain, left_out, open_existing};
use crate::store::{Migrate, Opened, Options, Store};

/// An online backup to `file` while the server runs; the copy is then checked. Progress goes
/// to `progress` when given (`main` gives standard error on a terminal only, so that cron
/// mail gets no carriage returns), the report to standard output unless `quiet`.
pub fn backup(db: &Path, file: &Path, progress: Option<&mut dyn Write>, quiet: bool) -> Outcome {
    let store = match open_existing(db) {
        Ok(s) => s,
        Err(o) => return o,
    };
    if let Some(refusal) = not_the_database(db, file) {
        return refusal;
    }
    if file.is_dir() {
        return Outcome::refused(format!("{} is a folder: give the backup file's name", file.display()));
    }
    let result = match progress {
        Some(out) => {
            let mut last = -1;
            let result = store.backup(file, |done, total| {
                let percent = if total > 0 { done * 100 / total } else { 100 };
                if percent != last {
                    last = percent;
                    let _ = write!(out, "\rbackup: {percent:>3} % ({done}/{total} pages)");
                    let _ = out.flush();
                }
            });
            let _ = writeln!(out);
            result
        }
        None => store.backup(file, |_, _| {}),
    };
    if let Err(e) = result {
        return Outcome::failed(format!("backup to {} failed: {}", file.display(), chain(&e)));
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    match check_copy(file) {
        Ok(()) => {
            // Even when quiet: `cedille status` tells the last backup.
            let note = record_backup(&store, file, size);
            let stdout = if quiet {
                String::new()
            } else {
                format!(
                    "backup of {} written to {} ({} KiB), checked\n",
                    db.display(),
                    file.display(),
                    size / 1024
                )
            };
            Outcome { stdout, stderr: note, status: 0 }
        }
        Err(o) => o,
    }
}

/// Records a checked backup for `cedille status`. A database that cannot take the note
/// leaves the backup as good: a line says so (nothing when recorded).
fn record_backup(store: &Store, file: &Path, size: u64) -> String {
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    match store.status().backed_up(&path.display().to_string(), size) {
        Ok(()) => String::new(),
        Err(e) => format!("(not recorded for `cedille status`: {})\n", chain(&e)),
    }
}

/// A backup or a restore must not write over the database it copies, nor its companions.
pub(super) fn not_the_database(db: &Path, other: &Path) -> Option<Outcome> {
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
    (same_file || named).then(|| {
        Outcome::refused(format!(
            "{} is the database itself (or one of its files): choose another file",
            other.display()
        ))
    })
}

/// Opens a copy read-only and checks it: a backup is only a backup once it reads back.
pub(super) fn check_copy(file: &Path) -> Result<(), Outcome> {
    let copy = match Store::open_with(file, read_only()) {
        Ok((s, _)) => s,
        Err(e) => {
            return Err(Outcome::failed(format!("the copy {} does not open: {}", file.display(), chain(&e))));
        }
    };
    match copy.check() {
        Ok(r) if r.problems.is_empty() => Ok(()),
        Ok(r) => Err(Outcome::failed(format!(
            "the copy {} fails its check: {}",
            file.display(),
            r.problems.join("; ")
        ))),
        Err(e) => Err(Outcome::failed(chain(&e))),
    }
}

pub(super) fn read_only() -> Options {
    Options { read_only: true, ..Options::default() }
}

/// Integrity, foreign keys, the search indexes: exit 0 when all is well, 1 with each problem.
/// Reads only, so it works on a read-only file and on any schema, and changes nothing: a new
/// binary can check the live database before the restart that upgrades it.
pub fn check(db: &Path) -> Outcome {
    if !db.exists() {
        return Outcome::failed(format!(
            "no database at {} (give the right one with --db or CEDILLE_DB)",
            db.display()
        ));
    }
    let (store, opened) = match Store::open_with(db, read_only()) {
        Ok(s) => s,
        Err(e) => return Outcome::failed(chain(&e)),
    };
    let want = crate::store::versions().0;
    let schema = match opened {
        Opened::Migrated { from } => {
            format!("schema {from}, older than this cedille's {want}: `cedille migrate` upgrades it")
        }
        _ => format!("schema {want}"),
    };
    match store.check() {
        Ok(r) if r.problems.is_empty() => {
            Outcome::ok(format!("{}: ok ({}), {schema}\n", db.display(), r.checks.join(", ")))
        }
        Ok(r) => {
            let mut o = Outcome { status: 1, ..Outcome::default() };
            for p in &r.problems {
                o.stdout.push_str(&format!("{}: {p}\n", db.display()));
            }
            o
        }
        Err(e) => Outcome::failed(chain(&e)),
    }
}

/// `cedille migrate`: brings an older schema up to date after a backup beside the database.
/// Refused while a server runs: the old binary would serve a schema it does not know.
pub fn migrate(db: &Path) -> Outcome {
    if !db.exists() {
        return Outcome::failed(format!(
            "no database at {} (give the right one with --db or CEDILLE_DB)",
            db.display()
        ));
    }
    let who = format!("pid {}, cedille migrate", std::process::id());
    let _server = match crate::store::lock::ServerLock::take(db, &who) {
        Ok(lock) => lock,
        Err(e) => {
            return Outcome::failed(format!(
                "{e}: stop it first; a server migrates the database itself when it starts"
            ));
        }
    };
    let options = Options { migrate: Migrate::AfterBackup, ..Options::default() };
    let want = crate::store::versions().0;
    match Store::open_with(db, options) {
        Ok((_, Opened::Migrated { from })) => Outcome::ok(format!(
            "{} migrated from schema {from} to {want}; as it was before: {}\n",
            db.display(),
            crate::store::pre_migration_backup(db, from).display()
        )),
        Ok(_) => Outcome::ok(format!("{} is already at schema {want}\n", db.display())),
        Err(e) => Outcome::failed(chain(&e)),
    }
}

/// The latest admin actions, newest first: at most `limit`.
pub fn audit(db: &Path, limit: Limit, json: bool) -> Outcome {
    with_store(db, |store| match store.audit().page(limit.0) {
        Ok(page) => {
            let entries = &page.rows;
            let mut out = String::new();
            for e in entries {
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
            if entries.is_empty() && !json {
                out.push_str("No admin action yet.\n");
            }
            Outcome { stdout: out, stderr: left_out(&page, "actions", "newest first"), status: 0 }
        }
        Err(e) => Outcome::failed(chain(&e)),
    })
}
