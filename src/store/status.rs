//! What another process reads of a running server (`cedille status`): one row the server
//! keeps up to date, the last backup, the schema version. Written without a change notice:
//! no member's screen shows any of it.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, parse_ts, ts};
use crate::domain::status::{BackupRecord, ServerRecord};

pub struct Status<'s> {
    pub(super) store: &'s Store,
}

impl Status<'_> {
    /// A server starts serving this database: its row replaces the last server's.
    pub fn started(&self, pid: u32, listen: &str) -> Result<()> {
        let now = ts(Utc::now());
        self.store.write_quiet(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO server_status
                     (id, pid, listen, started_at, sessions, connections, updated_at, stopped_at)
                 VALUES (1, ?1, ?2, ?3, 0, 0, ?3, NULL)",
                params![pid, listen, now],
            )?;
            Ok(())
        })
    }

    /// The server's counts now; also says it is still alive.
    pub fn beat(&self, sessions: i64, connections: i64) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute(
                "UPDATE server_status SET sessions = ?1, connections = ?2, updated_at = ?3 WHERE id = 1",
                params![sessions, connections, ts(Utc::now())],
            )?;
            Ok(())
        })
    }

    /// The server stopped cleanly.
    pub fn stopped(&self) -> Result<()> {
        let now = ts(Utc::now());
        self.store.write_quiet(|tx| {
            tx.execute(
                "UPDATE server_status SET sessions = 0, connections = 0, updated_at = ?1, stopped_at = ?1
                 WHERE id = 1",
                [now],
            )?;
            Ok(())
        })
    }

    /// The last server's row, if a server ever served this database (`None` too on a schema
    /// older than the row: `status` reads any schema).
    pub fn server(&self) -> Result<Option<ServerRecord>> {
        self.store.read(|c| {
            if !has_table(c, "server_status")? {
                return Ok(None);
            }
            Ok(c.query_row(
                "SELECT pid, listen, started_at, sessions, connections, updated_at, stopped_at
                 FROM server_status WHERE id = 1",
                [],
                |r| {
                    Ok(ServerRecord {
                        pid: r.get(0)?,
                        listen: r.get(1)?,
                        started_at: parse_ts(&r.get::<_, String>(2)?),
                        sessions: r.get(3)?,
                        connections: r.get(4)?,
                        updated_at: parse_ts(&r.get::<_, String>(5)?),
                        stopped_at: r.get::<_, Option<String>>(6)?.map(|s| parse_ts(&s)),
                    })
                },
            )
            .optional()?)
        })
    }

    /// A backup of `bytes` was written to `path` and checked.
    pub fn backed_up(&self, path: &str, bytes: u64) -> Result<()> {
        let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
        self.store.write_quiet(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO last_backup (id, path, bytes, finished_at) VALUES (1, ?1, ?2, ?3)",
                params![path, bytes, ts(Utc::now())],
            )?;
            Ok(())
        })
    }

    pub fn last_backup(&self) -> Result<Option<BackupRecord>> {
        self.store.read(|c| {
            if !has_table(c, "last_backup")? {
                return Ok(None);
            }
            Ok(c.query_row("SELECT path, bytes, finished_at FROM last_backup WHERE id = 1", [], |r| {
                Ok(BackupRecord {
                    path: r.get(0)?,
                    bytes: u64::try_from(r.get::<_, i64>(1)?).unwrap_or_default(),
                    finished_at: parse_ts(&r.get::<_, String>(2)?),
                })
            })
            .optional()?)
        })
    }

    /// The schema version of the file: how many migrations it has run.
    pub fn schema(&self) -> Result<i64> {
        self.store.read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))
    }
}

fn has_table(c: &rusqlite::Connection, name: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

impl Store {
    pub fn status(&self) -> Status<'_> {
        Status { store: self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_row_follows_a_start_its_beats_and_its_stop() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("s.db")).unwrap();
        assert_eq!(store.status().server().unwrap(), None);
        assert_eq!(store.status().last_backup().unwrap(), None);
        store.status().started(42, "127.0.0.1:2222").unwrap();
        store.status().beat(3, 5).unwrap();
        let row = store.status().server().unwrap().unwrap();
        assert_eq!(
            (row.pid, row.listen.as_str(), row.sessions, row.connections),
            (42, "127.0.0.1:2222", 3, 5)
        );
        assert_eq!(row.stopped_at, None);
        store.status().stopped().unwrap();
        let row = store.status().server().unwrap().unwrap();
        assert_eq!((row.sessions, row.connections), (0, 0));
        assert!(row.stopped_at.is_some());
        // A new start forgets the stop.
        store.status().started(43, "127.0.0.1:2222").unwrap();
        assert_eq!(store.status().server().unwrap().unwrap().stopped_at, None);
        store.status().backed_up("/b/x.db", 4096).unwrap();
        let b = store.status().last_backup().unwrap().unwrap();
        assert_eq!((b.path.as_str(), b.bytes), ("/b/x.db", 4096));
        assert_eq!(store.status().schema().unwrap(), super::super::MIGRATIONS.len() as i64);
    }
}
