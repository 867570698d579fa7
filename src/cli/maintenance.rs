//! `cedille backup FILE`, `cedille check`, `cedille audit`: keeping the one file safe.

use std::io::Write;
use std::path::Path;

use super::articles::with_store;
use super::{Limit, Outcome, chain, left_out, open_existing};
use crate::store::Store;

/// An online backup to `file` while the server runs; the copy is then checked. Progress goes
/// to `progress` (standard error on a terminal), the report to standard output.
pub fn backup(db: &Path, file: &Path, progress: &mut dyn Write) -> Outcome {
    let store = match open_existing(db) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let mut last = -1;
    let result = store.backup(file, |done, total| {
        let percent = if total > 0 { done * 100 / total } else { 100 };
        if percent != last {
            last = percent;
            let _ = write!(progress, "\rbackup: {percent:>3} % ({done}/{total} pages)");
            let _ = progress.flush();
        }
    });
    let _ = writeln!(progress);
    if let Err(e) = result {
        return Outcome::failed(format!("backup to {} failed: {}", file.display(), chain(&e)));
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let copy = match Store::open(file) {
        Ok((s, _)) => s,
        Err(e) => {
            return Outcome::failed(format!("the backup {} does not open: {}", file.display(), chain(&e)));
        }
    };
    match copy.check() {
        Ok(r) if r.problems.is_empty() => Outcome::ok(format!(
            "backup of {} written to {} ({} KiB), checked\n{}",
            db.display(),
            file.display(),
            size / 1024,
            record_backup(&store, file, size)
        )),
        Ok(r) => Outcome::failed(format!(
            "the backup {} fails its check: {}",
            file.display(),
            r.problems.join("; ")
        )),
        Err(e) => Outcome::failed(chain(&e)),
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

/// Integrity, foreign keys, the search index: exit 0 when all is well, 1 with each problem.
pub fn check(db: &Path) -> Outcome {
    with_store(db, |store| match store.check() {
        Ok(r) if r.problems.is_empty() => {
            Outcome::ok(format!("{}: ok ({})\n", db.display(), r.checks.join(", ")))
        }
        Ok(r) => {
            let mut o = Outcome { status: 1, ..Outcome::default() };
            for p in &r.problems {
                o.stdout.push_str(&format!("{}: {p}\n", db.display()));
            }
            o
        }
        Err(e) => Outcome::failed(chain(&e)),
    })
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
