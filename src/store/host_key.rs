//! The fingerprint of the host key the bulletin was first served with, kept in the database
//! itself so that the key and the data cannot silently part ways (a lost keys folder, a
//! wrong `--keys`, a restore onto a new machine).

use chrono::Utc;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, ts};

pub struct HostKey<'s> {
    pub(super) store: &'s Store,
}

impl HostKey<'_> {
    /// The fingerprint members have in their `known_hosts`, if the bulletin was ever served.
    pub fn recorded(&self) -> Result<Option<String>> {
        self.store.read(|c| {
            Ok(c.query_row("SELECT fingerprint FROM host_key WHERE id = 1", [], |r| r.get(0)).optional()?)
        })
    }

    /// Records the key now in use (a new one replaces the old: the operator chose it).
    pub fn record(&self, fingerprint: &str) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute(
                "INSERT INTO host_key (id, fingerprint, first_used_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint,
                     first_used_at = excluded.first_used_at
                 WHERE host_key.fingerprint <> excluded.fingerprint",
                params![fingerprint, ts(Utc::now())],
            )?;
            Ok(())
        })
    }
}

impl Store {
    pub fn host_key(&self) -> HostKey<'_> {
        HostKey { store: self }
    }
}
