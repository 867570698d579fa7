//! Reported messages, the only messages moderators ever read: each with both members and
//! the few messages before it, so that a decision needs no other screen.

use super::messages::{FIELDS, FROM, message_row};
use super::{Result, Store, StoreError, audit, parse_ts, ts};
use crate::domain::admin::{ReportDecision, ReportItem};
use crate::domain::network::{Message, REPORT_CONTEXT};
use chrono::Utc;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Open reports, oldest first, at most `limit`.
    pub fn message_reports(&self, limit: usize) -> Result<Vec<ReportItem>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT r.id, r.created_at, coalesce(ru.handle, '#' || r.reporter_id),
                        coalesce(u.banned, 0), r.reason, {FIELDS}
                 FROM message_reports r JOIN messages m ON m.id = r.message_id
                 LEFT JOIN users u ON u.id = m.sender_id
                 LEFT JOIN users ru ON ru.id = r.reporter_id
                 WHERE r.status = 'open' ORDER BY r.created_at, r.id LIMIT ?1"
            ))?;
            let rows = stmt
                .query_map([limit as i64], |r| {
                    let shifted = ShiftedRow(r, 5);
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get(3)?,
                        r.get::<_, String>(4)?,
                        shifted.message()?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut context = c.prepare_cached(&format!(
                "SELECT * FROM (SELECT {FIELDS} {FROM}
                                WHERE m.id < ?3
                                  AND ((m.sender_id = ?1 AND m.recipient_id = ?2 AND NOT m.withheld)
                                       OR (m.sender_id = ?2 AND m.recipient_id = ?1))
                                ORDER BY m.id DESC LIMIT ?4)
                 ORDER BY 1"
            ))?;
            let mut out = Vec::with_capacity(rows.len());
            for (id, at, reporter, sender_banned, reason, message) in rows {
                let before = context
                    .query_map(
                        params![message.sender_id, message.recipient_id, message.id, REPORT_CONTEXT as i64],
                        message_row,
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                out.push(ReportItem {
                    id,
                    reported_at: parse_ts(&at),
                    message,
                    reporter,
                    reason,
                    sender_banned,
                    context: before,
                });
            }
            Ok(out)
        })
    }

    /// Closes a report, signed by `actor` in the audit log; `Suspend` also suspends the
    /// sender (their session ends, as with `users ban`). Returns the sender's handle.
    pub fn decide_report(&self, actor: &str, id: i64, decision: ReportDecision) -> Result<String> {
        let now = ts(Utc::now());
        self.write(|tx| {
            let found: Option<(i64, String)> = tx
                .query_row(
                    "SELECT m.sender_id, coalesce(u.handle, '#' || m.sender_id)
                     FROM message_reports r JOIN messages m ON m.id = r.message_id
                     LEFT JOIN users u ON u.id = m.sender_id WHERE r.id = ?1 AND r.status = 'open'",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((sender, name)) = found else {
                return Err(StoreError::NotFound);
            };
            let status = match decision {
                ReportDecision::Dismiss => "dismissed",
                ReportDecision::Suspend => "suspended",
            };
            tx.execute(
                "UPDATE message_reports SET status = ?1, decided_at = ?2 WHERE id = ?3",
                params![status, now, id],
            )?;
            let target = format!("report {id}");
            match decision {
                ReportDecision::Dismiss => {
                    audit::record(tx, actor, "message.report.dismiss", &target, &name)?
                }
                ReportDecision::Suspend => {
                    super::members::set_banned_in(tx, sender, &name, true)?;
                    audit::record(tx, actor, "user.ban", &name, &target)?;
                }
            }
            Ok(name)
        })
    }
}

/// A row read from a column onwards, so that [`message_row`] serves after other columns.
struct ShiftedRow<'a, 'b>(&'a rusqlite::Row<'b>, usize);

impl ShiftedRow<'_, '_> {
    fn message(&self) -> rusqlite::Result<Message> {
        let (r, o) = (self.0, self.1);
        Ok(Message {
            id: r.get(o)?,
            sender_id: r.get(o + 1)?,
            sender: r.get(o + 2)?,
            recipient_id: r.get(o + 3)?,
            body: r.get(o + 4)?,
            created_at: parse_ts(&r.get::<_, String>(o + 5)?),
            read: r.get(o + 6)?,
        })
    }
}
