//! The audit log: every admin action, who did it and when, written in the same transaction
//! as the action itself so that the log never claims what did not happen (nor misses what
//! did).

use super::{Page, Result, Store, page_limit, paged, parse_ts, ts};
use crate::domain::admin::AuditEntry;
use chrono::Utc;
use rusqlite::{Transaction, params};

pub struct Audit<'s> {
    pub(super) store: &'s Store,
}

/// Records one action inside the caller's transaction.
pub(super) fn record(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![ts(Utc::now()), actor, action, target, detail],
    )?;
    Ok(())
}

impl Audit<'_> {
    /// The `limit` latest actions, newest first.
    pub fn recent(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        self.page(Some(limit)).map(|p| p.rows)
    }

    /// The `limit` latest actions (`None`: all), newest first, and how many in all.
    pub fn page(&self, limit: Option<usize>) -> Result<Page<AuditEntry>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, at, actor, action, coalesce(target, ''), coalesce(detail, '')
                 FROM audit_log ORDER BY at DESC, id DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map([page_limit(limit)], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: parse_ts(&r.get::<_, String>(1)?),
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    target: r.get(4)?,
                    detail: r.get(5)?,
                })
            })?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            paged(rows, limit, || c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)))
        })
    }
}

/// The name admin actions are signed with when run on the server: the system user.
pub fn local_actor(tool: &str) -> String {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "admin".into());
    format!("{tool}:{}", crate::text::clean::clean_line(&user))
}
