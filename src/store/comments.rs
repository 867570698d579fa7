//! Comments under articles: threads, posting with its rules, editing, moderation.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Page, Result, Store, StoreError, page_limit, paged, parse_ts, ts};
use crate::domain::comment::{
    Comment, CommentPolicy, CommentStatus, EDIT_WINDOW_MINUTES, MAX_DEPTH, PostError, check_body, check_pace,
};

pub struct Comments<'s> {
    pub(super) store: &'s Store,
}

impl From<StoreError> for PostError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(cause) => PostError::Unavailable(cause.to_string()),
            e @ StoreError::Gone(_) => PostError::Unavailable(e.to_string()),
            e => PostError::Store(e.to_string()),
        }
    }
}

impl From<rusqlite::Error> for PostError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from(e).into()
    }
}

/// The columns [`comment_row`] reads (indexes 0 to 8), comments as `c`, authors as `u`.
pub(super) const FIELDS: &str = "c.id, c.article_id, c.parent_id, c.author_id, coalesce(u.handle, ''),
        c.body, c.status, c.created_at, c.edited_at";

/// Comments with their author, for [`FIELDS`].
pub(super) const FROM: &str = "FROM comments c LEFT JOIN users u ON u.id = c.author_id";

/// `SELECT {FIELDS} {FROM}`, the common start of comment queries.
fn select() -> String {
    format!("SELECT {FIELDS} {FROM}")
}

/// A row of [`FIELDS`], at depth 0 (the caller knows the depth) and with the text of a
/// deleted comment blanked, whatever is left in the row.
pub(super) fn comment_row(row: &Row<'_>) -> rusqlite::Result<Comment> {
    let status = CommentStatus::parse(&row.get::<_, String>(6)?).unwrap_or(CommentStatus::Hidden);
    Ok(Comment {
        id: row.get(0)?,
        article_id: row.get(1)?,
        parent_id: row.get(2)?,
        author_id: row.get(3)?,
        author: row.get(4)?,
        body: if status == CommentStatus::Deleted { String::new() } else { row.get(5)? },
        status,
        created_at: parse_ts(&row.get::<_, String>(7)?),
        edited_at: row.get::<_, Option<String>>(8)?.map(|s| parse_ts(&s)),
        depth: 0,
    })
}

/// The display depth of a comment whose parent is `parent`: its ancestors, counted up to
/// [`MAX_DEPTH`] (no need to climb further).
pub(super) fn display_depth(c: &Connection, mut parent: Option<i64>) -> rusqlite::Result<u8> {
    let mut depth = 0;
    while let Some(p) = parent {
        if depth == MAX_DEPTH {
            break;
        }
        depth += 1;
        parent = c
            .query_row("SELECT parent_id FROM comments WHERE id = ?1", [p], |r| r.get(0))
            .optional()?
            .flatten();
    }
    Ok(depth)
}

fn get_in(c: &Connection, id: i64) -> rusqlite::Result<Option<Comment>> {
    let found = c.query_row(&format!("{} WHERE c.id = ?1", select()), [id], comment_row).optional()?;
    match found {
        Some(mut comment) => {
            comment.depth = display_depth(c, comment.parent_id)?;
            Ok(Some(comment))
        }
        None => Ok(None),
    }
}

/// The author as the posting rules need them.
struct Author {
    handle: Option<String>,
    banned: bool,
    approved: bool,
}

/// The member about to write, refused when suspended: every write starts here.
fn author_in(c: &Connection, id: i64) -> std::result::Result<Author, PostError> {
    let author = c
        .query_row("SELECT handle, banned, approved FROM users WHERE id = ?1", [id], |r| {
            Ok(Author { handle: r.get(0)?, banned: r.get(1)?, approved: r.get(2)? })
        })
        .optional()?
        .ok_or(PostError::NotFound)?;
    if author.banned {
        return Err(PostError::Banned);
    }
    Ok(author)
}

/// Whether `now` is still within the edit window of a comment created at `created`.
fn in_window(created: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - created <= Duration::minutes(EDIT_WINDOW_MINUTES)
}

