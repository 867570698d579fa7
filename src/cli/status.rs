//! `cedille status`: what an operator asks first — is the server up, how many members are
//! in, how big is the file and its WAL, when was the last backup, which schema. Everything
//! comes from the database, which the server keeps a row in (`observe::Beacon`): the same
//! answer whether the metrics endpoint is on or not, from any shell that can read the file.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Outcome;
use crate::domain::status::{BackupRecord, ServerRecord};
use crate::observe::{Beacon, wal_path};

/// What became of the server that last served the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerState {
    /// No server ever served this database (since its schema had the row).
    Never,
    /// Serving now: the row is fresh and its process is alive.
    Running,
    /// Stopped cleanly.
    Stopped,
    /// Gone without a word (killed, crashed, the machine stopped): its process is not
    /// there any more, or the row is older than two heartbeats.
    Gone,
}

impl ServerState {
    fn name(self) -> &'static str {
        match self {
            ServerState::Never => "never",
            ServerState::Running => "running",
            ServerState::Stopped => "stopped",
            ServerState::Gone => "gone",
        }
    }
}

/// What the row says, read at `now`.
pub fn state(row: Option<&ServerRecord>, now: DateTime<Utc>) -> ServerState {
    let Some(row) = row else { return ServerState::Never };
    if row.stopped_at.is_some() {
        return ServerState::Stopped;
    }
    let stale = chrono::Duration::from_std(Beacon::HEARTBEAT * 2).unwrap_or(chrono::Duration::MAX);
    if now - row.updated_at > stale || !process_alive(row.pid) {
        return ServerState::Gone;
    }
    ServerState::Running
}

/// Whether process `pid` exists on this machine (another user's counts: it exists).
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

/// `cedille status [--json]`: exit 0 with the report, 2 when the database cannot be read.
/// Reads only, whatever the schema (an older one is named, as `check` does).
pub fn status(db: &Path, json: bool) -> Outcome {
    let lang = super::lang();
    if !db.exists() {
        return Outcome::failed(lang, &lang.no_database(&db.display().to_string()));
    }
    let read_only = crate::store::Options { read_only: true, ..Default::default() };
    let store = match crate::store::Store::open_with(db, read_only) {
        Ok((store, _)) => store,
        Err(e) => return Outcome::failed(lang, &super::errors::open_error(lang, db, &e)),
    };
    let read = (|| {
        Ok::<_, crate::store::StoreError>((
            store.status().schema()?,
            store.status().server()?,
            store.status().last_backup()?,
        ))
    })();
    let (schema, server, backup) = match read {
        Ok(read) => read,
        Err(e) => return Outcome::failed(lang, &super::errors::store_error(lang, &e)),
    };
    let now = Utc::now();
    let report = Report {
        lang,
        db,
        schema,
        sizes: (file_size(db), file_size(&wal_path(db))),
        state: state(server.as_ref(), now),
        server,
        backup,
        now,
    };
    Outcome::ok(if json { report.json() } else { report.text() })
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

struct Report<'a> {
    lang: crate::i18n::Lang,
    db: &'a Path,
    schema: i64,
    /// The database file and its WAL, in bytes.
    sizes: (u64, u64),
    state: ServerState,
    server: Option<ServerRecord>,
    backup: Option<BackupRecord>,
    now: DateTime<Utc>,
}

impl Report<'_> {
    fn sessions(&self) -> Option<i64> {
        let row = self.server.as_ref().filter(|_| self.state == ServerState::Running)?;
        Some(row.sessions)
    }

    fn json(&self) -> String {
        let server = self.server.as_ref().map(|s| {
            json!({
                "state": self.state.name(),
                "pid": s.pid,
                "listen": s.listen,
                "started_at": s.started_at,
                "sessions": s.sessions,
                "connections": s.connections,
                "updated_at": s.updated_at,
                "stopped_at": s.stopped_at,
            })
        });
        let value = json!({
            "database": self.db.display().to_string(),
            "schema": self.schema,
            "schema_binary": crate::store::versions().0,
            "database_bytes": self.sizes.0,
            "wal_bytes": self.sizes.1,
            "server": server,
            "sessions": self.sessions(),
            "last_backup": self.backup,
        });
        format!("{value}\n")
    }

    fn text(&self) -> String {
        let lang = self.lang;
        let mut out = lang.status_database(&self.db.display().to_string());
        out.push_str(&lang.status_schema(self.schema, crate::store::versions().0 as i64));
        out.push_str(&lang.status_size(&human(self.sizes.0), &human(self.sizes.1)));
        let backup =
            self.backup.as_ref().map(|b| (local(b.finished_at), self.ago(b.finished_at), b, human(b.bytes)));
        out.push_str(
            &lang.status_backup(
                backup
                    .as_ref()
                    .map(|(at, ago, b, size)| (at.as_str(), ago.as_str(), b.path.as_str(), size.as_str())),
            ),
        );
        out.push_str(&self.server_lines());
        out
    }

    fn server_lines(&self) -> String {
        let lang = self.lang;
        let Some(s) = &self.server else { return lang.status_never_served() };
        match self.state {
            ServerState::Running => {
                let time =
                    s.updated_at.with_timezone(&chrono_tz::Europe::Paris).format("%H:%M:%S").to_string();
                lang.status_running(
                    s.pid,
                    &s.listen,
                    (&local(s.started_at), &self.ago(s.started_at)),
                    (s.sessions, s.connections),
                    (&time, &self.ago(s.updated_at)),
                )
            }
            ServerState::Stopped => {
                let at = s.stopped_at.unwrap_or(s.updated_at);
                lang.status_stopped(&local(at), &self.ago(at), s.pid, &s.listen)
            }
            ServerState::Gone | ServerState::Never => {
                lang.status_gone(s.pid, &s.listen, &local(s.updated_at), &self.ago(s.updated_at))
            }
        }
    }

    fn ago(&self, at: DateTime<Utc>) -> String {
        self.lang.status_ago((self.now - at).num_seconds())
    }
}

/// A time as the operator's other commands print it (Paris time, as `audit`).
fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// `12.3 MiB`, `512 KiB`, `0 B`.
fn human(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        0..KIB => format!("{bytes} B"),
        KIB..1_048_576 => format!("{} KiB", bytes / KIB),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(age_secs: i64, stopped: bool, pid: u32) -> ServerRecord {
        let now = Utc::now();
        ServerRecord {
            pid,
            listen: "127.0.0.1:2222".into(),
            started_at: now - chrono::Duration::hours(1),
            sessions: 4,
            connections: 5,
            updated_at: now - chrono::Duration::seconds(age_secs),
            stopped_at: stopped.then_some(now),
        }
    }

    #[test]
    fn a_server_is_running_stopped_or_gone() {
        let me = std::process::id();
        let now = Utc::now();
        assert_eq!(state(None, now), ServerState::Never);
        assert_eq!(state(Some(&row(5, false, me)), now), ServerState::Running);
        assert_eq!(state(Some(&row(5, true, me)), now), ServerState::Stopped);
        // A heartbeat missed twice, or a process that is not there any more.
        assert_eq!(state(Some(&row(3600, false, me)), now), ServerState::Gone);
        assert_eq!(state(Some(&row(5, false, u32::MAX)), now), ServerState::Gone);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human(0), "0 B");
        assert_eq!(human(4096), "4 KiB");
        assert_eq!(human(12_897_484), "12.3 MiB");
    }
}
