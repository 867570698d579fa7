//! Who is connected now: one row per open interactive session, for the admin dashboard.

use chrono::Utc;
use rusqlite::params;

use super::{Result, Store, ts};

pub struct Sessions<'s> {
    pub(super) store: &'s Store,
}

impl Sessions<'_> {
    pub fn open(&self, user_id: Option<i64>, fingerprint: Option<&str>, peer: &str) -> Result<i64> {
        self.store.write_quiet(|tx| {
            tx.execute(
                "INSERT INTO sessions (user_id, fingerprint, peer, started_at) VALUES (?1, ?2, ?3, ?4)",
                params![user_id, fingerprint, peer, ts(Utc::now())],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn close(&self, id: i64) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Forgets sessions left by a server that stopped without closing them.
    pub fn clear(&self) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute("DELETE FROM sessions", [])?;
            Ok(())
        })
    }

    pub fn count(&self) -> Result<i64> {
        self.store.read(|c| Ok(c.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))?))
    }
}
