//! Private messages between two members: sending with the same pace and cleaning as
//! comments, conversations with their unread counts, blocking and reporting. Nothing here
//! lists messages for anyone outside the conversation: moderators only ever see a reported
//! message and its context (see `reports`).

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, StoreError, parse_ts, ts};
use crate::domain::comment::{CommentPolicy, PostError, check_body, check_pace};
use crate::domain::network::{
    Conversation, Inbox, MAX_REPORTS_PER_DAY, Message, ReportError, THREAD_LIMIT, Thread, report_reason,
};

pub struct Messages<'s> {
    pub(super) store: &'s Store,
}

/// The columns [`message_row`] reads, messages as `m`, senders as `u`.
pub(super) const FIELDS: &str =
    "m.id, m.sender_id, coalesce(u.handle, ''), m.recipient_id, m.body, m.created_at, m.read_at IS NOT NULL";
pub(super) const FROM: &str = "FROM messages m LEFT JOIN users u ON u.id = m.sender_id";

pub(super) fn message_row(r: &Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: r.get(0)?,
        sender_id: r.get(1)?,
        sender: r.get(2)?,
        recipient_id: r.get(3)?,
        body: r.get(4)?,
        created_at: parse_ts(&r.get::<_, String>(5)?),
        read: r.get(6)?,
    })
}

fn handle_of(c: &Connection, user_id: i64) -> rusqlite::Result<Option<Option<String>>> {
    c.query_row("SELECT handle FROM users WHERE id = ?1", [user_id], |r| r.get(0)).optional()
}

fn blocked(c: &Connection, blocker: i64, blocked: i64) -> rusqlite::Result<bool> {
    c.query_row(
        "SELECT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = ?1 AND blocked_id = ?2)",
        [blocker, blocked],
        |r| r.get(0),
    )
}

