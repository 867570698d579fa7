//! Articles of the bulletin, and what each member has read of them.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, parse_ts, ts};
use std::sync::Arc;

use crate::domain::article::{Article, ArticleList, ArticleSummary, NewArticle, Published};

pub struct Articles<'s> {
    pub(super) store: &'s Store,
}

/// The columns of a summary (its `author` the free-text signature, or else the handle of the
/// member who signs), the comment count and the unread flag for member `?1`
/// (NULL for guests, then the flag is NULL too). The `+` keeps SQLite off the status index
/// for the count: without statistics it would walk every published comment of the bulletin
/// for each article instead of the article's own.
pub(super) const SUMMARY: &str = "SELECT a.id, a.slug, a.title, a.rubrique,
        CASE WHEN a.author <> '' THEN a.author
             ELSE coalesce((SELECT u.handle FROM users u WHERE u.id = a.author_id), '') END,
        a.published_at,
        (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND +c.status = 'published'),
        CASE WHEN ?1 IS NULL THEN NULL
             ELSE NOT EXISTS (SELECT 1 FROM reads r WHERE r.user_id = ?1 AND r.article_id = a.id)
        END,
        a.body
    FROM articles a";

pub(super) fn summary(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: row.get(0)?,
        slug: row.get(1)?,
        title: row.get(2)?,
        rubrique: row.get(3)?,
        author: row.get(4)?,
        published_at: parse_ts(&row.get::<_, Option<String>>(5)?.unwrap_or_default()),
        comments: row.get(6)?,
        unread: row.get(7)?,
    })
}

impl Articles<'_> {
    pub fn count(&self) -> Result<i64> {
        self.store.read(|c| Ok(c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?))
    }

    /// Published articles whose date has come, newest first: the order of the list in the UI
    /// and of `articles` without a pty, with `viewer`'s unread marks.
    pub fn list_published(&self, viewer: Option<i64>, now: DateTime<Utc>) -> Result<Vec<ArticleSummary>> {
        let list = ArticleList::new(self.published(now)?, viewer.map(|u| self.read_by(u)).transpose()?);
        Ok(list.items().iter().map(|a| ArticleSummary { unread: list.unread(a.id), ..a.clone() }).collect())
    }

    /// The published articles as every session shares them: read once per change (and once
    /// more when a scheduled article's hour comes), without bodies, the comment counts from
    /// [`Store::comment_counts`].
    pub fn published(&self, now: DateTime<Utc>) -> Result<Arc<Published>> {
        let store = self.store;
        let fresh = |p: &Published| p.next_at.is_none_or(|at| now < at);
        let published = store.inner.published.get(store, &(), fresh, || {
            let counts = store.comment_counts()?;
            store.read(|c| {
                let mut stmt = c.prepare_cached(
                    "SELECT a.id, a.slug, a.title, a.rubrique,
                            CASE WHEN a.author <> '' THEN a.author
                                 ELSE coalesce((SELECT u.handle FROM users u WHERE u.id = a.author_id), '') END,
                            a.published_at, 0, NULL
                     FROM articles a
                     WHERE a.status = 'published' AND a.published_at <= ?1
                     ORDER BY a.published_at DESC, a.id DESC",
                )?;
                let rows = stmt.query_map(params![ts(now)], summary)?;
                let mut items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
                for a in &mut items {
                    a.comments = counts.get(&a.id).copied().unwrap_or(0);
                }
                let next: Option<String> = c
                    .prepare_cached(
                        "SELECT min(published_at) FROM articles WHERE status = 'published' AND published_at > ?1",
                    )?
                    .query_row(params![ts(now)], |r| r.get(0))?;
                Ok(Published { items, next_at: next.map(|s| parse_ts(&s)) })
            })
        })?;
        let next = published.next_at.map_or(i64::MAX, |at| at.timestamp());
        store.inner.next_publish.fetch_min(next, std::sync::atomic::Ordering::AcqRel);
        Ok(published)
    }

    /// The articles `user` has read, by id: with [`Articles::published`], their unread marks.
    pub fn read_by(&self, user: i64) -> Result<Vec<i64>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached("SELECT article_id FROM reads WHERE user_id = ?1")?;
            let rows = stmt.query_map([user], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
        })
    }

    /// A published article by numeric id or by slug.
    pub fn get_published(
        &self,
        key: &str,
        viewer: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Option<Article>> {
        let id: Option<i64> = key.parse().ok();
        self.store.read(|c| {
            let sql = format!(
                "{SUMMARY} WHERE a.status = 'published' AND a.published_at <= ?2
                 AND (a.id = ?3 OR a.slug = ?4)"
            );
            let mut stmt = c.prepare_cached(&sql)?;
            let found = stmt
                .query_row(params![viewer, ts(now), id, key], |row| {
                    Ok(Article { summary: summary(row)?, body: row.get(8)? })
                })
                .optional()?;
            Ok(found)
        })
    }

    pub fn insert(&self, a: &NewArticle) -> Result<i64> {
        self.store.write(|tx| insert_in(tx, a))
    }

    /// Records that `user` has read `article`; reading twice keeps the first date.
    pub fn mark_read(&self, user: i64, article: i64, at: DateTime<Utc>) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO reads (user_id, article_id, read_at) VALUES (?1, ?2, ?3)",
                params![user, article, ts(at)],
            )?;
            Ok(())
        })
    }
}

pub(super) fn insert_in(tx: &rusqlite::Transaction<'_>, a: &NewArticle) -> Result<i64> {
    let now = ts(Utc::now());
    let author_id = author_id(tx, a)?;
    tx.execute(
        "INSERT INTO articles (slug, title, rubrique, author, body, status, published_at, created_at, updated_at,
                               author_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
        params![
            a.slug,
            a.title,
            a.rubrique,
            a.author,
            a.body,
            if a.published { "published" } else { "draft" },
            ts(a.published_at),
            now,
            author_id
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The member who signs `a`, by their handle; a handle nobody has is refused, and the
/// transaction with it: an import lands whole or not at all.
pub(super) fn author_id(tx: &rusqlite::Connection, a: &NewArticle) -> Result<Option<i64>> {
    let Some(handle) = a.author_handle.as_deref() else { return Ok(None) };
    let id: Option<i64> =
        tx.query_row("SELECT id FROM users WHERE handle = ?1", [handle], |r| r.get(0)).optional()?;
    match id {
        Some(id) => Ok(Some(id)),
        None => Err(crate::domain::console::Refusal::NoSuchAuthor(handle.to_string()).into()),
    }
}
