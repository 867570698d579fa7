//! How far each member read inside each thread, and the notices they have not seen.
//!
//! The reading mark is one integer per (member, article), in the `reads` row the article's
//! first reading made: the id of the last comment the member has seen there. Ids only grow,
//! so « new » is `id > mark`, and the list's counts for a member are one query over their
//! own `reads` rows, each counting only the comments past its mark on an index. A set of
//! comment ids per member would say exactly which were seen, at the cost of a row per
//! comment read (ten million rows for a thousand members on a large bulletin); the mark
//! costs nothing, and the reader moves it only past comments that were on screen
//! ([`crate::domain::follow::advance`]).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, parse_ts, ts};
use crate::domain::follow::{Notice, NoticeKind, Notices, ThreadMark};

pub struct Follow<'s> {
    pub(super) store: &'s Store,
}

/// The columns [`notice_row`] reads, notices as `n`; of a comment, the start of its text
/// (a screen cuts it again to its width).
pub(super) const NOTICE: &str = "SELECT n.id, n.kind, coalesce(u.handle, ''), n.article_id, n.comment_id,
        n.event_id, coalesce(a.title, e.title, ''), coalesce(substr(c.body, 1, 160), ''), n.created_at,
        e.starts_at
    FROM notices n
    LEFT JOIN users u ON u.id = n.actor_id
    LEFT JOIN articles a ON a.id = n.article_id
    LEFT JOIN comments c ON c.id = n.comment_id
    LEFT JOIN events e ON e.id = n.event_id";

pub(super) fn notice_row(r: &Row<'_>) -> rusqlite::Result<Notice> {
    Ok(Notice {
        id: r.get(0)?,
        kind: NoticeKind::parse(&r.get::<_, String>(1)?).unwrap_or(NoticeKind::Reply),
        actor: r.get(2)?,
        article_id: r.get(3)?,
        comment_id: r.get(4)?,
        event_id: r.get(5)?,
        title: r.get(6)?,
        excerpt: r.get(7)?,
        created_at: parse_ts(&r.get::<_, String>(8)?),
        starts_at: r.get::<_, Option<String>>(9)?.map(|s| parse_ts(&s)),
    })
}

/// A notice still to show: not seen, not about a comment the member read past in its
/// thread, nor about one no longer published.
const UNSEEN: &str = "n.user_id = ?1 AND n.seen_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.user_id = ?1 AND r.article_id = n.article_id
                    AND r.seen_comment_id >= n.comment_id)
    AND (c.id IS NULL OR c.status = 'published')";

/// `user`'s notices still to show with an id past `after`, oldest first, and how many are
/// still to show in all.
fn unseen_in(c: &Connection, user: i64, after: i64) -> Result<(Vec<Notice>, i64)> {
    let list = c
        .prepare_cached(&format!("{NOTICE} WHERE {UNSEEN} AND n.id > ?2 ORDER BY n.id"))?
        .query_map(params![user, after], notice_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let count = c
        .prepare_cached(&format!(
            "SELECT count(*) FROM notices n LEFT JOIN comments c ON c.id = n.comment_id WHERE {UNSEEN}"
        ))?
        .query_row([user], |r| r.get(0))?;
    Ok((list, count))
}

impl Follow<'_> {
    /// `user`'s mark in every thread they opened and how many comments came past it from
    /// others: one query, each count read on `comments_by_article_id` from the mark on.
    pub fn marks(&self, user: i64) -> Result<Vec<ThreadMark>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT r.article_id, r.seen_comment_id,
                        (SELECT count(*) FROM comments c
                          WHERE c.article_id = r.article_id AND c.id > r.seen_comment_id
                            AND +c.status = 'published' AND c.author_id <> ?1)
                 FROM reads r WHERE r.user_id = ?1 ORDER BY r.article_id",
            )?;
            let rows = stmt.query_map([user], |r| {
                Ok(ThreadMark { article_id: r.get(0)?, seen: r.get(1)?, new: r.get(2)? })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// `user` has seen the comments of `article` up to `upto`: the mark moves (never back),
    /// and the notices about those comments are seen. Returns how many notices remain
    /// unseen. Nobody else's screen shows it: no change notice.
    pub fn mark_seen(&self, user: i64, article: i64, upto: i64, now: DateTime<Utc>) -> Result<i64> {
        self.store.write_quiet(|tx| {
            tx.execute(
                "INSERT INTO reads (user_id, article_id, read_at, seen_comment_id) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user_id, article_id)
                 DO UPDATE SET seen_comment_id = max(seen_comment_id, excluded.seen_comment_id)",
                params![user, article, ts(now), upto],
            )?;
            tx.execute(
                "UPDATE notices SET seen_at = ?4 WHERE user_id = ?1 AND seen_at IS NULL
                   AND article_id = ?2 AND comment_id <= ?3",
                params![user, article, upto, ts(now)],
            )?;
            Ok(unseen_in(tx, user, i64::MAX)?.1)
        })
    }

    /// `user` reached what notices `ids` are about (from the summary): they are seen.
    pub fn seen(&self, user: i64, ids: &[i64], now: DateTime<Utc>) -> Result<i64> {
        self.store.write_quiet(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE notices SET seen_at = ?3 WHERE id = ?1 AND user_id = ?2 AND seen_at IS NULL",
            )?;
            for id in ids {
                stmt.execute(params![id, user, ts(now)])?;
            }
            Ok(unseen_in(tx, user, i64::MAX)?.1)
        })
    }

    /// The newest notice of the whole server, read once per change for every session.
    pub fn latest(&self) -> Result<i64> {
        let store = self.store;
        let latest = store.inner.notices_latest.get(
            store,
            &(),
            |_| true,
            || store.read(|c| Ok(c.query_row("SELECT coalesce(max(id), 0) FROM notices", [], |r| r.get(0))?)),
        )?;
        Ok(*latest)
    }

    /// What `user` has not seen, when a notice newer than `known` (the server's newest the
    /// session knew) exists; `None` when none does, which costs every session of the server
    /// one shared read per change instead of a query each.
    pub fn check(&self, user: i64, known: i64) -> Result<Option<Notices>> {
        let latest = self.latest()?;
        if latest <= known && known > 0 {
            return Ok(None);
        }
        self.store.read(|c| {
            let (fresh, unseen) = unseen_in(c, user, known)?;
            Ok(Some(Notices { latest, unseen, fresh }))
        })
    }

    /// Every notice `user` has not seen, oldest first: for the summary.
    pub fn unseen(&self, user: i64) -> Result<Vec<Notice>> {
        self.store.read(|c| Ok(unseen_in(c, user, 0)?.0))
    }

    /// Where `user` lives, as the agenda's « near you » measures from: the commune of their
    /// one profile, published or not (the summary is their own). `None` without a commune.
    pub fn home(&self, user: i64) -> Result<Option<(f64, f64)>> {
        self.store.read(|c| {
            Ok(c.query_row(
                "SELECT c.lat, c.lon FROM profiles p JOIN communes c ON c.insee = p.commune_insee
                 WHERE p.user_id = ?1",
                [user],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
        })
    }
}

impl Store {
    pub fn follow(&self) -> Follow<'_> {
        Follow { store: self }
    }
}

#[cfg(test)]
#[path = "follow_tests.rs"]
mod tests;