/// Orders `all` (the comments of one article, oldest first) as a thread and keeps those
/// `viewer` may see. See [`Comments::for_article`].
fn thread(all: Vec<Comment>, viewer: Option<i64>, moderator: bool) -> Vec<Comment> {
    let index: HashMap<i64, usize> = all.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    let mut roots = Vec::new();
    for (i, c) in all.iter().enumerate() {
        // A parent outside this article (or gone) makes a top-level comment.
        match c.parent_id.and_then(|p| index.get(&p)) {
            Some(&p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    // Pre-order walk with an explicit stack: a long chain of replies cannot overflow it.
    // `blocked`: under a comment the viewer may not see, whose replies are out of context.
    let mut order: Vec<(usize, u8, bool)> = Vec::with_capacity(all.len());
    let mut stack: Vec<(usize, u8, bool)> = roots.iter().rev().map(|&r| (r, 0, false)).collect();
    let mut seen = vec![false; all.len()];
    while let Some((i, depth, blocked)) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        order.push((i, depth, blocked));
        let c = &all[i];
        let blocks = c.status != CommentStatus::Deleted && !self_visible(c, viewer, moderator);
        for &child in children[i].iter().rev() {
            stack.push((child, depth.saturating_add(1), blocked || blocks));
        }
    }
    // Children come after their parent in pre-order: walking backwards decides them first.
    let mut shown = vec![false; all.len()];
    for &(i, _, blocked) in order.iter().rev() {
        let c = &all[i];
        shown[i] = !blocked
            && (self_visible(c, viewer, moderator)
                || (c.status == CommentStatus::Deleted && children[i].iter().any(|&ch| shown[ch])));
    }
    let mut slots: Vec<Option<Comment>> = all.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter(|(i, _, _)| shown[*i])
        .filter_map(|(i, depth, _)| {
            let mut c = slots[i].take()?;
            c.depth = depth.min(MAX_DEPTH);
            Some(c)
        })
        .collect()
}

/// Whether a comment is shown for itself (a deleted one only ever stands for its replies).
fn self_visible(c: &Comment, viewer: Option<i64>, moderator: bool) -> bool {
    match c.status {
        CommentStatus::Published => true,
        CommentStatus::Pending => moderator || viewer == Some(c.author_id),
        CommentStatus::Hidden => moderator,
        CommentStatus::Deleted => false,
    }
}

impl Comments<'_> {
    /// The comments of an article in thread order: each top-level comment by date, then its
    /// replies depth-first by date; depth capped at 2.
    ///
    /// Shows published comments; pending ones to their author and to moderators; hidden
    /// ones to moderators only; deleted ones (body `""`) only when a reply under them is
    /// shown, so that the reply keeps its place. Replies under a comment the viewer may not
    /// see are not shown either: they would answer nothing visible, and often quote it.
    pub fn for_article(&self, article_id: i64, viewer: Option<i64>, moderator: bool) -> Result<Vec<Comment>> {
        self.store.read(|c| {
            let sql = format!("{} WHERE c.article_id = ?1 ORDER BY c.created_at, c.id", select());
            let mut stmt = c.prepare_cached(&sql)?;
            let all = stmt.query_map([article_id], comment_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(thread(all, viewer, moderator))
        })
    }

    /// [`Comments::for_article`], shared with every session that sees the thread the same:
    /// guests and members alike (unless the member has a comment waiting there, which only
    /// they see), moderators among themselves. Read once per change.
    pub fn thread(&self, article_id: i64, viewer: Option<i64>, moderator: bool) -> Result<Arc<Vec<Comment>>> {
        if !moderator
            && let Some(user) = viewer
            && self.waits_in(article_id, user)?
        {
            return self.for_article(article_id, viewer, false).map(Arc::new);
        }
        let store = self.store;
        store.inner.threads.get(
            store,
            &(article_id, moderator),
            |_| true,
            || self.for_article(article_id, None, moderator),
        )
    }

    /// Whether `user` has a comment waiting for a moderator under `article_id`.
    fn waits_in(&self, article_id: i64, user: i64) -> Result<bool> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM comments
                                WHERE author_id = ?2 AND article_id = ?1 AND status = 'pending')",
            )?;
            Ok(stmt.query_row(params![article_id, user], |r| r.get(0))?)
        })
    }

    /// One comment, whatever its status.
    pub fn get(&self, id: i64) -> Result<Option<Comment>> {
        self.store.read(|c| Ok(get_in(c, id)?))
    }

    /// Comments waiting for a moderator, oldest first: the moderation queue.
    pub fn pending(&self) -> Result<Vec<Comment>> {
        Ok(self.pending_page(None)?.rows)
    }

    /// Every comment, whatever its status, oldest first.
    pub fn all(&self) -> Result<Vec<Comment>> {
        self.listed("ORDER BY c.created_at, c.id", "", None).map(|p| p.rows)
    }

    /// The moderation queue, oldest first: its first `limit` comments (`None`: all) and how
    /// many wait in all.
    pub fn pending_page(&self, limit: Option<usize>) -> Result<Page<Comment>> {
        self.listed(
            "WHERE c.status = 'pending' ORDER BY c.created_at, c.id",
            "WHERE status = 'pending'",
            limit,
        )
    }

    /// Every comment, whatever its status, newest first: the latest `limit` (`None`: all)
    /// and how many there are in all (the operator's list).
    pub fn latest(&self, limit: Option<usize>) -> Result<Page<Comment>> {
        self.listed("ORDER BY c.created_at DESC, c.id DESC", "", limit)
    }

    /// The comments `order` (a `WHERE` on `c` and an `ORDER BY`) gives, at most `limit`
    /// read; `count_filter` is the same `WHERE` on the bare table, for the total.
    fn listed(&self, order: &str, count_filter: &str, limit: Option<usize>) -> Result<Page<Comment>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(&format!("{} {order} LIMIT ?1", select()))?;
            let rows = stmt
                .query_map([page_limit(limit)], comment_row)?
                .map(|comment| {
                    let mut comment = comment?;
                    comment.depth = display_depth(c, comment.parent_id)?;
                    Ok(comment)
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            paged(rows, limit, || {
                c.query_row(&format!("SELECT count(*) FROM comments {count_filter}"), [], |r| r.get(0))
            })
        })
    }

    /// Posts a comment, checking in one transaction, in this order: the author exists
    /// (`NotFound`), is not suspended (`Banned`) and has a handle (`NoHandle`); the article
    /// is published (`NotFound`); the parent, if any, is a comment of the same article the
    /// author can see (`NotFound`); the body (`Empty`, `TooLong`); the pace (`TooFast` with
    /// the seconds left, `DailyLimit`). Deleted comments count towards the pace: deleting
    /// and posting again is no way round it.
    ///
    /// The comment waits for a moderator (`Pending`) when the policy says so (see
    /// [`CommentPolicy::needs_review`]); otherwise it is published at once.
    pub fn post(
        &self,
        author_id: i64,
        article_id: i64,
        parent_id: Option<i64>,
        body: &str,
        policy: &CommentPolicy,
        now: DateTime<Utc>,
    ) -> std::result::Result<Comment, PostError> {
        let checked = check_body(body, policy.max_chars);
        self.store.write(|tx| {
            let author = author_in(tx, author_id)?;
            if author.handle.is_none() {
                return Err(PostError::NoHandle);
            }
            let article: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1 AND status = 'published'
                                AND published_at <= ?2)",
                params![article_id, ts(now)],
                |r| r.get(0),
            )?;
            if !article {
                return Err(PostError::NotFound);
            }
            if let Some(parent) = parent_id {
                let found: Option<(i64, String, i64)> = tx
                    .query_row(
                        "SELECT article_id, status, author_id FROM comments WHERE id = ?1",
                        [parent],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                let replyable = match found {
                    Some((a, status, by)) if a == article_id => {
                        status == "published" || (status == "pending" && by == author_id)
                    }
                    _ => false,
                };
                if !replyable {
                    return Err(PostError::NotFound);
                }
            }
            let body = checked?;
            let last: Option<String> = tx.query_row(
                "SELECT max(created_at) FROM comments WHERE author_id = ?1",
                [author_id],
                |r| r.get(0),
            )?;
            let today: i64 = tx.query_row(
                "SELECT count(*) FROM comments WHERE author_id = ?1 AND created_at > ?2",
                params![author_id, ts(now - Duration::hours(24))],
                |r| r.get(0),
            )?;
            check_pace(last.map(|l| parse_ts(&l)), today, policy, now)?;
            let status = if policy.needs_review(&body, author.approved) {
                CommentStatus::Pending
            } else {
                CommentStatus::Published
            };
            tx.execute(
                "INSERT INTO comments (article_id, parent_id, author_id, body, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![article_id, parent_id, author_id, body, status.as_str(), ts(now)],
            )?;
            // Mid-transaction, the row written and the writer held: the worst place to fail.
            #[cfg(debug_assertions)]
            super::faults::panic_if_triggered(&body);
            let id = tx.last_insert_rowid();
            super::follow_notices::comment_published(tx, id, now)?;
            get_in(tx, id)?.ok_or(PostError::NotFound)
        })
    }

    /// Changes the text of one's own comment within [`EDIT_WINDOW_MINUTES`] of posting
    /// (`TooLate` after), unless deleted (`NotFound`); sets `edited_at`. The body follows
    /// the same rules as a new one. A published comment edited into one that would wait
    /// (links added, everything moderated) goes back to waiting: editing is no way round
    /// moderation.
    pub fn edit(
        &self,
        author_id: i64,
        id: i64,
        body: &str,
        policy: &CommentPolicy,
        now: DateTime<Utc>,
    ) -> std::result::Result<Comment, PostError> {
        let checked = check_body(body, policy.max_chars);
        self.store.write(|tx| {
            let author = author_in(tx, author_id)?;
            let comment = get_in(tx, id)?.ok_or(PostError::NotFound)?;
            own_and_in_window(&comment, author_id, now)?;
            let body = checked?;
            let status = if comment.status == CommentStatus::Published
                && policy.needs_review(&body, author.approved)
            {
                CommentStatus::Pending
            } else {
                comment.status
            };
            tx.execute(
                "UPDATE comments SET body = ?1, edited_at = ?2, status = ?3 WHERE id = ?4",
                params![body, ts(now), status.as_str(), id],
            )?;
            // A name added by the edit is told; those told already are not told again.
            super::follow_notices::comment_published(tx, id, now)?;
            get_in(tx, id)?.ok_or(PostError::NotFound)
        })
    }

    /// Withdraws one's own comment within the edit window: the status becomes `Deleted` and
    /// the text is erased, the row stays so that replies keep their place.
    pub fn delete(&self, author_id: i64, id: i64, now: DateTime<Utc>) -> std::result::Result<(), PostError> {
        self.store.write(|tx| {
            author_in(tx, author_id)?;
            let comment = get_in(tx, id)?.ok_or(PostError::NotFound)?;
            own_and_in_window(&comment, author_id, now)?;
            tx.execute("UPDATE comments SET status = 'deleted', body = '' WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Sets a comment's status, for tests: [`Comments::moderate`] is the admins' way, with
    /// its line in the audit log.
    pub fn set_status(&self, id: i64, status: CommentStatus) -> Result<()> {
        self.store.write(|tx| set_status_in(tx, id, status).map(|_| ()))
    }

    /// A moderator's decision: approve (publish), hide or delete, signed by `actor` in the
    /// audit log. Approving a pending comment also approves its author (under
    /// `--moderation first` their next comments go straight out); deleting erases the text as
    /// the author's own deletion does. Returns the status the comment had.
    pub fn moderate(&self, actor: &str, id: i64, status: CommentStatus) -> Result<CommentStatus> {
        self.store.write(|tx| {
            let old = set_status_in(tx, id, status)?;
            if old != status {
                super::audit::record(tx, actor, action_of(status), &format!("comment {id}"), "")?;
            }
            Ok(old)
        })
    }
}

impl Comments<'_> {
    /// A moderator's decision over SSH: the role is checked in the same transaction (a
    /// member demoted a second ago can no longer act), and the audit log names them.
    pub fn moderate_as(
        &self,
        moderator: i64,
        id: i64,
        status: CommentStatus,
    ) -> std::result::Result<CommentStatus, PostError> {
        self.store.write(|tx| {
            let (handle, allowed): (Option<String>, bool) = tx
                .query_row(
                    "SELECT handle, role IN ('moderator', 'admin') AND NOT banned FROM users WHERE id = ?1",
                    [moderator],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or(PostError::NotFound)?;
            if !allowed {
                return Err(PostError::NotYours);
            }
            let old = set_status_in(tx, id, status).map_err(|e| match e {
                StoreError::NotFound => PostError::NotFound,
                e => PostError::from(e),
            })?;
            if old != status {
                let actor = format!("@{}", handle.unwrap_or_else(|| format!("#{moderator}")));
                super::audit::record(tx, &actor, action_of(status), &format!("comment {id}"), "")?;
            }
            Ok(old)
        })
    }
}

fn action_of(status: CommentStatus) -> &'static str {
    match status {
        CommentStatus::Published => "comment.approve",
        CommentStatus::Hidden => "comment.hide",
        CommentStatus::Deleted => "comment.delete",
        CommentStatus::Pending => "comment.hold",
    }
}

fn set_status_in(tx: &rusqlite::Transaction<'_>, id: i64, status: CommentStatus) -> Result<CommentStatus> {
    let found: Option<(String, i64)> = tx
        .query_row("SELECT status, author_id FROM comments WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((old, author)) = found else {
        return Err(StoreError::NotFound);
    };
    let old = CommentStatus::parse(&old).unwrap_or(CommentStatus::Hidden);
    if status == CommentStatus::Deleted {
        tx.execute("UPDATE comments SET status = 'deleted', body = '' WHERE id = ?1", [id])?;
    } else {
        tx.execute("UPDATE comments SET status = ?1 WHERE id = ?2", params![status.as_str(), id])?;
    }
    if old == CommentStatus::Pending && status == CommentStatus::Published {
        tx.execute("UPDATE users SET approved = 1 WHERE id = ?1", [author])?;
    }
    if old != status && status == CommentStatus::Published {
        super::follow_notices::comment_approved(tx, id, old == CommentStatus::Pending, Utc::now())?;
    }
    Ok(old)
}

fn own_and_in_window(
    comment: &Comment,
    author_id: i64,
    now: DateTime<Utc>,
) -> std::result::Result<(), PostError> {
    if comment.author_id != author_id {
        return Err(PostError::NotYours);
    }
    if comment.status == CommentStatus::Deleted {
        return Err(PostError::NotFound);
    }
    if !in_window(comment.created_at, now) {
        return Err(PostError::TooLate);
    }
    Ok(())
}

#[cfg(test)]
#[path = "comments_tests.rs"]
mod tests;
