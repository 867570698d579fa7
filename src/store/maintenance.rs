//! What keeps the database healthy and watched: the dashboard's figures, who is connected,
//! online backups and the integrity check.

use std::path::{Path, PathBuf};

use super::{Result, Store, StoreError, parse_ts};
use crate::domain::admin::{Check, Connected, Figures, Problem};
use rusqlite::Connection;

/// What `check` found wrong; empty when all is well.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub problems: Vec<Problem>,
    /// The checks that ran, for the report.
    pub checks: Vec<Check>,
}

/// The page count a backup copies at each step: small enough that the server's writers
/// never wait long for the backup, large enough that it ends.
const BACKUP_STEP: std::ffi::c_int = 256;

impl Store {
    pub fn figures(&self) -> Result<Figures> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT count(*) FROM users),
                        (SELECT count(*) FROM users WHERE banned),
                        (SELECT count(*) FROM articles),
                        (SELECT count(*) FROM articles WHERE status = 'draft'),
                        (SELECT count(*) FROM comments WHERE status <> 'deleted'),
                        (SELECT count(*) FROM comments WHERE status = 'pending'),
                        (SELECT count(*) FROM spaces),
                        (SELECT count(*) FROM sessions),
                        (SELECT count(*) FROM events WHERE status = 'proposed')",
                [],
                |r| {
                    Ok(Figures {
                        members: r.get(0)?,
                        banned: r.get(1)?,
                        articles: r.get(2)?,
                        drafts: r.get(3)?,
                        comments: r.get(4)?,
                        pending: r.get(5)?,
                        spaces: r.get(6)?,
                        sessions: r.get(7)?,
                        events_pending: r.get(8)?,
                    })
                },
            )?)
        })
    }

    /// Who is connected now, longest first.
    pub fn connected(&self) -> Result<Vec<Connected>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT CASE WHEN s.user_id IS NULL THEN NULL ELSE coalesce(u.handle, '#' || s.user_id) END,
                        s.peer, s.started_at
                 FROM sessions s LEFT JOIN users u ON u.id = s.user_id
                 ORDER BY s.started_at, s.id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Connected { who: r.get(0)?, peer: r.get(1)?, since: parse_ts(&r.get::<_, String>(2)?) })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Copies the whole database to `dest` while the server goes on writing. The copy reads
    /// one snapshot, inside one read transaction: writers go on (WAL), and the copy never
    /// starts over because of them, however large the file and however busy the bulletin.
    /// It is written beside `dest` and renamed at the end, so `dest` is either the old file or
    /// a complete new one, never half a backup. `progress` gets (pages done, pages in all).
    pub fn backup(&self, dest: &Path, mut progress: impl FnMut(i64, i64)) -> Result<()> {
        let source = super::connect(self.path(), &self.inner.options)?;
        copy_to(&source, dest, &mut progress)
    }

    /// Checks the file (SQLite's integrity check), the links between tables (foreign keys),
    /// and that the search index says what the spaces say.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let conn = self.writer();
        report.checks.push(Check::Integrity);
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                report.problems.push(Problem::Integrity(line));
            }
        }
        report.checks.push(Check::ForeignKeys);
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(Problem::ForeignKey {
                table: r.get(0)?,
                row: r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                parent: r.get(2)?,
            })
        })?;
        for row in rows {
            report.problems.push(row?);
        }
        report.checks.push(Check::SearchIndex);
        // SQLite's integrity check above reads the search indexes too (their `xIntegrity`);
        // FTS5's own check is a write, which a read-only file cannot take.
        if !self.inner.options.read_only
            && let Err(e) =
                conn.execute("INSERT INTO spaces_fts(spaces_fts, rank) VALUES ('integrity-check', 1)", [])
        {
            report.problems.push(Problem::SearchIndex(e.to_string()));
        }
        Ok(report)
    }
}

/// [`Store::backup`] from an open connection: also the backup made before a migration.
pub(super) fn copy_to(source: &Connection, dest: &Path, progress: &mut dyn FnMut(i64, i64)) -> Result<()> {
    let partial = partial_name(dest);
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut target = Connection::open(&partial)
            .map_err(|source| StoreError::Open { path: partial.clone(), source })?;
        // One snapshot for the whole copy: the backup steps read inside this transaction.
        source.execute_batch("BEGIN; SELECT count(*) FROM sqlite_schema;")?;
        let copied = (|| -> Result<()> {
            let backup = rusqlite::backup::Backup::new(source, &mut target)?;
            loop {
                let step = backup.step(BACKUP_STEP)?;
                let p = backup.progress();
                progress(i64::from(p.pagecount - p.remaining), i64::from(p.pagecount));
                match step {
                    rusqlite::backup::StepResult::Done => return Ok(()),
                    rusqlite::backup::StepResult::More => {}
                    // Only the target can be busy (someone opened the partial file): it is
                    // ours alone, so this is not expected to last.
                    _ => std::thread::sleep(std::time::Duration::from_millis(20)),
                }
            }
        })();
        let _ = source.execute_batch("COMMIT;");
        copied?;
        // A single file, readable without its -wal beside it.
        target.execute_batch("PRAGMA journal_mode = DELETE;")?;
        drop(target);
        std::fs::rename(&partial, dest)
            .map_err(|e| StoreError::Data(format!("cannot write {}: {e}", dest.display())))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn partial_name(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
