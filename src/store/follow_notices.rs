//! Notices written inside the transaction of the write that causes them: a comment
//! published (by its author or by a moderator), a place freed at a meetup. Either both land
//! or neither does, so that no member is told of a reply that was never saved.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, ts};
use crate::domain::follow::{NoticeKind, mentions};

fn insert(
    tx: &Transaction<'_>,
    user: i64,
    kind: NoticeKind,
    actor: Option<i64>,
    comment: Option<(i64, i64)>,
    event: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    // `OR IGNORE`: one notice of a kind per comment and member (see `notices_once`). None
    // from a member the recipient blocked: their words are hidden from them everywhere.
    tx.prepare_cached(
        "INSERT OR IGNORE INTO notices (user_id, kind, actor_id, article_id, comment_id, event_id, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
         WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = ?1 AND blocked_id = ?3)",
    )?
    .execute(params![user, kind.as_str(), actor, comment.map(|c| c.0), comment.map(|c| c.1), event, ts(now)])?;
    Ok(())
}

/// Comment `id` is published now (posted so, or approved): its parent's author is told of
/// the reply, each member it names of the mention — never the author themself, never a
/// suspended member, never twice. Nothing when the comment is not published after all.
pub(super) fn comment_published(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    let row: Option<(i64, i64, Option<i64>, String, String)> = tx
        .query_row(
            "SELECT article_id, author_id, parent_id, body, status FROM comments WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((article, author, parent, body, status)) = row else { return Ok(()) };
    if status != "published" {
        return Ok(());
    }
    let replied: Option<i64> = match parent {
        Some(p) => tx
            .query_row(
                "SELECT c.author_id FROM comments c JOIN users u ON u.id = c.author_id
                 WHERE c.id = ?1 AND c.status <> 'deleted' AND NOT u.banned",
                [p],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    if let Some(to) = replied.filter(|to| *to != author) {
        insert(tx, to, NoticeKind::Reply, Some(author), Some((article, id)), None, now)?;
    }
    for handle in mentions(&body) {
        let to: Option<i64> = tx
            .prepare_cached("SELECT id FROM users WHERE handle = ?1 AND NOT banned")?
            .query_row([&handle], |r| r.get(0))
            .optional()?;
        // Replied to and named in the same comment: the reply says it already.
        if let Some(to) = to.filter(|to| *to != author && Some(*to) != replied) {
            insert(tx, to, NoticeKind::Mention, Some(author), Some((article, id)), None, now)?;
        }
    }
    Ok(())
}

/// A moderator published comment `id`, which was waiting: its author is told, and the
/// members it answers or names learn of it only now.
pub(super) fn comment_approved(
    tx: &Transaction<'_>,
    id: i64,
    waited: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    if waited {
        let row: Option<(i64, i64)> = tx
            .query_row("SELECT article_id, author_id FROM comments WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((article, author)) = row {
            insert(tx, author, NoticeKind::Published, None, Some((article, id)), None, now)?;
        }
    }
    comment_published(tx, id, now)
}

/// The members who have a place at meetup `event` (the first `capacity` to answer; all of
/// them without a capacity), for [`places_freed`].
pub(super) fn going(tx: &Transaction<'_>, event: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT user_id FROM event_attendees WHERE event_id = ?1 ORDER BY joined_at, user_id
         LIMIT coalesce((SELECT capacity FROM events WHERE id = ?1), -1)",
    )?;
    let rows = stmt.query_map([event], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// Those who have a place now and had none `before` (who left cannot be among them): each
/// is told a place was freed for them.
pub(super) fn places_freed(
    tx: &Transaction<'_>,
    event: i64,
    before: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    for user in going(tx, event)? {
        if !before.contains(&user) {
            insert(tx, user, NoticeKind::Place, None, None, Some(event), now)?;
        }
    }
    Ok(())
}
