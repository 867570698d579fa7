//! The store's and the system's errors as the command line says them: each kind is mapped to
//! its message in `i18n` (`DbError`, `DbProblem`), in the language of the rest of the
//! output, rather than printing the store's English `Display`.

use std::path::Path;

use crate::domain::fault::chain;
use crate::i18n::{DbError, DbKind, DbProblem, Lang};
use crate::store::StoreError;
use crate::store::lock::LockError;

/// A store error, one line without the « cedille: » prefix.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    lang.db_error(&db_error(lang, e))
}

/// Opening `db` failed: what SQLite said of the file is said of it by name.
pub fn open_error(lang: Lang, db: &Path, e: &StoreError) -> String {
    match file_problem(e) {
        Some(why) => lang.db_error(&DbError::Open { path: db.display().to_string(), why }),
        None => store_error(lang, e),
    }
}

/// Why a file did not open as a database, when the message names the file already (« the
/// backup X does not open: … »).
pub fn open_why(lang: Lang, e: &StoreError) -> String {
    match file_problem(e) {
        Some(why) => lang.db_problem(&why),
        None => store_error(lang, e),
    }
}

/// What SQLite said of a file it could not open or read, if that was the trouble.
fn file_problem(e: &StoreError) -> Option<DbProblem> {
    match e {
        StoreError::Open { source, .. } | StoreError::Sql(source) | StoreError::Unavailable(source) => {
            Some(problem(source))
        }
        StoreError::Migrate(m) => Some(migration_problem(m)),
        _ => None,
    }
}

/// The kind of a store error, with what its message needs.
pub fn db_error(lang: Lang, e: &StoreError) -> DbError {
    let shown = |p: &Path| p.display().to_string();
    match e {
        StoreError::Open { path, source } => DbError::Open { path: shown(path), why: problem(source) },
        StoreError::Folder { path, source } => {
            DbError::Folder { path: shown(path), why: lang.io_problem(source) }
        }
        StoreError::Migrate(m) => DbError::Migration(migration_problem(m)),
        StoreError::Lock(l) => lock_error(lang, l),
        StoreError::Outdated { path, have, want } => {
            DbError::Outdated { path: shown(path), have: *have, want: *want }
        }
        StoreError::TooNew { path, have, want } => {
            DbError::TooNew { path: shown(path), have: *have, want: *want }
        }
        StoreError::Sql(err) => DbError::Broken(problem(err)),
        StoreError::Unavailable(err) => DbError::Unavailable(problem(err)),
        StoreError::Gone(path) => DbError::Gone { path: shown(path) },
        StoreError::NotFound => DbError::NotFound,
        StoreError::Invalid(words) => DbError::Refused(words.clone()),
        StoreError::Refused(r) => DbError::Refused(lang.refusal(r)),
        StoreError::Random(words) => DbError::Random(words.clone()),
        StoreError::Data(words) => DbError::Data(words.clone()),
    }
}

/// A lock that could not be taken, its holder said in `lang`.
pub fn lock_error(lang: Lang, e: &LockError) -> DbError {
    let shown = |p: &Path| p.display().to_string();
    match e {
        LockError::File { path, source } => {
            DbError::LockFile { path: shown(path), why: lang.io_problem(source) }
        }
        LockError::Served { db, holder } => {
            DbError::Served { db: shown(db), holder: holder_in(lang, holder) }
        }
        LockError::InUse { db, holder } => DbError::InUse { db: shown(db), holder: holder_in(lang, holder) },
        LockError::Restoring { db } => DbError::Restoring { db: shown(db) },
    }
}

/// What SQLite said, sorted by what a person can do about it.
pub fn problem(e: &rusqlite::Error) -> DbProblem {
    use rusqlite::ErrorCode as C;
    let kind = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => DbKind::Busy,
        Some(C::ReadOnly) => DbKind::ReadOnly,
        Some(C::DiskFull) => DbKind::Full,
        Some(C::NotADatabase) => DbKind::NotADatabase,
        Some(C::DatabaseCorrupt) => DbKind::Corrupt,
        Some(C::CannotOpen) => DbKind::CannotOpen,
        Some(C::PermissionDenied) => DbKind::PermissionDenied,
        Some(C::SystemIoFailure) => DbKind::Io,
        _ => DbKind::Other,
    };
    DbProblem { kind, words: e.to_string() }
}

fn migration_problem(e: &rusqlite_migration::Error) -> DbProblem {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => problem(err),
        other => DbProblem { kind: DbKind::Other, words: chain(other) },
    }
}

/// What a lock's holder wrote of itself, said in `lang`. A server writes its line in
/// English ([`server_line`]), whoever reads it later; a process's command line stays as it is.
pub fn holder_in(lang: Lang, holder: &str) -> String {
    let (prefix, line) = match holder.strip_prefix("cedille serve: ") {
        Some(line) => (Some("cedille serve"), line),
        None => (None, holder),
    };
    let Some((pid, listen, since)) = parse_server_line(line) else { return holder.to_string() };
    let said = lang.server_holder(pid, listen, since);
    match (prefix, lang) {
        (None, _) => said,
        (Some(p), Lang::Fr) => format!("{p} : {said}"),
        (Some(p), Lang::En) => format!("{p}: {said}"),
    }
}

/// The line a server writes in its lock: its pid, address and start.
pub fn server_line(pid: u32, listen: &str, since: &str) -> String {
    Lang::En.server_holder(&pid.to_string(), listen, since)
}

fn parse_server_line(line: &str) -> Option<(&str, &str, &str)> {
    let rest = line.strip_prefix("pid ")?;
    let (pid, rest) = rest.split_once(", listening on ")?;
    let (listen, since) = rest.rsplit_once(", since ")?;
    Some((pid, listen, since))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_line_is_said_again_in_french_and_a_command_line_is_left_alone() {
        let line = server_line(4242, "127.0.0.1:2222", "2026-12-01 10:00:00 UTC");
        assert_eq!(line, "pid 4242, listening on 127.0.0.1:2222, since 2026-12-01 10:00:00 UTC");
        assert_eq!(holder_in(Lang::En, &line), line);
        assert_eq!(
            holder_in(Lang::Fr, &format!("cedille serve: {line}")),
            "cedille serve : pid 4242, à l'écoute sur 127.0.0.1:2222 depuis le 2026-12-01 10:00:00 UTC"
        );
        let command = "pid 17: cedille admin --db /var/lib/cedille/cedille.db";
        assert_eq!(holder_in(Lang::Fr, command), command);
    }
}