impl Messages<'_> {
    /// Sends a message, checking in one transaction, in this order: the sender exists
    /// (`NotFound`), is not suspended (`Banned`) and has a handle (`NoHandle`); the recipient
    /// is another member, not suspended, who published a profile or already shares a
    /// conversation with the sender (`NotFound`); the body (`Empty`, `TooLong`); the pace of
    /// comments (`TooFast`, `DailyLimit`), counted over the sender's messages.
    ///
    /// A recipient who blocked the sender never sees the message, and the sender is not
    /// told: it is kept as `withheld`, visible only in the sender's own conversation.
    pub fn send(
        &self,
        sender_id: i64,
        recipient_id: i64,
        body: &str,
        policy: &CommentPolicy,
        now: DateTime<Utc>,
    ) -> std::result::Result<Message, PostError> {
        let checked = check_body(body, policy.max_chars);
        self.store.write(|tx| {
            let (handle, banned): (Option<String>, bool) = tx
                .query_row("SELECT handle, banned FROM users WHERE id = ?1", [sender_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or(PostError::NotFound)?;
            if banned {
                return Err(PostError::Banned);
            }
            if handle.is_none() {
                return Err(PostError::NoHandle);
            }
            let reachable: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?2 AND id <> ?1 AND NOT banned
                                AND handle IS NOT NULL)
                    AND (EXISTS (SELECT 1 FROM profiles WHERE user_id = ?2 AND published)
                         OR EXISTS (SELECT 1 FROM messages WHERE (sender_id = ?2 AND recipient_id = ?1)
                                                             OR (sender_id = ?1 AND recipient_id = ?2)))",
                params![sender_id, recipient_id],
                |r| r.get(0),
            )?;
            if !reachable {
                return Err(PostError::NotFound);
            }
            let body = checked?;
            let last: Option<String> = tx.query_row(
                "SELECT max(created_at) FROM messages WHERE sender_id = ?1",
                [sender_id],
                |r| r.get(0),
            )?;
            let today: i64 = tx.query_row(
                "SELECT count(*) FROM messages WHERE sender_id = ?1 AND created_at > ?2",
                params![sender_id, ts(now - Duration::hours(24))],
                |r| r.get(0),
            )?;
            check_pace(last.map(|l| parse_ts(&l)), today, policy, now)?;
            let withheld = blocked(tx, recipient_id, sender_id)?;
            tx.execute(
                "INSERT INTO messages (sender_id, recipient_id, body, created_at, withheld)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![sender_id, recipient_id, body, ts(now), withheld],
            )?;
            let id = tx.last_insert_rowid();
            Ok(tx.query_row(&format!("SELECT {FIELDS} {FROM} WHERE m.id = ?1"), [id], message_row)?)
        })
    }

    /// A member's conversations, the most recent first, with what they have not read.
    pub fn conversations(&self, user_id: i64) -> Result<Vec<Conversation>> {
        self.store.read(|c| {
            // SQLite takes the bare columns of an aggregate query from the row of `max()`:
            // the last message of each conversation.
            let mut stmt = c.prepare_cached(
                "SELECT t.other, coalesce(u.handle, ''), max(t.id), t.body, t.sender_id = ?1, t.created_at,
                        sum(t.recipient_id = ?1 AND t.read_at IS NULL),
                        EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ?1 AND b.blocked_id = t.other)
                 FROM (SELECT id, sender_id, recipient_id, body, created_at, read_at,
                              CASE WHEN sender_id = ?1 THEN recipient_id ELSE sender_id END AS other
                       FROM messages
                       WHERE sender_id = ?1 OR (recipient_id = ?1 AND NOT withheld)) t
                 LEFT JOIN users u ON u.id = t.other
                 GROUP BY t.other ORDER BY max(t.id) DESC",
            )?;
            let rows = stmt.query_map([user_id], |r| {
                Ok(Conversation {
                    other_id: r.get(0)?,
                    other: r.get(1)?,
                    last_body: r.get::<_, String>(3)?.lines().next().unwrap_or_default().to_string(),
                    last_mine: r.get(4)?,
                    last_at: parse_ts(&r.get::<_, String>(5)?),
                    unread: r.get(6)?,
                    blocked: r.get(7)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The conversation between `user_id` and `other`, as `user_id` may see it.
    pub fn thread(&self, user_id: i64, other: i64) -> Result<Thread> {
        self.store.read(|c| {
            let Some(handle) = handle_of(c, other)? else {
                return Err(StoreError::NotFound);
            };
            let mut stmt = c.prepare_cached(&format!(
                "SELECT * FROM (SELECT {FIELDS} {FROM}
                                WHERE (m.sender_id = ?1 AND m.recipient_id = ?2)
                                   OR (m.sender_id = ?2 AND m.recipient_id = ?1 AND NOT m.withheld)
                                ORDER BY m.id DESC LIMIT ?3)
                 ORDER BY 1"
            ))?;
            let messages = stmt
                .query_map(params![user_id, other, THREAD_LIMIT as i64], message_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut reported = c.prepare_cached(
                "SELECT r.message_id FROM message_reports r JOIN messages m ON m.id = r.message_id
                 WHERE r.reporter_id = ?1 AND m.sender_id = ?2 AND m.recipient_id = ?1",
            )?;
            let reported = reported
                .query_map([user_id, other], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(Thread {
                other_id: other,
                other: handle.unwrap_or_default(),
                blocked: blocked(c, user_id, other)?,
                messages,
                reported,
            })
        })
    }

    /// Marks what `other` sent to `user_id` as read. Writes only when something was unread:
    /// every write wakes every session, and a session reading a conversation marks it read
    /// each time it reloads.
    pub fn mark_read(&self, user_id: i64, other: i64, now: DateTime<Utc>) -> Result<bool> {
        let unread: bool = self.store.read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM messages WHERE recipient_id = ?1 AND sender_id = ?2
                                AND read_at IS NULL AND NOT withheld)",
                [user_id, other],
                |r| r.get(0),
            )?)
        })?;
        if !unread {
            return Ok(false);
        }
        self.store.write(|tx| {
            tx.execute(
                "UPDATE messages SET read_at = ?3 WHERE recipient_id = ?1 AND sender_id = ?2
                 AND read_at IS NULL AND NOT withheld",
                params![user_id, other, ts(now)],
            )?;
            Ok(true)
        })
    }

    /// How many messages wait for `user_id`, and the newest of them.
    pub fn inbox(&self, user_id: i64) -> Result<Inbox> {
        self.store.read(|c| {
            let unread: i64 = c.query_row(
                "SELECT count(*) FROM messages WHERE recipient_id = ?1 AND read_at IS NULL AND NOT withheld",
                [user_id],
                |r| r.get(0),
            )?;
            let latest = c
                .query_row(
                    "SELECT m.id, coalesce(u.handle, '') FROM messages m LEFT JOIN users u ON u.id = m.sender_id
                     WHERE m.recipient_id = ?1 AND m.read_at IS NULL AND NOT m.withheld
                     ORDER BY m.id DESC LIMIT 1",
                    [user_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            Ok(Inbox { unread, latest })
        })
    }

    /// Unread messages by sender, the most recent sender first: for « since your last visit ».
    pub fn unread_by_sender(&self, user_id: i64) -> Result<Vec<(String, i64)>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT coalesce(u.handle, ''), count(*) FROM messages m LEFT JOIN users u ON u.id = m.sender_id
                 WHERE m.recipient_id = ?1 AND m.read_at IS NULL AND NOT m.withheld
                 GROUP BY m.sender_id ORDER BY max(m.id) DESC",
            )?;
            Ok(stmt.query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Blocks (or unblocks) `other` for `user_id`: from now on their messages are kept from
    /// `user_id`, and they are not told.
    pub fn set_blocked(&self, user_id: i64, other: i64, block: bool, now: DateTime<Utc>) -> Result<()> {
        self.store.write(|tx| {
            if block {
                if user_id == other || handle_of(tx, other)?.is_none() {
                    return Err(StoreError::NotFound);
                }
                tx.execute(
                    "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![user_id, other, ts(now)],
                )?;
            } else {
                tx.execute("DELETE FROM blocks WHERE blocker_id = ?1 AND blocked_id = ?2", [user_id, other])?;
            }
            Ok(())
        })
    }

    /// The members `user_id` blocked, sorted: their comments are shown to `user_id` as a line
    /// saying one is hidden.
    pub fn blocked_by(&self, user_id: i64) -> Result<Vec<i64>> {
        self.store.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT blocked_id FROM blocks WHERE blocker_id = ?1 ORDER BY blocked_id")?;
            Ok(stmt.query_map([user_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?)
        })
    }

    /// Reports a message received by `user_id` to the moderators, with the reason they gave
    /// (cleaned and capped here, whatever the client sent). Only the recipient of a message
    /// they could read may report it (`NotFound`); a message they already reported is not
    /// reported again and nothing is written (`Already`); at most [`MAX_REPORTS_PER_DAY`] in
    /// 24 hours (`TooMany`).
    pub fn report(
        &self,
        user_id: i64,
        message_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<(), ReportError> {
        let reason = report_reason(reason);
        // Quiet, then a notice only for a report recorded: a refused one is no news for the
        // other sessions, and must not make them all reload.
        self.store.write_quiet(|tx| {
            let theirs: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND recipient_id = ?2 AND NOT withheld)",
                [message_id, user_id],
                |r| r.get(0),
            ).map_err(StoreError::from)?;
            if !theirs {
                return Err(ReportError::NotFound);
            }
            let (again, today): (bool, i64) = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM message_reports WHERE message_id = ?1 AND reporter_id = ?2),
                        (SELECT count(*) FROM message_reports WHERE reporter_id = ?2 AND created_at > ?3)",
                params![message_id, user_id, ts(now - Duration::hours(24))],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ).map_err(StoreError::from)?;
            if again {
                return Err(ReportError::Already);
            }
            if today >= MAX_REPORTS_PER_DAY {
                return Err(ReportError::TooMany(MAX_REPORTS_PER_DAY));
            }
            tx.execute(
                "INSERT INTO message_reports (message_id, reporter_id, created_at, reason)
                 VALUES (?1, ?2, ?3, ?4)",
                params![message_id, user_id, ts(now), reason],
            )
            .map_err(StoreError::from)?;
            Ok(())
        })?;
        self.store.notify();
        Ok(())
    }
}

impl From<StoreError> for ReportError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ReportError::NotFound,
            e => ReportError::Store(e.to_string()),
        }
    }
}
